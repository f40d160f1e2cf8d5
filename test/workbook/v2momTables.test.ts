import fc from "fast-check";
import { MEASURE_DIRECTIONS, V2mom, measureStatus } from "../../src/domain/v2mom";
import { tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { typeInto } from "../support/handEdits";
import { replaceDocuments, v2momFromRows, v2momToRows } from "../../src/workbook/v2momTables";
import { PackageDriver } from "../../src/workbook/packageDriver";

const words = fc.oneof(
  fc.constantFrom("增长", "=risky", "Win Japan", "Trust — always"),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== "")
);
const id = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);

// Excel has no negative zero: a -0 typed into a cell is 0, so the generator does not make one.
const document: fc.Arbitrary<V2mom> = fc
  .record({
    id,
    orgUnit: words,
    level: fc.constantFrom("Company", "Organisation", "Team", "Person"),
    fiscalYear: fc.integer({ min: 2020, max: 2040 }),
    version: fc.constantFrom("Annual", "Mid-year refresh"),
    status: fc.constantFrom("Draft", "Published"),
    vision: words,
    values: fc.uniqueArray(fc.record({ id, text: words }), { selector: (v) => v.id, maxLength: 4 }),
    methods: fc.uniqueArray(
      fc.record({
        id,
        text: words,
        owner: fc.option(words, { nil: undefined }),
        due: fc.option(fc.integer({ min: 45_000, max: 50_000 }), { nil: undefined }),
      }),
      { selector: (m) => m.id, maxLength: 4 }
    ),
    measures: fc.uniqueArray(
      fc.record({
        id,
        metric: words,
        target: fc.option(
          fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
          { nil: undefined }
        ),
        actualLink: fc.option(fc.constantFrom("Actuals!B7", "RevenueYTD"), { nil: undefined }),
        direction: fc.constantFrom(...MEASURE_DIRECTIONS),
      }),
      { selector: (m) => m.id, maxLength: 3 }
    ),
  })
  .map((d) => {
    // Item ids are unique within a document across sections, as the editor makes them;
    // optional fields left out are absent, as the reader gives them back.
    const defined = <T extends object>(item: T): T =>
      Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as T;
    const methods = d.methods.map((m) => defined({ ...m, id: `m-${m.id}` }));
    const measures = d.measures.map((m) => defined({ ...m, id: `k-${m.id}` }));
    return {
      ...d,
      values: d.values.map((v) => ({ ...v, id: `v-${v.id}` })),
      methods,
      obstacles: [],
      measures,
    } as V2mom;
  });

