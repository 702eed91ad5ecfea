"use client";

import type { ExplainedText } from "@/lib/api/contract";
import { useI18n } from "../../i18n/use-messages";
import { HEAT_TEXT_COLOR, heatColor } from "./heat";

/** A text as the model's tokens, each shaded by what it did to the score; hover or focus shows the number. */
export function TokenHeatmap({ side, explained, scale }: { side: "query" | "entry"; explained: ExplainedText; scale: number }) {
  const { t } = useI18n();
  const label = t.why[side];
  return (
    <div className="flex flex-col gap-1" data-testid="token-heatmap" data-side={side}>
      <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</span>
      <div role="group" className="flex flex-wrap gap-0.5 leading-7" aria-label={t.why.tokensLabel(label)}>
        {explained.tokens.map((token, i) => {
          const value = token.contribution;
          const reading = value === null ? t.why.notMeasured : `${value >= 0 ? "+" : ""}${value.toFixed(4)}`;
          return (
            <span
              key={i}
              data-testid="heat-token"
              data-contribution={value ?? ""}
              title={`${token.text}: ${reading}`}
              aria-label={`${token.text} ${reading}`}
              className={`rounded px-1 font-mono text-sm ${token.special ? "italic" : ""} ${value === null ? "border border-dashed border-slate-300 text-slate-900" : ""}`}
              style={value === null ? undefined : { backgroundColor: heatColor(value, scale), color: HEAT_TEXT_COLOR }}
            >
              {token.text}
            </span>
          );
        })}
      </div>
      <span className="text-xs text-slate-500">
        {t.why.sum} <span className="font-mono tabular-nums">{explained.total.toFixed(4)}</span>
      </span>
    </div>
  );
}

/** The colour scale, the same for every heatmap in view. */
export function HeatLegend({ scale }: { scale: number }) {
  const { t } = useI18n();
  return (
    <figure className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="heat-legend">
      <span>{t.why.lowers(scale.toFixed(3))}</span>
      <span className="h-3 w-40 max-w-full rounded" style={{ background: `linear-gradient(to right, ${heatColor(-scale, scale)}, #ffffff, ${heatColor(scale, scale)})` }} aria-hidden />
      <span>{t.why.raises(scale.toFixed(3))}</span>
    </figure>
  );
}
