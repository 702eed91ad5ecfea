import type { Metadata } from "next";
import { connection } from "next/server";
import { LabPage } from "@/components/lab/lab-page";
import { toLabModel } from "@/lib/lab/model";
import { listModels } from "@/lib/engine/index";

export const metadata: Metadata = {
  title: "Pooling Lab · Semantic Radar",
  description: "The article's [CLS] vs mean pooling experiment, run for real on every installed model and pooling.",
};

export default async function Page() {
  // The installed models are read per request: models/ can change after the build.
  await connection();
  return <LabPage models={listModels().map(toLabModel)} />;
}
