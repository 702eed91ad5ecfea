"use client";

/** A failure, said plainly; never a stack trace. The knowledge base in the editor is untouched. */
export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div data-testid="error-message" role="alert" className="flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
      <p className="flex-1">{message}</p>
      <button type="button" onClick={onDismiss} className="text-sm font-medium underline" aria-label="Dismiss the message">
        Dismiss
      </button>
    </div>
  );
}
