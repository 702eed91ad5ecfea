/** The lab's STS results and the NDJSON events of POST /api/lab/sts. Types only: shared by route and page. */
import type { Device, Graph } from "@/lib/engine/types";
import type { ApiErrorBody } from "@/lib/api/contract";
import type { Pooling } from "@/lib/pooling/strategies";
import type { StsDataset } from "../eval/sts-data";

export type LabStsDataset = StsDataset;

export interface LabSts {
  model: string;
  graph: Graph;
  device: Device;
  dataset: LabStsDataset;
  pairs: number;
  /** Spearman x100 of cosine vs gold score, per pooling. */
  spearman: Record<Pooling, number>;
  native: Pooling;
  seconds: number;
}

export type LabStsEvent = { type: "progress"; done: number; total: number } | { type: "done"; result: LabSts };

/** What the page reads: the events above, or the error event lib/api/ndjson.ts ends a failed stream with. */
export type LabStsStreamEvent = LabStsEvent | ({ type: "error" } & ApiErrorBody);
