/** `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run. */
import { runFunctionBench } from "./functions.bench";
import { runQuotaBench } from "./quota.bench";
import { runTerritoryBench } from "./territory.bench";

runFunctionBench();
runTerritoryBench();
runQuotaBench();
