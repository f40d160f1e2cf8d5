import fc from "fast-check";
import { PlanError } from "../../src/domain/errors";
import {
  LOG_ROWS_MAX,
  LogIndex,
  PIPELINE_LOG_TABLE,
  captureDates,
  reconstruct,
  type LogEntry,
  type Opportunity,
} from "../../src/domain/pipelineLog";
import { applyCapture, captureChanges, type Capture } from "../../src/domain/pipelineCapture";

const { floor, imul, max, min } = Math;

const deal = (id: string, stage: string, amount: number, closeDate: number): Opportunity => ({
  id,
  name: `Deal ${id}`,
  owner: "Ann",
  stage,
  amount,
  closeDate,
  createdDate: 45_900,
  forecastCategory: "Pipeline",
  leadSource: "Web",
});

function captured(
  log: LogEntry[],
  current: Opportunity[],
  asOf: number,
  index?: LogIndex
): Capture {
  const capture = captureChanges(log, current, asOf, index);
  if (!capture.ok) throw new Error(capture.problems.map((p) => p.message).join("; "));
  return capture;
}

const byId = (deals: readonly Opportunity[]) =>
  [...deals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The log's rows as a person reads them in the sheet: AsOf, id, Change, ChangedFields. */
const readable = (rows: readonly LogEntry[]) =>
  rows.map((r) => [r.asOf, r.id, r.change, r.changedFields]);

describe("pipeline log: three weekly captures by hand", () => {
  const d1 = 46_000; // 2025-12-09
  const d2 = 46_007;
  const d3 = 46_014;
  const a = deal("A", "Qualify", 100, 46_100);
  const b = deal("B", "Propose", 200, 46_120);
  const c = deal("C", "Qualify", 50, 46_090);
  const s1 = [a, b, c];
  const s2 = [
    { ...a, stage: "Propose" },
    { ...b, amount: 250 },
    c,
    deal("D", "Prospect", 80, 46_130),
  ];
  const s3 = [s2[0], s2[1], { ...s2[3], closeDate: 46_150 }];

  const first = captured([], s1, d1);
  const log1 = applyCapture([], first);
  const second = captured(log1, s2, d2);
  const log2 = applyCapture(log1, second);
  const third = captured(log2, s3, d3);
  const log = applyCapture(log2, third);

  it("appends only what changed: a stage move, an amount change, a new and a removed deal", () => {
    expect(readable(log)).toEqual([
      [d1, "A", "New", ""],
      [d1, "B", "New", ""],
      [d1, "C", "New", ""],
      [d2, "A", "Changed", "Stage"],
      [d2, "B", "Changed", "Amount"],
      [d2, "D", "New", ""],
      [d3, "D", "Changed", "CloseDate"],
      [d3, "C", "Removed", ""],
    ]);
    // A row holds the values after the change; a Removed row the last values captured.
    expect(log[4]).toMatchObject({ amount: 250, stage: "Propose" });
    expect(log[7]).toMatchObject({ stage: "Qualify", amount: 50, closeDate: 46_090 });
  });

  it("says what changed, by field, for the pane", () => {
    expect(second.summary).toMatchObject({ new: 1, changed: 2, removed: 0, unchanged: 1 });
    expect(second.summary.byField).toMatchObject({ stage: 1, amount: 1, closeDate: 0, owner: 0 });
    expect(third.summary).toMatchObject({ new: 0, changed: 1, removed: 1, unchanged: 2 });
    expect(third.summary.byField.closeDate).toBe(1);
  });

  it.each([
    ["before the first capture", d1 - 1, []],
    ["on the first", d1, s1],
    ["between the first and the second", d1 + 3, s1],
    ["on the second", d2, s2],
    ["between the second and the third", d3 - 1, s2],
    ["on the third", d3, s3],
    ["long after", d3 + 400, s3],
  ])("reconstructs the snapshot %s", (_, asOf, expected) => {
    expect(byId(reconstruct(log, asOf))).toEqual(byId(expected));
  });

  it("reads the log by date, not by order: a sorted table gives the same snapshots", () => {
    const sorted = [...log].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : y.asOf - x.asOf));
    for (const asOf of [d1, d1 + 3, d2, d3])
      expect(byId(reconstruct(sorted, asOf))).toEqual(byId(reconstruct(log, asOf)));
  });

  it("lists the capture dates", () => {
    expect(captureDates(log)).toEqual([d1, d2, d3]);
  });

  it("captures a deal that comes back after it was removed as new", () => {
    const back = captured(log, [...s3, c], d3 + 7);
    expect(readable(back.rows)).toEqual([[d3 + 7, "C", "New", ""]]);
  });

  it("replaces the day's rows when the same date is captured again", () => {
    const corrected = [s2[0], b, c, s2[3]]; // B's amount change was a typo
    const again = captured(log2, corrected, d2);
    expect(again.replaces).toEqual([3, 4, 5]);
    const fixed = applyCapture(log2, again);
    expect(readable(fixed)).toEqual([
      [d1, "A", "New", ""],
      [d1, "B", "New", ""],
      [d1, "C", "New", ""],
      [d2, "A", "Changed", "Stage"],
      [d2, "D", "New", ""],
    ]);
    expect(byId(reconstruct(fixed, d2))).toEqual(byId(corrected));
  });

  it("logs a rename as a change, so that every past snapshot comes back as captured", () => {
    const renamed = captured(log, [{ ...s3[0], name: "Deal A (renewal)" }, s3[1], s3[2]], d3 + 7);
    expect(readable(renamed.rows)).toEqual([[d3 + 7, "A", "Changed", "Name"]]);
  });

  it("names several changed fields in column order", () => {
    const moved = captured(
      log,
      [{ ...s3[0], closeDate: 46_200, stage: "Negotiate", owner: "Bo" }, s3[1], s3[2]],
      d3 + 7
    );
    expect(moved.rows[0].changedFields).toBe("Owner, Stage, CloseDate");
  });
});

