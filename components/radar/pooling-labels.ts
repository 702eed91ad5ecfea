/**
 * Pooling names as the chosen model makes them true: a causal decoder (Qwen3-Embedding) has no [CLS] token, so
 * what the "cls" pooling takes there is the first token, and it is labelled so.
 */
import type { ModelSummary, Pooling } from "@/lib/api/contract";
import type { Messages } from "../i18n/messages";
import type { View } from "./settings";

type Architecture = ModelSummary["architecture"];

const isCausal = (architecture: Architecture | undefined) => architecture === "causal-decoder";

/** A pooling bar button's label. */
export function viewLabel(t: Messages, view: View, architecture: Architecture | undefined): string {
  return view === "cls" && isCausal(architecture) ? t.results.firstToken : t.results.views[view];
}

/** A pooling's full name, as a column or a select option shows it. */
export function poolingLabel(t: Messages, pooling: Pooling, architecture: Architecture | undefined): string {
  return pooling === "cls" && isCausal(architecture) ? t.results.firstToken : t.results.poolings[pooling];
}

/** Why first-token pooling is a poor choice, when the model is causal and the view shows it; else undefined. */
export function firstTokenNote(t: Messages, views: readonly Pooling[], architecture: Architecture | undefined): string | undefined {
  return isCausal(architecture) && views.includes("cls") ? t.results.firstTokenWhy : undefined;
}
