/**
 * The three keys a request may carry, checked here and nowhere else:
 * - the owner key, a cookie the server sets on its first answer to a browser without one: it names the browser's
 *   private library. Only its SHA-256 is stored, so the database never holds a key that opens a library;
 * - the teacher key (SEMANTIC_RADAR_TEACHER_KEY, the x-teacher-key header): the room's routes;
 * - the API key (SEMANTIC_RADAR_API_KEY, Authorization: Bearer): the OpenAI and TEI routes, when set.
 * Keys are compared in constant time (as SHA-256 digests, so their lengths do not show either) and never logged.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "../config";
import { AppError } from "../errors";
import type { LibraryOwner } from "../store/types";

export const OWNER_COOKIE = "radar_owner";
/**
 * Set beside the owner cookie, readable on a link from another site: SameSite=Strict keeps the owner cookie off
 * such a navigation, and without this mark the server would take the browser for a new one and replace its key.
 */
export const OWNER_MARK_COOKIE = "radar_has_owner";
export const TEACHER_KEY_HEADER = "x-teacher-key";

/** 32 random bytes, base64url: what an owner key looks like (anything else in the cookie is ignored). */
const OWNER_KEY = /^[A-Za-z0-9_-]{43}$/;
const ONE_YEAR_S = 365 * 24 * 3600;

export function newOwnerKey(): string {
  return randomBytes(32).toString("base64url");
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieIn(cookieHeader: string | null, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The request's owner key, when it carries a well-formed one. */
export function ownerKeyIn(headers: Headers): string | undefined {
  const key = cookieIn(headers.get("cookie"), OWNER_COOKIE);
  return key && OWNER_KEY.test(key) ? key : undefined;
}

/** The Set-Cookie values that give a browser its owner key: HttpOnly (no script reads it), SameSite=Strict. */
export function ownerCookies(key: string, secure: boolean): string[] {
  const tail = `Path=/; Max-Age=${ONE_YEAR_S}${secure ? "; Secure" : ""}`;
  return [`${OWNER_COOKIE}=${key}; HttpOnly; SameSite=Strict; ${tail}`, `${OWNER_MARK_COOKIE}=1; SameSite=Lax; ${tail}`];
}

/** The library an owner key opens: its SHA-256, hex. */
export function libraryOwnerOf(key: string): LibraryOwner {
  return createHash("sha256").update(key).digest("hex");
}

/** The request's library, and the cookies to set when it came without a key (a fresh one, made here). */
export function requestOwner(request: Request): { owner: LibraryOwner; setCookies: string[] } {
  const key = ownerKeyIn(request.headers);
  if (key) return { owner: libraryOwnerOf(key), setCookies: [] };
  const fresh = newOwnerKey();
  return { owner: libraryOwnerOf(fresh), setCookies: ownerCookies(fresh, new URL(request.url).protocol === "https:") };
}

/** Runs `answer` as the request's owner; an answer to a browser without a key gives it the fresh one. */
export async function answerAsOwner(request: Request, answer: (owner: LibraryOwner) => Promise<Response>): Promise<Response> {
  const { owner, setCookies } = requestOwner(request);
  const response = await answer(owner);
  for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
  return response;
}

/** Equal keys, in time that depends on neither key. */
export function keysMatch(given: string, expected: string): boolean {
  const digest = (key: string) => createHash("sha256").update(key).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether the request carries the teacher key. */
export function isTeacher(headers: Headers): boolean {
  const expected = config().teacherKey;
  const given = headers.get(TEACHER_KEY_HEADER);
  return expected !== undefined && given !== null && keysMatch(given, expected);
}

/** Refuses a request without the teacher key: 403 when the server has none, 401 when it is missing or wrong. */
export function requireTeacher(headers: Headers): void {
  if (config().teacherKey === undefined) {
    throw new AppError("forbidden", "This server has no teacher key: start it with npm start (which prints one) or set SEMANTIC_RADAR_TEACHER_KEY.");
  }
  if (isTeacher(headers)) return;
  const given = headers.has(TEACHER_KEY_HEADER) ? "a key that is not the teacher key" : "none";
  throw new AppError("unauthorized", `Expected the teacher key in the ${TEACHER_KEY_HEADER} header (npm start prints it), got ${given}.`);
}

/**
 * The OpenAI and TEI routes' rule when SEMANTIC_RADAR_API_KEY is set: `Authorization: Bearer <key>`, as the
 * OpenAI API and TEI's --api-key ask. Nothing is asked when it is unset.
 */
export function checkApiKey(headers: Headers): void {
  const expected = config().apiKey;
  if (expected === undefined) return;
  const header = headers.get("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer !== undefined && keysMatch(bearer, expected)) return;
  const given = header === null ? "no Authorization header" : bearer === undefined ? "an Authorization header that is not a Bearer key" : "a key that is not this server's";
  throw new AppError("unauthorized", `Expected Authorization: Bearer <the server's API key (SEMANTIC_RADAR_API_KEY)>, got ${given}.`);
}
