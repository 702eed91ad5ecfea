import { POOLING_LABELS, type Pooling } from "@/lib/pooling/strategies";
import { NativeBadge } from "../native-badge";
import { POOLING_COLORS, POOLING_SHORT_LABELS } from "./format";

/** A pooling's name with its chart colour, and a "native" badge on the one the model was trained with. */
export function PoolingTag({ pooling, native, short = false }: { pooling: Pooling; native: Pooling; short?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: POOLING_COLORS[pooling] }} aria-hidden />
      {short ? POOLING_SHORT_LABELS[pooling] : POOLING_LABELS[pooling]}
      {pooling === native ? <NativeBadge className="tracking-wide" /> : null}
    </span>
  );
}
