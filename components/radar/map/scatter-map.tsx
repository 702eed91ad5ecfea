"use client";

import { Cell, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import type { MapPoint, PoolingMap } from "@/lib/api/contract";
import { scoreColor } from "./map-colors";
import { useI18n } from "../../i18n/use-messages";

interface Props {
  label: string;
  map: PoolingMap;
  onExplain?: (index: number) => void;
}

/** One pooling's map: every entry a dot coloured by its score, the query a red diamond; click a dot to explain it. */
export function ScatterMap({ label, map, onExplain }: Props) {
  const { t } = useI18n();
  const scores = map.points.flatMap((p) => (p.score === undefined ? [] : [p.score]));
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const [vx, vy] = map.explainedVariance ?? [];
  return (
    <figure data-testid="scatter-map" data-points={map.points.length} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-semibold text-slate-700">
        {label}
        {vx !== undefined ? (
          <span className="ml-2 font-normal text-slate-500" data-testid="explained-variance">
            {t.why.mapVariance(Math.round(vx * 100), Math.round(vy! * 100))}
          </span>
        ) : null}
      </figcaption>
      <ScatterChart responsive style={{ width: "100%", height: 320 }} margin={{ top: 8, right: 8, bottom: 8, left: -20 }}>
        <XAxis dataKey="x" type="number" domain={["auto", "auto"]} tick={false} name="x" />
        <YAxis dataKey="y" type="number" domain={["auto", "auto"]} tick={false} name="y" />
        <ZAxis range={[36, 36]} />
        <Tooltip cursor={false} content={<PointTooltip />} />
        <Scatter data={map.points} isAnimationActive={false} onClick={(point) => onExplain?.((point as unknown as { payload: MapPoint }).payload.index)} cursor={onExplain ? "pointer" : "default"}>
          {map.points.map((point) => (
            <Cell key={point.index} fill={scoreColor(point.score, low, high)} data-testid="map-point" />
          ))}
        </Scatter>
        {map.query ? <Scatter data={[{ ...map.query, text: t.why.mapQuery, index: -1 }]} fill="#dc2626" shape="diamond" isAnimationActive={false} /> : null}
      </ScatterChart>
    </figure>
  );
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload: MapPoint }[] }) {
  const { t } = useI18n();
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="max-w-xs rounded border border-slate-300 bg-white p-2 text-xs shadow" data-testid="map-tooltip">
      <p>{point.text}</p>
      {point.score !== undefined ? <p className="mt-1 font-mono">{t.why.mapScore(point.score.toFixed(4))}</p> : null}
      {point.index >= 0 ? <p className="mt-1 text-slate-500">{t.why.mapClick}</p> : null}
    </div>
  );
}
