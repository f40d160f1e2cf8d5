/** `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run. */
import { runFunctionBench } from "./functions.bench";
import { runMovesBoundBench } from "./movesBound.bench";
import { runPipelineBench } from "./pipeline.bench";
import { runPlanRunBench } from "./planRun.bench";
import { runQuotaBench } from "./quota.bench";
import { runStorageBench } from "./storage.bench";
import { runTerritoryBench } from "./territory.bench";

async function main() {
  runFunctionBench();
  runTerritoryBench();
  await runMovesBoundBench();
  runQuotaBench();
  runPipelineBench();
  await runStorageBench();
  await runPlanRunBench();
}

void main();
