/**
 * `sales-plan quotas` says whether the quotas can be reached: the over-assignment the tree
 * accumulates (10% set, one manager without a hedge: 0% at the managers, 10% for the reps),
 * and the reps whose quota is above their territory's potential × the stored threshold.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { salesPlan as run } from "./inProcess";
import { smallPlan } from "./smallPlan";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-reach-"));
const file = (bytes: Uint8Array, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

it("prints the accumulated over-assignment and the reps out of reach, and gives them in --json", async () => {
  // Quotas of about 440,000 on territories of a few hundred potential: every rep is above
  // potential × 1, the default threshold.
  const path = file(await smallPlan({ quota: { overAssignment: 0.1 } }), "plan.xlsx");
  expect((await run(["territories", path])).code).toBe(0);
  const quotas = await run(["quotas", path]);
  expect(quotas.code).toBe(0);
  expect(quotas.stdout).toContain(
    "above the company target: the first-level managers' quotas sum to 0.0% more, all reps' quotas to 10.0% more"
  );
  expect(quotas.stdout).toContain(
    "3 of 3 rep(s) have a quota above 1 × their territory's potential"
  );
  expect(quotas.stdout).toContain("above potential: R1, R2, R3");
  const json = JSON.parse((await run(["quotas", path, "--json"])).stdout);
  expect(json.reachability.repsOver).toBeCloseTo(0.1, 12);
  expect(json.reachability.threshold).toBe(1);
});

it("uses the threshold stored with the scenario", async () => {
  const path = file(
    await smallPlan({ quota: { overAssignment: 0.1, reachThreshold: 1e9 } }),
    "high.xlsx"
  );
  await run(["territories", path]);
  const quotas = await run(["quotas", path]);
  expect(quotas.stdout).toContain("0 of 3 rep(s) have a quota above 1,000,000,000 ×");
  expect(quotas.stdout).not.toContain("above potential:");
});
