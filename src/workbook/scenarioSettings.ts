/**
 * The rules a scenario was run with, as Setting / Value rows of the Scenario Settings table
 * (one setting per row, readable and editable in the workbook), and read back from them. A
 * value a user typed that does not read as its setting's type, or a setting the add-in does
 * not know (a misspelt key), is reported where it is: a run is never made from a guess.
 */
import { serialFromIsoDate } from "../domain/calendar";
import { formatNumberList, parseNumber, parseNumberList } from "../domain/numberList";
import type { QuotaRunSettings } from "../domain/planRun";
import { wordsFrom } from "../domain/problem";
import type { QuotaMethod } from "../domain/quotaPlan";
import type { BalanceSettings } from "../domain/territory";
import type { UserTable } from "./driver";
import { PlanProblem, PlanRow, TableData, columnLetters } from "./rows";
import { tables } from "./schema";
import {
  ACCOUNT_FIELDS,
  REP_FIELDS,
  type AccountField,
  type ColumnMapping,
  type RepField,
} from "./sourceTables";

/** The inputs of a quota plan a user sets (the reps' figures come from the territory run). */
export type QuotaInputs = QuotaRunSettings;

/** Everything a scenario was run with. */
export interface ScenarioRun {
  accountsTable: UserTable;
  repsTable: UserTable;
  accountColumns: ColumnMapping<AccountField>;
  repColumns: ColumnMapping<RepField>;
  balance: BalanceSettings;
  quota?: QuotaInputs;
}

/** What can be wrong in a stored setting, in English (the catalogs translate the codes). */
export const SCENARIO_SETTING_PROBLEMS = {
  settingNotANumber: '{key} holds "{value}" where a number is needed',
  settingNotADate:
    '{key} holds "{value}" where a date is needed (a date such as 2027-01-01, or its Excel serial)',
  settingNotANumberList:
    '{key} holds "{value}": item {item}, "{text}", is not a number (separate the numbers with ";")',
  settingNotAMethod: '{key} holds "{value}", which is not a quota method: use one of {methods}',
  settingUnknown:
    '"{key}" is not a setting the add-in knows, so it would be lost: correct it or delete the row',
  settingUnknownNear: '"{key}" is not a setting the add-in knows: did you mean "{suggestion}"?',
} as const;

export type ScenarioSettingProblemCode = keyof typeof SCENARIO_SETTING_PROBLEMS;
const settingProblem = wordsFrom(SCENARIO_SETTING_PROBLEMS);

const BALANCE_KEYS = [
  "workloadWeight",
  "toleranceBand",
  "maxMovedShare",
  "maxAccountsPerRep",
] as const;
const METHODS = ["potential", "history", "blend", "expression"] as const;

type SettingType = "text" | "number" | "date" | "numbers" | "method";

/** Every setting the add-in writes, with the type its value reads as. */
const SETTING_TYPES: ReadonlyMap<string, SettingType> = new Map<string, SettingType>([
  ["accounts.table", "text"],
  ["accounts.sheet", "text"],
  ["reps.table", "text"],
  ["reps.sheet", "text"],
  ...ACCOUNT_FIELDS.map((f): [string, SettingType] => [`accounts.column.${f.key}`, "text"]),
  ...REP_FIELDS.map((f): [string, SettingType] => [`reps.column.${f.key}`, "text"]),
  ...BALANCE_KEYS.map((k): [string, SettingType] => [`balance.${k}`, "number"]),
  ["quota.companyTarget", "number"],
  ["quota.method", "method"],
  ["quota.potentialShare", "number"],
  ["quota.formula", "text"],
  ["quota.overAssignment", "number"],
  ["quota.managerHedge", "number"],
  ["quota.reachThreshold", "number"],
  ["quota.fiscalYearStart", "date"],
  ["quota.rampSchedule", "numbers"],
  ["quota.seasonality", "numbers"],
  ["quota.floor", "number"],
  ["quota.cap", "number"],
  ["quota.funnelRates", "numbers"],
  ["quota.avgDealSize", "number"],
]);

