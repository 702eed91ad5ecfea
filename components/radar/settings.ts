/**
 * The radar's settings as kept in the browser's localStorage (an older version kept the knowledge base there too: it
 * is still read, once). Read through zod so an old or hand-edited value falls back to defaults field by field instead
 * of breaking the page. Pure.
 */
import { z } from "zod";
import { CORRECTIONS, type Correction } from "@/lib/pooling/correction-names";
import { PRECISIONS, type Precision } from "@/lib/pooling/precision";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import type { SearchVariantRequest } from "./search-flow";
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
  /** A Matryoshka cut to rank on; used only with a model that declares it (dimensionsFor). null: every dimension. */
  dimensions: number | null;
  /** "last" (the default), a layer number "0".."n", "first_last" or "last_two". */
  layer: string;
  correction: Correction;
  precision: Precision;
}

/** A layer setting as the settings and share links write it. */
export const LAYER_SETTING = /^(last|first_last|last_two|\d{1,3})$/;

/** What Why? sends so it explains the scores shown: the search's layer and correction, off the defaults only. */
export function explainVariant(variant: { layer: string; lastLayer: number; correction: string; whiteningDims?: number } | undefined): { layer?: number | string; correction?: string } {
  if (!variant) return {};
  const layer = variant.layer === String(variant.lastLayer) ? {} : { layer: /^\d+$/.test(variant.layer) ? Number(variant.layer) : variant.layer };
  return { ...layer, ...(variant.correction === "none" ? {} : { correction: variant.correction }) };
}

/** The search body's layer/correction/precision: only what is off the defaults, so a default search is unchanged. */
export function variantRequest(settings: Pick<RadarSettings, "layer" | "correction" | "precision">): SearchVariantRequest {
  const out: SearchVariantRequest = {};
  if (settings.layer !== "last") out.layer = /^\d+$/.test(settings.layer) ? Number(settings.layer) : (settings.layer as "first_last" | "last_two");
  if (settings.correction !== "none") out.correction = settings.correction;
  if (settings.precision !== "float32") out.precision = settings.precision;
  return out;
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
  dimensions: null,
  layer: "last",
  correction: "none",
  precision: "float32",
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
  dimensions: z.int().min(1).nullable(),
  layer: z.string().regex(LAYER_SETTING),
  correction: z.enum(CORRECTIONS),
  precision: z.enum(PRECISIONS),
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

/** The settings as localStorage keeps them: without the knowledge base, which IndexedDB keeps (kb-storage.ts). */
export function serializeSettings(settings: RadarSettings): string {
  const { kbText: _kept, ...rest } = settings;
  return JSON.stringify(rest);
}

/** What is wrong with a typed Top-k (the field says it in the interface language); null for a whole number in range. */
export type TopKProblem = "empty" | "not-whole" | "out-of-range";

export function topKProblem(text: string): TopKProblem | null {
  if (text.trim() === "") return "empty";
  const value = Number(text);
  if (!Number.isInteger(value)) return "not-whole";
  if (value < MIN_TOP_K || value > MAX_TOP_K) return "out-of-range";
  return null;
}

/**
 * The cut a search ranks on: the chosen one when the model declares Matryoshka cuts and offers it, else none
 * (undefined: every dimension). A cut chosen for one model is not applied to another that lacks it.
 */
export function dimensionsFor(chosen: number | null, model: { hiddenSize: number; matryoshka?: { sizes: number[] } } | undefined): number | undefined {
  if (chosen === null || !model?.matryoshka || chosen >= model.hiddenSize) return undefined;
  return model.matryoshka.sizes.includes(chosen) ? chosen : undefined;
}
