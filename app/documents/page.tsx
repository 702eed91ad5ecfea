import type { Metadata } from "next";
import { DocumentLoader } from "@/components/radar/document/document-loader";

export const metadata: Metadata = {
  title: "Documents · Semantic Radar",
  description: "Search a document: chunked by the model's own tokens, matches shaded in place, keyword and semantic side by side.",
};

export default function DocumentsPage() {
  return <DocumentLoader />;
}