describe("pipeline log: bad input, located", () => {
  const d = 46_000;
  const a = deal("A", "Qualify", 100, 46_100);

  it("reports an id used twice with its row and the first row, and appends nothing", () => {
    const result = captureChanges([], [a, deal("B", "Qualify", 1, d), { ...a, amount: 5 }], d);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: "captureIdTwice",
          values: { id: "A", first: 1 },
          message: 'opportunity id "A" is also in row 1',
          table: "opportunities",
          row: 3,
          field: "id",
        },
      ],
    });
  });

  it("reports every blank id that has data in its row, and skips rows blank throughout", () => {
    const empty: Opportunity = {
      ...deal("", "", 0, 0),
      name: null,
      owner: null,
      stage: null,
      amount: null,
      closeDate: null,
      createdDate: null,
      forecastCategory: null,
      leadSource: null,
    };
    const result = captureChanges([], [a, empty, { ...a, id: "  " }, { ...a, id: "" }], d);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.code, p.row])).toEqual([
      ["captureIdBlank", 3],
      ["captureIdBlank", 4],
    ]);
  });

  it.each([46_000.5, 0, Number.NaN])("refuses %p as a capture date", (asOf) => {
    const result = captureChanges([], [a], asOf);
    expect(result.ok || result.problems[0]).toMatchObject({ code: "captureDate", field: "asOf" });
  });

  it("refuses to capture before the last capture: the history after it would be wrong", () => {
    const log = applyCapture([], captured([], [a], d + 7));
    const result = captureChanges(log, [a], d);
    expect(result.ok || result.problems[0]).toMatchObject({
      code: "captureBeforeLast",
      message:
        "the log already holds a capture of 2025-12-16; a capture of 2025-12-09 would rewrite the history after it, so capture as of 2025-12-16 or later",
    });
  });

  it("refuses a capture dated after today, which would also block every real one until then", () => {
    // d is 2025-12-09; today a day earlier.
    const result = captureChanges([], [a], d, undefined, d - 1);
    expect(result.ok || result.problems[0]).toMatchObject({
      code: "captureAfterToday",
      field: "asOf",
      message:
        "the capture date 2025-12-09 is after today (2025-12-08): a capture records the table as it is now, so date it today or earlier",
    });
    expect(captureChanges([], [a], d, undefined, d).ok).toBe(true);
  });

  it("refuses a log holding one opportunity twice at one date, naming both rows", () => {
    const log = applyCapture([], captured([], [a, deal("B", "Qualify", 1, d)], d));
    const doubled = [...log, { ...log[0], amount: 7 }];
    let thrown: unknown;
    try {
      reconstruct(doubled, d);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanError);
    expect(thrown).toMatchObject({
      kind: "value",
      where: { field: "PlanPipelineLog", row: 3 },
      message: 'the pipeline log holds opportunity "A" twice as of 2025-12-09 (also in row 1)',
    });
  });

  it("refuses a capture that would outgrow the worksheet", () => {
    const [row] = applyCapture([], captured([], [a], d));
    const full = new Array<LogEntry>(LOG_ROWS_MAX).fill(row);
    const one: Capture = {
      ok: true,
      asOf: d + 7,
      rows: [row],
      replaces: [],
      summary: captured([], [], d).summary,
    };
    expect(() => applyCapture(full, one)).toThrow(
      /adds 1 rows to the log's 1048575; one worksheet holds 1048575 rows/
    );
  });
});

