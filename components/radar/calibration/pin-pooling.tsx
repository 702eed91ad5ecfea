"use client";

import { useI18n } from "../../i18n/use-messages";

/** Whether a model switch keeps the pooling on screen or moves to the new model's native one. */
export function PinPooling({ pinned, onPinned }: { pinned: boolean; onPinned: (pinned: boolean) => void }) {
  const { t } = useI18n();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={pinned} data-testid="pin-pooling" onChange={(event) => onPinned(event.target.checked)} />
      {t.why.pin}
    </label>
  );
}