const list = (values: number[] | undefined) =>
  values?.length ? formatNumberList(values) : undefined;

/** The run's rules as Setting / Value rows (readable and editable in the workbook). */
export function settingsRows(scenario: string, run: ScenarioRun): PlanRow[] {
  const pairs: [string, unknown][] = [
    ["accounts.table", run.accountsTable.name],
    ["accounts.sheet", run.accountsTable.sheet],
    ["reps.table", run.repsTable.name],
    ["reps.sheet", run.repsTable.sheet],
    ...Object.entries(run.accountColumns).map(([field, header]): [string, unknown] => [
      `accounts.column.${field}`,
      header,
    ]),
    ...Object.entries(run.repColumns).map(([field, header]): [string, unknown] => [
      `reps.column.${field}`,
      header,
    ]),
    ...Object.entries(run.balance).map(([key, value]): [string, unknown] => [
      `balance.${key}`,
      value,
    ]),
  ];
  const q = run.quota;
  if (q) {
    pairs.push(
      ["quota.companyTarget", q.companyTarget],
      ["quota.method", q.method.kind],
      ["quota.potentialShare", q.method.kind === "blend" ? q.method.potentialShare : undefined],
      ["quota.formula", q.method.kind === "expression" ? q.method.formula : undefined],
      ["quota.overAssignment", q.overAssignment],
      ["quota.managerHedge", q.managerHedge],
      ["quota.reachThreshold", q.reachThreshold],
      ["quota.fiscalYearStart", q.fiscalYearStart],
      ["quota.rampSchedule", list(q.rampSchedule)],
      ["quota.seasonality", list(q.seasonality)],
      ["quota.floor", q.floor],
      ["quota.cap", q.cap],
      ["quota.funnelRates", list(q.funnel?.rates)],
      ["quota.avgDealSize", q.funnel?.avgDealSize]
    );
  }
  return pairs
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([Setting, value]) => ({ Scenario: scenario, Setting, Value: String(value) }));
}

/** Edits (insert, delete, replace one character) between two texts. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    previous = row;
  }
  return previous[b.length];
}

/** The known setting nearest to a misspelt one, when it is within two edits. */
function nearestKey(key: string): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const known of SETTING_TYPES.keys()) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: known, distance };
  }
  return best?.key;
}

export interface ReadRun {
  /** The run, without the values that could not be read; undefined when no tables are named. */
  run?: ScenarioRun;
  /** Each value that could not be read and each unknown setting, at its cell. */
  problems: PlanProblem[];
}

/**
 * A scenario's run from the Scenario Settings table, as the store read it. The store writes
 * its tables from A1 and reads them back in order, skipping blank rows: the cell of each row
 * is worked out from that (a table a user moved is located as if it were where it is written).
 */
