/**
 * The admission limit applied where a request arrives (scripts/serve.ts), so that a refusal comes at once. A route
 * takes its permit only after Next.js has routed the request, run the proxy and read and parsed the body: in a
 * burst of 600 the 88 over the limit of 512 waited behind all of that for the 512 ahead of them (3.7 s and more)
 * before their 429. Here the server counts the requests in flight to the routes that take a permit, from the
 * moment their headers are read to the moment their answer is closed, and refuses one past the same limit
 * before anything else is done. The routes keep their own permits (a request in flight here holds at most one),
 * so the limit holds under `next dev` and in tests too.
 */
import { RETRY_AFTER_SECONDS } from "../engine/admission";
import { AppError } from "../errors";
import { dialectOf, errorResponseIn } from "./dialect";

/** The routes whose work takes one admission permit each (app/api/overload.test.ts counts them). */
const PERMIT_ROUTES = /^\/(api\/(kb|search|explain|map)|v1\/embeddings|embed|similarity|rerank)\/?$/;

export class EdgeAdmission {
  private inFlight = 0;

  /** `limit`: read on every request, so the configuration's SEMANTIC_RADAR_MAX_PENDING holds from the next one. */
  constructor(private readonly limit: () => number) {}

  get count(): number {
    return this.inFlight;
  }

  /**
   * A 429 when the request would take a permit and the limit is reached; otherwise undefined, and the request
   * is counted until `leave` (given back, to call once its answer is closed) is called.
   */
  enter(method: string, pathname: string): { refusal: Response } | { leave: () => void } {
    if (method !== "POST" || !PERMIT_ROUTES.test(pathname)) return { leave: () => {} };
    const limit = this.limit();
    if (this.inFlight >= limit) return { refusal: refusal(pathname, this.inFlight, limit) };
    this.inFlight++;
    let left = false;
    return {
      leave: () => {
        if (left) return;
        left = true;
        this.inFlight--;
      },
    };
  }
}

function refusal(pathname: string, inFlight: number, limit: number): Response {
  const error = new AppError("overloaded", `The server is busy: ${inFlight} requests are already in progress (limit ${limit}). Try again in ${RETRY_AFTER_SECONDS} s.`, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  const response = errorResponseIn(dialectOf(pathname), error);
  response.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
  return response;
}
