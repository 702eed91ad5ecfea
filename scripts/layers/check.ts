/** The machinery that applies rules.ts: parsing imports (with TypeScript's own parser), resolving them, walking the graph. */
import ts from "typescript";
import { ENGINE_FREE, LAYERS, NOT_IN_BROWSER, PACKAGE_OWNERS, SHARED, TEST_SUPPORT } from "./rules";

export interface Import {
  /** As written: "@/lib/kb/types", "../engine", "node:fs". */
  specifier: string;
  /** The file it names, relative to the root, when it is one of ours; undefined for a package. */
  target?: string;
  typeOnly: boolean;
}

/** What the checker reads: a file's text by its path from the repository root, undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx"];

/** Every import, export-from, dynamic import() and import("...") type of a file, resolved against `read`. */
export function importsOf(path: string, source: string, read: ReadFile): Import[] {
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : path.endsWith("js") ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, kind);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => found.push({ specifier, typeOnly, target: resolveImport(path, specifier, read) });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, isTypeOnlyExport(node));
    else if (ts.isCallExpression(node) && isImportOrRequire(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) add(node.arguments[0].text, false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) add(node.argument.literal.text, true);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function isImportOrRequire(call: ts.CallExpression): boolean {
  return call.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === "require");
}

// `import { type A, type B }` is elided as a whole, like `import type { A, B }`; `import "x"` runs x.
function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** "@/lib/x" and "./x" to a file of ours; undefined for a package or a file that is not there. */
export function resolveImport(from: string, specifier: string, read: ReadFile): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = joinPath(from.split("/").slice(0, -1).join("/"), specifier);
  else return undefined;
  return EXTENSIONS.map((ext) => base + ext).find((candidate) => read(candidate) !== undefined);
}

function joinPath(dir: string, relative: string): string {
  const parts = dir ? dir.split("/") : [];
  for (const part of relative.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

const under = (path: string, prefix: string) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix);

/** The index of a file's layer in LAYERS, "shared", "testing", or undefined (outside the checked code). */
export function placeOf(path: string): number | "shared" | "testing" | undefined {
  // A shared file's own test (lib/config.test.ts) sits with it.
  if (SHARED.includes(path) || SHARED.includes(path.replace(/\.test\.ts$/, ".ts"))) return "shared";
  if (path.startsWith(TEST_SUPPORT)) return "testing";
  const index = LAYERS.findIndex((layer) => layer.paths.some((prefix) => under(path, prefix)));
  return index >= 0 ? index : undefined;
}

/** lib/kb/x.ts -> "lib/kb/" (its domain folder), for the cycle check. */
function domainFolderOf(path: string): string | undefined {
  return LAYERS.find((layer) => layer.name === "domain")!.paths.find((prefix) => path.startsWith(prefix));
}

export const isTestFile = (path: string) => /\.(test|spec)\.tsx?$/.test(path);

/** Why importing `to` from `from` breaks a rule, or undefined when it is allowed. One edge at a time. */
export function edgeViolation(from: string, imported: Import): string | undefined {
  const to = imported.target;
  const shown = `${from} imports ${to ?? imported.specifier}${imported.typeOnly ? " (types only)" : ""}`;
  if (to === undefined) {
    const owner = Object.entries(PACKAGE_OWNERS).find(([name]) => imported.specifier === name || imported.specifier.startsWith(`${name}/`))?.[1];
    if (owner && !from.startsWith(owner)) return `${shown}: only ${owner} may import ${imported.specifier}`;
    return undefined;
  }
  const source = placeOf(from);
  const target = placeOf(to);
  if (source === undefined || source === "testing") return undefined;
  if (target === "testing") return isTestFile(from) ? undefined : `${shown}: only tests import ${TEST_SUPPORT}`;
  if (source === "shared") return target === "shared" ? undefined : `${shown}: a shared file imports only other shared files (${SHARED.join(", ")})`;
  if (from.startsWith("components/") && NOT_IN_BROWSER.some((prefix) => under(to, prefix))) {
    return `${shown}: components run in the browser and never import ${NOT_IN_BROWSER.join(", ")}`;
  }
  if (target === "shared" || target === undefined) return undefined;
  if (target < source) return `${shown}: ${LAYERS[source].name} may not import ${LAYERS[target].name}, a layer above it (${layerChain()})`;
  return undefined;
}

export const layerChain = () => LAYERS.map((layer) => layer.name).join(" -> ");

export interface Graph {
  /** Every file reached from the checked ones, with its imports. */
  files: Map<string, { source: string; imports: Import[] }>;
}

/** Parses `roots` and every file of ours they import, transitively. */
export function buildGraph(roots: readonly string[], read: ReadFile): Graph {
  const files: Graph["files"] = new Map();
  const queue = [...roots];
  while (queue.length) {
    const path = queue.pop()!;
    if (files.has(path)) continue;
    const source = read(path);
    if (source === undefined || !/\.(ts|tsx|mts|mjs|js)$/.test(path)) continue;
    const imports = importsOf(path, source, read);
    files.set(path, { source, imports });
    for (const imported of imports) if (imported.target) queue.push(imported.target);
  }
  return { files };
}

/** Files reached from `start` through value imports (what loading it loads). */
export function loadedBy(graph: Graph, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of graph.files.get(path)?.imports ?? []) if (imported.target && !imported.typeOnly) queue.push(imported.target);
  }
  return seen;
}

