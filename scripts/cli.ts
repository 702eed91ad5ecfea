// Shared plumbing for the command-line tools: option parsing, model/engine options, errors without stack traces.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AppError, isAppError } from "../lib/errors";
import { DEVICE_CHOICES, type DeviceChoice } from "../lib/config";
import { GRAPHS, type Graph, type LoadOptions } from "../lib/engine/types";

export const ENGINE_OPTIONS = {
  model: { type: "string" },
  graph: { type: "string" },
  device: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

export function parseCli<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, args = process.argv.slice(2)) {
  try {
    return parseArgs({ options, args, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError("invalid_input", (error as Error).message);
  }
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AppError("invalid_input", `--${name} must be one of ${allowed.join(", ")}; got "${value}"`);
  }
  return value as T;
}

export function loadOptionsFrom(values: { graph?: string; device?: string }): LoadOptions {
  return { graph: oneOf<Graph>("graph", values.graph, GRAPHS), device: oneOf<DeviceChoice>("device", values.device, DEVICE_CHOICES) };
}

/** Runs a CLI's main; an AppError prints its message (exit 2), anything else its stack (exit 1). */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      if (isAppError(error)) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}

/** A --name option that must be a whole number of at least 1. */
export function positiveInt(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new AppError("invalid_input", `--${name} must be a positive integer; got "${value}"`);
  return number;
}

/** The middle value (of an even count, the upper of the two middle ones): what a benchmark reports as p50. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

/** A one-line progress bar on stderr, so --json output on stdout stays clean. */
export function progressBar(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
  };
}
