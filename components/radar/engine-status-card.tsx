"use client";

import type { AppError } from "@/lib/errors";
import type { EngineState } from "@/lib/api/contract";

interface Props {
  modelId: string;
  engine: EngineState | null;
  error: AppError | null;
  onRetry: () => void;
}

/** "Loading model..." until the engine is up, then the article's 「向量空间已展开」 with what was loaded. */
export function EngineStatusCard({ modelId, engine, error, onRetry }: Props) {
  if (engine?.status === "ready") return <ReadyCard engine={engine} />;
  if (engine?.status === "failed" || error) return <FailedCard message={engine?.error ?? error?.message ?? ""} onRetry={onRetry} />;
  return (
    <section data-testid="engine-status" data-status="loading" className="rounded-lg border border-amber-300 bg-amber-50 p-3" aria-live="polite">
      <p className="flex items-center gap-2 font-semibold text-amber-900">
        <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-amber-700 border-t-transparent" aria-hidden />
        Loading model...
      </p>
      <p className="mt-1 break-all text-sm text-amber-900">{modelId || "connecting to the server"}</p>
    </section>
  );
}

function ReadyCard({ engine }: { engine: EngineState }) {
  return (
    <section data-testid="engine-status" data-status="ready" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3" aria-live="polite">
      <p className="font-semibold text-emerald-800">
        <span aria-hidden>● </span>向量空间已展开
      </p>
      <p className="text-xs text-emerald-800">Vector space ready</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700">
        <dt className="text-slate-500">Model</dt>
        <dd data-testid="engine-model" className="break-all font-medium">{engine.modelId}</dd>
        <dt className="text-slate-500">Device</dt>
        <dd data-testid="engine-device">{engine.device} · {engine.graph}</dd>
        <dt className="text-slate-500">Dimensions</dt>
        <dd data-testid="engine-dims">{engine.dims}</dd>
        <dt className="text-slate-500">Load time</dt>
        <dd>{formatMs(engine.loadMs ?? 0)}</dd>
      </dl>
      {engine.skipped?.length ? (
        <details className="mt-2 text-xs text-slate-600">
          <summary className="cursor-pointer">Devices skipped ({engine.skipped.length})</summary>
          <ul className="mt-1 list-disc pl-4">
            {engine.skipped.map((s) => (
              <li key={s.device}>
                <strong>{s.device}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function FailedCard({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section data-testid="engine-status" data-status="failed" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm" role="alert">
      <p className="font-semibold text-red-800">The model could not be loaded</p>
      <p className="mt-1 break-words text-red-900">{message}</p>
      <button type="button" onClick={onRetry} className="mt-2 rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800">
        Try again
      </button>
    </section>
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
