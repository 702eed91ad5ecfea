/**
 * Which `dimensions` (a Matryoshka cut) a model accepts: the one rule behind the OpenAI and TEI routes and the
 * radar's search, from the model's declaration (matryoshka-card.ts). Pure.
 */
import { AppError } from "../errors";

/**
 * What a route does with `dimensions` on a model whose card declares no Matryoshka training: OpenAI refuses it
 * ("This model does not support specifying dimensions", text-embedding-ada-002), TEI cuts any model.
 */
export type UndeclaredCut = "refuse" | "cut";

/** The model facts the check needs (ModelInfo has them). */
export interface CutTarget {
  id: string;
  hiddenSize: number;
  matryoshka?: { min: number };
}

/**
 * Refuses (invalid_input, a 4xx) a `dimensions` the model cannot give: above its hidden size; below the minimum
 * its card declares; or, under "refuse", any cut of a model that declares no Matryoshka training (its full size
 * is still accepted: a client that always sends `dimensions` keeps working).
 */
export function checkDimensions(model: CutTarget, dimensions: number, undeclared: UndeclaredCut): void {
  const full = model.hiddenSize;
  if (dimensions > full) throw invalidDimensions(`expected at most ${full} (the size of ${model.id}'s vectors), got ${dimensions}.`);
  if (dimensions === full) return;
  if (model.matryoshka) {
    const { min } = model.matryoshka;
    if (dimensions < min) throw invalidDimensions(`expected an integer from ${min} to ${full} (the Matryoshka cuts ${model.id}'s card declares), got ${dimensions}.`);
  } else if (undeclared === "refuse") {
    throw invalidDimensions(`${model.id} does not declare Matryoshka (MRL) training, so its vectors are not cut: leave \`dimensions\` out or send ${full}, got ${dimensions}.`);
  }
}

function invalidDimensions(message: string): AppError {
  return new AppError("invalid_input", `\`dimensions\`: ${message}`, { param: "dimensions" });
}
