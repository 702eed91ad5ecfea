"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/use-messages";
import { restoreRadarState } from "./use-settings";

function Loading() {
  const { t } = useI18n();
  return <p className="p-6 text-slate-500">{t.search.loadingRadar}</p>;
}

// The radar lives on the browser's storage (knowledge base, settings): render it in the browser only, once they are
// read, so the first paint already shows the saved state instead of flashing the defaults and then swapping.
const Radar = dynamic(() => import("./radar").then((m) => m.Radar), { ssr: false, loading: Loading });

export function RadarLoader() {
  const [restored, setRestored] = useState<Awaited<ReturnType<typeof restoreRadarState>> | null>(null);
  useEffect(() => {
    void restoreRadarState().then(setRestored);
  }, []);
  return restored ? <Radar initial={restored} /> : <Loading />;
}
