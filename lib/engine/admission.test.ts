import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "../config";
import { Admission, admission, RETRY_AFTER_SECONDS } from "./admission";

describe("Admission", () => {
  it("gives permits up to the limit, then refuses with overloaded and a retry delay", () => {
    const admission = new Admission(2);
    const a = admission.acquire();
    admission.acquire();
    expect(() => admission.acquire()).toThrow(expect.objectContaining({ code: "overloaded", details: { retryAfterSeconds: RETRY_AFTER_SECONDS } }));
    expect(() => admission.acquire()).toThrow(/2 requests are already in progress \(limit 2\)/);
    a.release();
    expect(() => admission.acquire()).not.toThrow();
  });

  it("counts a permit released twice once", () => {
    const admission = new Admission(1);
    const permit = admission.acquire();
    permit.release();
    permit.release();
    expect(admission.pending).toBe(0);
  });

  it("validates the limit eagerly, saying what it got", () => {
    expect(() => new Admission(0)).toThrow(/Expected maxPending to be a positive integer, got 0 \(number\)/);
  });

});

describe("the server's admission", () => {
  afterEach(() => reloadConfig());

  it("reads SEMANTIC_RADAR_MAX_PENDING, defaulting to 512", () => {
    reloadConfig({});
    expect(admission().maxPending).toBe(512);
    reloadConfig({ SEMANTIC_RADAR_MAX_PENDING: "64" });
    expect(admission().maxPending).toBe(64);
    expect(() => reloadConfig({ SEMANTIC_RADAR_MAX_PENDING: "lots" })).toThrow(/^SEMANTIC_RADAR_MAX_PENDING must be an integer of at least 1; got "lots"$/);
  });

  it("follows the configuration whenever it was created", () => {
    const first = admission();
    reloadConfig({ SEMANTIC_RADAR_MAX_PENDING: "3" });
    expect(admission()).toBe(first);
    const held = [first.acquire(), first.acquire(), first.acquire()];
    expect(() => first.acquire()).toThrow(/limit 3/);
    for (const permit of held) permit.release();
  });
});
