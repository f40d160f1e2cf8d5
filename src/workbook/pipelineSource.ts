/**
 * The user's opportunities table for the pipeline: which of its columns holds each field
 * (recognised by header in English and Chinese, or as a user mapped it), where that mapping is
 * kept in the workbook so the Pipeline pane and the command line share it, and the rows read
 * into opportunities with every cell that cannot be read at its address.
 *
 * The mapping lives in Scenario Settings, as a scenario's accounts and reps tables do
 * (`pipeline.table`, `pipeline.sheet`, `pipeline.column.<field>`), under the reserved scenario
 * name PIPELINE_SETTINGS: Plan Info keeps the keys it does not know when it is saved, but the
 * store writes only its version and revision there, so a mapping in it could not be saved.
 */
import { wordsFrom } from "../domain/problem";
import type { Opportunity, OpportunityField } from "../domain/pipelineLog";
import type { UserTable } from "./driver";
import {
  CellValue,
  PlanProblem,
  PlanRow,
  RawTable,
  cellOf,
  planRow,
  replacedInPlace,
} from "./rows";
import { autoMap, readRows, type ColumnMapping, type FieldSpec } from "./sourceTables";
import type { PlanSnapshot } from "./store";

/** What the opportunities table is refused for, in English (the catalogs translate the codes). */
export const PIPELINE_TABLE_PROBLEMS = {
  pipelineNoTable:
    "no opportunities table is chosen for the pipeline: choose one (and its columns) in the Pipeline pane, or name it with --table",
  pipelineTableGone:
    'the opportunities table {table} (sheet "{sheet}") is not in the workbook: restore it, or choose the table to capture',
  pipelineNotCaptured:
    "the pipeline has not been captured yet: capture the opportunities table first",
  dealRefused: "opportunity {id} as captured on {date}: {reason}",
  changeUnknown: 'Change "{value}" is not one of {choices}: the log cannot say what happened',
} as const;
export type PipelineTableProblemCode = keyof typeof PIPELINE_TABLE_PROBLEMS;
export const pipelineTableProblem = wordsFrom(PIPELINE_TABLE_PROBLEMS);

/** The fields an opportunities table maps: the id, then the log's fields. */
export type PipelineField = "id" | OpportunityField;

/** Header spellings recognised for each field (English and Chinese), as for accounts and reps. */
export const PIPELINE_FIELDS = [
  {
    key: "id",
    type: "text",
    required: true,
    synonyms: [
      "OpportunityId",
      "Opportunity ID",
      "Opportunity",
      "Opp ID",
      "Deal ID",
      "Id",
      "商机编号",
      "商机ID",
      "机会编号",
    ],
  },
  {
    key: "name",
    type: "text",
    synonyms: ["Name", "Opportunity Name", "Deal Name", "Deal", "商机名称", "名称"],
  },
  {
    key: "owner",
    type: "text",
    synonyms: ["Owner", "Opportunity Owner", "Rep", "RepId", "Sales Rep", "负责人", "销售代表"],
  },
  { key: "stage", type: "text", synonyms: ["Stage", "Sales Stage", "阶段", "销售阶段"] },
  {
    key: "amount",
    type: "number",
    synonyms: ["Amount", "Deal Size", "Value", "Deal Value", "金额", "商机金额"],
  },
  {
    key: "closeDate",
    type: "date",
    synonyms: ["CloseDate", "Close Date", "Expected Close", "预计成交日期", "成交日期", "关闭日期"],
  },
  {
    key: "createdDate",
    type: "date",
    synonyms: ["CreatedDate", "Created Date", "Created", "Create Date", "创建日期"],
  },
  {
    key: "forecastCategory",
    type: "text",
    synonyms: ["ForecastCategory", "Forecast Category", "Category", "预测类别", "预测分类"],
  },
  {
    key: "leadSource",
    type: "text",
    synonyms: ["LeadSource", "Lead Source", "Source", "线索来源", "来源"],
  },
] as const satisfies readonly FieldSpec<PipelineField>[];

/** Where captures read from: a user's table and which column holds each field. */
export interface PipelineSource {
  table: UserTable;
  mapping: ColumnMapping<PipelineField>;
}

/** What the pipeline settings say besides the table: optional, with their defaults. */
export interface PipelineSettings {
  source?: PipelineSource;
  /** The open stages in funnel order, when set (else: as the log first shows them). */
  stages?: string[];
  wonLabel: string;
  lostLabel: string;
}

/** The Scenario column of the pipeline's rows in Scenario Settings (no scenario has it). */
export const PIPELINE_SETTINGS = "(pipeline)";

/** The columns recognised by their headers: the first guess before a user maps them. */
export const guessPipelineMapping = (header: readonly unknown[]): ColumnMapping<PipelineField> =>
  autoMap(PIPELINE_FIELDS, header);

