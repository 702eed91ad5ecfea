/**
 * Session options shared by the model sessions (session.ts) and the scorer (score.ts). Plain data: this module
 * does not load onnxruntime.
 */

/**
 * onnxruntime's intra-op threads spin-wait for more work after each run by default. On a few shared cores that
 * steals the time the other worker (inference beside ranking) and the event loop need, so they sleep instead.
 */
export const NO_SPINNING = { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } };
