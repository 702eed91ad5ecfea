"use client";

import dynamic from "next/dynamic";
import { useI18n } from "../../i18n/use-messages";

function Loading() {
  return <p className="p-6 text-slate-500">{useI18n().t.documents.loading}</p>;
}

// Reads the address bar (shared links) and the browser's language: rendered in the browser only.
export const DocumentLoader = dynamic(() => import("./document-page").then((m) => m.DocumentPage), { ssr: false, loading: Loading });
