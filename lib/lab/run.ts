/**
 * Runs the lab on a loaded engine: two embed calls (queries with the model's query prompt, candidates as
 * documents), each one forward pass per text that returns every pooling, then the table.
 */
import { AppError } from "@/lib/errors";
import type { EmbedResult, EmbeddingEngine } from "@/lib/engine/types";
import { cosine } from "@/lib/pooling/normalize";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import { buildLabRow, buildLabTable, mapPoolings, type CandidateScores, type LabTable } from "./table";
import { CANDIDATE_ROLES, type Scenario } from "./scenarios/types";

/** A scenario text longer than the model's max tokens; the lab still runs on what was kept. */
export interface LabTruncation {
  text: string;
  tokens: number;
  kept: number;
}

export interface LabRun {
  table: LabTable;
  truncated: LabTruncation[];
  /** Wall time of the two embed calls. */
  embedMs: number;
}

export interface RunLabOptions {
  signal?: AbortSignal;
}

export async function runLab(engine: EmbeddingEngine, scenarios: readonly Scenario[], options: RunLabOptions = {}): Promise<LabRun> {
  if (scenarios.length === 0) throw new AppError("empty_input", "Expected at least 1 scenario to run, got 0");
  const started = performance.now();
  const queryTexts = scenarios.map((scenario) => scenario.query);
  // candidates: [scenario][role] flattened, 3 rows per scenario in CANDIDATE_ROLES order
  const candidateTexts = scenarios.flatMap((scenario) => CANDIDATE_ROLES.map((role) => scenario[role]));
  const queries = await engine.embed(queryTexts, { kind: "query", poolings: POOLINGS, signal: options.signal });
  const candidates = await engine.embed(candidateTexts, { kind: "document", poolings: POOLINGS, signal: options.signal });
  const rows = scenarios.map((scenario, index) =>
    buildLabRow(
      scenario.name,
      mapPoolings((pooling) => scoreCandidates(queries, candidates, pooling, index)),
    ),
  );
  return {
    table: buildLabTable(rows),
    truncated: [...describeTruncations(queries, queryTexts), ...describeTruncations(candidates, candidateTexts)],
    embedMs: performance.now() - started,
  };
}

function scoreCandidates(queries: EmbedResult, candidates: EmbedResult, pooling: Pooling, index: number): CandidateScores {
  const query = matrixRow(queries, pooling, index);
  const scores = CANDIDATE_ROLES.map((role, k) => [role, cosine(query, matrixRow(candidates, pooling, 3 * index + k))]);
  return Object.fromEntries(scores) as CandidateScores;
}

// matrix: [count, dims] row-major, L2-normalized (cosine re-normalizes anyway, so a drifted norm cannot skew it)
function matrixRow(result: EmbedResult, pooling: Pooling, row: number): Float32Array {
  const matrix = result.embeddings[pooling];
  if (!matrix) throw new AppError("internal", `Expected the engine to return ${pooling} embeddings, got none`);
  return matrix.subarray(row * result.dims, (row + 1) * result.dims);
}

function describeTruncations(result: EmbedResult, texts: readonly string[]): LabTruncation[] {
  return result.truncated.map((cut) => ({ text: texts[cut.index], tokens: cut.tokens, kept: cut.kept }));
}
