/**
 * Runs once when the server starts, before it answers anything: a bad environment variable stops the start with
 * a message that names it and what was expected (lib/config.ts), instead of surfacing on some later request.
 */
export async function register() {
  // NEXT_RUNTIME is Next.js's own: the check needs Node (the proxy and every route run there).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  try {
    config();
  } catch (error) {
    console.error(`[semantic-radar] cannot start: ${(error as Error).message}`);
    throw error;
  }
}
