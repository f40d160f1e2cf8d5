/**
 * Runs `sales-plan` in this process, as main.ts does around runCli (output piped, so no
 * progress bar), and hands back what a user would see: the exit code, stdout and stderr.
 * The process wrapper itself (bin/sales-plan.cjs, main.ts) is covered by bin.test.ts.
 */
import { CliSeams, runCli } from "../../src/cli/program";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `env` is the whole environment the command sees (empty by default, so a SALES_PLAN_DEBUG
 * set in the developer's shell does not change the output a test expects).
 */
export async function salesPlan(
  args: string[],
  seams: CliSeams = {},
  env: Record<string, string> = {}
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, interactive: false },
    seams
  );
  return { code, stdout, stderr };
}
