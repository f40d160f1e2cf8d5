/**
 * Scenario Settings edited by hand in the workbook: a value that does not read as its
 * setting's type, or a misspelt setting, is found by validate (exit 1) at its cell, and
 * territories and quotas refuse it (exit 1) leaving the file byte for byte as it was, instead
 * of running with a guess. Row numbers are those of the small plan's settings (rows 2–29).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { releaseAllLocks } from "../../src/cli/lock";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { tables } from "../../src/workbook/schema";
import { salesPlan as run } from "./inProcess";
import { smallPlan } from "./smallPlan";

let dir: string;
let plain: Uint8Array;
beforeAll(async () => {
  plain = await smallPlan();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sales-plan-settings-"));
});
afterEach(() => {
  releaseAllLocks();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The small plan with its Scenario Settings edited in the sheet as a user would: `values`
 * replaces the Value of a setting, `keys` retypes a setting's name.
 */
async function edited(
  values: Record<string, string>,
  keys: Record<string, string> = {}
): Promise<string> {
  const driver = await PackageDriver.fromBuffer(plain);
  const raw = (await driver.readTable(tables.scenarioSettings))!;
  const rows = raw.rows.map(([scenario, key, value]) => [
    scenario,
    keys[String(key)] ?? key,
    values[String(key)] ?? value,
  ]);
  await driver.writeTable(tables.scenarioSettings, raw.header.map(String), rows as string[][]);
  const path = join(dir, "plan.xlsx");
  writeFileSync(path, await driver.toBuffer());
  return path;
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("hand-edited Scenario Settings", () => {
  it("a fiscal year start that is not a date: validate says where, quotas refuses and writes nothing", async () => {
    const path = await edited({ "quota.fiscalYearStart": "next January" });
    const problem =
      'Scenario Settings · C28 · quota.fiscalYearStart: FY27 Base: quota.fiscalYearStart holds "next January" where a date is needed (a date such as 2027-01-01, or its Excel serial)';
    const checked = await run(["validate", path]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe(`1 problem(s), 1 error(s):\n  error  ${problem}\n`);
    const before = sha256(path);
    const quotas = await run(["quotas", path]);
    expect(quotas).toEqual({
      code: 1,
      stdout: "",
      stderr: `sales-plan: 1 problem(s) in the Scenario Settings of FY27 Base; nothing was run or written:\n  ${problem}\n`,
    });
    expect(sha256(path)).toBe(before);
    // territories would write the settings back without the date: refused the same way.
    expect((await run(["territories", path])).code).toBe(1);
    expect(sha256(path)).toBe(before);
  });

  it("a ramp schedule item that is not a number is named, not dropped", async () => {
    const path = await edited({ "quota.rampSchedule": "0.25; half; 0.75" });
    const before = sha256(path);
    const result = await run(["quotas", path, "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      problems: [
        {
          severity: "error",
          sheet: "Scenario Settings",
          table: "PlanScenarioSettings",
          row: 29,
          address: "C29",
          column: "quota.rampSchedule",
          field: "quota.rampSchedule",
          code: "inScenario",
          values: {
            scenario: "FY27 Base",
            problem:
              'quota.rampSchedule holds "0.25; half; 0.75": item 2, "half", is not a number (separate the numbers with ";")',
          },
          message:
            'FY27 Base: quota.rampSchedule holds "0.25; half; 0.75": item 2, "half", is not a number (separate the numbers with ";")',
        },
      ],
    });
    expect(sha256(path)).toBe(before);
  });

  it("a method in another letter case is that method, a date may be typed; an unknown method is refused", async () => {
    const typed = await edited({
      "quota.method": "POTENTIAL",
      "quota.fiscalYearStart": "2027-01-01",
    });
    expect((await run(["territories", typed])).code).toBe(0);
    const planned = await run(["quotas", typed]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain(
      "Scenario FY27 Base: quotas for 3 rep(s) from a company target of 1,000,000 (fiscal year from 2027-01-01)."
    );
    const path = await edited({ "quota.method": "guess" });
    const before = sha256(path);
    const result = await run(["quotas", path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Scenario Settings · C25 · quota.method: FY27 Base: quota.method holds "guess", which is not a quota method: use one of potential, history, blend, expression'
    );
    expect(sha256(path)).toBe(before);
  });

  it("a misspelt setting is found at its own cell, with the setting it is near", async () => {
    const path = await edited({}, { "quota.overAssignment": "quota.overAssigment" });
    const before = sha256(path);
    const checked = await run(["validate", path]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(
      '  error  Scenario Settings · B26 · quota.overAssigment: FY27 Base: "quota.overAssigment" is not a setting the add-in knows: did you mean "quota.overAssignment"?'
    );
    expect((await run(["quotas", path])).code).toBe(1);
    expect((await run(["territories", path])).code).toBe(1);
    expect(sha256(path)).toBe(before);
  });

  it("numbers that are words: the cell and the value typed, not NaN", async () => {
    const path = await edited({
      "balance.toleranceBand": "five percent",
      "quota.companyTarget": "sixty million",
    });
    const before = sha256(path);
    const checked = await run(["validate", path]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe(
      [
        "2 problem(s), 2 error(s):",
        '  error  Scenario Settings · C22 · balance.toleranceBand: FY27 Base: balance.toleranceBand holds "five percent" where a number is needed',
        '  error  Scenario Settings · C24 · quota.companyTarget: FY27 Base: quota.companyTarget holds "sixty million" where a number is needed',
        "",
      ].join("\n")
    );
    expect((await run(["territories", path])).code).toBe(1);
    expect((await run(["quotas", path])).code).toBe(1);
    expect(sha256(path)).toBe(before);
  });

  it("says them in Chinese when the locale is Chinese", async () => {
    const path = await edited({ "balance.toleranceBand": "five percent" });
    const result = await run(["territories", path], {}, { LANG: "zh_CN.UTF-8" });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "sales-plan: FY27 Base 的方案设置（Scenario Settings）中有 1 个问题；未运行，也未写入任何内容：\n" +
        "  Scenario Settings · C22 · balance.toleranceBand: FY27 Base：balance.toleranceBand 的值为“five percent”，此处需要数字\n",
    });
  });
});
