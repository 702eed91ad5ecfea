// pdfjs-dist requires this package in a try/catch to polyfill drawing APIs; failing here leaves them unset, which
// text extraction never needs (docs/dependencies.md).
throw new Error("@napi-rs/canvas is not installed: Semantic Radar reads PDF text only and never draws a page.");