describe("V2MOM documents in the workbook", () => {
  it("come back exactly as saved, ranks and links included (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(document, { selector: (d) => d.id, minLength: 1, maxLength: 4 }),
        async (docs) => {
          const driver = await PackageDriver.blank();
          const store = new PlanStore(driver);
          await store.save(await store.load(), v2momToRows(docs));
          const loaded = await new PlanStore(
            await PackageDriver.fromBuffer(await driver.toBuffer())
          ).load();
          expect(loaded.problems).toEqual([]);
          expect(
            v2momFromRows(
              loaded.tables.v2momDocuments,
              loaded.tables.v2momItems,
              loaded.tables.v2momMeasures
            )
          ).toEqual(docs);
        }
      ),
      { numRuns: 20 }
    );
  }, 60_000);

  it("keep each measure's direction as words in the Direction column, and spell out higher is better for a measure that had none", async () => {
    const doc: V2mom = {
      id: "D1",
      orgUnit: "Contoso",
      level: "Company",
      fiscalYear: 2027,
      version: "Annual",
      status: "Draft",
      vision: "",
      values: [],
      methods: [],
      obstacles: [],
      measures: [
        { id: "K1", metric: "Revenue", target: 100 },
        { id: "K2", metric: "Cycle", target: 60, direction: "Lower is better" },
        { id: "K3", metric: "Days", target: 60, direction: "Within a range", onTrackAt: 5 },
      ],
    };
    const driver = await PackageDriver.blank();
    const store = new PlanStore(driver);
    await store.save(await store.load(), v2momToRows([doc]));
    const loaded = await new PlanStore(
      await PackageDriver.fromBuffer(await driver.toBuffer())
    ).load();
    expect(loaded.tables.v2momMeasures.rows.map((r) => r.Direction)).toEqual([
      "Higher is better",
      "Lower is better",
      "Within a range",
    ]);
    const [read] = v2momFromRows(
      loaded.tables.v2momDocuments,
      loaded.tables.v2momItems,
      loaded.tables.v2momMeasures
    );
    expect(read.measures.map((m) => m.direction)).toEqual([
      "Higher is better",
      "Lower is better",
      "Within a range",
    ]);
  });

  it("read a measures table written before directions (no Direction column) as higher is better, and add the column when a V2MOM is next saved", async () => {
    const doc: V2mom = {
      id: "D1",
      orgUnit: "Contoso",
      level: "Company",
      fiscalYear: 2027,
      version: "Annual",
      status: "Draft",
      vision: "",
      values: [],
      methods: [],
      obstacles: [],
      measures: [
        { id: "K1", metric: "Revenue", target: 100, actual: 96 },
        { id: "K2", metric: "Cycle", target: 100, actual: 85 },
      ],
    };
    const driver = await PackageDriver.blank();
    const store = new PlanStore(driver);
    await store.save(await store.load(), v2momToRows([doc]));
    // The measures table as the add-in wrote it before directions: no Direction column.
    const old = tables.v2momMeasures.columns.map((c) => c.header).filter((h) => h !== "Direction");
    const cells = doc.measures.map((m) =>
      old.map(
        (h) =>
          ({ DocumentId: "D1", MeasureId: m.id, Metric: m.metric, Target: 100, Actual: m.actual })[
            h
          ] ?? null
      )
    );
    await driver.writeTable(tables.v2momMeasures, old, cells);

    const before = await new PlanStore(
      await PackageDriver.fromBuffer(await driver.toBuffer())
    ).load();
    expect(before.problems).toEqual([]);
    const [read] = v2momFromRows(
      before.tables.v2momDocuments,
      before.tables.v2momItems,
      before.tables.v2momMeasures
    );
    expect(read.measures.map((m) => m.direction)).toEqual([undefined, undefined]);
    // 96 and 85 of 100 read as they always did: on track, at risk.
    expect(read.measures.map((m) => measureStatus(m, m.actual))).toEqual(["On track", "At risk"]);

    const reopened = new PlanStore(await PackageDriver.fromBuffer(await driver.toBuffer()));
    const plan = await reopened.load();
    const edited = {
      ...read,
      measures: [read.measures[0], { ...read.measures[1], direction: "Lower is better" as const }],
    };
    await reopened.save(plan, replaceDocuments(plan.tables, [edited]));
    const after = await reopened.load();
    expect(
      after.tables.v2momMeasures.rows.map((r) => [r.MeasureId, r.Direction, r.Actual])
    ).toEqual([
      ["K1", "Higher is better", 96],
      ["K2", "Lower is better", 85],
    ]);
  });

  it("report a Direction that is none of the three at its cell, read one typed in other capitals, and a cleared one as higher is better", async () => {
    const doc: V2mom = {
      id: "D1",
      orgUnit: "Contoso",
      level: "Company",
      fiscalYear: 2027,
      version: "Annual",
      status: "Draft",
      vision: "",
      values: [],
      methods: [],
      obstacles: [],
      measures: [
        { id: "K1", metric: "Cycle", target: 60, direction: "Lower is better" },
        { id: "K2", metric: "Deviation", target: 5, direction: "Lower is better" },
        { id: "K3", metric: "Revenue", target: 100, direction: "Lower is better" },
      ],
    };
    const driver = await PackageDriver.blank();
    const store = new PlanStore(driver);
    await store.save(await store.load(), v2momToRows([doc]));
    const column = tables.v2momMeasures.columns.findIndex((c) => c.header === "Direction");
    expect(column).toBe(10); // column K
    await typeInto(driver, "V2MOM Measures", {
      K2: "Shorter is better",
      K3: "LOWER IS BETTER",
      K4: null, // cleared by hand: higher is better
    });
    const loaded = await new PlanStore(
      await PackageDriver.fromBuffer(await driver.toBuffer())
    ).load();
    expect(loaded.problems).toEqual([
      expect.objectContaining({
        sheet: "V2MOM Measures",
        table: "PlanV2momMeasures",
        row: 2,
        column: "Direction",
        address: "K2",
        code: "notAChoice",
      }),
    ]);
    const [read] = v2momFromRows(
      loaded.tables.v2momDocuments,
      loaded.tables.v2momItems,
      loaded.tables.v2momMeasures
    );
    expect(read.measures.map((m) => m.direction)).toEqual([
      undefined,
      "Lower is better",
      undefined,
    ]);
  });
});
