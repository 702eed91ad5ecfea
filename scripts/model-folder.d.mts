// Types of model-folder.mjs (plain JavaScript, run by the model install without a TypeScript step).

/** transformers.js's graph file names; a model folder needs at least one. */
export const GRAPH_NAMES: string[];

/** Every problem that keeps a model folder from loading, each naming its file; empty when it is usable. */
export function modelFolderProblems(dir: string): string[];

/** Copies a checked folder to `target` (hard links where possible, through `target.partial`); returns the files. */
export function installModelFolder(source: string, target: string): string[];
