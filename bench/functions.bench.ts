/**
 * PLAN.* function speed on 1,000,000-row ranges shaped as Excel passes them (rows of
 * cells), against (a) the floor — one plain loop reading every input cell once, plus
 * allocating the result for a function that spills one value per row; nothing is sorted,
 * since a sort is a cost of the method, not of the input — with each function's target
 * (issue 18) and whether it is met, and (b) HyperFormula computing the native-formula
 * equivalent on 100,000 rows.
 */
import { HyperFormula } from "hyperformula";
import { countWholeDays } from "../src/domain/cycleTime";
import { plainDates } from "../src/functions/arguments";
import "../src/functions/outsideExcelRuntime";
import * as plan from "../src/functions/functions";
import { Row, printTable, random, time, timeSideBySide } from "./harness";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const HF_ROWS = Number(process.env.BENCH_HF_ROWS ?? 100_000);
type Cells = unknown[][];

const stageNames = ["Lead", "Qualified", "Proposal", "Won"];
const stageOdds = [0.1, 0.3, 0.6, 1];
const outcomeNames = ["Won", "Lost", "Open", "won "];
const groupNames = ["Web", "Event", "Partner", "Referral", "Outbound"];

/**
 * Columns are built when first read and dropped after each case: holding every 1M-row
 * column at once would make garbage collection, not the function, dominate the timings.
 */
function dataset(rows: number) {
  const cache = new Map<string, Cells>();
  const lazy = (name: string, build: () => Cells) => () => {
    let cells = cache.get(name);
    if (!cells) cache.set(name, (cells = build()));
    return cells;
  };
  const column = (
    seed: number,
    make: (next: () => number, i: number) => unknown
  ): (() => Cells) => {
    return lazy(String(seed), () => {
      const next = random(seed);
      return Array.from({ length: rows }, (_, i) => [make(next, i)]);
    });
  };
  const createdDay = (i: number) => 45_000 + Math.floor(random(i)() * 600);
  const columns = {
    outcomes: column(1, (next) => outcomeNames[Math.floor(next() * outcomeNames.length)]),
    amounts: column(2, (next) => Math.round(1000 + next() * 200_000)),
    stages: column(3, (next) => stageNames[Math.floor(next() * stageNames.length)]),
    groups: column(4, (next) => groupNames[Math.floor(next() * groupNames.length)]),
    created: column(5, (_, i) => createdDay(i)),
    closed: column(6, (next, i) =>
      next() < 0.3 ? "" : createdDay(i) + Math.floor(-Math.log(1 - next()) * 60)
    ),
    counts: column(7, (_, i) => rows - i),
    weights: column(8, (next) => Math.round(next() * 1_000_000) / 100),
    floors: column(9, (next) => (next() < 0.1 ? 1000 : "")),
    caps: column(10, (next) => (next() < 0.1 ? 1500 : "")),
    // Times of day (an export with timestamps): durations are fractional, so no counting.
    createdAt: column(11, (next, i) => createdDay(i) + Math.round(next() * 1440) / 1440),
    closedAt: column(12, (next, i) =>
      next() < 0.3
        ? ""
        : createdDay(i) + 0.999 + Math.floor(-Math.log(1 - next()) * 60) + next() / 2
    ),
  };
  type Data = { readonly [name in keyof typeof columns]: Cells } & { release(): void };
  const data = { release: () => cache.clear() } as Data;
  for (const name of Object.keys(columns) as (keyof typeof columns)[]) {
    Object.defineProperty(data, name, { get: columns[name] });
  }
  return data;
}

/** The floor: read every cell of the given ranges once (sum numbers, compare strings). */
function readOnce(...ranges: Cells[]): number {
  let sum = 0;
  for (const range of ranges) {
    for (let i = 0; i < range.length; i++) {
      const value = range[i][0];
      if (typeof value === "number") sum += value;
      else if (value === "Won") sum += 1;
    }
  }
  return sum;
}

