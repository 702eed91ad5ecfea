/**
 * Is a file given to Import a Semantic Radar export at all, and if not, why not: said in plain words, never as a
 * schema path. The browser asks before it sends a file (and words the answer in its language); the import route
 * asks first too, and words what else is wrong with an export by the part of the file it is in. Pure.
 */
import type { z } from "zod";
import { NO_NUL_MESSAGE } from "./contract/fields";
import { EXPORT_FORMAT, EXPORT_VERSION } from "./contract/library";

export type ExportFileProblem =
  | { kind: "not-json" }
  | { kind: "no-format" }
  | { kind: "other-format"; format: string }
  | { kind: "other-version"; version: string };

/** What makes a parsed JSON value not an export of this version; null when it claims to be one. */
export function exportFileProblem(parsed: unknown): ExportFileProblem | null {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !("format" in parsed)) return { kind: "no-format" };
  const { format, version } = parsed as { format: unknown; version?: unknown };
  if (format !== EXPORT_FORMAT) return { kind: "other-format", format: String(format).slice(0, 40) };
  if (version !== EXPORT_VERSION) return { kind: "other-version", version: String(version).slice(0, 20) };
  return null;
}

/** The same question about a file's text. */
export function exportFileTextProblem(text: string): ExportFileProblem | null {
  try {
    return exportFileProblem(JSON.parse(text));
  } catch {
    return { kind: "not-json" };
  }
}

/** "This file is not a Semantic Radar export: ..." (English, for the API). */
export function notAnExportMessage(problem: ExportFileProblem): string {
  const why =
    problem.kind === "not-json"
      ? "it is not JSON text"
      : problem.kind === "no-format"
        ? `it has no "format": "${EXPORT_FORMAT}" field (use a file from Export in the library)`
        : problem.kind === "other-format"
          ? `its format is "${problem.format}", not "${EXPORT_FORMAT}"`
          : `it is version ${problem.version} of the format, and this radar reads version ${EXPORT_VERSION}`;
  return `This file is not a Semantic Radar export: ${why}.`;
}

const PARTS: Record<string, string> = {
  manifest: "its manifest (name, model, counts and checksums) is missing or incomplete",
  entries: "its entries are missing or not all text",
  vectors: "its vectors are missing or not base64 text",
  report: "its cleaning report is missing",
  truncated: "its list of truncated entries is missing",
};

/** An export whose parts do not have their shape: which parts, in words. */
export function damagedExportMessage(issues: readonly z.core.$ZodIssue[]): string {
  const parts = [...new Set(issues.map(partDamaged))];
  return `This Semantic Radar export is damaged: ${parts.join("; ")}. Export the knowledge base again and import the new file.`;
}

function partDamaged(issue: z.core.$ZodIssue): string {
  // A NUL is the one flaw of well-formed text: name the entry, since nothing else about the file is wrong.
  if (issue.path[0] === "entries" && issue.message.includes(NO_NUL_MESSAGE)) return `entry ${Number(issue.path[1]) + 1} holds a NUL character (U+0000), which the store cannot keep`;
  return PARTS[String(issue.path[0])] ?? "it holds something an export does not";
}
