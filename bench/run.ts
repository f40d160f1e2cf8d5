/** `npm run bench`: every benchmark, printed as figures and ratios against baselines measured in the same run. */
import { runFunctionBench } from "./functions.bench";

runFunctionBench();