/** The floor for a function that spills one value per input row: read every cell, allocate the output. */
function readAndSpill(outputRows: number, ...ranges: Cells[]): number {
  const sum = readOnce(...ranges);
  const out: number[][] = new Array(outputRows);
  for (let i = 0; i < outputRows; i++) out[i] = [i];
  return sum + out.length;
}

/** Which path the Kaplan–Meier functions take on these dates: counting whole days, or a sort. */
const survivalPath = (created: Cells, closed: Cells) =>
  countWholeDays(plainDates(created)!, plainDates(closed)!)
    ? "count (whole days)"
    : "sort (fractional)";

/** Final formulas start in column B of the calc sheet (helpers fill column A). */
const FINAL_COLUMN = 1;

/** Time for HyperFormula to evaluate formulas (helper columns + final cell) over data already loaded. */
function hyperFormulaTimer(rows: number) {
  const data = dataset(rows);
  const [outcomes, amounts, stages, created, closed, groups, counts, weights] = [
    data.outcomes,
    data.amounts,
    data.stages,
    data.created,
    data.closed,
    data.groups,
    data.counts,
    data.weights,
  ];
  const table = Array.from({ length: rows }, (_, i) => [
    outcomes[i][0],
    amounts[i][0],
    stages[i][0],
    created[i][0],
    closed[i][0] === "" ? null : closed[i][0],
    groups[i][0],
    counts[i][0],
    weights[i][0],
  ]) as (string | number | null)[][];
  data.release();
  return (helpers: ((row: number) => string)[], final: string[]): number => {
    // A fresh engine per metric (not timed): one engine reused for all of them slows down as it goes.
    const hf = HyperFormula.buildFromSheets(
      { data: table, stages: stageNames.map((s, i) => [s, stageOdds[i]]), calc: [] },
      { licenseKey: "gpl-v3", maxRows: rows + 10 }
    );
    const calc = hf.getSheetId("calc")!;
    const start = performance.now();
    hf.batch(() => {
      if (helpers.length) {
        const block = Array.from({ length: rows }, (_, i) => helpers.map((make) => make(i + 1)));
        hf.setCellContents({ sheet: calc, row: 0, col: 0 }, block);
      }
      if (final.length) hf.setCellContents({ sheet: calc, row: 0, col: FINAL_COLUMN }, [final]);
    });
    hf.getCellValue({ sheet: calc, row: 0, col: 0 });
    for (let c = 0; c < final.length; c++)
      hf.getCellValue({ sheet: calc, row: 0, col: FINAL_COLUMN + c });
    const elapsed = performance.now() - start;
    hf.destroy();
    return elapsed;
  };
}

