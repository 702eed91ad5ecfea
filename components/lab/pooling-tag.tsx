"use client";

import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { NativeBadge } from "../native-badge";
import { POOLING_COLORS } from "./format";

/** A pooling's name with its chart colour, and a "native" badge on the one the model was trained with. */
export function PoolingTag({ pooling, native, short = false }: { pooling: Pooling; native: Pooling; short?: boolean }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: POOLING_COLORS[pooling] }} aria-hidden />
      {short ? t.lab.shortPoolings[pooling] : t.results.poolings[pooling]}
      {pooling === native ? <NativeBadge className="tracking-wide" /> : null}
    </span>
  );
}
