/**
 * `sales-plan pipeline capture|moves|forecast|accuracy|review FILE …`: the Pipeline pane's
 * capture and movement on a file, through the same workbook layer (src/workbook/
 * pipelineTables.ts, pipelineHistory.ts); the review sheet's command is pipelineReview.ts.
 * A request that cannot be read (a date, a mapping, a table that is not there) is refused
 * with exit 2 before anything is worked out; a log the core refuses is exit 3 with its
 * reason; problems in the plan's tables are exit 1, located.
 */
import type { Command, Option } from "commander";
import { isoFromSerial, todaySerial } from "../domain/calendar";
import { BRIDGE_ROWS, type BridgeRow } from "../domain/pipelineMoves";
import { OPPORTUNITY_FIELDS } from "../domain/pipelineLog";
import { pipelineBridge } from "../workbook/pipelineHistory";
import { listed } from "../i18n/figures";
import {
  PIPELINE_FIELDS,
  capturePipeline,
  guessPipelineMapping,
  readPipelineSettings,
  type PipelineField,
  type PipelineSource,
} from "../workbook/pipelineTables";
import type { PlanSnapshot, PlanStore } from "../workbook/store";
import { cliProblem, type CliProblemCode } from "./cliProblems";
import { FileProblem } from "./failures";
import type { OpenedPlan } from "./planFile";
import {
  accuracy,
  dateOption,
  forecast,
  periodOptions,
  refusedByEngine,
  requireCaptures,
  sayIn,
  wholeIn,
} from "./pipelineReports";
import {
  pipelineReviewCommand,
  reviewLangOption,
  reviewPeriodOption,
  type ReviewRequest,
} from "./pipelineReview";
import type { Report } from "./scenarioInputs";
import { english, type Words } from "./words";

const FIELD_KEYS = PIPELINE_FIELDS.map((f) => f.key) as readonly string[];

/** `--map field=Header` options as a mapping (field names as the settings spell them). */
export function mapOptions(pairs: readonly string[]): Partial<Record<PipelineField, string>> {
  const mapping: Partial<Record<PipelineField, string>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const field = pair.slice(0, Math.max(0, at)).trim();
    const header = pair.slice(at + 1).trim();
    if (at < 1 || !header || !FIELD_KEYS.includes(field))
      throw new FileProblem(
        cliProblem("pipelineMapOption", { value: pair, fields: FIELD_KEYS.join(", ") })
      );
    mapping[field as PipelineField] = header;
  }
  return mapping;
}

export interface CaptureRequest {
  asOf?: string;
  table?: string;
  map: string[];
}

/** The table and columns to capture: named, else stored; the columns recognised, then as mapped. */
async function sourceOf(
  store: PlanStore,
  plan: PlanSnapshot,
  request: CaptureRequest,
  words: Words
): Promise<PipelineSource> {
  const stored = readPipelineSettings(plan).source;
  const name = request.table ?? stored?.table.name;
  if (name === undefined) throw new FileProblem(cliProblem("pipelineNoTableChosen"));
  const all = await store.listUserTables();
  const table = all.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!table)
    throw new FileProblem(
      cliProblem("pipelineTableMissing", {
        table: name,
        tables:
          listed(
            words.t,
            all.map((t) => t.name)
          ) || "—",
      })
    );
  const sameTable = stored !== undefined && stored.table.name === table.name;
  const raw = sameTable ? undefined : await store.readUserTable(table);
  const base = sameTable ? stored.mapping : guessPipelineMapping(raw?.header ?? []);
  return { table, mapping: { ...base, ...mapOptions(request.map) } };
}

