"use client";

import type { ChunkReport } from "@/lib/api/contract";
import { useI18n } from "../../i18n/use-messages";

/** Chunk count and a token-length histogram against the model's window; chunks over it are counted, never hidden. */
export function ChunkReportView({ report }: { report: ChunkReport }) {
  const { t, n } = useI18n();
  const strings = t.documents;
  const max = Math.max(1, ...report.histogram.map((bin) => bin.count), report.overWindow.length);
  return (
    <div data-testid="chunk-report" data-count={report.count} data-over={report.overWindow.length} className="text-sm">
      <p>{strings.chunksReport(n(report.count), n(report.window))}</p>
      <figure aria-label={strings.tokenHistogram} className="mt-1">
        <div className="flex h-12 items-end gap-px" role="img" aria-label={`${strings.tokenHistogram}: ${report.histogram.map((b) => `${b.start}-${b.end}: ${b.count}`).join(", ")}; > ${report.window}: ${report.overWindow.length}`}>
          {report.histogram.map((bin) => (
            <span key={bin.start} title={`${bin.start}-${bin.end}: ${bin.count}`} className="flex-1 bg-blue-500" style={{ height: `${(bin.count / max) * 100}%` }} />
          ))}
          <span title={`> ${report.window}: ${report.overWindow.length}`} className="flex-1 bg-red-500" style={{ height: `${(report.overWindow.length / max) * 100}%` }} />
        </div>
        <figcaption className="flex justify-between text-xs text-slate-500">
          <span>1</span>
          <span>{strings.tokenHistogram}</span>
          <span>{report.window} | &gt;</span>
        </figcaption>
      </figure>
      {report.overWindow.length ? <p className="text-amber-800" data-testid="over-window">{strings.overWindow(n(report.overWindow.length), n(report.window))}</p> : null}
    </div>
  );
}
