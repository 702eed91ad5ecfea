/**
 * An imported knowledge base is held to what an embedded one is: every pooling the models give (a search or a map
 * may ask for any of them), entries as cleaning leaves them, and finite unit vectors (search scores are dot
 * products, read as cosines). A file that breaks one of these is refused whole, in plain words, instead of
 * answering 500s or scores over 1 later. Pure.
 */
import { AppError } from "../errors";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { cutToChars, HAS_MEANING, wellFormed } from "./clean";
import { MAX_ENTRY_CHARS } from "./limits";

/** How far from 1 a saved vector's length may be: float32 rounding of a normalized row stays well inside it. */
export const UNIT_TOLERANCE = 1e-3;

/** Every pooling, each once (the export names them in any order). */
export function checkImportPoolings(poolings: readonly Pooling[]): void {
  const repeated = poolings.filter((p, i) => poolings.indexOf(p) !== i);
  if (repeated.length > 0) throw refused(`the manifest names the ${[...new Set(repeated)].join(", ")} pooling more than once: expected each pooling once`);
  const missing = POOLINGS.filter((p) => !poolings.includes(p));
  if (missing.length > 0) {
    throw refused(`expected vectors for every pooling (${POOLINGS.join(", ")}), got ${poolings.join(", ")}; missing ${missing.join(", ")}. Export it again from a radar that saves every pooling, or embed the entries again`);
  }
}

/**
 * Entries as cleaning leaves them: well-formed text, trimmed, with a letter or digit, each once, within the length.
 * A document's chunks are slices of its text, kept as they are: they may repeat and keep their white space.
 */
export function checkImportEntries(entries: readonly string[], options: { chunks?: boolean } = {}): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const problem = entryProblem(options.chunks ? entry.trim() : entry, options.chunks ? undefined : seen.get(entry));
    if (problem) throw refused(`entry ${index} ${problem}; expected entries as the radar keeps them after cleaning`);
    seen.set(entry, index);
  });
}

function entryProblem(entry: string, earlier: number | undefined): string | undefined {
  if (wellFormed(entry) !== entry) return "holds a lone surrogate (half of a UTF-16 pair, not a character)";
  if (entry.trim() === "") return "is blank";
  if (entry.trim() !== entry) return "starts or ends with white space";
  if (!HAS_MEANING.test(entry)) return "has no letter or digit";
  if (earlier !== undefined) return `repeats entry ${earlier}`;
  if (cutToChars(entry, MAX_ENTRY_CHARS) !== entry) return `has ${entry.length.toLocaleString("en")} characters, over the ${MAX_ENTRY_CHARS.toLocaleString("en")} an entry is cut to`;
  return undefined;
}

/** Each row of a [count, dims] matrix finite and of length 1. */
export function checkImportVectors(pooling: Pooling, rows: Float32Array, dims: number): void {
  for (let row = 0; row * dims < rows.length; row++) {
    let squares = 0;
    for (let d = row * dims; d < (row + 1) * dims; d++) {
      if (!Number.isFinite(rows[d])) throw refused(`the ${pooling} vector of entry ${row} holds ${rows[d]}: expected finite numbers`);
      squares += rows[d] * rows[d];
    }
    const length = Math.sqrt(squares);
    if (Math.abs(length - 1) > UNIT_TOLERANCE) {
      throw refused(`the ${pooling} vector of entry ${row} has length ${length.toPrecision(4)}: expected unit vectors (length 1), as the radar saves them`);
    }
  }
}

function refused(why: string): AppError {
  return new AppError("invalid_input", `Cannot import: ${why}.`);
}
