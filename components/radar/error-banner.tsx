"use client";

import { useI18n } from "../i18n/use-messages";

/**
 * A failure, said plainly; never a stack trace. The knowledge base in the editor is untouched. tone "notice" is for
 * what the person did themselves (Cancel): said in neutral colours, as a status, not as an alert.
 */
export function ErrorBanner({ message, onDismiss, tone = "error" }: { message: string; onDismiss: () => void; tone?: "error" | "notice" }) {
  const { t } = useI18n();
  const notice = tone === "notice";
  return (
    <div
      data-testid={notice ? "notice-message" : "error-message"}
      role={notice ? "status" : "alert"}
      className={`flex items-start gap-3 rounded-lg border p-3 ${notice ? "border-slate-300 bg-white text-slate-800" : "border-red-300 bg-red-50 text-red-900"}`}
    >
      <p className="min-w-0 flex-1 break-words">{message}</p>
      <button type="button" onClick={onDismiss} className="text-sm font-medium underline" aria-label={t.common.dismissMessage}>
        {t.common.dismiss}
      </button>
    </div>
  );
}
