import { spawnSync } from "node:child_process";
import { startTestPostgres } from "/work/wt-store/lib/testing/postgres-server";
const server = await startTestPostgres();
try {
  const args = ["run", "bench", "--", "store", ...process.argv.slice(2)];
  spawnSync("npm", args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: server.url } });
} finally {
  await server.stop();
}
