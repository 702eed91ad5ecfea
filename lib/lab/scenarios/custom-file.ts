/**
 * The JSON file a workshop exchanges: custom scenarios exported from the lab and imported back, possibly on another
 * machine. Pure: used by the client editor.
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { formatZodIssues, scenarioListSchema } from "./schema";
import type { Scenario } from "./types";

export const CUSTOM_FILE_FORMAT = "semantic-radar/lab-scenarios";
export const CUSTOM_FILE_VERSION = 1;

export interface CustomScenarioFile {
  format: typeof CUSTOM_FILE_FORMAT;
  version: typeof CUSTOM_FILE_VERSION;
  scenarios: Scenario[];
}

export function serializeCustomScenarios(scenarios: readonly Scenario[]): string {
  const file: CustomScenarioFile = { format: CUSTOM_FILE_FORMAT, version: CUSTOM_FILE_VERSION, scenarios: [...scenarios] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads an exported file back. Also accepts a bare array of scenarios, so a list typed by hand imports too.
 * Throws AppError("invalid_input") saying what was expected and what was found.
 */
export function parseCustomScenarios(text: string): Scenario[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `Expected a JSON file of scenarios, got text that is not JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(data) ? data : readFileObject(data);
  const parsed = scenarioListSchema.safeParse(list, { reportInput: true });
  if (!parsed.success) throw new AppError("invalid_input", plainIssues(parsed.error));
  return parsed.data;
}

/** "scenario 1, query: expected a non-empty text, got "" (string)": where in words, never a schema path. */
function plainIssues(error: z.ZodError): string {
  return formatZodIssues(error)
    .split("\n")
    .map((line) => line.replace(/^`\[(\d+)\](?:\.(\w+))?`: /, (_, index: string, field?: string) => `scenario ${Number(index) + 1}${field ? `, ${field}` : ""}: `))
    .join("\n");
}

function readFileObject(data: unknown): unknown {
  if (typeof data !== "object" || data === null || !("scenarios" in data)) {
    throw new AppError(
      "invalid_input",
      `Expected {"format": "${CUSTOM_FILE_FORMAT}", "scenarios": [...]} or a list of scenarios, got ${describeJson(data)}`,
    );
  }
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== undefined && format !== CUSTOM_FILE_FORMAT) {
    throw new AppError("invalid_input", `Expected format "${CUSTOM_FILE_FORMAT}", got ${JSON.stringify(format)}`);
  }
  if (version !== undefined && version !== CUSTOM_FILE_VERSION) {
    throw new AppError("invalid_input", `Expected version ${CUSTOM_FILE_VERSION}, got ${JSON.stringify(version)}`);
  }
  return (data as { scenarios: unknown }).scenarios;
}

function describeJson(data: unknown): string {
  if (data === null) return "null";
  if (typeof data === "object") return `an object with keys ${JSON.stringify(Object.keys(data))}`;
  return `${JSON.stringify(data)} (${typeof data})`;
}
