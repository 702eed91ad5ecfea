/** The lab's STS results and the events of computing them. Types only: shared by route and page. */
import type { Device, Graph } from "../engine/types";
import type { Pooling } from "../pooling/strategies";
import type { StsDataset } from "../eval/sts-data";
import type { StsAtSize } from "../eval/sts-sizes";

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
  /** Spearman at each Matryoshka cut, ascending, the last the full size: the model's declared cuts, else 32, 64, .... */
  bySize: StsAtSize[];
  /** Whether the model's card declares Matryoshka training (a cut of any other model was not trained for). */
  matryoshka: boolean;
  seconds: number;
}

export type LabStsEvent = { type: "progress"; done: number; total: number } | { type: "done"; result: LabSts };