/** The pipeline settings stored in Scenario Settings (defaults where none is stored). */
export function readPipelineSettings(plan: PlanSnapshot): PipelineSettings {
  const values = new Map<string, string>();
  for (const row of plan.tables.scenarioSettings.rows) {
    if (cellOf(row, "Scenario") !== PIPELINE_SETTINGS) continue;
    const value = cellOf(row, "Value");
    if (value !== null && value !== undefined && String(value).trim() !== "")
      values.set(String(cellOf(row, "Setting") ?? "").trim(), String(value).trim());
  }
  const settings: PipelineSettings = {
    wonLabel: values.get("pipeline.wonLabel") ?? "Won",
    lostLabel: values.get("pipeline.lostLabel") ?? "Lost",
  };
  const stages = values.get("pipeline.stages");
  if (stages)
    settings.stages = stages
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
  const name = values.get("pipeline.table");
  if (name) {
    const mapping: ColumnMapping<PipelineField> = {};
    for (const field of PIPELINE_FIELDS) {
      const header = values.get(`pipeline.column.${field.key}`);
      if (header) mapping[field.key] = header;
    }
    settings.source = { table: { name, sheet: values.get("pipeline.sheet") ?? name }, mapping };
  }
  return settings;
}

/**
 * The Scenario Settings rows after choosing `source` (and, when given, the other settings):
 * the pipeline's rows replaced, every scenario's rows as they were.
 */
export function pipelineSettingsChanges(
  plan: PlanSnapshot,
  source: PipelineSource,
  other: Partial<Omit<PipelineSettings, "source">> = {}
): { scenarioSettings: PlanRow[] } {
  const kept = readPipelineSettings(plan);
  const pairs: [string, string | undefined][] = [
    ["pipeline.table", source.table.name],
    ["pipeline.sheet", source.table.sheet],
    ...PIPELINE_FIELDS.map((f): [string, string | undefined] => [
      `pipeline.column.${f.key}`,
      source.mapping[f.key],
    ]),
    ["pipeline.stages", (other.stages ?? kept.stages)?.join("; ")],
    ["pipeline.wonLabel", other.wonLabel ?? (kept.wonLabel === "Won" ? undefined : kept.wonLabel)],
    [
      "pipeline.lostLabel",
      other.lostLabel ?? (kept.lostLabel === "Lost" ? undefined : kept.lostLabel),
    ],
  ];
  const own = pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== "")
    .map(([Setting, Value]) =>
      planRow([
        ["Scenario", PIPELINE_SETTINGS],
        ["Setting", Setting],
        ["Value", Value],
      ])
    );
  const table = plan.tables.scenarioSettings;
  const rows = replacedInPlace(table.rows, (r) => cellOf(r, "Scenario") === PIPELINE_SETTINGS, own);
  // A user's own columns in Scenario Settings stay on the rows that had them.
  return { scenarioSettings: rows.map((r) => fillHeader(table.header, r)) };
}

const fillHeader = (header: readonly string[], row: PlanRow) => {
  if (header.every((h) => cellOf(row, h) !== undefined)) return row;
  return planRow(header.map((h) => [h, cellOf(row, h) ?? null] as const));
};

/** Opportunities read from a user's table: one per filled row, with the sheet row of each. */
export interface ReadOpportunities {
  opportunities: Opportunity[];
  /** The worksheet row of each opportunity, to place the capture's problems. */
  sheetRows: number[];
  /** Each mapped column missing and each cell that cannot be read, at its address. */
  problems: PlanProblem[];
}

export const textOf = (value: CellValue): string | null => {
  if (value === null) return null;
  const text = String(value).trim();
  return text === "" ? null : text;
};

/**
 * The opportunities in `raw` (a user's table as read, reported under `table`), by `mapping`.
 * Text is trimmed (a stray space is not a change); a blank cell is null. Every cell that does
 * not read as its field's type is a problem at its address: a capture never logs a guess.
 */
export function readOpportunities(
  raw: RawTable,
  table: string,
  mapping: ColumnMapping<PipelineField>
): ReadOpportunities {
  // The accounts' and reps' reader, held stricter: a capture logs every mapped field, so a
  // mapped column that is gone is a problem, and headers match in any letter case.
  const read = readRows(raw, table, PIPELINE_FIELDS, mapping, {
    mappedMustExist: true,
    anyCase: true,
  });
  const { sheetRows, problems } = read;
  if (problems.length) return { opportunities: [], sheetRows: [], problems };
  const num = (v: CellValue) => (typeof v === "number" ? v : null);
  const opportunities = read.rows.map((values): Opportunity => ({
    id: textOf(values.id) ?? "",
    name: textOf(values.name),
    owner: textOf(values.owner),
    stage: textOf(values.stage),
    amount: num(values.amount),
    closeDate: num(values.closeDate),
    createdDate: num(values.createdDate),
    forecastCategory: textOf(values.forecastCategory),
    leadSource: textOf(values.leadSource),
  }));
  return { opportunities, sheetRows, problems };
}
