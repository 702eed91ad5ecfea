/**
 * Which layer's hidden states a vector is pooled from. Layers are numbered as transformers' `hidden_states`:
 * 0 is the embedding layer's output, 1..n each encoder layer's output, n the last (`last_hidden_state`, the
 * default everywhere). Two averages sit beside them: `first_last` (layers 1 and n, averaged token by token before
 * pooling, as BERT-flow's and BERT-whitening's code do) and `last_two` (layers n-1 and n). Pure.
 */
export const LAYER_AVERAGES = ["first_last", "last_two"] as const;
export type LayerAverage = (typeof LAYER_AVERAGES)[number];
/** A layer number 0..n, or an average of two layers. */
export type Layer = number | LayerAverage;

export function isLayerAverage(value: unknown): value is LayerAverage {
  return typeof value === "string" && (LAYER_AVERAGES as readonly string[]).includes(value);
}

/** How a layer is written in JSON keys and graph output names: "0".."n", "first_last", "last_two". */
export function layerKey(layer: Layer): string {
  return String(layer);
}

/** Every layer of a model with `numLayers` encoder layers, 0..n, then the averages. */
export function allLayers(numLayers: number): Layer[] {
  return [...Array.from({ length: numLayers + 1 }, (_, i) => i), ...LAYER_AVERAGES];
}

/** True for the last layer (what every search and evaluation used before layers could be chosen). */
export function isLastLayer(layer: Layer | undefined, numLayers: number): boolean {
  return layer === undefined || layer === numLayers;
}

/**
 * A layer as a person or a URL writes it: an integer 0..n, "last", "first_last" or "last_two". Throws a
 * RangeError that says what was expected and what was given.
 */
export function parseLayer(value: unknown, numLayers: number): Layer {
  if (value === "last") return numLayers;
  if (isLayerAverage(value)) return value;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isInteger(number) && number >= 0 && number <= numLayers) return number;
  throw new RangeError(`expected a layer from 0 (embeddings) to ${numLayers} (last), "first_last" or "last_two"; got ${JSON.stringify(value)}`);
}

/** How the interface and the reports name a layer. */
export function layerLabel(layer: Layer, numLayers: number): string {
  if (layer === "first_last") return `first-last average (layers 1 + ${numLayers})`;
  if (layer === "last_two") return `last-two average (layers ${numLayers - 1} + ${numLayers})`;
  if (layer === 0) return "layer 0 (embeddings)";
  return layer === numLayers ? `layer ${layer} (last)` : `layer ${layer}`;
}
