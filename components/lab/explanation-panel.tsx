"use client";

import type { LabModel } from "@/lib/lab/model";
import type { LabReport } from "@/lib/lab/report";
import { useI18n } from "../i18n/use-messages";
import { runObservations } from "./observations";

/** Why a pooling fits a model, what the article got wrong, and what this run shows. Short, concrete, true. */
export function ExplanationPanel({ model, report }: { model: LabModel; report?: LabReport }) {
  const { t } = useI18n();
  const observations = report ? runObservations(report, t) : [];
  const trained =
    model.nativePooling === "cls" ? t.labWhy.trainedCls : model.nativePooling === "mean" ? t.labWhy.trainedMean : t.labWhy.trainedOther(t.results.poolings[model.nativePooling]);
  return (
    <section data-testid="explanation-panel" aria-labelledby="explanation-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm leading-relaxed">
      <h3 id="explanation-title" className="text-lg font-semibold">{t.lab.whyTitle}</h3>
      <p className="mt-1">{t.labWhy.samePass}</p>
      <p className="mt-2" data-testid="explanation-model">
        {model.architecture === "encoder" ? t.labWhy.encoder(model.id, trained) : t.labWhy.decoder(model.id)}
      </p>
      {observations.length ? (
        <ul className="mt-2 list-disc pl-5" data-testid="explanation-observations">
          {observations.map((note) => <li key={note}>{note}</li>)}
        </ul>
      ) : null}
      <h4 className="mt-3 font-semibold">{t.labWhy.wrongTitle}</h4>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {t.labWhy.wrong.split("\n").map((point) => <li key={point}>{point}</li>)}
      </ul>
      <h4 className="mt-3 font-semibold">{t.labWhy.readingTitle}</h4>
      <p className="mt-1">{t.labWhy.reading}</p>
    </section>
  );
}
