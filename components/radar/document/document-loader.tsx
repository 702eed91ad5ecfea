"use client";

import dynamic from "next/dynamic";

// Reads the address bar (shared links) and the browser's language: rendered in the browser only.
export const DocumentLoader = dynamic(() => import("./document-page").then((m) => m.DocumentPage), {
  ssr: false,
  loading: () => <p className="p-6 text-slate-500">Loading...</p>,
});
