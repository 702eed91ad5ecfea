/**
 * Zod schemas for scenarios a person writes (the lab's custom-scenario editor, its JSON files, the lab API).
 * Messages say what was expected; the formatter adds what was given (as lib/api/validate.ts does at the API edge).
 * Pure: imported by routes and client components alike.
 */
import { z } from "zod";
import { describeValue } from "@/lib/errors";

/** A scenario text is a sentence or two; the article's longest is 12 characters. */
export const SCENARIO_TEXT_MAX_CHARS = 500;
export const SCENARIO_NAME_MAX_CHARS = 80;
/** Enough for a workshop; each scenario costs four short texts through the model. */
export const SCENARIOS_MAX = 50;

function textField(maxChars: number) {
  return z
    .string({ error: "expected a text" })
    .trim()
    .min(1, { error: "expected a non-empty text" })
    .max(maxChars, {
      error: (issue) => `expected at most ${maxChars} characters (this one has ${String((issue.input as string).length)})`,
    });
}

export const scenarioSchema = z.object(
  {
    name: textField(SCENARIO_NAME_MAX_CHARS),
    query: textField(SCENARIO_TEXT_MAX_CHARS),
    strong: textField(SCENARIO_TEXT_MAX_CHARS),
    weak: textField(SCENARIO_TEXT_MAX_CHARS),
    unrelated: textField(SCENARIO_TEXT_MAX_CHARS),
  },
  { error: "expected a scenario {name, query, strong, weak, unrelated}" },
);

export const scenarioListSchema = z
  .array(scenarioSchema, { error: "expected a list of scenarios" })
  .min(1, { error: "expected at least 1 scenario" })
  .max(SCENARIOS_MAX, { error: `expected at most ${SCENARIOS_MAX} scenarios` });

/** One line per issue: "`scenarios[2].query`: expected a non-empty text, got "" (string)". */
export function formatZodIssues(error: z.ZodError, root = ""): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("");
      const where = `${root}${path}`.replace(/^\./, "");
      const given = "input" in issue && !/received/.test(issue.message) ? `, got ${describeGiven(issue.input)}` : "";
      return `${where ? `\`${where}\`: ` : ""}${issue.message}${given}`;
    })
    .join("\n");
}

function describeGiven(input: unknown): string {
  if (input === undefined) return "nothing";
  if (typeof input === "object" && input !== null && !Array.isArray(input)) return "an object";
  return describeValue(input);
}
