/**
 * HAProxy in front of radar processes, with the repository's configuration (deploy/haproxy/haproxy.cfg) and one
 * `server` line per process appended: what `npm run cluster` runs and what the cluster tests run. Foreground
 * (-db), so it ends with whoever started it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BALANCER_CONFIG = join(ROOT, "deploy", "haproxy", "haproxy.cfg");
export const HAPROXY = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";

export interface Upstream {
  /** A name for logs and HAProxy's state lines (letters, digits, - and _). */
  name: string;
  /** host:port of a radar process. */
  address: string;
}

export interface Balancer {
  url: string;
  port: number;
  /** What HAProxy logged so far: server state changes (UP, DOWN) and alerts. */
  log(): string;
  /** Resolves at the moment HAProxy logs `server` going to `state`; rejects after `timeoutMs`. */
  waitFor(server: string, state: "UP" | "DOWN", timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** The configuration file's text for these processes: the repository's file with their `server` lines. */
export function balancerConfig(upstreams: readonly Upstream[]): string {
  for (const { name, address } of upstreams) {
    if (!/^[\w-]+$/.test(name)) throw new Error(`expected a server name of letters, digits, - or _, got "${name}"`);
    if (!/^[\w.-]+:\d+$/.test(address)) throw new Error(`expected a server address as host:port, got "${address}"`);
  }
  const servers = upstreams.map(({ name, address }) => `    server ${name} ${address}\n`).join("");
  return `${readFileSync(BALANCER_CONFIG, "utf8").trimEnd()}\n${servers}`;
}

/** Starts HAProxy on `host:port` in front of `upstreams`; resolves once it accepts connections. */
export async function startBalancer(
  upstreams: readonly Upstream[],
  { host = "127.0.0.1", port, echo }: { host?: string; port: number; /** Also given each piece of HAProxy's log as it comes. */ echo?: (text: string) => void },
): Promise<Balancer> {
  if (!existsSync(HAPROXY)) throw new Error(`no HAProxy at ${HAPROXY}: run \`node scripts/setup.mjs --cluster\` (it installs Debian's haproxy) or set HAPROXY_PATH`);
  const dir = mkdtempSync(join(tmpdir(), "radar-balancer-"));
  const file = join(dir, "haproxy.cfg");
  writeFileSync(file, balancerConfig(upstreams));
  const child = spawn(HAPROXY, ["-db", "-f", file], { env: { ...process.env, RADAR_BALANCER_BIND: `${host}:${port}` }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const watchers = new Set<() => void>();
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    echo?.(chunk.toString());
    for (const watcher of watchers) watcher();
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = await Promise.race([accepting(host, port, 10_000), exited.then(() => false)]);
  if (!ready) {
    await stop();
    throw new Error(`HAProxy did not start on ${host}:${port}: ${log.trim() || "no output"}`);
  }
  return {
    url: `http://${host}:${port}`,
    port,
    log: () => log,
    waitFor(server, state, timeoutMs = 10_000) {
      const line = new RegExp(`Server radars/${server} is ${state}`);
      return new Promise((done, fail) => {
        const check = () => {
          if (!line.test(log)) return;
          cleanup();
          done(Date.now());
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`HAProxy did not report ${server} ${state} within ${timeoutMs} ms; it logged: ${log.trim()}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
    stop,
  };
}

/** Polls until something accepts a TCP connection on host:port (true) or the time is up (false). */
export async function accepting(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect({ host, port }, () => {
        socket.destroy();
        done(true);
      });
      socket.once("error", () => done(false));
    });
    if (open) return true;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return false;
}
