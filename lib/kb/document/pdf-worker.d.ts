/** PDF.js's parsing handler, loaded in the document worker itself (parse-pdf.ts); the package ships no types for it. */
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
