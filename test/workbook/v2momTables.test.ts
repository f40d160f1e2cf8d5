import fc from "fast-check";
import { V2mom } from "../../src/domain/v2mom";
import { PlanStore } from "../../src/workbook/store";
import { v2momFromRows, v2momToRows } from "../../src/workbook/v2momTables";
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
});
