"use client";

import type { ReactNode } from "react";
import type { AppError } from "@/lib/errors";
import type { View } from "./settings";
import type { BrokenModel, EngineState, ModelSummary } from "@/lib/api/contract";
import { POOLING_LABELS, POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import { EngineStatusCard } from "./engine-status-card";
import { PoolingControl } from "./pooling-control";
import { SettingsDrawer } from "./settings-drawer";
import { ModelPicker, ThresholdSlider, TopKInput } from "./setting-controls";

interface Props {
  models: ModelSummary[];
  broken: BrokenModel[];
  model: ModelSummary | undefined;
  engine: EngineState | null;
  statusError: AppError | null;
  onRetry: () => void;
  onModel: (id: string) => void;
  view: View;
  compare: [Pooling, Pooling];
  onView: (view: View) => void;
  onCompare: (compare: [Pooling, Pooling]) => void;
  threshold: number;
  onThreshold: (threshold: number) => void;
  topK: number;
  onTopK: (topK: number) => void;
  /** The saved knowledge bases (issue 9), under the settings. */
  library?: ReactNode;
  /** issue 10: the pooling pin and the calibration card, under the settings. */
  extra?: ReactNode;
}

/** Engine status, then the settings in the order a demo touches them: model, pooling, threshold, top-k. */
export function Sidebar(props: Props) {
  const { model } = props;
  const pooling = props.view === "side_by_side" ? props.compare.map((p) => POOLING_LABELS[p]).join(" vs ") : POOLING_LABELS[props.view];
  const summary = `${pooling} · threshold ${props.threshold.toFixed(2)} · top ${props.topK}`;
  return (
    <aside className="flex min-w-0 flex-col gap-3 lg:gap-5" aria-label="Settings">
      <EngineStatusCard modelId={model?.id ?? ""} engine={props.engine} error={props.statusError} onRetry={props.onRetry} />
      <SettingsDrawer summary={summary}>
        <ModelPicker models={props.models} broken={props.broken} model={model} onModel={props.onModel} />
        <PoolingControl
          view={props.view}
          nativePooling={model?.nativePooling}
          compare={props.compare}
          poolings={POOLINGS}
          onView={props.onView}
          onCompare={props.onCompare}
        />
        <ThresholdSlider threshold={props.threshold} onThreshold={props.onThreshold} />
        <TopKInput topK={props.topK} onTopK={props.onTopK} />
        {props.extra}
      </SettingsDrawer>
      {props.library}
    </aside>
  );
}
