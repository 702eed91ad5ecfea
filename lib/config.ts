/**
 * The server's configuration: every environment variable it reads (SEMANTIC_RADAR_*, DATABASE_URL), read and
 * validated here and nowhere else, and the process-wide objects that hang off globalThis. A bad value is an error
 * that names the variable, what was expected and what was given; the server checks at start
 * (instrumentation.ts), a CLI on first use. Shared: any layer may import this file, and it imports no layer.
 *
 * Where a default is a domain constant (MAX_ENTRIES, DEFAULT_MAX_PENDING) the field is left undefined when the
 * variable is unset, and the module that owns the constant applies it; the other defaults are here.
 */
import { join, resolve } from "node:path";
import { AppError } from "./errors";

export const DEVICE_CHOICES = ["auto", "cpu", "webgpu", "cuda"] as const;
export const PGLITE_THREADS = ["worker", "main"] as const;
/** Where the embedded database runs: its own worker thread, or (only to compare, in a benchmark) the main thread. */
export type PgliteThread = (typeof PGLITE_THREADS)[number];
/** Where models run: `auto` tries CUDA, then WebGPU, then the CPU. */
export type DeviceChoice = (typeof DEVICE_CHOICES)[number];

export interface Config {
  /** SEMANTIC_RADAR_MODELS_DIR: the model folders (Hugging Face layout). @default ./models */
  modelsDir: string;
  /** SEMANTIC_RADAR_DATA_DIR: the embedded database lives in <dir>/pglite. @default ./data */
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL server with pgvector, used instead of the embedded database. @default unset */
  databaseUrl?: string;
  /** SEMANTIC_RADAR_PGLITE_THREAD: "main" runs PGlite on the main thread, as before its worker (benchmarks only). @default "worker" */
  pgliteThread: PgliteThread;
  /** SEMANTIC_RADAR_CALIBRATION_DIR: cached score calibrations. @default ./data/calibration */
  calibrationDir: string;
  /** SEMANTIC_RADAR_DEVICE. @default "auto" */
  device: DeviceChoice;
  /** SEMANTIC_RADAR_MAX_PENDING: requests in the server at once before 429. @default DEFAULT_MAX_PENDING (512) */
  maxPending?: number;
  /** SEMANTIC_RADAR_MAX_ENTRIES: entries a knowledge base may hold. @default MAX_ENTRIES (50,000) */
  maxEntries?: number;
  /** SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES: bigger knowledge bases are searched through HNSW. @default MAX_ENTRIES */
  approximateAboveEntries?: number;
  /** SEMANTIC_RADAR_THREADS: onnxruntime's intra-op threads per model. @default onnxruntime's choice */
  threads?: number;
  /**
   * SEMANTIC_RADAR_MEMORY_LIMIT_MB: memory (MiB) the loaded models may need in all (weights and working memory,
   * lib/engine/memory.ts); a model that would go past it is refused. @default the memory the system has free
   */
  memoryLimitMb?: number;
  /** SEMANTIC_RADAR_RANK_THREADS: the rank worker's scoring threads. @default onnxruntime's choice */
  rankThreads?: number;
  /** SEMANTIC_RADAR_HNSW_M, _HNSW_EF_CONSTRUCTION, _HNSW_EF_SEARCH. @default pgvector's */
  hnsw: { m?: number; efConstruction?: number; efSearch?: number };
  /** SEMANTIC_RADAR_ALLOWED_ORIGINS, comma-separated: sites allowed to send state-changing requests. @default none */
  allowedOrigins: string[];
  /** SEMANTIC_RADAR_ALLOWED_HOSTS, comma-separated: host names served besides localhost and IPs. @default none */
  allowedHosts: string[];
  /** SEMANTIC_RADAR_ALLOW_SOFTWARE_WEBGPU=1: accept WebGPU on a software Vulkan driver (to test the path). @default false */
  allowSoftwareWebgpu: boolean;
  /** SEMANTIC_RADAR_ORT_ENTRY: the onnxruntime-node module a GPU probe loads (bundles set it). @default the app's */
  ortEntry?: string;
  /** SEMANTIC_RADAR_ROOT: the project folder worker bundles are built in. @default the working directory */
  root: string;
  /**
   * SEMANTIC_RADAR_LISTEN_HOST: the address the server listens on, as `npm start` passes it (from HOST or
   * --hostname); the page shows the room's address from it. @default unset: this machine only (`next dev`)
   */
  listenHost?: string;
  /**
   * SEMANTIC_RADAR_TEACHER_KEY: the key that runs the room (GET /room; the x-teacher-key header on the API):
   * list every knowledge base, publish one to everyone, remove any. `npm start` makes one when unset and prints
   * it. @default unset: no teacher (the room's routes answer 403)
   */
  teacherKey?: string;
  /**
   * SEMANTIC_RADAR_API_KEY: when set, the OpenAI (/v1) and TEI routes ask for `Authorization: Bearer <key>`, as
   * those servers do when given one (401 otherwise). @default unset: open, as on 127.0.0.1
   */
  apiKey?: string;
}

