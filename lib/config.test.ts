import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { config, forgetProcessWide, processWide, readConfig, reloadConfig } from "./config";

describe("readConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    expect(readConfig({})).toEqual({
      modelsDir: join(process.cwd(), "models"),
      dataDir: resolve("data"),
      databaseUrl: undefined,
      pgliteThread: "worker",
      calibrationDir: join(process.cwd(), "data", "calibration"),
      device: "auto",
      maxPending: undefined,
      maxEntries: undefined,
      approximateAboveEntries: undefined,
      threads: undefined,
      rankThreads: undefined,
      hnsw: { m: undefined, efConstruction: undefined, efSearch: undefined },
      allowedOrigins: [],
      allowedHosts: [],
      allowSoftwareWebgpu: false,
      ortEntry: undefined,
      root: process.cwd(),
    });
  });

  it("reads every variable, resolving paths and trimming values", () => {
    const read = readConfig({
      SEMANTIC_RADAR_MODELS_DIR: "/srv/models",
      SEMANTIC_RADAR_DATA_DIR: "relative-data",
      DATABASE_URL: "postgres://radar@127.0.0.1:5432/radar",
      SEMANTIC_RADAR_PGLITE_THREAD: "main",
      SEMANTIC_RADAR_CALIBRATION_DIR: "/srv/calibration",
      SEMANTIC_RADAR_DEVICE: " cpu ",
      SEMANTIC_RADAR_MAX_PENDING: "64",
      SEMANTIC_RADAR_MAX_ENTRIES: "100000",
      SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES: "0",
      SEMANTIC_RADAR_THREADS: "2",
      SEMANTIC_RADAR_RANK_THREADS: "1",
      SEMANTIC_RADAR_HNSW_M: "16",
      SEMANTIC_RADAR_HNSW_EF_CONSTRUCTION: "64",
      SEMANTIC_RADAR_HNSW_EF_SEARCH: "100",
      SEMANTIC_RADAR_ALLOW_SOFTWARE_WEBGPU: "1",
      SEMANTIC_RADAR_ORT_ENTRY: "/opt/ort/index.js",
      SEMANTIC_RADAR_ROOT: "/srv/radar",
    });
    expect(read).toMatchObject({
      modelsDir: "/srv/models",
      dataDir: resolve("relative-data"),
      databaseUrl: "postgres://radar@127.0.0.1:5432/radar",
      pgliteThread: "main",
      device: "cpu",
      maxPending: 64,
      maxEntries: 100_000,
      approximateAboveEntries: 0,
      threads: 2,
      rankThreads: 1,
      hnsw: { m: 16, efConstruction: 64, efSearch: 100 },
      allowSoftwareWebgpu: true,
      ortEntry: "/opt/ort/index.js",
      root: "/srv/radar",
    });
  });

  it("reads comma-separated origins and hosts, trimmed", () => {
    expect(readConfig({ SEMANTIC_RADAR_ALLOWED_ORIGINS: " https://a.example/ , https://b.example" }).allowedOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(readConfig({ SEMANTIC_RADAR_ALLOWED_HOSTS: "Radar.Example, other" }).allowedHosts).toEqual(["radar.example", "other"]);
  });

  it("reads the teacher and API keys, and refuses a short one without repeating it", () => {
    expect(readConfig({ SEMANTIC_RADAR_TEACHER_KEY: "teacher-key-0123456789", SEMANTIC_RADAR_API_KEY: " sk-0123456789abcdef " })).toMatchObject({ teacherKey: "teacher-key-0123456789", apiKey: "sk-0123456789abcdef" });
    expect(readConfig({})).toMatchObject({ teacherKey: undefined, apiKey: undefined });
    let message = "";
    try {
      readConfig({ SEMANTIC_RADAR_TEACHER_KEY: "hunter2", SEMANTIC_RADAR_API_KEY: "has a space in it, sixteen+" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "SEMANTIC_RADAR_TEACHER_KEY must be at least 16 printable ASCII characters without spaces; got 7 characters (not shown). SEMANTIC_RADAR_API_KEY must be at least 16 printable ASCII characters without spaces; got 27 characters (not shown)",
    );
    expect(message).not.toMatch(/hunter2|space in it/);
  });

  it("counts a blank value as unset (a launcher's `DATABASE_URL=` means the embedded database)", () => {
    expect(readConfig({ DATABASE_URL: "", SEMANTIC_RADAR_DEVICE: "  ", SEMANTIC_RADAR_MAX_PENDING: "" })).toMatchObject({ databaseUrl: undefined, device: "auto", maxPending: undefined });
  });

  it("accepts every device choice, trimmed", () => {
    for (const choice of ["auto", "cpu", "webgpu", "cuda"]) expect(readConfig({ SEMANTIC_RADAR_DEVICE: ` ${choice} ` }).device).toBe(choice);
  });

  it("rejects an unknown device, naming the valid ones and what was given", () => {
    expect(() => readConfig({ SEMANTIC_RADAR_DEVICE: "gpu" })).toThrow(/^SEMANTIC_RADAR_DEVICE must be one of auto, cpu, webgpu, cuda; got "gpu"$/);
    expect(() => readConfig({ SEMANTIC_RADAR_DEVICE: "CPU" })).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });

  it.each([
    ["SEMANTIC_RADAR_MAX_PENDING", "lots", /^SEMANTIC_RADAR_MAX_PENDING must be an integer of at least 1; got "lots"$/],
    ["SEMANTIC_RADAR_MAX_PENDING", "0", /an integer of at least 1; got "0"/],
    ["SEMANTIC_RADAR_MAX_ENTRIES", "1.5", /^SEMANTIC_RADAR_MAX_ENTRIES must be an integer of at least 1; got "1.5"$/],
    ["SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES", "-1", /^SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES must be an integer of at least 0; got "-1"$/],
    ["SEMANTIC_RADAR_THREADS", "1e3", /^SEMANTIC_RADAR_THREADS must be an integer of at least 1; got "1e3"$/],
    ["SEMANTIC_RADAR_HNSW_EF_SEARCH", "fast", /^SEMANTIC_RADAR_HNSW_EF_SEARCH must be an integer/],
    ["SEMANTIC_RADAR_ALLOW_SOFTWARE_WEBGPU", "yes", /^SEMANTIC_RADAR_ALLOW_SOFTWARE_WEBGPU must be "1" \(on\) or "0" \(off\); got "yes"$/],
    ["DATABASE_URL", "mysql://root@db/radar", /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL; got "mysql:\/\/root\.\.\."$/],
    ["DATABASE_URL", "not a url", /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
  ])("refuses %s=%j with a message naming it and what was expected", (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });

  it("lists every bad variable at once", () => {
    expect(() => readConfig({ SEMANTIC_RADAR_DEVICE: "gpu", SEMANTIC_RADAR_MAX_PENDING: "lots" })).toThrow(
      /^SEMANTIC_RADAR_DEVICE must be one of .*; got "gpu"\. SEMANTIC_RADAR_MAX_PENDING must be an integer of at least 1; got "lots"$/,
    );
  });

  it("never echoes a whole DATABASE_URL (it may hold a password)", () => {
    expect(() => readConfig({ DATABASE_URL: "mysql://admin:s3cret-password@db/radar" })).toThrow(expect.objectContaining({ message: expect.not.stringContaining("s3cret") }));
  });
});

describe("config and reloadConfig", () => {
  afterEach(() => reloadConfig());

  it("reads the environment once, and again on reloadConfig", () => {
    const first = config();
    expect(config()).toBe(first);
    const reloaded = reloadConfig({ SEMANTIC_RADAR_MAX_PENDING: "7" });
    expect(config()).toBe(reloaded);
    expect(config().maxPending).toBe(7);
  });

  it("keeps the configuration it had when a reload is refused", () => {
    const before = reloadConfig({ SEMANTIC_RADAR_MAX_PENDING: "7" });
    expect(() => reloadConfig({ SEMANTIC_RADAR_MAX_PENDING: "seven" })).toThrow(/SEMANTIC_RADAR_MAX_PENDING/);
    expect(config()).toBe(before);
  });
});

describe("processWide", () => {
  it("makes one of each per process, until forgotten", () => {
    let made = 0;
    const make = () => ({ n: ++made });
    const first = processWide("map-worker", make);
    expect(processWide("map-worker", make)).toBe(first);
    forgetProcessWide("map-worker", { n: 99 }); // not the one held: kept
    expect(processWide("map-worker", make)).toBe(first);
    forgetProcessWide("map-worker", first);
    expect(processWide("map-worker", make)).toEqual({ n: 2 });
    forgetProcessWide("map-worker");
  });
});
