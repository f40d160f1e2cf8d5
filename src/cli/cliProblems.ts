/**
 * What the command line says, in English: its usage, its refusals and its reports (the
 * catalogs in src/i18n say them in the user's language, chosen by LC_ALL / LC_MESSAGES /
 * LANG). Values that are phrases of their own ({kind}, {who}, {reason}…) are passed as
 * problems' parts, so that they are translated too.
 */
import { wordsFrom } from "../domain/problem";

export const CLI_PROBLEMS = {
  // The deviation floor under a territories run (its sentences are the panes', floorWords.ts).
  territoriesFloor: "  {headline}",
  territoriesFloorWhy: "  {cause} {remedy}",
  // Usage.
  usageProgram:
    "Run the Sales Planning engine on an .xlsx planning workbook (the same tables the Excel add-in uses).",
  usageJson: "print the result as JSON",
  usageFile: "planning workbook (.xlsx)",
  usageValidate:
    "list every problem in the plan, its tables and each scenario's input as the engine checks it; exit 1 if any",
  usageTerritories:
    "balance territories with the rules stored for the scenario and write the result back",
  usageScenario: "the scenario to run (default: the Active one, or the only one)",
  usageSaveAs: "save the result as a new scenario instead of replacing the one run",
  usageOut: "write the result to a new file instead of updating FILE",
  usageForce: "with --out: replace that file if it exists",
  usageQuotas:
    "set quotas for the scenario's territories with its stored quota settings and write them back",
  usageCompare:
    "accounts that change rep, per-rep potential and quota differences, metric differences",
  usageFirstScenario: "first scenario",
  usageSecondScenario: "second scenario",
  usageReview: "write the Territory Review sheet for a scenario's stored results",
  usageReviewScenario: "the scenario to review (default: the Active one, or the only one)",
  usageSummary: "write the V2MOM Summary sheet for the V2MOMs of a fiscal year",
  usageYear: "the fiscal year (default: the latest one in the workbook)",
  usageHelp: "display help for command",
  usageVersion: "print the version of sales-plan",
  // Commander's help headings and its refusals of the arguments, said in the user's language
  // (commanderWords.ts); in English commander's own text is printed unchanged.
  titleUsage: "Usage:",
  titleOptions: "Options:",
  titleCommands: "Commands:",
  titleArguments: "Arguments:",
  argumentMissing: "error: missing required argument '{name}'",
  optionValueMissing: "error: option '{option}' argument missing",
  unknownOption: "error: unknown option '{option}'",
  unknownCommand: "error: unknown command '{command}'",
  didYouMean: "(Did you mean {suggestion}?)",
  tooManyArguments: "error: too many arguments for '{command}': expected {expected}, got {got}",

  // Refusals of what was asked.
  outExtension:
    "--out {out}: give a file name ending in .xlsx (or .xlsm), which Excel opens as a workbook",
  outExists: "--out {out} already exists; choose a new file name, or add --force to replace it",
  outIsInput:
    "--out {out} is the file read; --out writes a new file and leaves the one read unchanged. Choose a new file name, or leave out --out to write into {out}",
  writtenTo: "Written to {out}; the file read is unchanged.",
  noStoredRules: 'the scenario "{scenario}" has no stored rules (Scenario Settings)',
  noTables:
    "no scenario in the workbook says which tables to use, and no Accounts and Reps tables were found",
  noScenariosYet:
    "the workbook has no scenarios yet; run `sales-plan territories` first, which makes one from its Accounts and Reps tables",
  noActiveScenario: "name a scenario with --scenario (there is no Active one)",
  noQuotaSettings:
    "the scenario {scenario} has no quota settings (quota.companyTarget in Scenario Settings)",
  unknownScenario: 'no scenario named "{name}"; the workbook has {names}',
  unknownScenarioNone: 'no scenario named "{name}"; the workbook has no scenarios yet',
  scenarioTaken:
    'there is already a scenario named "{name}"; run it again with --scenario "{name}", or choose another name',
  accountsTableGone: "the accounts table {table} is not in the workbook",
  repsTableGone: "the reps table {table} is not in the workbook",
  badYear: "--year {year}: give a fiscal year of four digits, such as 2027",
  /** A problem of one scenario's input, or of one V2MOM: "FY27 Base: …". */
  inScenario: "{scenario}: {problem}",

  // Refusals of a file.
  lockHeld:
    "{file} is in use by {who}; try again when it has finished (if no such run exists, delete {lock})",
  lockOwner: "another sales-plan run ({command}, process {pid} on {host}, started {started})",
  lockOwnerUnknown: "another sales-plan run",
  lockFailed: "cannot lock {lock}: {reason}",
  packageUnreadable:
    "{name} is damaged: its zip structure cannot be read (it may have been cut off while it was copied or downloaded); open it in Excel to repair it, or use a copy saved earlier",
  notWorkbookPackage: "{name} is {kind}, not an Excel workbook (it has no xl/workbook.xml part)",
  wordDocument: "a Word document",
  powerPointPresentation: "a PowerPoint presentation",
  zipArchive: "a zip archive",
  encrypted:
    "{name} is password-protected or an old-format .xls; open it in Excel, remove the password (or save as .xlsx) and try again",
  notXlsx: "{name} is not an Excel workbook (.xlsx)",
  workbookUnreadable: "{name} could not be read as an Excel workbook: {reason}",
  notRegular: "{path} is {kind}, not a workbook file; {use}",
  directory: "a directory",
  namedPipe: "a named pipe (FIFO)",
  device: "a device",
  socket: "a socket",
  notRegularFile: "not a regular file",
  givePath: "give the path of an .xlsx file",
  nothingWritten: "nothing was written",
  nothingWrittenGivePath: "nothing was written; give the path of an .xlsx file",
  systemAt: "{what}: {reason}",
  cannotRead: "cannot read the file",
  cannotWriteThere: "cannot write there",
  danglingLink: "{path} is a symbolic link to {target}, which does not exist",
  noSuchFile: "{path}: no such file",
  danglingLinkTarget:
    "{path} is a symbolic link to {target}, which does not exist; nothing was written",
  readOnly:
    "{path} is read-only; nothing was written (make it writable, or write elsewhere with --out)",
  cannotCreate: "cannot create files in {folder} (permission denied); nothing was written",
  changedMeanwhile:
    "{path} changed while sales-plan was running (saved by someone or something else); nothing was written: run the command again on the new version",
  writeFailedUnchanged: "could not write {path} ({reason}); the file is unchanged",
  writeFailedNothing: "could not write {path} ({reason}); nothing was written",
  internal:
    "internal error: {detail}. This is a bug in sales-plan: please report it with the command you ran (SALES_PLAN_DEBUG=1 shows the details).",

  // Reports.
  sourceProblems: "{count} problem(s) in the source tables:",
  settingsProblems:
    "{count} problem(s) in the Scenario Settings of {scenario}; nothing was run or written:",
  engineRefused: "The engine refused the input ({count} problem(s)):",
  territoriesDone:
    "Scenario {name}: {assigned} account(s) assigned to {reps} rep(s), {unassigned} unassigned.",
  territoriesMetrics:
    "  largest deviation {deviation}, CV {cv}, Gini {gini}, moved {moved}, continuity {continuity}",
  quotasDone:
    "Scenario {name}: quotas for {reps} rep(s) from a company target of {target} (fiscal year from {start}).",
  quotasSum: "  rep quotas sum to {total} (the target plus {over} over-assignment); {tie}",
  quotasReachLevels:
    "  above the company target: the first-level managers' quotas sum to {managers} more, all reps' quotas to {reps} more",
  quotasReachFlags:
    "  {above} of {reps} rep(s) have a quota above {threshold} × their territory's potential; {far} far from peers of similar potential",
  quotasReachAbove: "    above potential: {reps}",
  quotasReachFar: "    far from peers: {reps}",
  quotasReachMore: "{reps} and {more} more",
  quotasReachLastYear:
    "  {made} of {counted} rep(s) would have made this year's quota at last year's revenue",
  // sales-plan pipeline (pipeline.ts, pipelineReports.ts).
  usagePipeline:
    "the pipeline: capture the opportunities table, the bridge between two captures, the forecast and its accuracy",
  usagePipelineCapture:
    "append what changed in the opportunities table since the last capture to the Pipeline Log",
  usageAsOf: "the capture's date, yyyy-mm-dd (default: today)",
  usagePipelineTable: "the opportunities table to capture (kept for the next capture)",
  usagePipelineMap:
    "the column of a field, field=Header (id, name, owner, stage, amount, closeDate, createdDate, forecastCategory, leadSource); repeatable",
  usagePipelineMoves: "the pipeline bridge between the captures as of two dates",
  usageFrom: "the first date, yyyy-mm-dd",
  usageTo: "the second date, yyyy-mm-dd (default: the latest capture)",
  usagePeriodEnd: "count only the deals closing on or before this date, yyyy-mm-dd",
  usagePipelineForecast:
    "the period's expected revenue by forecast category from the latest capture",
  usagePeriodLastDay: "the period's last day, yyyy-mm-dd",
  usagePipelineAccuracy:
    "forecast calls of past periods against what closed won: WAPE, bias and accuracy by period and by owner",
  usageCategory: "the calls compared: Commit, Best Case or Pipeline (default: Commit)",
  usagePeriod: "the dates of a period the calls name, LABEL=yyyy-mm-dd..yyyy-mm-dd; repeatable",
  pipelineDateOption: "{option} {value}: give a date as yyyy-mm-dd",
  pipelineMapOption: "--map {value}: give field=Header, the field one of {fields}",
  pipelinePeriodOption:
    "--period {value}: give LABEL=yyyy-mm-dd..yyyy-mm-dd, the first day on or before the last",
  pipelineCategoryOption: "--category {value}: give one of Commit, Best Case, Pipeline",
  pipelinePeriodUncalled:
    "--period {label}: no forecast call names this period; the calls name {periods}",
  pipelineDatesReversed: "--from {from} is after --to {to}: give the earlier date first",
  pipelinePeriodOver:
    "--period-end {periodEnd} is before the last capture ({last}): the forecast is of deals still open; for a period that is over, see `sales-plan pipeline accuracy`",
  pipelineBeforeFirstCapture:
    "--from {from} is before the first capture ({first}): the pipeline is known from then on",
  pipelineNoTableChosen:
    "no opportunities table is chosen for the pipeline: name it with --table (the first capture keeps it for the next)",
  pipelineTableMissing:
    "the opportunities table {table} is not in the workbook (its tables: {tables})",
  pipelineNothingCaptured:
    "the pipeline has not been captured yet: run `sales-plan pipeline capture` first",
  pipelineCaptured:
    "Captured {table} as of {asOf}: {new} new, {changed} changed, {removed} removed, {unchanged} unchanged; {appended} row(s) added to the Pipeline Log.",
  pipelineCapturedSame:
    "Captured {table} as of {asOf}: nothing changed since the last capture; the file is not rewritten.",
  pipelineCapturedReplacing:
    "  The {replaced} row(s) of the earlier capture of {asOf} are replaced (kept in the history sheet).",
  pipelineChangedFields: "  Changed: {fields}",
  pipelineColumns: "  Columns: {columns}",
  pipelineMovesTitle: "Pipeline as captured on {from} and on {to}, every open deal:",
  pipelineMovesTitleScope:
    "Pipeline as captured on {from} and on {to}, deals closing by {periodEnd}:",
  pipelineMovesRow: "  {label}  {deals} deal(s)  {amount}",
  pipelineRowStart: "Start",
  pipelineRowNew: "New",
  pipelineRowPulledIn: "Pulled in",
  pipelineRowIncreased: "Increased",
  pipelineRowDecreased: "Decreased",
  pipelineRowPushedOut: "Pushed out",
  pipelineRowWon: "Won",
  pipelineRowLost: "Lost",
  pipelineRowRemoved: "Removed",
  pipelineRowEnd: "End",
  pipelineForecastTitle: "Forecast for the period ending {periodEnd}, from the capture of {asOf}:",
  pipelineForecastRow: "  {category}: {deals} deal(s), {amount} open, {expected} expected",
  pipelineForecastTotal: "  Total: {deals} deal(s), {amount} open, {expected} expected",
  pipelineStageOdds: "  Win probability by stage, from {steps} observed step(s): {odds}",
  pipelineStageNoOdds:
    "  {stage}: the log gives no odds ({reason}); its {deals} deal(s) in the period ({amount}) count nothing",
  pipelineAccuracyTitle: "Accuracy of the {category} calls against what closed won:",
  pipelineAccuracyPeriod:
    "  {period} ({start} – {end}): called {called}, closed {closed}, WAPE {wape}, bias {bias}, accuracy {accuracy}",
  pipelineAccuracyOwners: "  By owner:",
  pipelineAccuracyOwner:
    "    {owner}: called {called}, closed {closed}, WAPE {wape}, bias {bias}, accuracy {accuracy}",
  pipelineAccuracyTotal:
    "  Overall: called {called}, closed {closed}, WAPE {wape}, bias {bias}, accuracy {accuracy}",
  pipelineAccuracyNone: "No past period has {category} calls to compare with what closed.",
  pipelineAccuracyNotOver: "  Not over at the latest capture ({asOf}): {periods}",
  pipelineAccuracyUndated:
    '  No dates for {periods}: give them with --period "LABEL=yyyy-mm-dd..yyyy-mm-dd"',
  pipelineAccuracyWithoutDeals: "  Not compared (no opportunities of theirs in the log): {owners}",
  pipelineEngineRefused: "the pipeline cannot be worked out from the log: {reason}",
  usagePipelineReview:
    "write the Pipeline Review sheet for executives: the period's forecast against the calls and the quota, the bridge, the largest movers, stalled deals, past accuracy and the funnel's shape",
  usageReviewPeriod:
    "the period reviewed: 2027 Q1, 2027-03, 2027, or LABEL=yyyy-mm-dd..yyyy-mm-dd (default: the period being called at the last capture, else its calendar quarter)",
  usageReviewLang: "the sheet's language, en-US or zh-CN (default: the command line's)",
  pipelineReviewPeriodOption:
    "--period {value}: give a year, month or quarter (2027, 2027-03, 2027 Q1), or LABEL=yyyy-mm-dd..yyyy-mm-dd",
  pipelineReviewLangOption: "--lang {value}: give one of {langs}",
  pipelineReviewPeriodOver:
    "the period {period} ended on {end}, before the last capture ({last}): review a period still running; for one that is over, see `sales-plan pipeline accuracy`",
  pipelineReviewDone:
    'The sheet "{sheet}" now holds the pipeline review of {period} ({start} – {end}) as of the capture of {asOf} ({captures} capture(s)); the earlier one was kept as "{previous}".',
  pipelineReviewDoneFirst:
    'The sheet "{sheet}" now holds the pipeline review of {period} ({start} – {end}) as of the capture of {asOf} ({captures} capture(s)).',
  pipelineReviewOneCapture:
    "  Only one capture so far ({asOf}): the bridge, the weighted forecast and stalled deals show after the next capture.",
  pipelineReviewCallsSummed: "  Calls summed from {periods}: no call names {period} itself.",
  pipelineReviewCallsMissing:
    "  No call yet for {periods}: the sum covers only the periods named (a missing call is not a call of 0).",
  tiesOut: "ties out at every level",
  doesNotTieOut: "DOES NOT tie out",
  compareMoves: "{count} account(s) have a different rep in {b} than in {a}.",
  compareSame: "{name} is compared with itself: nothing can differ.",
  compareNoQuotas: "Quotas are not compared: {names} has no quotas yet (run `sales-plan quotas`).",
  compareRep: "  {rep}: potential {potential}",
  compareRepQuota: "  {rep}: potential {potential}, quota {quota}",
  compareMetric: "  {metric}: {a} → {b} ({delta})",
  noResults:
    'the scenario "{scenario}" has no stored results; run `sales-plan territories` first (and `sales-plan quotas` for its quotas)',
  reviewDone:
    'The sheet "{sheet}" now holds the review of {name} ({reps} rep(s)); the earlier one was kept as "{previous}".',
  reviewDoneFirst: 'The sheet "{sheet}" now holds the review of {name} ({reps} rep(s)).',
  reviewNoQuotas:
    "  {name} has no quotas yet, so the sheet has no tie-out: run `sales-plan quotas` to add them.",
  reviewTeamsUnknown:
    "  The managers' own quotas are left out: the accounts, reps or settings have changed since the quotas were set (run `sales-plan quotas` again to show them).",
  noV2moms: "the workbook has no V2MOMs to summarise",
  noV2momsInYear: "no V2MOM for fiscal year {year}; the workbook has V2MOMs for {years}",
  summaryDone:
    'The sheet "{sheet}" now holds {count} V2MOM(s) of fiscal year {year}; the earlier one was kept as "{previous}".',
  summaryDoneFirst: 'The sheet "{sheet}" now holds {count} V2MOM(s) of fiscal year {year}.',
  validateFound: "{count} problem(s), {errors} error(s):",
  validateNothing:
    "this workbook holds no plan: no V2MOMs, no scenarios, and no Accounts and Reps tables were found (open it in the add-in, or run `npm run sample` for an example)",
  validateClean: "No problems: {documents} V2MOM(s), {scenarios} scenario(s), revision {revision}.",
  severityError: "error",
  severityWarning: "warning",

  // Recalculating PLAN formulas.
  usageRecalc:
    "evaluate every PLAN formula in a workbook and store its values, so any reader shows them",
  recalcNone: "This workbook has no PLAN formulas; nothing was written.",
  recalcDone: "Recalculated {count} PLAN formula(s) ({spilled} spill over several cells).",
  recalcBlocked: "{count} result(s) show #SPILL! (something stands where they would spill):",
  recalcBlockedCell: "  {cell}: #SPILL! ({by} is in the way)",
  recalcBlockedEdge: "  {cell}: #SPILL! (the result would run past the sheet's last row or column)",
  recalcLeft: "{count} PLAN formula(s) could not be evaluated and were left as they were:",
  recalcLeftCell: "  {cell}: {reason}",
  recalcPartlyWritten:
    "The file was written with the formulas that were recalculated; the others keep what they held.",
  recalcNothingWritten: "Nothing was written.",
  recalcUpToDate: "Their stored values were already these; the file was not rewritten.",
} as const;

export type CliProblemCode = keyof typeof CLI_PROBLEMS;
export const cliProblem = wordsFrom(CLI_PROBLEMS);
