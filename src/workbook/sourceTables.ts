/**
 * The user's own account and rep tables: any Excel table (or selection), with its columns
 * mapped to what the territory engine needs. Headers are recognised in English and Chinese;
 * every cell that cannot be read is reported with its address, and the rows that can be read
 * are kept.
 */
import { isBlankCell, labelKey } from "../domain/labels";
import { fill } from "../domain/problem";
import {
  INPUT_ISSUES,
  type Account,
  type InputIssue,
  type InputIssueCode,
  type Rep,
} from "../domain/territory";
import {
  CellValue,
  PlanProblem,
  RawTable,
  columnLetters,
  readTableCell,
  tableProblem,
} from "./rows";
import type { ColumnType } from "./schema";
import type { UserTable } from "./store";

export interface FieldSpec<K extends string> {
  key: K;
  type: ColumnType;
  required?: boolean;
  /** Header spellings recognised, compared without case, spaces, dashes and underscores. */
  synonyms: readonly string[];
}

export const ACCOUNT_FIELDS = [
  {
    key: "id",
    type: "text",
    required: true,
    synonyms: [
      "AccountId",
      "Account ID",
      "Account",
      "Account Number",
      "客户编号",
      "客户ID",
      "客户代码",
    ],
  },
  {
    key: "name",
    type: "text",
    synonyms: ["Name", "Account Name", "Company", "客户名称", "名称", "公司"],
  },
  {
    key: "region",
    type: "text",
    required: true,
    synonyms: ["Region", "Geo", "Geography", "区域", "地区", "大区"],
  },
  {
    key: "industry",
    type: "text",
    required: true,
    synonyms: ["Industry", "Vertical", "Sector", "行业"],
  },
  {
    key: "sizeTier",
    type: "text",
    required: true,
    synonyms: ["SizeTier", "Size", "Segment", "Tier", "Company Size", "规模", "客户规模", "细分"],
  },
  {
    key: "potential",
    type: "number",
    required: true,
    synonyms: [
      "Potential",
      "Revenue Potential",
      "Account Potential",
      "潜力",
      "潜在收入",
      "潜在价值",
    ],
  },
  { key: "workload", type: "number", synonyms: ["Workload", "Effort", "Work", "工作量"] },
  {
    key: "currentOwner",
    type: "text",
    synonyms: [
      "Owner",
      "Current Owner",
      "Account Owner",
      "Rep",
      "RepId",
      "负责人",
      "当前负责人",
      "客户负责人",
    ],
  },
  { key: "locked", type: "boolean", synonyms: ["Locked", "Lock", "Keep Owner", "锁定"] },
  {
    key: "lastYearRevenue",
    type: "number",
    synonyms: [
      "Last Year Revenue",
      "Revenue LY",
      "History",
      "Prior Year Revenue",
      "去年收入",
      "上年收入",
    ],
  },
] as const satisfies readonly FieldSpec<string>[];

export const REP_FIELDS = [
  {
    key: "id",
    type: "text",
    required: true,
    synonyms: ["RepId", "Rep ID", "Rep", "Employee ID", "销售代表编号", "销售编号", "员工编号"],
  },
  { key: "name", type: "text", synonyms: ["Name", "Rep Name", "姓名", "名称"] },
  { key: "regions", type: "text", synonyms: ["Regions", "Region", "区域", "地区"] },
  { key: "industries", type: "text", synonyms: ["Industries", "Industry", "Verticals", "行业"] },
  {
    key: "sizeTiers",
    type: "text",
    synonyms: ["SizeTiers", "Size Tiers", "Segments", "Segment", "Size", "规模", "细分"],
  },
  { key: "capacity", type: "number", synonyms: ["Capacity", "FTE", "产能", "人力"] },
  {
    key: "startDate",
    type: "date",
    synonyms: ["StartDate", "Start Date", "Hire Date", "入职日期", "开始日期"],
  },
  { key: "manager", type: "text", synonyms: ["Manager", "Team", "经理", "团队"] },
] as const satisfies readonly FieldSpec<string>[];

export type AccountField = (typeof ACCOUNT_FIELDS)[number]["key"];
export type RepField = (typeof REP_FIELDS)[number]["key"];
/** Field → the header of the column that holds it (absent: not mapped). */
export type ColumnMapping<K extends string> = Partial<Record<K, string>>;

const squash = (text: string) => text.toLowerCase().replace(/[\s_\-.:：]/g, "");

