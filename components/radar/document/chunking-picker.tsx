"use client";

import { CHUNK_DEFAULTS, CHUNK_METHODS, type ChunkingSpec, type ChunkMethod } from "@/lib/api/contract";
import { useI18n } from "../../i18n/use-messages";

/** Method, and size and overlap for the token-counting methods. */
export function ChunkingPicker({ label, value, onChange, testId }: { label: string; value: ChunkingSpec; onChange: (next: ChunkingSpec) => void; testId: string }) {
  const strings = useI18n().t.documents;
  const defaults: { size?: number; overlap?: number } = CHUNK_DEFAULTS[value.method];
  const counted = value.method === "tokens" || value.method === "recursive";
  return (
    <fieldset className="flex flex-wrap items-end gap-2 text-sm" data-testid={testId}>
      <legend className="font-medium">{label}</legend>
      <label className="flex flex-col">
        {strings.method}
        <select value={value.method} onChange={(e) => onChange({ method: e.target.value as ChunkMethod })} className="rounded border border-slate-300 bg-white px-2 py-1" data-testid={`${testId}-method`}>
          {CHUNK_METHODS.map((method) => (
            <option key={method} value={method}>
              {strings.methods[method]}
            </option>
          ))}
        </select>
      </label>
      {counted ? (
        <>
          <label className="flex flex-col">
            {strings.size}
            <input type="number" min={16} value={value.size ?? defaults.size ?? ""} onChange={(e) => onChange({ ...value, size: e.target.value ? Number(e.target.value) : undefined })} className="w-24 rounded border border-slate-300 px-2 py-1" data-testid={`${testId}-size`} />
          </label>
          <label className="flex flex-col">
            {strings.overlap}
            <input type="number" min={0} value={value.overlap ?? defaults.overlap ?? 0} onChange={(e) => onChange({ ...value, overlap: e.target.value ? Number(e.target.value) : undefined })} className="w-24 rounded border border-slate-300 px-2 py-1" data-testid={`${testId}-overlap`} />
          </label>
        </>
      ) : null}
    </fieldset>
  );
}
