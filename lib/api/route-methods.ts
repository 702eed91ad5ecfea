/**
 * The methods each route answers, by path: what its route file exports besides the 405 answers of
 * otherMethodsIn. Only for answers made before Next.js routes a request (a TRACE, which Next.js cannot carry to a
 * route, gets 405 with an Allow header from here); route-methods.test.ts checks it against every route file.
 */
const ROUTES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/api\/(kb|search|explain|map|lab)$/, ["POST"]],
  [/^\/api\/(status|kbs|calibration|room|room\/kbs)$/, ["GET"]],
  [/^\/api\/room\/kbs\/[^/]+$/, ["PATCH", "DELETE"]],
  [/^\/api\/kbs\/import$/, ["POST"]],
  [/^\/api\/kbs\/[^/]+\/export$/, ["GET"]],
  [/^\/api\/kbs\/[^/]+$/, ["GET", "PATCH", "DELETE"]],
  [/^\/api\/lab\/(sts|layers)$/, ["GET", "POST"]],
  [/^\/v1\/embeddings$/, ["POST"]],
  [/^\/v1\/models$/, ["GET"]],
  [/^\/(embed|similarity|rerank|tokenize)$/, ["POST"]],
  [/^\/info$/, ["GET"]],
];

/** The methods answered at `pathname` (pages, files and unknown paths: GET). */
export function methodsAnsweredAt(pathname: string): readonly string[] {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return ROUTES.find(([pattern]) => pattern.test(path))?.[1] ?? ["GET"];
}

/** The Allow header for methods a route answers: HEAD with GET (Next.js answers it), and OPTIONS always. */
export function allowHeader(methods: readonly string[]): string {
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}
