/**
 * The layers of the app and the import rules between them, stated once here; check.ts applies them and
 * layers.test.ts checks every file in app/, components/, lib/ and the root's .ts files. docs/architecture-layers.md
 * explains them.
 *
 * Decisions: a type-only import is checked like any other (a type borrowed from above ties the layers together as
 * surely as a value: the wire contract and the domain once imported each other through types alone); test files
 * follow their folder's rules and may also import testing/.
 */

/** Top to bottom. A file may import its own layer and any layer below it, never one above. */
export const LAYERS: readonly { name: string; paths: readonly string[] }[] = [
  { name: "app", paths: ["app/", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "next.config.ts"] },
  { name: "components", paths: ["components/"] },
  { name: "lib/api", paths: ["lib/api/"] },
  // The domain folders sit side by side: they may import one another, never in a cycle.
  { name: "domain", paths: ["lib/kb/", "lib/lab/", "lib/eval/", "lib/serve/", "lib/store/"] },
  { name: "lib/engine", paths: ["lib/engine/"] },
  { name: "lib/pooling", paths: ["lib/pooling/"] },
];

/** Plain files every layer may import; they import nothing but one another. */
export const SHARED: readonly string[] = ["lib/errors.ts", "lib/config.ts", "lib/seeded-random.ts"];

/** Support for tests: it may import anything; only tests (and scripts/, e2e/, which are not checked) import it. */
export const TEST_SUPPORT = "testing/";

/** What the browser's code (components/) never imports, even for a type: the engine, the database, the server's environment. */
export const NOT_IN_BROWSER: readonly string[] = ["lib/engine/", "lib/store/", "lib/config.ts"];

/** Files whose value imports, followed all the way, load no engine code: the proxy runs on every request. */
export const ENGINE_FREE: readonly string[] = ["proxy.ts", "lib/api/respond.ts"];

/** Packages only one folder may import: onnxruntime is the engine's alone. */
export const PACKAGE_OWNERS: Readonly<Record<string, string>> = { "onnxruntime-node": "lib/engine/", "onnxruntime-common": "lib/engine/" };

/** The folders and root files checked. */
export const CHECKED: readonly string[] = ["app/", "components/", "lib/", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "next.config.ts"];
