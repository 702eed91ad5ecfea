"use client";

import { useCallback, useEffect, useState } from "react";
import type { LabModel } from "@/lib/lab/model";
import { readStored, writeStored } from "../browser-storage";
import { defaultLabChoices, LAB_CHOICES_KEY, parseLabChoices, type LabChoices } from "./lab-choices";

/**
 * The Lab's model, scenario and graph choices, kept in localStorage. `restored` turns true once the browser's copy
 * has been read (the server render has none), so the first run can wait for it and run what was picked last.
 */
export function useLabChoices(models: readonly LabModel[]) {
  const [choices, setChoices] = useState<LabChoices>(() => defaultLabChoices(models));
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    setChoices(parseLabChoices(readStored(LAB_CHOICES_KEY), models)); // nothing stored (or storage off): the defaults
    setRestored(true);
    // Read once per page: the installed models do not change while it is open.
  }, []);

  useEffect(() => {
    if (restored) writeStored(LAB_CHOICES_KEY, JSON.stringify(choices)); // refused: the choices hold for this visit
  }, [choices, restored]);

  const update = useCallback((patch: Partial<LabChoices>) => setChoices((current) => ({ ...current, ...patch })), []);
  return { choices, restored, update };
}
