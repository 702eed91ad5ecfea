"use client";

/** Whether a model switch keeps the pooling on screen or moves to the new model's native one. */
export function PinPooling({ pinned, onPinned }: { pinned: boolean; onPinned: (pinned: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={pinned} data-testid="pin-pooling" onChange={(event) => onPinned(event.target.checked)} />
      Keep this pooling when I switch model
    </label>
  );
}
