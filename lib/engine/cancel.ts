/** "cancelled", built one way for every embedding job: a call that stops because its caller's signal aborted. */
import { AppError } from "../errors";

export function cancelledError(): AppError {
  return new AppError("cancelled", "the embedding job was cancelled");
}

/** Throws cancelledError() once `signal` has aborted; called before each step of a long job. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
