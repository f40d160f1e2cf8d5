/**
 * Plans a person edited in Excel between two runs, through the .xlsx package: each case is one
 * a user-level review found (a sorted plan table, a formula saved without its value, an
 * over-long text, Plan Info deleted or lowered, styles piling up, dates shown as ###).
 */
import { PackageDriver } from "../../src/workbook/packageDriver";
import { readTablePart } from "../../src/workbook/package/tablePart";
import { PlanRow } from "../../src/workbook/rows";
import { infoSpec, tables } from "../../src/workbook/schema";
import { PlanStore, PlanStoreError } from "../../src/workbook/store";
import { partText, reopen, typeInto } from "../support/handEdits";
import { expectValidWorkbook } from "../support/ooxml";

const now = () => new Date(Date.UTC(2026, 10, 27));
const assignment = (id: string, rep: string): PlanRow => ({
  Scenario: "Base",
  AccountId: id,
  RepId: rep,
  Reason: "placed",
  MovedFrom: null,
  Locked: false,
});

async function savedPlan(rows: PlanRow[]): Promise<PackageDriver> {
  const driver = await PackageDriver.blank();
  const store = new PlanStore(driver, now);
  await store.save(await store.load(), { assignments: rows });
  return reopen(driver);
}

async function refusal(run: Promise<unknown>): Promise<PlanStoreError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(PlanStoreError);
  return error as PlanStoreError;
}

