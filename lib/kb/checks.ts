/** Checks on a search request that the schema cannot express with the right error code. Pure. */
import { AppError, describeValue } from "../errors";
import { isPooling, POOLINGS, type Pooling } from "../pooling/strategies";

/** Checks pooling names against the closed list; the message lists the valid ones. */
export function requirePoolings(names: readonly string[]): Pooling[] {
  const unknown = names.filter((name) => !isPooling(name));
  if (unknown.length) {
    throw new AppError(
      "unknown_pooling",
      `Unknown pooling ${unknown.map((name) => describeValue(name)).join(", ")}: expected one of ${POOLINGS.join(", ")}.`,
    );
  }
  return [...new Set(names as Pooling[])];
}

// Zero-width spaces, joiners, direction marks, BOM and other format or control characters: nothing to embed.
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

/** The query, trimmed; a query of only whitespace or invisible characters is empty. */
export function requireQuery(query: string): string {
  const text = query.trim();
  if (!text.replace(INVISIBLE, "").trim()) {
    throw new AppError("empty_input", "The query is empty: expected some text to search for, got only whitespace or invisible characters.");
  }
  return text;
}