describe("pipeline log: properties", () => {
  const ids = ["a", "b", "c", "d", "e", "f"];
  const text = (choices: string[]) => fc.option(fc.constantFrom(...choices), { nil: null });
  const number = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null });
  const opportunity = (id: string) =>
    fc.record({
      id: fc.constant(id),
      name: text(["x", "y"]),
      owner: text(["Ann", "Bo"]),
      stage: text(["Qualify", "Propose", "Won"]),
      amount: number,
      closeDate: number.map((n) => (n === null ? null : 46_000 + n)),
      createdDate: number.map((n) => (n === null ? null : 45_000 + n)),
      forecastCategory: text(["Commit", "Pipeline"]),
      leadSource: text(["Web"]),
    });
  const snapshot = fc
    .subarray(ids)
    .chain((present) => fc.tuple(...present.map(opportunity)))
    .map((deals) => deals as Opportunity[]);
  const history = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), snapshot), {
    minLength: 1,
    maxLength: 8,
  });

  const build = (steps: [number, Opportunity[]][]) => {
    let log: LogEntry[] = [];
    let asOf = 46_000;
    const dated = steps.map(([gap, deals]) => {
      asOf += gap;
      log = applyCapture(log, captured(log, deals, asOf));
      return { asOf, deals };
    });
    return { log, dated };
  };

  it("reconstructs every captured snapshot exactly, on its date and until the next", () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { log, dated } = build(steps);
        const index = LogIndex.of(log);
        dated.forEach(({ asOf, deals }, k) => {
          const until = k + 1 < dated.length ? dated[k + 1].asOf - 1 : asOf + 30;
          expect(byId(reconstruct(log, asOf))).toEqual(byId(deals));
          expect(byId(reconstruct(log, until, index))).toEqual(byId(deals));
        });
        expect(reconstruct(log, dated[0].asOf - 1)).toEqual([]);
      })
    );
  });

  it("adds nothing when the same snapshot is captured again, later or on the same date", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 9 }), (steps, gap) => {
        const { log, dated } = build(steps);
        const last = dated[dated.length - 1];
        expect(captured(log, last.deals, last.asOf + gap).rows).toEqual([]);
        const again = captured(log, last.deals, last.asOf);
        expect(applyCapture(log, again)).toEqual(expect.arrayContaining(log));
        expect(applyCapture(log, again)).toHaveLength(log.length);
      })
    );
  });

  it("has one row per opportunity per date, and a summary that counts the rows", () => {
    fc.assert(
      fc.property(history, (steps) => {
        let log: LogEntry[] = [];
        let asOf = 46_000;
        for (const [gap, deals] of steps) {
          asOf += gap;
          const capture = captured(log, deals, asOf);
          const { summary } = capture;
          expect(summary.new + summary.changed + summary.removed).toBe(capture.rows.length);
          expect(summary.new + summary.changed + summary.unchanged).toBe(deals.length);
          log = applyCapture(log, capture);
        }
        const keys = log.map((r) => `${r.asOf}|${r.id}`);
        expect(new Set(keys).size).toBe(keys.length);
      })
    );
  });
});