/** A key shorter than this is too easy to guess for a room's network. */
export const MIN_KEY_CHARS = 16;

type Env = Record<string, string | undefined>;

/** Reads and checks the environment; throws one AppError listing every bad variable. Pure apart from the cwd. */
export function readConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const cwd = process.cwd();
  const config: Config = {
    modelsDir: read.path("SEMANTIC_RADAR_MODELS_DIR") ?? join(/*turbopackIgnore: true*/ cwd, "models"),
    dataDir: read.path("SEMANTIC_RADAR_DATA_DIR") ?? resolve(/*turbopackIgnore: true*/ cwd, "data"),
    databaseUrl: read.postgresUrl("DATABASE_URL"),
    pgliteThread: read.oneOf("SEMANTIC_RADAR_PGLITE_THREAD", PGLITE_THREADS) ?? "worker",
    calibrationDir: read.path("SEMANTIC_RADAR_CALIBRATION_DIR") ?? join(/*turbopackIgnore: true*/ cwd, "data", "calibration"),
    device: read.oneOf("SEMANTIC_RADAR_DEVICE", DEVICE_CHOICES) ?? "auto",
    maxPending: read.integer("SEMANTIC_RADAR_MAX_PENDING", 1),
    maxEntries: read.integer("SEMANTIC_RADAR_MAX_ENTRIES", 1),
    approximateAboveEntries: read.integer("SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES", 0),
    threads: read.integer("SEMANTIC_RADAR_THREADS", 1),
    rankThreads: read.integer("SEMANTIC_RADAR_RANK_THREADS", 1),
    memoryLimitMb: read.integer("SEMANTIC_RADAR_MEMORY_LIMIT_MB", 1),
    hnsw: {
      m: read.integer("SEMANTIC_RADAR_HNSW_M", 1),
      efConstruction: read.integer("SEMANTIC_RADAR_HNSW_EF_CONSTRUCTION", 1),
      efSearch: read.integer("SEMANTIC_RADAR_HNSW_EF_SEARCH", 1),
    },
    allowedOrigins: read.list("SEMANTIC_RADAR_ALLOWED_ORIGINS").map((origin) => origin.replace(/\/+$/, "")),
    allowedHosts: read.list("SEMANTIC_RADAR_ALLOWED_HOSTS").map((host) => host.toLowerCase()),
    allowSoftwareWebgpu: read.flag("SEMANTIC_RADAR_ALLOW_SOFTWARE_WEBGPU"),
    ortEntry: read.text("SEMANTIC_RADAR_ORT_ENTRY"),
    root: read.path("SEMANTIC_RADAR_ROOT") ?? cwd,
    listenHost: read.text("SEMANTIC_RADAR_LISTEN_HOST"),
    teacherKey: read.secret("SEMANTIC_RADAR_TEACHER_KEY", MIN_KEY_CHARS),
    apiKey: read.secret("SEMANTIC_RADAR_API_KEY", MIN_KEY_CHARS),
  };
  if (problems.length) throw new AppError("invalid_input", problems.join(". "));
  return config;
}

