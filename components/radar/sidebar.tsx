"use client";

import type { ReactNode } from "react";
import type { AppError } from "@/lib/errors";
import type { BrokenModel, EngineState, ModelSummary } from "@/lib/api/contract";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { EngineStatusCard } from "./engine-status-card";
import { DimensionsControl } from "./dimensions-control";
import { CompareColumns } from "./pooling-control";
import type { View } from "./settings";
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
  onCompare: (compare: [Pooling, Pooling]) => void;
  threshold: number;
  onThreshold: (threshold: number) => void;
  topK: number;
  onTopK: (topK: number) => void;
  /** The Matryoshka cut searched (undefined: every dimension); offered only for a model that declares cuts. */
  dimensions?: number;
  onDimensions?: (dimensions: number | null) => void;
  /** The saved knowledge bases, under the settings. */
  library?: ReactNode;
  /** The pooling pin and the calibration card, under the settings. */
  extra?: ReactNode;
  /** The room's address and QR code, last. */
  room?: ReactNode;
}

/**
 * Engine status, then the settings in the order a demo touches them: model, the columns compared, threshold,
 * top-k. The pooling itself is chosen right above the results.
 */
export function Sidebar(props: Props) {
  const { t } = useI18n();
  const { model } = props;
  const pooling = props.view === "side_by_side" ? props.compare.map((p) => t.results.poolings[p]).join(t.settings.versus) : t.results.poolings[props.view];
  return (
    <aside className="flex min-w-0 flex-col gap-3 lg:gap-5" aria-label={t.settings.label}>
      <EngineStatusCard modelId={model?.id ?? ""} engine={props.engine} error={props.statusError} onRetry={props.onRetry} />
      <SettingsDrawer summary={t.settings.summary(pooling, props.threshold.toFixed(2), props.topK)}>
        <ModelPicker models={props.models} broken={props.broken} model={model} onModel={props.onModel} />
        {props.view === "side_by_side" ? (
          <CompareColumns compare={props.compare} nativePooling={model?.nativePooling} architecture={model?.architecture} poolings={POOLINGS} onCompare={props.onCompare} />
        ) : null}
        <ThresholdSlider threshold={props.threshold} onThreshold={props.onThreshold} />
        <TopKInput topK={props.topK} onTopK={props.onTopK} />
        {model?.matryoshka && props.onDimensions ? (
          <DimensionsControl matryoshka={model.matryoshka} full={model.hiddenSize} dimensions={props.dimensions} onDimensions={props.onDimensions} />
        ) : null}
        {props.extra}
      </SettingsDrawer>
      {props.library}
      {props.room}
    </aside>
  );
}
