"use client";

import { useCallback, useEffect, useState } from "react";
import type { Scenario } from "@/lib/lab/scenarios/types";
import { readStored, writeStored } from "../browser-storage";

/** Versioned so a future format can migrate instead of misreading old rows. */
export const CUSTOM_SCENARIOS_KEY = "semantic-radar:lab-scenarios:v1";

export type DraftScenario = Scenario;

function readScenarios(): DraftScenario[] {
  try {
    const stored = JSON.parse(readStored(CUSTOM_SCENARIOS_KEY) ?? "[]") as unknown;
    if (!Array.isArray(stored)) return [];
    // Rows are kept as typed (even half-filled: work in progress is never dropped); only the shape is checked.
    return stored.filter(isDraft);
  } catch {
    return [];
  }
}

function isDraft(value: unknown): value is DraftScenario {
  if (typeof value !== "object" || value === null) return false;
  return (["name", "query", "strong", "weak", "unrelated"] as const).every((key) => typeof (value as Record<string, unknown>)[key] === "string");
}

/**
 * A person's own scenarios, kept in localStorage as they type. `loaded` is false until the browser's copy has been
 * read (the server render has none), so nothing overwrites it with an empty list on the first render.
 */
export function useCustomScenarios() {
  const [scenarios, setScenarios] = useState<DraftScenario[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    setScenarios(readScenarios());
    setLoaded(true);
  }, []);

  useEffect(() => {
    // Refused (storage full or off): the rows still live in the page; export keeps them safe.
    if (loaded) writeStored(CUSTOM_SCENARIOS_KEY, JSON.stringify(scenarios));
  }, [scenarios, loaded]);

  const update = useCallback((index: number, patch: Partial<DraftScenario>) => {
    setScenarios((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }, []);
  const add = useCallback((row?: DraftScenario) => {
    setScenarios((rows) => [...rows, row ?? { name: `Scenario ${rows.length + 1}`, query: "", strong: "", weak: "", unrelated: "" }]);
  }, []);
  const remove = useCallback((index: number) => setScenarios((rows) => rows.filter((_, i) => i !== index)), []);

  return { scenarios, loaded, setScenarios, update, add, remove };
}