/** Maps each field to the first header that spells one of its synonyms; a header is used once. */
export function autoMap<K extends string>(
  fields: readonly FieldSpec<K>[],
  header: readonly unknown[]
): ColumnMapping<K> {
  const names = header.map((h) => String(h ?? ""));
  const used = new Set<string>();
  const mapping: ColumnMapping<K> = {};
  for (const field of fields) {
    const wanted = field.synonyms.map(squash);
    const found = names.find((name) => !used.has(name) && wanted.includes(squash(name)));
    if (found) {
      mapping[field.key] = found;
      used.add(found);
    }
  }
  return mapping;
}

/** "EMEA; APAC", "EMEA, APAC" or "*" (any) as a list. */
export const splitList = (value: CellValue): string[] =>
  value === null
    ? []
    : String(value)
        .split(/[;,，；\n]/)
        .map((part) => part.trim())
        .filter(Boolean);

export interface Read<T> {
  rows: T[];
  /** The sheet row of each read row, so engine issues can be located back in the table. */
  sheetRows: number[];
  problems: PlanProblem[];
}

/** How strictly a mapping is held to the table's header. */
export interface ReadRules {
  /** A mapped column must be in the table even when its field is optional (a capture logs every field). */
  mappedMustExist?: boolean;
  /** Headers match without regard to case (labelKey), not only exactly. */
  anyCase?: boolean;
}

/**
 * The rows of a user's table as `fields`, by `mapping`: each filled row's cells converted to
 * their field's type, and every missing column and unreadable cell a problem at its place.
 */
export function readRows<K extends string>(
  raw: RawTable,
  table: string,
  fields: readonly FieldSpec<K>[],
  mapping: ColumnMapping<K>,
  rules: ReadRules = {}
): Read<Record<K, CellValue>> {
  const header = raw.header.map((h) => String(h ?? "").trim());
  const problems: PlanProblem[] = [];
  const index = new Map<K, number>();
  for (const field of fields) {
    const name = mapping[field.key];
    const at =
      name === undefined
        ? -1
        : rules.anyCase
          ? header.findIndex((h) => labelKey(h) === labelKey(name))
          : header.indexOf(name.trim());
    if (at >= 0) index.set(field.key, at);
    else if (field.required || (rules.mappedMustExist && name !== undefined))
      problems.push({
        severity: "error",
        sheet: raw.sheet,
        table,
        row: raw.headerRow,
        column: name ?? field.key,
        ...(name
          ? tableProblem("columnNotInTable", { column: name })
          : tableProblem("noColumnChosen", { field: field.key })),
      });
  }
  const rows: Record<K, CellValue>[] = [];
  const sheetRows: number[] = [];
  if (problems.length) return { rows, sheetRows, problems };
  raw.rows.forEach((cells, r) => {
    if (cells.every(isBlankCell)) return;
    const sheetRow = raw.headerRow + 1 + r;
    const row = {} as Record<K, CellValue>;
    for (const field of fields) {
      const at = index.get(field.key);
      if (at === undefined) {
        row[field.key] = null;
        continue;
      }
      const converted = readTableCell(raw, r, at, {
        header: header[at],
        type: field.type,
        required: field.required,
      });
      row[field.key] = converted.value;
      if (converted.problem)
        problems.push({
          severity: "error",
          sheet: raw.sheet,
          table,
          row: sheetRow,
          column: header[at],
          address: `${columnLetters(raw.firstColumn + at)}${sheetRow}`,
          ...converted.problem,
        });
    }
    rows.push(row);
    sheetRows.push(sheetRow);
  });
  return { rows, sheetRows, problems };
}

const text = (value: CellValue) => (value === null ? undefined : String(value).trim() || undefined);

function readAccounts(
  raw: RawTable,
  table: string,
  mapping: ColumnMapping<AccountField>
): Read<Account> {
  const read = readRows(raw, table, ACCOUNT_FIELDS, mapping);
  return {
    ...read,
    rows: read.rows.map((r) => {
      const account: Account = {
        id: text(r.id) ?? "",
        region: text(r.region) ?? "",
        industry: text(r.industry) ?? "",
        sizeTier: text(r.sizeTier) ?? "",
        potential: typeof r.potential === "number" ? r.potential : Number.NaN,
        workload: typeof r.workload === "number" ? r.workload : 1,
      };
      if (text(r.name)) account.name = text(r.name);
      if (text(r.currentOwner)) account.currentOwner = text(r.currentOwner);
      if (r.locked === true) account.locked = true;
      if (typeof r.lastYearRevenue === "number") account.lastYearRevenue = r.lastYearRevenue;
      return account;
    }),
  };
}