export function readScenarioRun(table: TableData, scenario: string): ReadRun {
  const problems: PlanProblem[] = [];
  const letter = (header: string, fallback: number) => {
    const index = table.header.indexOf(header);
    return columnLetters(index < 0 ? fallback : index);
  };
  const [settingColumn, valueColumn] = [letter("Setting", 1), letter("Value", 2)];
  const value = new Map<string, string | undefined>();
  const rowOfKey = new Map<string, number>();
  table.rows.forEach((r, i) => {
    if (r.Scenario !== scenario) return;
    const key = String(r.Setting);
    value.set(key, r.Value === null ? undefined : String(r.Value));
    rowOfKey.set(key, i + 2);
  });
  /** At the value's cell, or the setting's own cell when the setting is not known. */
  const report = (key: string, said: ReturnType<typeof settingProblem>, at = valueColumn) => {
    const row = rowOfKey.get(key);
    problems.push({
      severity: "error",
      sheet: tables.scenarioSettings.sheet,
      table: tables.scenarioSettings.table,
      ...(row === undefined ? {} : { row, address: `${at}${row}` }),
      column: key,
      field: key,
      ...said,
    });
  };

  for (const key of value.keys()) {
    if (SETTING_TYPES.has(key)) continue;
    const suggestion = nearestKey(key);
    report(
      key,
      suggestion
        ? settingProblem("settingUnknownNear", { key, suggestion })
        : settingProblem("settingUnknown", { key }),
      settingColumn
    );
  }
  const get = (key: string) => value.get(key);
  const num = (key: string): number | undefined => {
    const text = get(key);
    if (text === undefined) return undefined;
    const n = parseNumber(text);
    if (n === "invalid") report(key, settingProblem("settingNotANumber", { key, value: text }));
    return typeof n === "number" ? n : undefined;
  };
  const date = (key: string): number | undefined => {
    const text = get(key);
    if (text === undefined) return undefined;
    const serial = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : serialFromIsoDate(text.trim());
    if (serial === undefined) report(key, settingProblem("settingNotADate", { key, value: text }));
    return serial;
  };
  const numbers = (key: string): number[] | undefined => {
    const text = get(key);
    if (text === undefined) return undefined;
    const read = parseNumberList(text);
    for (const p of read.problems)
      report(
        key,
        settingProblem("settingNotANumberList", { key, value: text, item: p.item, text: p.text })
      );
    return read.values;
  };
  const methodKind = (): QuotaMethod["kind"] => {
    const text = get("quota.method");
    if (text === undefined) return "potential";
    const kind = METHODS.find((m) => m === text.trim().toLowerCase());
    if (!kind)
      report(
        "quota.method",
        settingProblem("settingNotAMethod", {
          key: "quota.method",
          value: text,
          methods: METHODS.join(", "),
        })
      );
    return kind ?? "potential";
  };

  const accounts = get("accounts.table");
  const reps = get("reps.table");
  if (!accounts || !reps) return { problems };
  const columns = (prefix: string) =>
    Object.fromEntries(
      [...value]
        .filter(([k]) => k.startsWith(prefix) && SETTING_TYPES.has(k))
        .map(([k, v]) => [k.slice(prefix.length), v])
    );
  const balance: BalanceSettings = {};
  for (const key of BALANCE_KEYS) {
    const n = num(`balance.${key}`);
    if (n !== undefined) balance[key] = n;
  }
  const run: ScenarioRun = {
    accountsTable: { name: accounts, sheet: get("accounts.sheet") ?? accounts },
    repsTable: { name: reps, sheet: get("reps.sheet") ?? reps },
    accountColumns: columns("accounts.column."),
    repColumns: columns("reps.column."),
    balance,
  };
  const target = num("quota.companyTarget");
  if (target !== undefined) {
    const kind = methodKind();
    const method: QuotaMethod =
      kind === "blend"
        ? { kind, potentialShare: num("quota.potentialShare") ?? 0.5 }
        : kind === "expression"
          ? { kind, formula: get("quota.formula") ?? "potential" }
          : { kind };
    run.quota = {
      companyTarget: target,
      method,
      overAssignment: num("quota.overAssignment"),
      managerHedge: num("quota.managerHedge"),
      reachThreshold: num("quota.reachThreshold"),
      fiscalYearStart: date("quota.fiscalYearStart") ?? 0,
      rampSchedule: numbers("quota.rampSchedule"),
      seasonality: numbers("quota.seasonality"),
      floor: num("quota.floor"),
      cap: num("quota.cap"),
    };
    const rates = numbers("quota.funnelRates");
    const avgDealSize = num("quota.avgDealSize");
    if (rates?.length && avgDealSize !== undefined) run.quota.funnel = { rates, avgDealSize };
  } else {
    // Quota settings without a target are not run, but a typo in them is still the user's.
    for (const key of value.keys())
      if (key.startsWith("quota.") && key !== "quota.companyTarget") {
        const type = SETTING_TYPES.get(key);
        if (type === "number") num(key);
        else if (type === "date") date(key);
        else if (type === "numbers") numbers(key);
        else if (type === "method") methodKind();
      }
  }
  return { run, problems };
}
