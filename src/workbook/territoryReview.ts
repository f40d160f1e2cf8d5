/**
 * The review sheet for executives: a scenario's fairness metrics (each explained in a line
 * under it), its reps by name and manager, a roll-up by manager, and the quota tie-out at
 * every level with whether the quotas can be reached (territoryReviewReach.ts), then the
 * scenario's capacity plan (territoryReviewCapacity.ts), on a native sheet with a chart of
 * potential against target per rep. Sums and differences are formulas, so the sheet checks
 * itself when someone edits a figure; names only ever reach a formula as a reference to their
 * cell, never as text in it.
 */
import { NO_MANAGER, type TeamQuota } from "../domain/quotaPlan";
import type { Account, Rep, TerritoryResult } from "../domain/territory";
import { floorWords } from "../i18n/floorWords";
import { address, columnName } from "./package/cellRef";
import type { CapacityReview } from "./capacityTables";
import { ReportCell, ReportSheet } from "./report";
import { capacityBlock } from "./territoryReviewCapacity";
import type { MetricKey, ReviewLabels } from "./territoryReviewLabels";
import { reachBlock, reviewReachability } from "./territoryReviewReach";

export const REVIEW_SHEET = "Territory Review";

export { reviewLabels, type ReviewLabels } from "./territoryReviewLabels";

/** The quotas a review shows: a fresh plan (the pane's run) or a scenario's stored rows. */
export interface ReviewQuotas {
  companyTarget: number;
  reps: readonly { repId: string; annual: number }[];
  /**
   * The managers' quotas and what the level below each should sum to (over-assignment for
   * reps, hedge for managers), when known: a stored scenario keeps only its reps' quotas.
   */
  teams?: readonly TeamQuota[];
  /** What the top-level managers should sum to: the company target × (1 + hedge). */
  teamTotal?: number;
}

export interface ReviewInput {
  /** `deviationBound` only from a run: a scenario's stored results do not keep it. */
  territory: Pick<TerritoryResult, "reps" | "metrics" | "unassigned" | "deviationBound"> &
    Partial<Pick<TerritoryResult, "assignments">>;
  /** The reps as their table names them: the results hold only ids. */
  reps: readonly Pick<Rep, "id" | "name" | "manager">[];
  /** A quota plan (QuotaPlan is one) or a scenario's stored quotas. */
  quotas?: ReviewQuotas;
  /** The accounts the territory was assigned from: with quotas and assignments, whether they can be reached. */
  accounts?: readonly Account[];
  /** The scenario's reach threshold (quota above potential × it is flagged). */
  reachThreshold?: number;
  /** The scenario's stored capacity plan (capacityReview), shown after the quotas. */
  capacity?: CapacityReview;
  /** The day the sheet is written, printed in its footer: the caller's clock, not the builder's. */
  written: string;
}

/** The columns of the rep table, the roll-up and the tie-out (1-based). */
const COL = { name: 1, manager: 2, accounts: 3, potential: 4, target: 5, deviation: 6, quota: 7 };
/** Tie-out columns: the level's quota, what the level below should sum to, what it sums to, the difference. */
const TIE = { quota: 4, should: 5, sum: 6, difference: 7 };
const A1 = (col: number, row: number) => address(row, col);
const column = (col: number, first: number, last: number) =>
  `$${columnName(col)}$${first}:$${columnName(col)}$${last}`;