export function runFunctionBench(): void {
  console.log(
    `PLAN.* functions: ${ROWS.toLocaleString("en")} rows (HyperFormula: ${HF_ROWS.toLocaleString("en")} rows)`
  );
  const d = dataset(ROWS);
  const small = dataset(HF_ROWS);
  const hf = hyperFormulaTimer(HF_ROWS);
  const n = HF_ROWS;
  const col = (letter: string) => `data!${letter}1:${letter}${n}`;
  const names = [["Lead"], ["Qualified"], ["Proposal"], ["Won"]];
  const odds = stageOdds.map((p) => [p]);

  type Case = {
    name: string;
    run: (x: typeof d) => unknown;
    floor: (x: typeof d) => unknown;
    /** Issue 18's target, in floors (one read, plus the spill where the function spills). */
    target: number;
    /** Spills one value per input row, so the floor includes allocating that output. */
    spills?: boolean;
    /** For Kaplan–Meier: which path the durations of this data take. */
    path?: (x: typeof d) => string;
    native?: { helpers: ((r: number) => string)[]; final: string[] };
  };
  // Kaplan–Meier functions: floor is one read of both date ranges; the native route needs a
  // duration helper column.
  const days = `calc!A1:A${n}`;
  const survivalCase = (name: string, run: Case["run"], final?: string): Case => ({
    name,
    run,
    floor: (x) => readOnce(x.created, x.closed),
    target: 1.5,
    path: (x) => survivalPath(x.created, x.closed),
    native: final
      ? {
          helpers: [(r) => `=IF(ISBLANK(data!E${r}),"",data!E${r}-data!D${r})`],
          final: [final],
        }
      : undefined,
  });
  /** A Kaplan–Meier case run on the timestamped dates (createdAt, closedAt) instead. */
  const withTimes = (x: typeof d) =>
    new Proxy(x, {
      get: (target, key) =>
        key === "created"
          ? target.createdAt
          : key === "closed"
            ? target.closedAt
            : Reflect.get(target, key),
    });
  const timed = (c: Case): Case => ({
    ...c,
    name: `${c.name} (times)`,
    run: (x) => c.run(withTimes(x)),
    floor: (x) => c.floor(withTimes(x)),
    path: (x) => c.path!(withTimes(x)),
  });
  const cases: Case[] = [
    {
      name: "CONVERSION",
      run: (x) => plan.conversion(x.counts),
      floor: (x) => readAndSpill(ROWS - 1, x.counts),
      target: 1.5,
      spills: true,
      native: { helpers: [(r) => `=data!G${r + 1}/data!G${r}`], final: [] },
    },
    {
      name: "CONVERSIONBY",
      run: (x) => plan.conversionby(x.groups, x.stages, names),
      floor: (x) => readOnce(x.groups, x.stages),
      target: 1.5,
      native: {
        helpers: [(r) => `=MATCH(data!C${r},stages!A1:A4,0)`],
        final: groupNames.flatMap((g) =>
          [1, 2, 3, 4].map((j) => `=COUNTIFS(${col("F")},"${g}",calc!A1:A${n},">=${j}")`)
        ),
      },
    },
    {
      name: "WINRATE",
      run: (x) => plan.winrate(x.outcomes),
      floor: (x) => readOnce(x.outcomes),
      target: 1.5,
      native: {
        helpers: [],
        final: [
          `=COUNTIFS(${col("A")},"Won")/(COUNTIFS(${col("A")},"Won")+COUNTIFS(${col("A")},"Lost"))`,
        ],
      },
    },
    {
      name: "WINRATE (value)",
      run: (x) => plan.winrate(x.outcomes, x.amounts),
      floor: (x) => readOnce(x.outcomes, x.amounts),
      target: 1.5,
      native: {
        helpers: [],
        final: [
          `=SUMIFS(${col("B")},${col("A")},"Won")/(SUMIFS(${col("B")},${col("A")},"Won")+SUMIFS(${col("B")},${col("A")},"Lost"))`,
        ],
      },
    },
    survivalCase(
      "CYCLETIME median",
      (x) => plan.cycletime(x.created, x.closed),
      `=SMALL(${days},ROUNDUP(COUNT(${days})/2,0))`
    ),
    survivalCase(
      "CYCLETIME mean",
      (x) => plan.cycletime(x.created, x.closed, "mean"),
      `=SUMIFS(${days},${days},">=0")/COUNTIFS(${days},">=0")`
    ),
    survivalCase(
      "CLOSEDBY",
      (x) => plan.closedby(x.created, x.closed, 30),
      `=COUNTIFS(${days},"<=30")/COUNT(${days})`
    ),
    // A native SURVIVAL table needs one COUNTIFS per distinct day; one of them is a lower bound for it.
    survivalCase(
      "SURVIVAL",
      (x) => plan.survival(x.created, x.closed),
      `=COUNTIFS(${days},"<=30")/COUNT(${days})`
    ),
    // The same four with times of day in the dates: the sort fallback, measured too.
    timed(survivalCase("CYCLETIME median", (x) => plan.cycletime(x.created, x.closed))),
    timed(survivalCase("CYCLETIME mean", (x) => plan.cycletime(x.created, x.closed, "mean"))),
    timed(survivalCase("CLOSEDBY", (x) => plan.closedby(x.created, x.closed, 30))),
    timed(survivalCase("SURVIVAL", (x) => plan.survival(x.created, x.closed))),
    {
      name: "WEIGHTEDPIPELINE",
      run: (x) => plan.weightedpipeline(x.amounts, x.stages, names, odds),
      floor: (x) => readOnce(x.amounts, x.stages),
      target: 1.5,
      native: {
        helpers: [(r) => `=VLOOKUP(data!C${r},stages!A1:B4,2,0)`],
        final: [`=SUMPRODUCT(${col("B")},calc!A1:A${n})`],
      },
    },
    {
      name: "QUOTASPLIT",
      run: (x) => plan.quotasplit(1_000_000_000, x.weights, 2),
      floor: (x) => readAndSpill(ROWS, x.weights),
      target: 2,
      spills: true,
      // The total weight once, in the final cell, as a planner would (not SUM in every row).
      native: {
        helpers: [(r) => `=ROUND(1000000000*data!H${r}/$B$1,2)`],
        final: [`=SUM(${col("H")})`],
      },
    },
    {
      name: "QUOTASPLIT floors+caps",
      run: (x) => plan.quotasplit(1_000_000_000, x.weights, 2, x.floors, x.caps),
      floor: (x) => readAndSpill(ROWS, x.weights, x.floors, x.caps),
      target: 3,
      spills: true,
    },
  ];

  const rows: Row[] = [];
  for (const c of cases) {
    // In turn, so that garbage an earlier case left is collected during both alike.
    const [ms, floor] = timeSideBySide(
      () => c.run(d),
      () => c.floor(d),
      9
    );
    const path = c.path?.(d) ?? "";
    d.release();
    const oursSmall = time(() => c.run(small), 3);
    small.release();
    const native = c.native ? hf(c.native.helpers, c.native.final) : NaN;
    process.stderr.write(`  measured ${c.name}\n`);
    const ratio = ms / floor;
    rows.push({
      function: c.name,
      [`ms @${ROWS / 1e6}M`]: ms,
      "floor ms": floor,
      "floor is": c.spills ? "read+spill" : "read",
      "× floor": ratio,
      target: `${c.target}×${c.spills ? "+spill" : ""}`,
      met: ratio <= c.target ? "yes" : "no",
      path,
      [`ms @${HF_ROWS / 1e3}k`]: oursSmall,
      "HyperFormula ms": native,
      "HF ÷ ours": native / oursSmall,
    });
  }
  printTable("Range functions (best of 9 at 1M rows, of 3 at the smaller size)", rows);

  const calls = 100_000;
  const scalarCases: [string, () => unknown][] = [
    ["FUNNELREVENUE", () => plan.funnelrevenue(1000, [[0.25, 0.2]], 50_000, 0.9)],
    ["LEADSNEEDED", () => plan.leadsneeded(1_000_000, [[0.1, 0.25]], 20_000)],
    ["WINRATECI", () => plan.winrateci(81, 263)],
    ["WINRATEBAYES", () => plan.winratebayes(3, 4)],
    ["VELOCITY", () => plan.velocity(120, 0.25, 40_000, 60)],
    ["COVERAGE", () => plan.coverage(3_000_000, 1_000_000)],
    ["RAMP", () => plan.ramp(120_000, 46_068, 46_023, [[0.25, 0.5, 0.75]])],
    ["ATTAINMENT", () => plan.attainment(900_000, 1_000_000)],
  ];
  printTable(
    `Scalar functions: ${calls.toLocaleString("en")} calls each`,
    scalarCases.map(([name, call]) => {
      const ms = time(() => {
        for (let i = 0; i < calls; i++) call();
      }, 3);
      return { function: name, "ms total": ms, "µs per call": (ms * 1000) / calls };
    })
  );
}

if (require.main === module) runFunctionBench();
