/**
 * The radar's settings and knowledge base as kept in the browser's localStorage. Read through zod so an old or
 * hand-edited value falls back to defaults field by field instead of breaking the page. Pure.
 */
import { z } from "zod";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import { exampleKbText, exampleQuery } from "./examples";
import { DEFAULT_THRESHOLD, DEFAULT_TOP_K, MAX_TOP_K, MIN_TOP_K } from "@/lib/api/contract";

export const STORAGE_KEY = "semantic-radar:v1";

/** The pooling control: one pooling, or two columns side by side. */
export const VIEWS = ["cls", "mean", "last_token", "side_by_side"] as const;
export type View = (typeof VIEWS)[number];

export interface RadarSettings {
  kbText: string;
  query: string;
  /** null: the server's default model. */
  model: string | null;
  /** null: the selected model's native pooling. */
  view: View | null;
  /** The two poolings compared side by side. */
  compare: [Pooling, Pooling];
  threshold: number;
  topK: number;
  /** Keep the chosen pooling when switching model (else a new model starts on its native pooling). */
  pinned: boolean;
}

export const DEFAULT_SETTINGS: RadarSettings = {
  kbText: exampleKbText("en"),
  query: exampleQuery("en"),
  model: null,
  view: null,
  compare: ["cls", "mean"],
  threshold: DEFAULT_THRESHOLD,
  topK: DEFAULT_TOP_K,
  pinned: false,
};

const pooling = z.enum(POOLINGS);
const fields = {
  kbText: z.string(),
  query: z.string(),
  model: z.string().min(1).nullable(),
  view: z.enum(VIEWS).nullable(),
  compare: z.tuple([pooling, pooling]),
  threshold: z.number().min(-1).max(1),
  topK: z.int().min(MIN_TOP_K).max(MAX_TOP_K),
  pinned: z.boolean(),
};

/** Parses stored JSON; each field that is missing or invalid takes its default. */
export function parseSettings(stored: string | null): RadarSettings {
  if (!stored) return { ...DEFAULT_SETTINGS };
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(stored);
    raw = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  const settings = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const [key, schema] of Object.entries(fields)) {
    const result = schema.safeParse(raw[key]);
    if (result.success) settings[key] = result.data;
  }
  return settings as unknown as RadarSettings;
}

export function serializeSettings(settings: RadarSettings): string {
  return JSON.stringify(settings);
}

const TOP_K_RANGE_MESSAGE = `Top-k is a whole number from ${MIN_TOP_K} to ${MAX_TOP_K}.`;

/** What is wrong with a typed Top-k, said plainly; null when it is a whole number in range. */
export function topKProblem(text: string): string | null {
  if (text.trim() === "") return `Type a number. ${TOP_K_RANGE_MESSAGE}`;
  const value = Number(text);
  if (!Number.isInteger(value)) return `${text} is not a whole number. ${TOP_K_RANGE_MESSAGE}`;
  if (value < MIN_TOP_K || value > MAX_TOP_K) return `${text} is out of range. ${TOP_K_RANGE_MESSAGE}`;
  return null;
}
