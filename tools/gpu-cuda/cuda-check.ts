/**
 * Entry point of the CUDA check's engine side (cli.ts has the commands). prepare.ts bundles it with lib/engine
 * into .gpu-cuda's cuda-check.cjs; run.sh runs it with the shipped node binary, one phase per process.
 * Exit status: 0 done (a device that could not start is a recorded result, not a failure), 2 usage or a phase
 * that broke, 3 the CUDA probe failed (the reason is in probe.json).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCheckArgs, UsageError, type CheckCommand } from "./cli";
import { embedPhase, planPhase, probePhase, stsPhase } from "./phases";
import { collectResults } from "./results";
import { overallVerdict, summaryMarkdown } from "./summary";

// The bundle ships onnxruntime-node as ort.cjs beside itself; the provider probe's child process loads it from there.
if (typeof __dirname !== "undefined") process.env.SEMANTIC_RADAR_ORT_ENTRY ??= join(__dirname, "ort.cjs");

async function run(command: CheckCommand): Promise<number> {
  switch (command.phase) {
    case "probe":
      return (await probePhase(command.work, command.model)) ? 0 : 3;
    case "sts":
      await stsPhase(command.work, command.model, command.device);
      return 0;
    case "plan":
      planPhase(command.work, command.model, command.texts);
      return 0;
    case "embed":
      await embedPhase(command.work, command.model, command.device, command.label, command.passes);
      return 0;
    case "summary": {
      const results = collectResults(command.work, command.machine);
      writeFileSync(command.out, summaryMarkdown(results));
      writeFileSync(join(command.work, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
      console.log(`summary: ${command.out} (verdict ${overallVerdict(results)})`);
      return 0;
    }
  }
}

let command: CheckCommand;
try {
  command = parseCheckArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`cuda-check: ${error.message}`);
  process.exit(2);
}
run(command).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`cuda-check ${command.phase}: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
