/** Shared by the API specs: vector math and bodies that break the limits. */
export { cosine } from "../../lib/pooling/normalize";
export function norm(a: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * a[i];
  return Math.sqrt(sum);
}

/** 2,048 inputs each over 256 tokens: within the input count, 2,048 x 256 = 524,288 tokens after truncation. */
export const TOO_MANY_TOKENS = Array.from({ length: 2048 }, (_, i) => `${"lorem ipsum dolor sit amet ".repeat(40)}${i}`);

/** One input more than the limit. */
export const TOO_MANY_INPUTS = Array.from({ length: 2049 }, (_, i) => `text ${i}`);

/** Over all-MiniLM-L6-v2's 256-token window. */
export const LONG_TEXT = "the quick brown fox jumps over the lazy dog ".repeat(60);

export const TIMING_HEADERS = ["x-compute-time", "x-compute-tokens", "x-tokenization-time", "x-queue-time", "x-inference-time"];
