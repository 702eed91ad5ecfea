import { describe, expect, it } from "vitest";
import type { EngineState, StatusResponse } from "@/lib/api/contract";
import { engineOf, HEARTBEAT_MS, nextPollMs, POLL_MS, statusKey } from "./engine-poll";

const engine = (modelId: string, status: EngineState["status"]): EngineState => ({ modelId, status });

function statusWith(engines: EngineState[], totalMs = 1): StatusResponse {
  return {
    models: [],
    defaultModel: "all-MiniLM-L6-v2",
    deviceChoice: "auto",
    engines,
    broken: [],
    memory: { bytes: 2 ** 30, source: "system" },
    serving: { pending: 0, maxPending: 512, eventLoop: { p50Ms: 1, p99Ms: 2, maxMs: 3, windowS: 4 }, cpuMs: 5, cores: 2 },
    store: { kind: "pglite", state: "ok" },
    timings: { totalMs },
  };
}

describe("nextPollMs", () => {
  it("asks every second while the model is idle or loading, or not listed yet", () => {
    expect(nextPollMs(null)).toBe(POLL_MS);
    expect(nextPollMs(engine("m", "idle"))).toBe(POLL_MS);
    expect(nextPollMs(engine("m", "loading"))).toBe(POLL_MS);
  });

  it("slows to a heartbeat once ready, and stops after a failed load (a retry starts it again)", () => {
    expect(nextPollMs(engine("m", "ready"))).toBe(HEARTBEAT_MS);
    expect(HEARTBEAT_MS).toBeGreaterThan(POLL_MS);
    expect(nextPollMs(engine("m", "failed"))).toBeNull();
  });
});

describe("engineOf", () => {
  const status = statusWith([engine("bge-small-zh-v1.5", "loading"), engine("all-MiniLM-L6-v2", "ready")]);

  it("finds the asked model's engine, or the default model's when none is asked", () => {
    expect(engineOf(status, "bge-small-zh-v1.5")?.status).toBe("loading");
    expect(engineOf(status, null)?.modelId).toBe("all-MiniLM-L6-v2");
    expect(engineOf(status, "not-installed")).toBeNull();
  });
});

describe("statusKey", () => {
  it("ignores the timings, which change on every answer, and nothing else", () => {
    const ready = [engine("all-MiniLM-L6-v2", "ready")];
    expect(statusKey(statusWith(ready, 1))).toBe(statusKey(statusWith(ready, 7)));
    expect(statusKey(statusWith(ready))).not.toBe(statusKey(statusWith([engine("all-MiniLM-L6-v2", "loading")])));
  });
});
