/** The keys: owner cookies, the teacher key and the API key, against the configuration they are read from. */
import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "../config";
import { checkApiKey, cookieIn, keysMatch, libraryOwnerOf, newOwnerKey, ownerKeyIn, requestOwner, requireTeacher } from "./keys";

afterEach(() => {
  reloadConfig();
});

const withKeys = () => reloadConfig({ ...process.env, SEMANTIC_RADAR_TEACHER_KEY: "teacher-key-0123456789", SEMANTIC_RADAR_API_KEY: "sk-0123456789abcdef" });

describe("owner keys", () => {
  it("are 32 random bytes, read only when well formed, and stored as their SHA-256", () => {
    const key = newOwnerKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newOwnerKey()).not.toBe(key);
    expect(ownerKeyIn(new Headers({ cookie: `theme=dark; radar_owner=${key}; x=1` }))).toBe(key);
    expect(ownerKeyIn(new Headers({ cookie: "radar_owner=short" }))).toBeUndefined();
    expect(ownerKeyIn(new Headers({ cookie: `radar_owner=${key.slice(0, 42)}'` }))).toBeUndefined();
    expect(libraryOwnerOf(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(libraryOwnerOf(key)).not.toContain(key);
    expect(cookieIn("a=1;b=2", "b")).toBe("2");
  });

  it("are given to a request without one, HttpOnly and SameSite=Strict, Secure over https only", () => {
    const fresh = requestOwner(new Request("https://radar.example/api/kbs"));
    expect(fresh.setCookies[0]).toMatch(/^radar_owner=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=31536000; Secure$/);
    expect(fresh.setCookies[1]).toBe("radar_has_owner=1; SameSite=Lax; Path=/; Max-Age=31536000; Secure");
    expect(fresh.owner).toBe(libraryOwnerOf(fresh.setCookies[0].slice("radar_owner=".length, "radar_owner=".length + 43)));
    expect(requestOwner(new Request("http://127.0.0.1/api/kbs")).setCookies[0]).not.toMatch(/Secure/);
    const key = newOwnerKey();
    expect(requestOwner(new Request("http://127.0.0.1/api/kbs", { headers: { cookie: `radar_owner=${key}` } }))).toEqual({ owner: libraryOwnerOf(key), setCookies: [] });
  });
});

describe("the teacher key", () => {
  it("is 403 on a server without one, 401 when missing or wrong, and never repeated", () => {
    reloadConfig({ ...process.env, SEMANTIC_RADAR_TEACHER_KEY: "" });
    expect(() => requireTeacher(new Headers({ "x-teacher-key": "anything-at-all-here" }))).toThrow(expect.objectContaining({ code: "forbidden", message: expect.stringMatching(/no teacher key/) }));
    withKeys();
    expect(() => requireTeacher(new Headers())).toThrow(expect.objectContaining({ code: "unauthorized", message: expect.stringMatching(/got none\.$/) }));
    expect(() => requireTeacher(new Headers({ "x-teacher-key": "teacher-key-012345678" }))).toThrow(expect.objectContaining({ code: "unauthorized", message: expect.stringMatching(/got a key that is not the teacher key\.$/) }));
    expect(() => requireTeacher(new Headers({ "x-teacher-key": "teacher-key-0123456789" }))).not.toThrow();
  });

  it("compares keys of any length without throwing", () => {
    expect(keysMatch("a", "a")).toBe(true);
    expect(keysMatch("a", "a".repeat(1000))).toBe(false);
    expect(keysMatch("", "b")).toBe(false);
  });
});

describe("the API key of the OpenAI and TEI routes", () => {
  it("is asked for only when set, as Authorization: Bearer", () => {
    reloadConfig({ ...process.env, SEMANTIC_RADAR_API_KEY: "" });
    expect(() => checkApiKey(new Headers())).not.toThrow();
    withKeys();
    expect(() => checkApiKey(new Headers({ authorization: "Bearer sk-0123456789abcdef" }))).not.toThrow();
    expect(() => checkApiKey(new Headers({ authorization: "bearer  sk-0123456789abcdef " }))).not.toThrow();
    for (const [headers, given] of [
      [{}, "no Authorization header"],
      [{ authorization: "Basic sk-0123456789abcdef" }, "an Authorization header that is not a Bearer key"],
      [{ authorization: "Bearer sk-0123456789abcdeX" }, "a key that is not this server's"],
    ] as const) {
      expect(() => checkApiKey(new Headers(headers))).toThrow(expect.objectContaining({ code: "unauthorized", message: `Expected Authorization: Bearer <the server's API key (SEMANTIC_RADAR_API_KEY)>, got ${given}.` }));
    }
  });
});