export function territoryReview(input: ReviewInput, labels: ReviewLabels): ReportSheet {
  const { territory, quotas } = input;
  const cells: ReportCell[] = [];
  let row = 1;
  const put = (col: number, value: ReportCell["value"], style?: ReportCell["style"]) =>
    cells.push({ row, col, value, style });
  const formula = (col: number, text: string, style: ReportCell["style"]) =>
    cells.push({ row, col, formula: text, style });
  put(1, labels.title, "title");
  row += 2;

  put(1, labels.metrics, "heading");
  row++;
  const m = territory.metrics;
  const metricRows: [MetricKey, number | null, ReportCell["style"]][] = [
    ["maxAbsDeviation", m.maxAbsDeviation, "percent"],
    ["coefficientOfVariation", m.coefficientOfVariation, "ratio"],
    ["giniPotentialPerFte", m.giniPotentialPerFte, "ratio"],
    ["maxMinRatio", m.maxMinRatio, "ratio"],
    ["accountsMoved", m.accountsMoved, "integer"],
    ["continuity", m.continuity, "percent"],
    ["unassigned", territory.unassigned.length, "integer"],
  ];
  for (const [key, value, style] of metricRows) {
    put(1, labels.metric[key], "label");
    put(2, value, style);
    row++;
    put(1, labels.notes[key], "note");
    row++;
  }
  const bound = territory.deviationBound;
  if (bound) {
    // The floor, and under it what forces it and the first remedy when it is above the band.
    const said = floorWords(bound, labels.sayFloor);
    put(1, labels.floor, "label");
    put(2, bound.lowestPossibleDeviation, "percent");
    row++;
    const why = said.aboveBand ? [said.causes[0], said.remedies[0]] : [];
    put(1, [said.headline, ...why].filter(Boolean).join(" "), "note");
    row++;
  }

  // The reps grouped by manager (in the order managers first appear), by name within a team.
  const people = new Map(input.reps.map((r) => [r.id, r]));
  const teamOf = (repId: string) => people.get(repId)?.manager?.trim() || labels.noManager;
  const nameOf = (repId: string) => people.get(repId)?.name?.trim() || repId;
  const teams = [...new Set(territory.reps.map((r) => teamOf(r.repId)))];
  const reps = [...territory.reps].sort(
    (a, b) =>
      teams.indexOf(teamOf(a.repId)) - teams.indexOf(teamOf(b.repId)) ||
      nameOf(a.repId).localeCompare(nameOf(b.repId))
  );
  const quotaOf = new Map(quotas?.reps.map((r) => [r.repId, r.annual]) ?? []);
  const c = labels.columns;
  const headers = [c.rep, c.manager, c.accounts, c.potential, c.target, c.deviation];
  if (quotas) headers.push(c.quota);

  row++;
  put(1, labels.reps, "heading");
  row++;
  const headerRow = row;
  headers.forEach((h, i) => put(i + 1, h, "label"));
  row++;
  const first = row;
  const total = territory.reps.reduce((sum, r) => sum + r.potential, 0);
  for (const r of reps) {
    put(COL.name, nameOf(r.repId), "text");
    put(COL.manager, teamOf(r.repId), "text");
    put(COL.accounts, r.accounts, "integer");
    put(COL.potential, r.potential, "money");
    put(COL.target, r.target * total, "money");
    put(COL.deviation, r.deviation, "percent");
    if (quotas) put(COL.quota, quotaOf.get(r.repId) ?? null, "money");
    row++;
  }
  const last = row - 1;
  const sums = [COL.accounts, COL.potential, COL.target, ...(quotas ? [COL.quota] : [])];
  const repTotalRow = row;
  if (reps.length) {
    put(COL.name, labels.total, "label");
    for (const col of sums)
      formula(col, `=SUM(${column(col, first, last)})`, col === COL.accounts ? "integer" : "money");
    row++;
  }

  // The roll-up: each manager's figures summed from the rep rows whose manager cell is
  // exactly that manager's (EXACT, not SUMIF, whose criteria read "*" or ">5" as patterns).
  const rollUpRow = new Map<string, number>();
  let rollUpTotalRow = 0;
  if (reps.length) {
    row++;
    put(1, labels.rollUp, "heading");
    row++;
    [c.manager, labels.repCount, c.accounts, c.potential, c.target, c.deviation]
      .concat(quotas ? [c.quota] : [])
      .forEach((h, i) => put(i + 1, h, "label"));
    row++;
    const firstTeam = row;
    const mine = (k: number) => `EXACT(${column(COL.manager, first, last)},$A${k})`;
    for (const team of teams) {
      rollUpRow.set(team, row);
      put(1, team, "text");
      formula(2, `=SUMPRODUCT(--${mine(row)})`, "integer");
      for (const col of [COL.accounts, COL.potential, COL.target, ...(quotas ? [COL.quota] : [])])
        formula(
          col,
          `=SUMPRODUCT(${mine(row)}*${column(col, first, last)})`,
          col === COL.accounts ? "integer" : "money"
        );
      // The team's load against its target: each rep's target × (1 + deviation), summed.
      const target = A1(COL.target, row);
      formula(
        COL.deviation,
        `=IF(${target}=0,"",SUMPRODUCT(${mine(row)}*${column(COL.target, first, last)}*(1+${column(COL.deviation, first, last)}))/${target}-1)`,
        "percent"
      );
      row++;
    }
    rollUpTotalRow = row;
    put(1, labels.total, "label");
    for (const col of [2, ...sums])
      formula(
        col,
        `=SUM(${column(col, firstTeam, row - 1)})`,
        col <= COL.accounts ? "integer" : "money"
      );
    row++;
  }

  if (quotas) {
    row++;
    put(1, labels.tieOut, "heading");
    row++;
    const t = labels.tieOutColumns;
    put(1, t.level, "label");
    put(TIE.quota, t.quota, "label");
    put(TIE.should, t.shouldSum, "label");
    put(TIE.sum, t.sumBelow, "label");
    put(TIE.difference, labels.difference, "label");
    row++;
    const companyRow = row;
    // Each line: the level's quota, what the level below should sum to (if known), what it
    // sums to on this sheet, and the difference (0 ties out).
    const line = (label: string, quota: number | null, should: number | null, sum: string) => {
      put(1, label, "label");
      if (quota !== null) put(TIE.quota, quota, "money");
      if (should !== null) put(TIE.should, should, "money");
      formula(TIE.sum, sum, "money");
      const against = should !== null ? A1(TIE.should, row) : A1(TIE.quota, companyRow);
      formula(TIE.difference, `=${A1(TIE.sum, row)}-${against}`, "money");
      row++;
    };
    const planned = quotas.teams;
    if (planned?.length) {
      // Company → managers → … → reps, depth first, each level summing the one below it.
      const children = (parent: string | undefined) =>
        planned.filter((team) => team.parent === parent);
      const rowOf = new Map<string, number>();
      let next = companyRow + 1;
      const place = (parent: string | undefined) =>
        children(parent).forEach((team) => {
          rowOf.set(team.team, next++);
          place(team.team);
        });
      place(undefined);
      const sumOf = (cells: number[]) =>
        cells.length ? `=${cells.map((r) => A1(TIE.quota, r)).join("+")}` : "=0";
      line(
        labels.companyTarget,
        quotas.companyTarget,
        quotas.teamTotal ?? null,
        sumOf(children(undefined).map((team) => rowOf.get(team.team)!))
      );
      const walk = (parent: string | undefined) =>
        children(parent).forEach((team) => {
          const name = team.team === NO_MANAGER ? labels.noManager : team.team;
          const below = children(team.team);
          const rolled = rollUpRow.get(name);
          line(
            name,
            team.quota,
            team.childTotal,
            below.length
              ? sumOf(below.map((b) => rowOf.get(b.team)!))
              : rolled
                ? `=${A1(COL.quota, rolled)}`
                : "=0"
          );
          walk(team.team);
        });
      walk(undefined);
      const leaves = planned.filter((team) => !children(team.team).length);
      line(
        labels.repQuotas,
        null,
        leaves.reduce((sum, team) => sum + team.childTotal, 0),
        reps.length ? `=${A1(COL.quota, repTotalRow)}` : "=0"
      );
    } else {
      line(
        labels.companyTarget,
        quotas.companyTarget,
        null,
        rollUpTotalRow ? `=${A1(COL.quota, rollUpTotalRow)}` : "=0"
      );
    }
    // The over-assignment is a quota amount, not a break: it sits under the quotas, so the
    // Difference column holds only differences (all 0 when the plan ties out).
    put(1, labels.overAssigned, "label");
    formula(
      TIE.quota,
      reps.length
        ? `=${A1(COL.quota, repTotalRow)}-${A1(TIE.quota, companyRow)}`
        : `=-${A1(TIE.quota, companyRow)}`,
      "money"
    );
    row++;
    if (input.accounts && territory.assignments) {
      const reach = reviewReachability(
        quotas,
        { ...territory, assignments: territory.assignments },
        input.accounts,
        input.reachThreshold
      );
      const block = reachBlock(
        reach,
        {
          labels: labels.reach,
          companyTarget: labels.companyTarget,
          noManager: labels.noManager,
          order: reps.map((r) => r.repId),
          nameOf,
          teamOf,
        },
        row + 1
      );
      cells.push(...block.cells);
      row = block.next;
    }
  }
  if (input.capacity) {
    const block = capacityBlock(input.capacity, labels.capacity, row + 1);
    cells.push(...block.cells);
    row = block.next;
  }

  // The chart below the tables, so the sheet prints one page wide at a readable size.
  const charts: ReportSheet["charts"] = reps.length
    ? [
        {
          title: labels.chart,
          categories: `A${first}:A${last}`,
          series: [
            { name: c.potential, values: `D${first}:D${last}` },
            { name: c.target, values: `E${first}:E${last}` },
          ],
          at: { row: row + 1, col: 1, rows: 18, cols: 7 },
        },
      ]
    : [];
  return {
    sheet: REVIEW_SHEET,
    print: {
      titleRows: { first: headerRow, last: headerRow },
      header: labels.title,
      written: input.written,
      words: labels.printWords,
    },
    // Names, then money up to 999,999,999 (11 characters) with room to spare.
    // The tie-out's headers ("Level below should sum") are the widest words of columns D–F.
    columnWidths: [36, 18, 10, 22, 22, 22, 15],
    cells,
    statusRanges: [],
    charts,
  };
}
