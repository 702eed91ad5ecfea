/** A failure in the interface language: the server's precise English as is, or a Chinese sentence with it as detail. */
import type { AppError } from "@/lib/errors";
import type { I18n } from "./use-messages";

export function errorText(error: AppError, { locale, t }: Pick<I18n, "locale" | "t">): string {
  if (error.code === "cancelled") return t.errors.codes.cancelled;
  if (locale === "en") return error.message;
  return t.errors.detail(t.errors.codes[error.code], error.message);
}
