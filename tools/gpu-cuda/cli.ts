/**
 * The CUDA check's command line (run.sh calls one phase per process, so a provider that takes its process down
 * costs one phase):
 *
 *   node cuda-check.cjs probe   --work DIR --model DIR
 *   node cuda-check.cjs sts     --work DIR --model DIR --device cuda|cpu      (one model folder: its id is the folder's name)
 *   node cuda-check.cjs plan    --work DIR --model DIR --texts N
 *   node cuda-check.cjs embed   --work DIR --model DIR --device cuda|webgpu|cpu --label NAME [--passes N]
 *   node cuda-check.cjs summary --work DIR --out FILE [--machine TEXT]
 */
import { parseArgs } from "node:util";

export const PHASES = ["probe", "sts", "plan", "embed", "summary"] as const;
export const EMBED_DEVICES = ["cuda", "webgpu", "cpu"] as const;
export type EmbedDevice = (typeof EMBED_DEVICES)[number];

export type CheckCommand =
  | { phase: "probe"; work: string; model: string }
  | { phase: "sts"; work: string; model: string; device: "cuda" | "cpu" }
  | { phase: "plan"; work: string; model: string; texts: number }
  | { phase: "embed"; work: string; model: string; device: EmbedDevice; label: string; passes: number }
  | { phase: "summary"; work: string; out: string; machine: string };

/** Warm passes timed after the cold one; the median is reported. @default 5 */
export const DEFAULT_PASSES = 5;

export class UsageError extends Error {}

const quoted = (value: string | undefined) => (value === undefined ? "nothing" : JSON.stringify(value));

function positiveInt(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`expected --${name} to be a whole number from 1, got ${quoted(value)}`);
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new UsageError(`expected --${name} ${allowed.join("|")}, got ${quoted(value)}`);
  return value as T;
}

export function parseCheckArgs(argv: readonly string[]): CheckCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        work: { type: "string" }, model: { type: "string" }, device: { type: "string" },
        texts: { type: "string" }, label: { type: "string" }, passes: { type: "string" }, out: { type: "string" }, machine: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  const phase = positionals[0] as (typeof PHASES)[number];
  if (!PHASES.includes(phase)) throw new UsageError(`expected a phase (${PHASES.join(", ")}), got ${quoted(positionals[0])}`);
  const required = (name: keyof typeof values) => {
    const value = values[name];
    if (typeof value !== "string" || value === "") throw new UsageError(`${phase} expects --${name}`);
    return value;
  };
  const work = required("work");
  switch (phase) {
    case "probe":
      return { phase, work, model: required("model") };
    case "sts":
      return { phase, work, model: required("model"), device: oneOf("device", values.device, ["cuda", "cpu"] as const) };
    case "plan":
      return { phase, work, model: required("model"), texts: positiveInt("texts", values.texts) };
    case "embed": {
      const label = required("label");
      if (!/^[a-z0-9-]+$/.test(label)) throw new UsageError(`expected --label of lowercase letters, digits and dashes (it names files), got ${quoted(label)}`);
      return { phase, work, model: required("model"), device: oneOf("device", values.device, EMBED_DEVICES), label, passes: positiveInt("passes", values.passes, DEFAULT_PASSES) };
    }
    case "summary":
      return { phase, work, out: required("out"), machine: values.machine ?? "unknown machine" };
  }
}