function readReps(raw: RawTable, table: string, mapping: ColumnMapping<RepField>): Read<Rep> {
  const read = readRows(raw, table, REP_FIELDS, mapping);
  return {
    ...read,
    rows: read.rows.map((r) => {
      const rep: Rep = {
        id: text(r.id) ?? "",
        regions: splitList(r.regions),
        industries: splitList(r.industries),
        sizeTiers: splitList(r.sizeTiers),
        capacity: typeof r.capacity === "number" ? r.capacity : 1,
      };
      if (text(r.name)) rep.name = text(r.name);
      if (typeof r.startDate === "number") rep.startDate = r.startDate;
      if (text(r.manager)) rep.manager = text(r.manager);
      return rep;
    }),
  };
}

/** A user's table as read, under the name its problems are reported with, and its column mapping. */
export interface MappedTable<K extends string> {
  raw: RawTable;
  table: string;
  mapping: ColumnMapping<K>;
}

interface SourceSideRead<K extends string> extends MappedTable<K> {
  sheetRows: number[];
}

/** An engine issue (row n of the accounts or reps given to it) placed back at its cell in the user's table. */
function locateIssue(
  issue: InputIssue,
  where: { accounts: SourceSideRead<AccountField>; reps: SourceSideRead<RepField> }
): PlanProblem {
  let worded = { message: issue.message, code: issue.code, values: issue.values };
  if (issue.table === "settings")
    return { severity: "error", sheet: "", table: "", column: issue.field, ...worded };
  const side: SourceSideRead<string> = issue.table === "accounts" ? where.accounts : where.reps;
  const sheetRow = issue.row !== undefined ? side.sheetRows[issue.row - 1] : undefined;
  // The engine counts its own input rows; the user reads the sheet's (its header is a row too).
  const earlier = issue.values?.row;
  if (typeof earlier === "number" && issue.code && issue.code in INPUT_ISSUES) {
    const values = { ...issue.values, row: side.sheetRows[earlier - 1] ?? earlier };
    worded = {
      code: issue.code,
      values,
      message: fill(INPUT_ISSUES[issue.code as InputIssueCode], values),
    };
  }
  const header = (side.mapping as Record<string, string | undefined>)[issue.field];
  const at = header ? side.raw.header.map((h) => String(h ?? "").trim()).indexOf(header) : -1;
  return {
    severity: "error",
    sheet: side.raw.sheet,
    table: side.table,
    row: sheetRow,
    column: header ?? issue.field,
    address:
      sheetRow !== undefined && at >= 0
        ? `${columnLetters(side.raw.firstColumn + at)}${sheetRow}`
        : undefined,
    ...worded,
  };
}

export interface SourceTables {
  accounts: Account[];
  reps: Rep[];
  /** Cells that cannot be read, each at its address. */
  problems: PlanProblem[];
  /** An issue the engine (territories or quotas) found in these accounts or reps, at its cell. */
  locate(issue: InputIssue): PlanProblem;
}

/** The accounts and reps tables read with their column mappings, for the pane and the command line alike. */
export function readSourceTables(
  accounts: MappedTable<AccountField>,
  reps: MappedTable<RepField>
): SourceTables {
  const a = readAccounts(accounts.raw, accounts.table, accounts.mapping);
  const r = readReps(reps.raw, reps.table, reps.mapping);
  const where = {
    accounts: { ...accounts, sheetRows: a.sheetRows },
    reps: { ...reps, sheetRows: r.sheetRows },
  };
  return {
    accounts: a.rows,
    reps: r.rows,
    problems: [...a.problems, ...r.problems],
    locate: (issue) => locateIssue(issue, where),
  };
}

/** The tables that look like accounts and reps by name (English or Chinese), for a first guess. */
export function guessSourceTables(tables: readonly UserTable[]): {
  accounts?: UserTable;
  reps?: UserTable;
} {
  const like = (words: string[]) =>
    tables.find((t) => words.some((w) => t.name.toLowerCase().includes(w)));
  return { accounts: like(["account", "客户"]), reps: like(["rep", "销售"]) };
}