describe("plans edited by hand", () => {
  it("rewrites a plan table the user sorted in Excel (its saved sort is dropped, the part stays well formed)", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    const table = (await driver.file.book.table(tables.assignments.table))!;
    const xml = (await driver.file.pkg.read(table.part))!;
    driver.file.pkg.write(
      table.part,
      xml.replace(
        /(<autoFilter ref="[^"]*"\/>)/,
        `$1<sortState ref="A2:F3"><sortCondition ref="C2:C3"/></sortState>`
      )
    );
    const edited = await reopen(driver);
    const store = new PlanStore(edited, now);
    const plan = await store.load();
    await store.save(plan, {
      assignments: [...plan.tables.assignments.rows, assignment("A3", "R3")],
    });
    const bytes = await edited.toBuffer();
    const again = await PackageDriver.fromBuffer(bytes);
    const part = (await again.file.book.table(tables.assignments.table))!;
    const written = (await again.file.pkg.read(part.part))!;
    expect(written).not.toContain("sortState");
    expect(readTablePart(written, part.part, part.sheet, part.sheetPart, part.relId).area).toEqual({
      top: 1,
      left: 1,
      bottom: 4,
      right: 6,
    });
    await expectValidWorkbook(bytes);
  });

  it("reports a formula saved without its calculated value at its cell, instead of reading it as blank", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    await typeInto(driver, "Assignments", { F2: { formula: "1=1" } });
    const plan = await new PlanStore(await reopen(driver), now).load();
    expect(plan.problems).toEqual([
      expect.objectContaining({
        sheet: "Assignments",
        address: "F2",
        code: "uncalculated",
        message: expect.stringMatching(/Locked holds a formula that was never calculated \(=1=1\)/),
      }),
    ]);
  });

  it("points a never-calculated PLAN formula (saved by another tool) to sales-plan recalc", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    await typeInto(driver, "Assignments", { F2: { formula: "_xldudf_PLAN_ATTAINMENT(1,2)>0" } });
    const plan = await new PlanStore(await reopen(driver), now).load();
    expect(plan.problems).toEqual([
      expect.objectContaining({
        address: "F2",
        code: "uncalculatedPlan",
        message: expect.stringMatching(
          /Locked holds a PLAN formula that was never calculated \(=PLAN\.ATTAINMENT\(1,2\)>0\); run `sales-plan recalc`/
        ),
      }),
    ]);
  });

  it("reports a text longer than Excel allows at the user's own cell", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    await typeInto(driver, "Assignments", { D2: "x".repeat(40_000) });
    const plan = await new PlanStore(await reopen(driver), now).load();
    expect(plan.problems).toEqual([
      expect.objectContaining({
        sheet: "Assignments",
        address: "D2",
        code: "tooLong",
        message: "Reason holds 40000 characters; Excel allows 32,767 in a cell",
      }),
    ]);
  });

  it("refuses to save when Plan Info's revision was lowered below a change already in history", async () => {
    let driver = await savedPlan([assignment("A1", "R1")]);
    let store = new PlanStore(driver, now);
    await store.save(await store.load(), { assignments: [assignment("A1", "R2")] });
    driver = await reopen(driver);
    const info = (await driver.readTable(infoSpec))!;
    const row = info.rows.findIndex((cells) => cells[0] === "revision");
    await typeInto(driver, "Plan Info", { [`B${row + 2}`]: "1" });
    store = new PlanStore(await reopen(driver), now);
    const plan = await store.load();
    const error = await refusal(store.save(plan, { assignments: [assignment("A1", "R3")] }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        sheet: "Plan Info",
        address: `B${row + 2}`,
        code: "revisionBehindHistory",
      }),
    ]);
  });

  it("keeps a calculated column the user added to a plan table, for every row it has after a save", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const table = (await driver.file.book.table(tables.assignments.table))!;
    const xml = (await driver.file.pkg.read(table.part))!;
    driver.file.pkg.write(
      table.part,
      xml
        .replace(/A1:F2/g, "A1:G2")
        .replace('<tableColumns count="6">', '<tableColumns count="7">')
        .replace(
          "</tableColumns>",
          '<tableColumn id="7" name="IdLength"><calculatedColumnFormula>LEN(B2)</calculatedColumnFormula></tableColumn></tableColumns>'
        )
    );
    await typeInto(driver, "Assignments", {
      G1: "IdLength",
      G2: { formula: "LEN(B2)", result: 2 },
    });
    const edited = await reopen(driver);
    const store = new PlanStore(edited, now);
    const plan = await store.load();
    expect(plan.tables.assignments.header).toContain("IdLength");
    await store.save(plan, {
      assignments: [assignment("A1", "R1"), assignment("A22", "R2"), assignment("A333", "R3")],
    });
    const sheet = (await partText(await reopen(edited), table.sheetPart))!;
    expect(sheet).toContain('<c r="G2"><f>LEN(B2)</f></c>');
    expect(sheet).toContain('<c r="G3"><f>LEN(B3)</f></c>');
    expect(sheet).toContain('<c r="G4"><f>LEN(B4)</f></c>');
    expect(await partText(edited, "xl/workbook.xml")).toContain('fullCalcOnLoad="1"');
    // Excel calculates them on opening; until then they are the user's column, not a problem.
    expect((await new PlanStore(await reopen(edited), now).load()).problems).toEqual([]);
  });

  it("reuses the styles it added on earlier runs instead of adding them again", async () => {
    let driver = await savedPlan([assignment("A1", "R1")]);
    const count = async (d: PackageDriver) =>
      Number(/<cellXfs count="(\d+)"/.exec((await partText(d, "xl/styles.xml"))!)![1]);
    const first = await count(driver);
    for (let run = 0; run < 3; run++) {
      const store = new PlanStore(driver, now);
      const plan = await store.load();
      await store.save(plan, { assignments: [assignment("A1", `R${run + 2}`)] });
      driver = await reopen(driver);
    }
    expect(await count(driver)).toBe(first);
  });

  it("gives a new plan sheet's columns room for their values (dates are not shown as ###)", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const scenarios = (await driver.file.book.table(tables.scenarios.table))!.sheetPart;
    // Scenarios' second column is the Created date.
    expect(await partText(driver, scenarios)).toMatch(
      /<col min="2" max="2" width="12" customWidth="1"\/>/
    );
  });
});
