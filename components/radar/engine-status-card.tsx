"use client";

import type { AppError } from "@/lib/errors";
import type { EngineState } from "@/lib/api/contract";
import { errorText } from "../i18n/error-text";
import { useI18n } from "../i18n/use-messages";

interface Props {
  modelId: string;
  engine: EngineState | null;
  error: AppError | null;
  onRetry: () => void;
}

/**
 * "Loading model..." until the engine is up, then "Vector space ready" (the article's 「向量空间已展开」 under it) with
 * what was loaded; "Server unreachable" whenever the status poll gets no answer, even after it was ready.
 */
export function EngineStatusCard({ modelId, engine, error, onRetry }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  // A network failure (or a non-JSON answer from something in between) arrives as "internal"; the server's own
  // refusals carry their code and are the engine's story, not the connection's.
  if (error?.code === "internal") return <UnreachableCard message={errorText(error, i18n)} modelId={modelId} onRetry={onRetry} />;
  if (engine?.status === "failed" || error) return <FailedCard message={engine?.error ?? (error ? errorText(error, i18n) : "")} onRetry={onRetry} />;
  if (engine?.status === "ready") return <ReadyCard engine={engine} />;
  return (
    <section data-testid="engine-status" data-status="loading" className="rounded-lg border border-amber-300 bg-amber-50 p-3" aria-live="polite">
      <p className="flex items-center gap-2 font-semibold text-amber-900">
        <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-amber-700 border-t-transparent" aria-hidden />
        {t.settings.loadingModel}
      </p>
      <p className="mt-1 break-all text-sm text-amber-900">{modelId || t.settings.connecting}</p>
    </section>
  );
}

function ReadyCard({ engine }: { engine: EngineState }) {
  const { t, locale } = useI18n();
  return (
    <section data-testid="engine-status" data-status="ready" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3" aria-live="polite">
      <h2 className="font-semibold text-emerald-800">
        <span aria-hidden>● </span>{t.settings.ready}
      </h2>
      {/* The article's words, under the English ones. */}
      {locale === "en" ? (
        <p lang="zh" className="text-xs text-emerald-800">
          向量空间已展开
        </p>
      ) : null}
      {/* On a phone one line says what was loaded; the details wait for a wider screen. */}
      <p className="mt-1 break-all text-sm text-slate-700 lg:hidden">
        {engine.modelId} · {engine.device} · {t.settings.dims(engine.dims)}
      </p>
      <dl className="mt-2 hidden grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700 lg:grid">
        <dt className="text-slate-600">{t.settings.model}</dt>
        <dd data-testid="engine-model" className="break-all font-medium">{engine.modelId}</dd>
        <dt className="text-slate-600">{t.settings.device}</dt>
        <dd data-testid="engine-device">{engine.device} · {engine.graph}</dd>
        <dt className="text-slate-600">{t.settings.dimensions}</dt>
        <dd data-testid="engine-dims">{engine.dims}</dd>
        <dt className="text-slate-600">{t.settings.loadTime}</dt>
        <dd>{formatMs(engine.loadMs ?? 0)}</dd>
      </dl>
      {engine.skipped?.length ? (
        <details className="mt-2 hidden text-xs text-slate-600 lg:block">
          <summary className="cursor-pointer">{t.settings.devicesSkipped(engine.skipped.length)}</summary>
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
  const { t } = useI18n();
  return (
    <section data-testid="engine-status" data-status="failed" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm" role="alert">
      <h2 className="font-semibold text-red-800">{t.settings.loadFailed}</h2>
      <p className="mt-1 break-words text-red-900">{message}</p>
      <button type="button" onClick={onRetry} className="mt-2 rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800">
        {t.common.tryAgain}
      </button>
    </section>
  );
}

function UnreachableCard({ message, modelId, onRetry }: { message: string; modelId: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <section data-testid="engine-status" data-status="unreachable" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm" role="alert">
      <h2 className="font-semibold text-red-800">
        <span aria-hidden>○ </span>{t.settings.unreachable}
      </h2>
      <p className="mt-1 break-words text-red-900">{message}</p>
      <p className="mt-1 text-xs text-red-900">
        {t.settings.checkingAgain(modelId)}
      </p>
      <button type="button" onClick={onRetry} className="mt-2 rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800">
        {t.settings.tryNow}
      </button>
    </section>
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
