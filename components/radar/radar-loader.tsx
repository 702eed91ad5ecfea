"use client";

import dynamic from "next/dynamic";

// The radar lives on localStorage (knowledge base, settings): render it in the browser only, so the first paint
// already shows the saved state instead of flashing the defaults and then swapping.
export const RadarLoader = dynamic(() => import("./radar").then((m) => m.Radar), {
  ssr: false,
  loading: () => <p className="p-6 text-slate-500">Loading the radar...</p>,
});
