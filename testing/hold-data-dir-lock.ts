/**
 * A process that takes a data folder's lock and keeps it until killed: the other side of the lock's tests.
 * `tsx testing/hold-data-dir-lock.ts <dataDir> [port]` prints "locked <pid>" (or "refused <message>" and
 * exits 1), then waits; with --exit it lets go at once by exiting normally.
 */
import { lockDataDir } from "../lib/store/data-dir-lock";

const [dataDir, port, mode] = process.argv.slice(2);
try {
  const lock = lockDataDir(dataDir, { port: port ? Number(port) : undefined });
  console.log(`locked ${process.pid}${lock.tookOverFrom ? ` took-over ${lock.tookOverFrom.pid}` : ""}`);
} catch (error) {
  console.log(`refused ${(error as Error).message}`);
  process.exit(1);
}
if (mode === "--exit") process.exit(0);
setInterval(() => undefined, 60_000);