const SERVER_ONLY = /^import\s+["']server-only["'];?\s*$/m;

/** Why a module cannot run in the browser: it says server-only, or loads a node: builtin. */
function serverOnlyReason(graph: Graph, path: string): string | undefined {
  const file = graph.files.get(path);
  if (!file) return undefined;
  if (SERVER_ONLY.test(file.source)) return `${path} is server-only`;
  const builtin = file.imports.find((imported) => !imported.typeOnly && imported.specifier.startsWith("node:"));
  return builtin ? `${path} loads ${builtin.specifier}` : undefined;
}

/** Every broken rule among `checked` (the files the rules apply to), as sentences; [] when all hold. */
export function violations(checked: readonly string[], read: ReadFile): string[] {
  const graph = buildGraph(checked, read);
  const found: string[] = [];
  for (const path of checked) {
    if (placeOf(path) === undefined) found.push(`${path} is in no layer: put it in one of ${LAYERS.map((layer) => layer.paths.join(", ")).join("; ")}, or in ${TEST_SUPPORT} if only tests use it`);
    for (const imported of graph.files.get(path)?.imports ?? []) {
      const why = edgeViolation(path, imported);
      if (why) found.push(why);
    }
  }
  for (const path of checked.filter((p) => p.startsWith("components/") && !isTestFile(p))) {
    for (const loaded of loadedBy(graph, path)) {
      const why = serverOnlyReason(graph, loaded);
      if (why) found.push(`${path} loads ${loaded} in the browser: ${why}`);
    }
  }
  for (const start of ENGINE_FREE.filter((p) => graph.files.has(p))) {
    const engine = [...loadedBy(graph, start)].filter((p) => p.startsWith("lib/engine/"));
    if (engine.length) found.push(`${start} loads engine code (${engine.slice(0, 3).join(", ")}): it must load none`);
  }
  found.push(...domainCycles(graph, checked));
  return [...new Set(found)];
}

/** Cycles between the domain folders (lib/kb -> lib/store -> lib/kb), from their files' imports. */
function domainCycles(graph: Graph, checked: readonly string[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const path of checked) {
    const from = domainFolderOf(path);
    if (!from) continue;
    for (const imported of graph.files.get(path)?.imports ?? []) {
      const to = imported.target && domainFolderOf(imported.target);
      if (to && to !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
    }
  }
  const cycles: string[] = [];
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
    [...(edges.get(from) ?? [])].some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
  for (const [from, targets] of edges) for (const to of targets) if (reaches(to, from)) cycles.push(`the domain folders ${from} and ${to} import each other (through ${to}'s imports)`);
  return cycles;
}
