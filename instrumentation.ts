/**
 * Runs once when the server starts, before it answers anything. The check itself is Node-only
 * (instrumentation-node.ts); NEXT_RUNTIME is Next.js's own variable, and this is how its docs keep Node code out of
 * the edge bundle.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
