/**
 * Database errors a client can act on, as AppErrors: text PostgreSQL cannot store (NUL) is the request's fault
 * (422), a full disk is the server's (507), a PostgreSQL server out of reach too (503). Anything else stays as
 * it is: logged, and a generic 500.
 */
import { AppError } from "../errors";
import { isDiskFullError } from "./disk-space";

/** SQLSTATEs of text the database encoding cannot hold: 22021 (a NUL byte, invalid UTF-8), 22P05 (untranslatable). */
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);
/** The server went away: a refused or dropped connection, SQLSTATE class 08, or 57P01-57P03 (shutting down). */
const UNREACHABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|08...|57P0[1-3])$/;

export function asStoreError(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && UNSTORABLE_TEXT.has(code)) {
    return new AppError("invalid_input", "The text contains a character the store cannot keep (NUL, U+0000): expected text without control character 0. Remove it and try again.");
  }
  if (isDiskFullError(error)) return new AppError("storage_full", "Disk full: the store could not write. Nothing saved was lost; free some space and try again.");
  if (typeof code === "string" && UNREACHABLE.test(code)) {
    return new AppError("store_unavailable", `The PostgreSQL server (DATABASE_URL) cannot be reached (${code}: ${(error as Error).message?.slice(0, 200) ?? ""}).`);
  }
  return undefined;
}
