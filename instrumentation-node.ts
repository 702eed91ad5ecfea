/**
 * The server's start: a bad environment variable stops it with a message that names the variable and what was
 * expected (lib/config.ts), instead of a server that is up and fails on some later request.
 */
import { config } from "./lib/config";

try {
  config();
} catch (error) {
  console.error(`[semantic-radar] cannot start: ${(error as Error).message}`);
  process.exit(1);
}