/** Captures the opportunities table into the Pipeline Log (the file is rewritten only when it changed). */
export async function capture(
  opened: OpenedPlan,
  request: CaptureRequest,
  words: Words = english,
  now: Date = new Date()
): Promise<Report & { changed: boolean }> {
  const say = sayIn(words);
  mapOptions(request.map);
  const today = todaySerial(now);
  const asOf = request.asOf === undefined ? today : dateOption("--as-of", request.asOf);
  const { store } = opened;
  const before = await store.load();
  const source = await sourceOf(store, before, request, words);
  const result = await capturePipeline(store, asOf, { plan: before, source, today });
  const { summary } = result;
  const changed = result.plan.revision !== before.revision;
  const date = isoFromSerial(asOf);
  const table = source.table.name;
  const columns = listed(
    words.t,
    PIPELINE_FIELDS.flatMap((f) =>
      source.mapping[f.key] ? [`${f.key}=${source.mapping[f.key]}`] : []
    )
  );
  const fields = listed(
    words.t,
    OPPORTUNITY_FIELDS.filter((f) => summary.byField[f.key] > 0).map(
      (f) => `${f.header} ${summary.byField[f.key]}`
    )
  );
  const lines =
    result.appended || result.replaced
      ? [
          say("pipelineCaptured", {
            table,
            asOf: date,
            new: summary.new,
            changed: summary.changed,
            removed: summary.removed,
            unchanged: summary.unchanged,
            appended: result.appended,
          }),
          ...(result.replaced
            ? [say("pipelineCapturedReplacing", { replaced: result.replaced, asOf: date })]
            : []),
          ...(fields ? [say("pipelineChangedFields", { fields })] : []),
        ]
      : [say("pipelineCapturedSame", { table, asOf: date })];
  lines.push(say("pipelineColumns", { columns }));
  return {
    exitCode: 0,
    changed,
    lines,
    data: {
      asOf: date,
      table: source.table,
      mapping: source.mapping,
      summary,
      appended: result.appended,
      replaced: result.replaced,
      revision: result.plan.revision,
    },
  };
}

const ROW_WORDS: Record<BridgeRow, CliProblemCode> = {
  Start: "pipelineRowStart",
  New: "pipelineRowNew",
  "Pulled in": "pipelineRowPulledIn",
  Increased: "pipelineRowIncreased",
  Decreased: "pipelineRowDecreased",
  "Pushed out": "pipelineRowPushedOut",
  Won: "pipelineRowWon",
  Lost: "pipelineRowLost",
  Removed: "pipelineRowRemoved",
  End: "pipelineRowEnd",
};

export interface MovesRequest {
  from: string;
  to?: string;
  periodEnd?: string;
}

/** The bridge between the pipeline as of two dates: the ten rows with their deals and amounts. */
export async function moves(
  store: PlanStore,
  request: MovesRequest,
  words: Words = english
): Promise<Report> {
  const say = sayIn(words);
  const from = dateOption("--from", request.from);
  const periodEnd =
    request.periodEnd === undefined ? undefined : dateOption("--period-end", request.periodEnd);
  const plan = await store.load();
  const dates = requireCaptures(plan);
  const to = request.to === undefined ? dates[dates.length - 1] : dateOption("--to", request.to);
  if (from > to)
    throw new FileProblem(
      cliProblem("pipelineDatesReversed", { from: isoFromSerial(from), to: isoFromSerial(to) })
    );
  // Before the first capture the pipeline is not known: an empty start would read as all new.
  if (from < dates[0])
    throw new FileProblem(
      cliProblem("pipelineBeforeFirstCapture", {
        from: isoFromSerial(from),
        first: isoFromSerial(dates[0]),
      })
    );
  // Each date is the pipeline as last captured on or before it: say which captures those are.
  const capturedBy = (date: number) => dates.filter((d) => d <= date).pop()!;
  let bridge;
  try {
    bridge = pipelineBridge(plan, from, to, periodEnd);
  } catch (error) {
    return refusedByEngine(error, words);
  }
  const whole = wholeIn(words);
  const labels = BRIDGE_ROWS.map((row) => say(ROW_WORDS[row]));
  const width = Math.max(...labels.map((l) => l.length));
  const dealWidth = Math.max(...bridge.rows.map((r) => whole.format(r.deals).length));
  const period = { from: isoFromSerial(capturedBy(from)), to: isoFromSerial(capturedBy(to)) };
  return {
    exitCode: 0,
    lines: [
      periodEnd === undefined
        ? say("pipelineMovesTitle", period)
        : say("pipelineMovesTitleScope", { ...period, periodEnd: isoFromSerial(periodEnd) }),
      ...bridge.rows.map((r, i) =>
        say("pipelineMovesRow", {
          label: labels[i].padEnd(width),
          deals: whole.format(r.deals).padStart(dealWidth),
          amount: whole.format(r.amount),
        })
      ),
    ],
    data: {
      ...period,
      periodEnd: periodEnd === undefined ? null : isoFromSerial(periodEnd),
      rows: bridge.rows,
      moves: bridge.moves,
    },
  };
}