/** Each method reads one variable: blank counts as unset; a bad value adds a problem and reads as unset. */
class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  path(name: string): string | undefined {
    const value = this.text(name);
    // turbopackIgnore: a path from the environment must not make the bundler trace the whole project.
    return value === undefined ? undefined : resolve(/*turbopackIgnore: true*/ value);
  }

  integer(name: string, min: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (/^\d+$/.test(value) && Number.isSafeInteger(number) && number >= min) return number;
    return this.problem(name, `an integer of at least ${min}`, value);
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
    return this.problem(name, `one of ${choices.join(", ")}`, value);
  }

  list(name: string): string[] {
    return (this.text(name) ?? "").split(",").map((item) => item.trim()).filter(Boolean);
  }

  flag(name: string): boolean {
    const value = this.text(name);
    if (value === undefined || value === "0" || value === "1") return value === "1";
    return this.problem(name, '"1" (on) or "0" (off)', value) ?? false;
  }

  /** A key: its value is never repeated in a message (the problem says only how long it was). */
  secret(name: string, minChars: number): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (value.length >= minChars && /^[\x21-\x7e]+$/.test(value)) return value;
    this.problems.push(`${name} must be at least ${minChars} printable ASCII characters without spaces; got ${value.length} characters (not shown)`);
    return undefined;
  }

  postgresUrl(name: string): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    let protocol = "";
    try {
      protocol = new URL(value).protocol;
    } catch {
      // not a URL: reported below
    }
    if (protocol === "postgres:" || protocol === "postgresql:") return value;
    // The URL may hold a password: say what it starts with, never all of it.
    return this.problem(name, "a postgres:// or postgresql:// URL", `${value.slice(0, 12)}...`);
  }

  private problem(name: string, expected: string, given: string): undefined {
    this.problems.push(`${name} must be ${expected}; got "${given.slice(0, 200)}"`);
    return undefined;
  }
}

/**
 * The process-wide objects, one of each per process. They hang off globalThis because Next.js may evaluate a
 * module more than once (per route bundle, on dev reloads), and there must still be one model per engine, one
 * admission limit, one knowledge-base repository.
 */
export type ProcessWideName =
  | "config"
  | "engines"
  | "admission"
  | "explain-gate"
  | "event-loop"
  | "kb-repository"
  | "map-worker"
  | "store-keeper"
  | "data-dir-locks"
  | "document-worker"
  | "partial-embeddings";

type Holder = Partial<Record<symbol, unknown>>;

function keyOf(name: ProcessWideName): symbol {
  return Symbol.for(`semantic-radar.${name}`);
}

/** The process's one `name`, made by `create` on first use. */
export function processWide<T>(name: ProcessWideName, create: () => T): T {
  const holder = globalThis as Holder;
  const key = keyOf(name);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** Lets go of the process's `name` (a worker that died, a store that failed to open): the next use makes a new one. */
export function forgetProcessWide(name: ProcessWideName, only?: unknown): void {
  const holder = globalThis as Holder;
  const key = keyOf(name);
  if (only === undefined || holder[key] === only) delete holder[key];
}

/** The configuration, read from the environment on first use. */
export function config(): Config {
  return processWide("config", () => readConfig());
}

/**
 * Reads the configuration again, from `env` (a test's own settings) or the environment. What hangs off the
 * process reads config() when it uses a setting, never copies it, so the new values hold from the next use on
 * whatever was created first.
 */
export function reloadConfig(env: Env = process.env): Config {
  const fresh = readConfig(env);
  forgetProcessWide("config");
  return processWide("config", () => fresh);
}