/** mulberry32: a small seeded generator, so the model is the same on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = ["Prospect", "Qualify", "Propose", "Negotiate", "Commit"];
const CATEGORIES = ["Pipeline", "Best Case", "Commit"];

/**
 * Weekly snapshots of an open pipeline of `size` deals: each week 5–15% of the deals are
 * touched (a stage step, an amount change, a pushed close date, a category or owner pick),
 * 2–4% close (won or lost, they leave the open table) and as many new ones come in. It counts
 * the deals it really changed, closed and added: the rows a change log must hold.
 */
function weeklyPipeline(size: number, weeks: number, seed: number) {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[floor(random() * list.length)];
  let next = 0;
  const fresh = (asOf: number): Opportunity => {
    next++;
    return {
      id: `OPP-${String(next).padStart(7, "0")}`,
      name: `Deal ${next}`,
      owner: `Rep ${1 + floor(random() * 200)}`,
      stage: pick(STAGES),
      amount: 1000 * (1 + floor(random() * 200)),
      closeDate: asOf + 7 + floor(random() * 180),
      createdDate: asOf - floor(random() * 60),
      forecastCategory: pick(CATEGORIES),
      leadSource: pick(["Web", "Event", "Partner"]),
    };
  };
  const first = 46_000;
  let deals = Array.from({ length: size }, () => fresh(first));
  const snapshots = [{ asOf: first, deals }];
  let expectedRows = size;
  for (let w = 1; w < weeks; w++) {
    const asOf = first + 7 * w;
    const touchRate = 0.05 + 0.1 * random();
    const closeRate = 0.02 + 0.02 * random();
    const kept: Opportunity[] = [];
    for (const d of deals) {
      if (random() < closeRate) {
        expectedRows++; // Removed
        continue;
      }
      if (random() >= touchRate) {
        kept.push(d);
        continue;
      }
      const what = random();
      const at = STAGES.indexOf(d.stage ?? "");
      const moved: Opportunity =
        what < 0.4
          ? { ...d, stage: STAGES[max(0, min(4, at + (random() < 0.8 ? 1 : -1)))] }
          : what < 0.65
            ? { ...d, amount: (d.amount ?? 0) + 500 * (1 + floor(random() * 20)) }
            : what < 0.85
              ? { ...d, closeDate: (d.closeDate ?? asOf) + 30 }
              : what < 0.95
                ? { ...d, forecastCategory: pick(CATEGORIES) }
                : { ...d, owner: `Rep ${1 + floor(random() * 200)}` };
      const changed =
        moved.stage !== d.stage ||
        moved.amount !== d.amount ||
        moved.closeDate !== d.closeDate ||
        moved.forecastCategory !== d.forecastCategory ||
        moved.owner !== d.owner;
      if (changed) expectedRows++; // Changed
      kept.push(moved);
    }
    while (kept.length < size) {
      kept.push(fresh(asOf));
      expectedRows++; // New
    }
    deals = kept;
    snapshots.push({ asOf, deals });
  }
  return { snapshots, expectedRows };
}

describe("pipeline log: a year of weekly captures of 100,000 open deals", () => {
  it("fits one worksheet, and holds exactly the changes the model made", () => {
    const { snapshots, expectedRows } = weeklyPipeline(100_000, 52, 2027);
    let log: LogEntry[] = [];
    let index: LogIndex | undefined;
    for (const { asOf, deals } of snapshots) {
      index = LogIndex.of(log, index);
      log = applyCapture(log, captured(log, deals, asOf, index));
    }
    expect(log.length).toBe(expectedRows);
    expect(log.length).toBeLessThan(1_048_576); // the sheet's rows, one of them the header
    const week30 = snapshots[29];
    expect(byId(reconstruct(log, week30.asOf, LogIndex.of(log, index)))).toEqual(
      byId(week30.deals)
    );
  }, 300_000);
});

it("declares the log's columns for the workbook layer, one per field", () => {
  expect(PIPELINE_LOG_TABLE.columns.map((c) => c.header)).toEqual([
    "AsOf",
    "OpportunityId",
    "Change",
    "ChangedFields",
    "Name",
    "Owner",
    "Stage",
    "Amount",
    "CloseDate",
    "ForecastCategory",
    "CreatedDate",
    "LeadSource",
  ]);
});