/** What registering the commands needs of the program: its words, runner and file handling. */
export interface PipelineCommandKit {
  words: Words;
  json: () => Option;
  run: (options: { json?: boolean }, body: () => Promise<Report>) => () => Promise<void>;
  open: (file: string) => Promise<OpenedPlan>;
  /** Today's date comes from here. */
  now: () => Date;
  /** Runs a command that writes (lock named for `command`, safe replace, --out, --force). */
  writing: (
    file: string,
    options: { out?: string; force?: boolean },
    command: string,
    work: (plan: OpenedPlan) => Promise<Report & { changed?: boolean }>
  ) => Promise<Report & { changed?: boolean }>;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `sales-plan pipeline …` and its five subcommands. */
export function registerPipeline(program: Command, kit: PipelineCommandKit): void {
  const usage = (code: CliProblemCode) => kit.words.say(cliProblem(code));
  const pipeline = program.command("pipeline").description(usage("usagePipeline"));
  pipeline
    .command("capture")
    .argument("<file>", usage("usageFile"))
    .description(usage("usagePipelineCapture"))
    .option("--as-of <date>", usage("usageAsOf"))
    .option("--table <name>", usage("usagePipelineTable"))
    .option("--map <field=Header>", usage("usagePipelineMap"), collect, [])
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(kit.json())
    .action(
      (file: string, options: CaptureRequest & { out?: string; force?: boolean; json?: boolean }) =>
        kit.run(options, () => {
          // A request that cannot be read is refused before the file is locked or opened.
          mapOptions(options.map);
          if (options.asOf !== undefined) dateOption("--as-of", options.asOf);
          return kit.writing(file, options, "capture", (plan) =>
            capture(plan, options, kit.words, kit.now())
          );
        })()
    );
  pipeline
    .command("moves")
    .argument("<file>", usage("usageFile"))
    .description(usage("usagePipelineMoves"))
    .requiredOption("--from <date>", usage("usageFrom"))
    .option("--to <date>", usage("usageTo"))
    .option("--period-end <date>", usage("usagePeriodEnd"))
    .addOption(kit.json())
    .action((file: string, options: MovesRequest & { json?: boolean }) =>
      kit.run(options, async () => moves((await kit.open(file)).store, options, kit.words))()
    );
  pipeline
    .command("forecast")
    .argument("<file>", usage("usageFile"))
    .description(usage("usagePipelineForecast"))
    .requiredOption("--period-end <date>", usage("usagePeriodLastDay"))
    .addOption(kit.json())
    .action((file: string, options: { periodEnd: string; json?: boolean }) =>
      kit.run(options, async () =>
        forecast((await kit.open(file)).store, options.periodEnd, kit.words)
      )()
    );
  pipeline
    .command("accuracy")
    .argument("<file>", usage("usageFile"))
    .description(usage("usagePipelineAccuracy"))
    .option("--category <name>", usage("usageCategory"))
    .option("--period <label=from..to>", usage("usagePeriod"), collect, [])
    .addOption(kit.json())
    .action((file: string, options: { category?: string; period: string[]; json?: boolean }) =>
      kit.run(options, async () => {
        const periods = periodOptions(options.period);
        return accuracy((await kit.open(file)).store, options.category, periods, kit.words);
      })()
    );
  pipeline
    .command("review")
    .argument("<file>", usage("usageFile"))
    .description(usage("usagePipelineReview"))
    .option("--period <period>", usage("usageReviewPeriod"))
    .option("--lang <language>", usage("usageReviewLang"))
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(kit.json())
    .action(
      (file: string, options: ReviewRequest & { out?: string; force?: boolean; json?: boolean }) =>
        kit.run(options, () => {
          // A request that cannot be read is refused before the file is locked or opened.
          reviewPeriodOption(options.period);
          reviewLangOption(options.lang);
          return kit.writing(file, options, "review", (plan) =>
            pipelineReviewCommand(plan.store, options, kit.words, kit.now())
          );
        })()
    );
}
