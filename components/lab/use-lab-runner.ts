"use client";

import { useCallback, useRef, useState } from "react";
import { asAppError } from "@/lib/api/client";
import { runLabRequest, type LabResponse, type LabRunBody } from "./lab-api";

export type RunPhase = { kind: "idle" } | { kind: "running"; index: number; total: number; model: string };

export interface ModelFailure {
  model: string;
  message: string;
}

/**
 * Runs the lab on one model after another (one request each, so results appear as they come and a failing model
 * does not hide the others), cancellable. A new run replaces the previous results.
 */
export function useLabRunner() {
  const [phase, setPhase] = useState<RunPhase>({ kind: "idle" });
  const [reports, setReports] = useState<LabResponse[]>([]);
  const [failures, setFailures] = useState<ModelFailure[]>([]);
  const running = useRef<AbortController | null>(null);

  const run = useCallback(async (plan: LabRunBody[]) => {
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    setReports([]);
    setFailures([]);
    try {
      for (const [index, body] of plan.entries()) {
        setPhase({ kind: "running", index, total: plan.length, model: body.model });
        try {
          const report = await runLabRequest(body, abort.signal);
          if (running.current === abort) setReports((done) => [...done, report]);
        } catch (caught) {
          const error = asAppError(caught);
          if (error.code === "cancelled" || abort.signal.aborted) return;
          if (running.current === abort) setFailures((done) => [...done, { model: body.model, message: error.message }]);
        }
      }
    } finally {
      if (running.current === abort) {
        running.current = null;
        setPhase({ kind: "idle" });
      }
    }
  }, []);

  const cancel = useCallback(() => running.current?.abort(), []);
  return { phase, reports, failures, run, cancel };
}
