/**
 * The Territories & Quotas pane: pick the accounts and reps tables and map their columns,
 * set the rules, run the engine (in a Web Worker, with progress and Cancel), read the
 * results, set quotas, and keep each run as a named scenario to compare, promote, write back
 * into the user's own table (previous values kept) and review on a native sheet.
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Subtitle2,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular, PlayRegular } from "@fluentui/react-icons";
import { todaySerial } from "../../domain/calendar";
import { DEFAULT_BALANCE, PlanRunResult, QuotaRunSettings, defaultQuotaSettings } from "../../domain/planRun";
import type { QuotaMethod } from "../../domain/quotaPlan";
import { compareScenarios, promoteScenario } from "../../domain/scenario";
import { BalanceSettings, validateTerritoryInput } from "../../domain/territory";
import type { PlanProblem } from "../../workbook/rows";
import { previousSheetName } from "../../workbook/report";
import { replaceScenario, scenarioRows, storedScenarios, withStates } from "../../workbook/scenarioTables";
import { PlanStoreError } from "../../workbook/storeError";
import { latestWriteBack } from "../../workbook/writeBack";
import { ACCOUNT_FIELDS, REP_FIELDS } from "../../workbook/sourceTables";
import { DataTable } from "../components/DataTable";
import { REVIEW_SHEET, territoryReview } from "../../workbook/territoryReview";
import { NumberField, parseNumber, useUntypedFields } from "../components/NumberField";
import { MessageKey, useI18n } from "../i18n";
import { usePlan } from "../plan/PlanContext";
import { PlanStatus } from "../plan/PlanStatus";
import { PlanRunner, RunHandle, defaultRunner } from "./runner";
import { SELECTION, useSourceData } from "./useSourceData";

const PotentialChart = React.lazy(() => import("./PotentialChart"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    "& .fui-Input, & .fui-Select": { minWidth: 0 },
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  scroll: { overflowX: "auto", maxHeight: "22rem", overflowY: "auto" },
  bar: { height: "0.5rem", borderRadius: tokens.borderRadiusSmall, display: "inline-block", verticalAlign: "middle" },
  over: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  under: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "12rem", overflowY: "auto" },
});

type Step = "data" | "rules" | "results" | "quotas" | "scenarios";
type Message = { intent: "success" | "error" | "info" | "warning"; text: string };

const percent = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`);

/** Problems in the user's tables; each address is a link that selects the cell in Excel. */
function SourceProblems({ problems }: { problems: readonly PlanProblem[] }) {
  const styles = useStyles();
  const { t, say } = useI18n();
  const { store } = usePlan();
  if (!problems.length) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("territories.problems", { count: problems.length })}</MessageBarTitle>
        <ul className={styles.problems}>
          {problems.slice(0, 200).map((p, i) => (
            <li key={i}>
              {p.sheet}
              {p.address ? " · " : ""}
              {p.address && store.canSelect ? (
                <Link as="button" inline onClick={() => void store.selectCell(p.sheet, p.address!)}>
                  {p.address}
                </Link>
              ) : (
                p.address
              )}
              {p.column ? ` · ${p.column}` : ""}: {say(p)}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

export function TerritoriesPane({ runner = defaultRunner() }: { runner?: PlanRunner }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { store, snapshot, save, reload: reloadPlan } = usePlan();
  const scenarios = React.useMemo(() => (snapshot ? storedScenarios(snapshot) : []), [snapshot]);
  // The pane starts from the rules of the Active scenario (else the first), when the workbook has one.
  const startingScenario = scenarios.find((sc) => sc.state === "Active") ?? scenarios[0];
  const source = useSourceData(startingScenario?.run);
  const [step, setStep] = React.useState<Step>("data");
  const [balance, setBalance] = React.useState<BalanceSettings>(DEFAULT_BALANCE);
  const [quota, setQuota] = React.useState<QuotaRunSettings>(() => defaultQuotaSettings(new Date().getFullYear() + 1));
  const [rampText, setRampText] = React.useState("25%; 50%; 75%");
  const [seasonText, setSeasonText] = React.useState("");
  const [ratesText, setRatesText] = React.useState("");
  const [dealSize, setDealSize] = React.useState<number>();
  const [progress, setProgress] = React.useState<number>();
  const handle = React.useRef<RunHandle>();
  const [result, setResult] = React.useState<PlanRunResult>();
  const [message, setMessage] = React.useState<Message>();
  const [problems, setProblems] = React.useState<PlanProblem[]>([]);
  const [scenarioName, setScenarioName] = React.useState("Base");
  const [note, setNote] = React.useState("");
  const [compareA, setCompareA] = React.useState<string>();
  const [compareB, setCompareB] = React.useState<string>();
  const [writeColumn, setWriteColumn] = React.useState<string>();
  // The rules too start from that scenario, once (the tables and columns: useSourceData).
  const prefilled = React.useRef(false);
  React.useEffect(() => {
    if (prefilled.current || !startingScenario?.run) return;
    prefilled.current = true;
    const stored = startingScenario.run;
    setScenarioName(startingScenario.name);
    setBalance(stored.balance);
    if (stored.quota) {
      setQuota(stored.quota);
      const percents = (values: number[] | undefined) => (values ?? []).map((v) => `${Number((v * 100).toFixed(4))}%`).join("; ");
      setRampText(percents(stored.quota.rampSchedule));
      setSeasonText((stored.quota.seasonality ?? []).join("; "));
      setRatesText(percents(stored.quota.funnel?.rates));
      setDealSize(stored.quota.funnel?.avgDealSize);
    }
  }, [startingScenario]);

  const fmt = React.useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), [locale]);

  // Fields whose text is not a number yet: nothing runs until they are.
  const [untyped, typed] = useUntypedFields();
  const read = source.read;
  // The engine's own checks of the rules, shown next to each field before anything runs.
  const settingIssues = React.useMemo(
    () => new Set(validateTerritoryInput({ accounts: [], reps: [], settings: balance }).filter((i) => i.table === "settings").map((i) => i.field)),
    [balance]
  );
  const ready = read && read.problems.length === 0 && untyped.size === 0 && settingIssues.size === 0;
  const listValue = (text: string) => {
    const parts = text.split(/[;,]/).map((part) => parseNumber(part)).filter((n) => n !== undefined);
    return parts.includes("invalid") ? "invalid" : (parts as number[]);
  };
  const ramp = listValue(rampText);
  const seasonality = listValue(seasonText);
  const rates = listValue(ratesText);
  const ratesValid = rates !== "invalid" && rates.every((r) => r > 0 && r <= 1);
  const quotaValid = ramp !== "invalid" && seasonality !== "invalid" && (seasonality.length === 0 || seasonality.length === 12) && ratesValid;

  const run = async () => {
    if (!read || !ready) return;
    setMessage(undefined);
    setResult(undefined);
    setProblems([]);
    setProgress(0);
    setStep("results");
    const quotaSettings =
      quota.companyTarget > 0 && quotaValid
        ? {
            ...quota,
            rampSchedule: ramp as number[],
            seasonality: (seasonality as number[]).length ? (seasonality as number[]) : undefined,
            funnel: (rates as number[]).length && dealSize ? { rates: rates as number[], avgDealSize: dealSize } : undefined,
          }
        : undefined;
    const started = runner({ accounts: read.accounts, reps: read.reps, balance, quota: quotaSettings }, setProgress);
    handle.current = started;
    try {
      const outcome = await started.result;
      if (outcome === "cancelled") setMessage({ intent: "warning", text: t("territories.cancelled") });
      else if (!outcome.ok) {
        setMessage({ intent: "error", text: t("territories.runFailed", { count: outcome.issues.length }) });
        // Each issue at its cell in the user's accounts or reps table.
        setProblems(outcome.issues.map(read.locate));
      } else setResult(outcome.value);
    } catch (error) {
      setMessage({ intent: "error", text: t("territories.runError", { reason: error instanceof Error ? error.message : String(error) }) });
    } finally {
      handle.current = undefined;
      setProgress(undefined);
    }
  };


  const saveScenario = async () => {
    if (!snapshot || !result || !source.accounts.table || !source.reps.table) return;
    const name = scenarioName.trim();
    if (!name) {
      setMessage({ intent: "error", text: t("territories.nameNeeded") });
      return;
    }
    const existing = scenarios.find((s) => s.name === name);
    const rows = scenarioRows({
      name,
      state: existing?.state ?? "Draft",
      created: todaySerial(),
      note: note || undefined,
      territory: result.territory,
      quotas: result.quotas,
      // The method's code, as the command line writes it: the table's data does not depend on the pane's language.
      quotaMethod: result.quotas ? quota.method.kind : undefined,
      run: {
        accountsTable: source.accounts.table,
        repsTable: source.reps.table,
        accountColumns: source.accounts.mapping,
        repColumns: source.reps.mapping,
        balance,
        quota: result.quotas ? quota : undefined,
      },
    });
    const outcome = await save(replaceScenario(snapshot, name, rows), name);
    if (outcome.ok) setMessage({ intent: "success", text: t(existing ? "territories.scenarioReplaced" : "territories.scenarioSaved", { name }) });
    else {
      setMessage({ intent: "error", text: t("territories.saveFailed", { reason: outcome.message }) });
      setProblems(outcome.problems);
    }
  };

  const promote = async (name: string) => {
    if (!snapshot) return;
    const states = new Map(promoteScenario(scenarios, name).map((s) => [s.name, s.state]));
    const outcome = await save(withStates(snapshot, states), name);
    setMessage(outcome.ok ? { intent: "success", text: t("territories.promoted", { name }) } : { intent: "error", text: t("territories.saveFailed", { reason: outcome.message }) });
  };

  const ownerColumn = source.accounts.mapping.currentOwner;
  const targetColumn = writeColumn ?? ownerColumn;
  // What "Undo last write-back" would undo: the latest write-back into the accounts table not undone yet.
  const undoable = snapshot && source.accounts.table ? latestWriteBack(snapshot.tables.writeBacks.rows, source.accounts.table.name) : [];
  const writeBack = async (restore: boolean) => {
    const table = source.accounts.table;
    const key = source.accounts.mapping.id;
    if (!snapshot || !table || table.name === SELECTION || !key) return;
    if (!restore && (!targetColumn || !result)) return;
    setProblems([]);
    try {
      const done = restore
        ? await store.restoreWriteBack(snapshot, table, key)
        : await store.writeBack(snapshot, table, key, targetColumn!, new Map(result!.territory.assignments.map((a) => [a.accountId, a.repId as string | null])), scenarioName);
      const column = restore ? String(undoable[0]?.Column ?? targetColumn) : targetColumn;
      setMessage({ intent: "success", text: t(restore ? "territories.restored" : "territories.writtenBack", { count: done.changed, table: table.name, column: column ?? "" }) });
      await source.choose("accounts", table, source.accounts.mapping);
    } catch (error) {
      setMessage({ intent: "error", text: t("territories.saveFailed", { reason: error instanceof Error ? error.message : String(error) }) });
      // A refused write-back or undo says where: duplicate keys, cells changed since.
      if (error instanceof PlanStoreError) setProblems(error.problems);
    } finally {
      // The write-back log is a plan table: read the plan again so the next save starts from it.
      await reloadPlan();
    }
  };

  const writeReview = async () => {
    if (!result) return;
    try {
      await store.writeReport(
        territoryReview(result.territory, result.quotas, {
          title: t("territories.review.title", { name: scenarioName }),
          metrics: t("territories.metrics"),
          metric: {
            maxAbsDeviation: t("territories.metric.maxAbsDeviation"),
            coefficientOfVariation: t("territories.metric.coefficientOfVariation"),
            giniPotentialPerFte: t("territories.metric.giniPotentialPerFte"),
            maxMinRatio: t("territories.metric.maxMinRatio"),
            accountsMoved: t("territories.metric.accountsMoved"),
            continuity: t("territories.metric.continuity"),
            unassigned: t("territories.unassigned"),
          },
          reps: t("territories.reps"),
          columns: {
            rep: t("territories.col.rep"),
            accounts: t("territories.col.accounts"),
            potential: t("territories.col.potential"),
            target: t("territories.col.target"),
            deviation: t("territories.col.deviation"),
            quota: t("territories.col.quota"),
          },
          tieOut: t("territories.tieOut"),
          companyTarget: t("territories.companyTarget"),
          quotaSum: t("territories.quotaSum"),
          difference: t("territories.overAssigned"),
          chart: t("territories.chart"),
        })
      );
      setMessage({ intent: "success", text: t("territories.reviewWritten", { sheet: REVIEW_SHEET, previous: previousSheetName(REVIEW_SHEET) }) });
    } catch (error) {
      setMessage({ intent: "error", text: t("territories.saveFailed", { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const tableOptions = [...source.tables, ...(store.canSelect ? [{ name: SELECTION, sheet: "" }] : [])];
  const pickTable = (side: "accounts" | "reps", name: string) => {
    const table = tableOptions.find((tb) => tb.name === name);
    void source.choose(side, table);
  };
  const headerOf = (side: "accounts" | "reps") => (source[side].raw?.header ?? []).map((h) => String(h ?? "").trim()).filter(Boolean);

  const mappingFields = (side: "accounts" | "reps") => {
    const fields = side === "accounts" ? ACCOUNT_FIELDS : REP_FIELDS;
    const state = source[side];
    const set = side === "accounts" ? source.setAccounts : source.setReps;
    return (
      <div className={styles.grid}>
        {fields.map((field) => (
          <Field key={field.key} label={t(`territories.field.${side}.${field.key}` as MessageKey)} required={"required" in field && field.required}>
            <Select
              value={(state.mapping as Record<string, string | undefined>)[field.key] ?? ""}
              onChange={(_, d) => set((current: typeof state) => ({ ...current, mapping: { ...current.mapping, [field.key]: d.value || undefined } }) as never)}
            >
              <option value="">{t("territories.notMapped")}</option>
              {headerOf(side).map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
    );
  };

  const territory = result?.territory;
  const comparison = React.useMemo(() => {
    const a = scenarios.find((s) => s.name === (compareA ?? scenarios[0]?.name));
    const b = scenarios.find((s) => s.name === (compareB ?? scenarios[1]?.name));
    return a && b && a !== b ? compareScenarios(a, b) : undefined;
  }, [scenarios, compareA, compareB]);

  return (
    <div className={styles.root}>
      <PlanStatus />
      <Text as="p">{t("territories.intro")}</Text>
      <TabList size="small" selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)}>
        {(["data", "rules", "results", "quotas", "scenarios"] as const).map((s, i) => (
          <Tab key={s} value={s}>
            {i + 1}. {t(`territories.step.${s}`)}
          </Tab>
        ))}
      </TabList>
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {source.loadError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t("territories.readFailed", { reason: source.loadError })}</MessageBarBody>
        </MessageBar>
      )}

      {step === "data" && (
        <section className={styles.step} aria-label={t("territories.step.data")}>
          {source.tables.length === 0 && <Text>{t("territories.noTables")}</Text>}
          {(["accounts", "reps"] as const).map((side) => (
            <React.Fragment key={side}>
              <Subtitle2 as="h3">{t(`territories.${side}`)}</Subtitle2>
              <Field label={t(`territories.${side}Table`)}>
                <Select value={source[side].table?.name ?? ""} onChange={(_, d) => pickTable(side, d.value)}>
                  <option value="">{t("territories.chooseTable")}</option>
                  {tableOptions.map((tb) => (
                    <option key={tb.name} value={tb.name}>
                      {tb.name === SELECTION ? t("territories.selection") : `${tb.name} (${tb.sheet})`}
                    </option>
                  ))}
                </Select>
              </Field>
              {source[side].raw && (
                <>
                  <Text size={200}>{t("territories.rows", { count: source[side].raw!.rows.length })}</Text>
                  {mappingFields(side)}
                </>
              )}
            </React.Fragment>
          ))}
          {read && read.accounts.length > 0 && (
            <div className={styles.scroll}>
              <DataTable
                label={t("territories.preview")}
                columns={(["id", "region", "industry", "sizeTier", "potential", "currentOwner"] as const).map((f) => t(`territories.field.accounts.${f}`))}
                rows={read.accounts.slice(0, 5).map((a) => ({
                  key: a.id,
                  cells: [a.id, a.region, a.industry, a.sizeTier, Number.isFinite(a.potential) ? fmt.format(a.potential) : "—", a.currentOwner ?? "—"],
                }))}
              />
            </div>
          )}
          {read && <SourceProblems problems={read.problems} />}
          {ready && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{t("territories.readyToRun", { accounts: read.accounts.length, reps: read.reps.length })}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}

      {step === "rules" && (
        <section className={styles.step} aria-label={t("territories.step.rules")}>
          <Text size={200}>{t("territories.routing")}</Text>
          <div className={styles.grid}>
            {(["workloadWeight", "toleranceBand", "maxMovedShare", "maxAccountsPerRep"] as const).map((key) => (
              <NumberField
                key={key}
                label={t(`territories.${key}`)}
                value={balance[key]}
                invalidMessage={t("v2mom.notNumber")}
                validationMessage={
                  settingIssues.has(key) ? t(key === "maxAccountsPerRep" ? "territories.wholeNumberNeeded" : "territories.shareNeeded") : undefined
                }
                onChange={(value, bad) => {
                  typed(key, bad);
                  setBalance((b) => ({ ...b, [key]: value }));
                }}
              />
            ))}
          </div>
          <Text size={200}>{t("territories.locksHint")}</Text>
          <Button appearance="primary" icon={<PlayRegular />} disabled={!ready || progress !== undefined} onClick={() => void run()}>
            {t("territories.run")}
          </Button>
          {!ready && <Text size={200}>{t("territories.fixDataFirst")}</Text>}
        </section>
      )}

      {step === "results" && (
        <section className={styles.step} aria-label={t("territories.step.results")}>
          {progress !== undefined && (
            <div className={styles.row}>
              <Field label={t("territories.running")} validationMessage={percent(progress, 0)} validationState="none" style={{ flexGrow: 1 }}>
                <ProgressBar value={progress} max={1} />
              </Field>
              <Button icon={<DismissRegular />} onClick={() => handle.current?.cancel()}>
                {t("territories.cancel")}
              </Button>
            </div>
          )}
          {!territory && progress === undefined && (
            <Button appearance="primary" icon={<PlayRegular />} disabled={!ready} onClick={() => void run()}>
              {t("territories.run")}
            </Button>
          )}
          <SourceProblems problems={problems} />
          {territory && (
            <>
              <Subtitle2 as="h3">{t("territories.metrics")}</Subtitle2>
              <DataTable
                label={t("territories.metrics")}
                rows={(
                  [
                    ["maxAbsDeviation", percent(territory.metrics.maxAbsDeviation)],
                    ["coefficientOfVariation", territory.metrics.coefficientOfVariation.toFixed(3)],
                    ["giniPotentialPerFte", territory.metrics.giniPotentialPerFte.toFixed(3)],
                    ["maxMinRatio", territory.metrics.maxMinRatio === null ? "—" : territory.metrics.maxMinRatio.toFixed(2)],
                    ["accountsMoved", fmt.format(territory.metrics.accountsMoved)],
                    ["continuity", percent(territory.metrics.continuity)],
                  ] as const
                ).map(([key, value]) => ({ key, cells: [t(`territories.metric.${key}`), value] }))}
              />
              <Subtitle2 as="h3">{t("territories.reps")}</Subtitle2>
              <div className={styles.scroll}>
                <DataTable
                  label={t("territories.reps")}
                  columns={[t("territories.col.rep"), t("territories.col.accounts"), t("territories.col.potential"), t("territories.col.deviation")]}
                  rows={territory.reps.map((r) => ({
                    key: r.repId,
                    cells: [
                      r.repId,
                      fmt.format(r.accounts),
                      fmt.format(r.potential),
                      <>
                        <span
                          aria-hidden
                          className={`${styles.bar} ${(r.deviation ?? 0) > 0 ? styles.over : styles.under}`}
                          style={{ width: `${Math.min(60, Math.abs(r.deviation ?? 0) * 300)}px` }}
                        />{" "}
                        {percent(r.deviation)}
                      </>,
                    ],
                  }))}
                />
              </div>
              <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
                <PotentialChart reps={territory.reps} title={t("territories.chart")} labels={{ potential: t("territories.col.potential"), target: t("territories.col.target") }} />
              </React.Suspense>
              <Subtitle2 as="h3">{t("territories.moved", { count: territory.metrics.accountsMoved })}</Subtitle2>
              <ul className={styles.problems} aria-label={t("territories.moved", { count: territory.metrics.accountsMoved })}>
                {territory.assignments
                  .filter((a) => a.reason === "moved")
                  .slice(0, 200)
                  .map((a) => (
                    <li key={a.accountId}>{t("territories.moveLine", { account: a.accountId, from: a.movedFrom ?? "—", to: a.repId })}</li>
                  ))}
              </ul>
              <Subtitle2 as="h3">
                {t("territories.unassigned")}: {territory.unassigned.length}
              </Subtitle2>
              <ul className={styles.problems} aria-label={t("territories.unassigned")}>
                {territory.unassigned.slice(0, 200).map((u) => (
                  <li key={u.accountId}>
                    {u.accountId}: {u.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {step === "quotas" && (
        <section className={styles.step} aria-label={t("territories.step.quotas")}>
          <div className={styles.grid}>
            <NumberField
              label={t("territories.companyTarget")}
              value={quota.companyTarget || undefined}
              invalidMessage={t("v2mom.notNumber")}
              onChange={(v) => setQuota((q) => ({ ...q, companyTarget: v ?? 0 }))}
            />
            <Field label={t("territories.method")}>
              <Select
                value={quota.method.kind}
                onChange={(_, d) =>
                  setQuota((q) => ({
                    ...q,
                    method: d.value === "blend" ? { kind: "blend", potentialShare: 0.5 } : d.value === "expression" ? { kind: "expression", formula: "potential * capacity" } : ({ kind: d.value } as QuotaMethod),
                  }))
                }
              >
                {(["potential", "history", "blend", "expression"] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`territories.method.${kind}`)}
                  </option>
                ))}
              </Select>
            </Field>
            {quota.method.kind === "blend" && (
              <NumberField
                label={t("territories.potentialShare")}
                value={quota.method.potentialShare}
                invalidMessage={t("v2mom.notNumber")}
                onChange={(v) => setQuota((q) => ({ ...q, method: { kind: "blend", potentialShare: v ?? 0.5 } }))}
              />
            )}
            {quota.method.kind === "expression" && (
              <Field label={t("territories.formula")} hint={t("territories.formulaHint")}>
                <Input value={quota.method.formula} onChange={(_, d) => setQuota((q) => ({ ...q, method: { kind: "expression", formula: d.value } }))} />
              </Field>
            )}
            {(["overAssignment", "managerHedge", "floor", "cap"] as const).map((key) => (
              <NumberField
                key={key}
                label={t(`territories.${key}`)}
                value={quota[key]}
                invalidMessage={t("v2mom.notNumber")}
                onChange={(value, bad) => {
                  typed(key, bad);
                  setQuota((q) => ({ ...q, [key]: value }));
                }}
              />
            ))}
            <Field label={t("territories.ramp")} validationMessage={ramp === "invalid" ? t("territories.listInvalid") : undefined}>
              <Input value={rampText} onChange={(_, d) => setRampText(d.value)} />
            </Field>
            <Field
              label={t("territories.seasonality")}
              hint={t("territories.seasonalityHint")}
              validationMessage={seasonality === "invalid" || (seasonality.length !== 0 && seasonality.length !== 12) ? t("territories.seasonalityInvalid") : undefined}
            >
              <Input value={seasonText} onChange={(_, d) => setSeasonText(d.value)} />
            </Field>
          </div>
          <div className={styles.grid}>
            <Field label={t("territories.funnelRates")} hint={t("territories.funnelRatesHint")} validationMessage={ratesValid ? undefined : t("territories.funnelRatesInvalid")}>
              <Input value={ratesText} onChange={(_, d) => setRatesText(d.value)} />
            </Field>
            <NumberField label={t("territories.avgDealSize")} value={dealSize} invalidMessage={t("v2mom.notNumber")} onChange={(v) => setDealSize(v)} />
          </div>
          <Button appearance="primary" icon={<PlayRegular />} disabled={!ready || !quotaValid || !(quota.companyTarget > 0) || progress !== undefined} onClick={() => void run()}>
            {t("territories.runWithQuotas")}
          </Button>
          {result?.quotas && (
            <>
              <MessageBar intent={result.quotas.tiesOut ? "success" : "error"} layout="multiline">
                <MessageBarBody>
                  {t(result.quotas.tiesOut ? "territories.tiesOut" : "territories.doesNotTieOut", {
                    target: fmt.format(result.quotas.companyTarget),
                    sum: fmt.format(result.quotas.teamSum),
                  })}
                </MessageBarBody>
              </MessageBar>
              <div className={styles.scroll}>
                <DataTable
                  label={t("territories.quotaTable")}
                  columns={[t("territories.col.team"), t("territories.col.quota"), t("territories.col.childSum")]}
                  rows={result.quotas.teams.map((team) => ({
                    key: team.team,
                    cells: [team.team, fmt.format(team.quota), `${fmt.format(team.childSum)} / ${fmt.format(team.childTotal)}`],
                  }))}
                />
                <DataTable
                  label={t("territories.repQuotas")}
                  columns={[t("territories.col.rep"), t("territories.col.team"), t("territories.col.quota"), t("territories.col.ramp"), t("territories.col.needed")]}
                  rows={result.quotas.reps.map((r) => ({
                    key: r.repId,
                    cells: [r.repId, r.team, fmt.format(r.annual), percent(r.rampFactor, 0), r.funnelNeeded ? r.funnelNeeded.map((n) => fmt.format(n)).join(" → ") : "—"],
                  }))}
                />
              </div>
            </>
          )}
        </section>
      )}

      {step === "scenarios" && (
        <section className={styles.step} aria-label={t("territories.step.scenarios")}>
          <div className={styles.grid}>
            <Field label={t("territories.scenarioName")}>
              <Input value={scenarioName} onChange={(_, d) => setScenarioName(d.value)} />
            </Field>
            <Field label={t("territories.note")}>
              <Input value={note} onChange={(_, d) => setNote(d.value)} />
            </Field>
          </div>
          <div className={styles.row}>
            <Button appearance="primary" disabled={!result} onClick={() => void saveScenario()}>
              {t("territories.saveScenario")}
            </Button>
            <Button disabled={!result} onClick={() => void writeReview()}>
              {t("territories.writeReview")}
            </Button>
          </div>
          {!result && <Text size={200}>{t("territories.runFirst")}</Text>}
          <Subtitle2 as="h3">{t("territories.writeBackHeading")}</Subtitle2>
          <Text size={200}>{t("territories.writeBackHint")}</Text>
          <div className={styles.row}>
            <Field label={t("territories.writeBackColumn")}>
              <Select value={targetColumn ?? ""} onChange={(_, d) => setWriteColumn(d.value || undefined)}>
                <option value="">{t("territories.notMapped")}</option>
                {headerOf("accounts").map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </Select>
            </Field>
            <Button disabled={!result || !targetColumn || source.accounts.table?.name === SELECTION} onClick={() => void writeBack(false)}>
              {t("territories.writeBack")}
            </Button>
            <Button disabled={!undoable.length} onClick={() => void writeBack(true)}>
              {t("territories.restore")}
            </Button>
          </div>
          {/* Where a save, a write-back or an undo was refused, at each cell. */}
          <SourceProblems problems={problems} />
          <Subtitle2 as="h3">{t("territories.scenarios")}</Subtitle2>
          {scenarios.length === 0 ? (
            <Text>{t("territories.noScenarios")}</Text>
          ) : (
            <DataTable
              label={t("territories.scenarios")}
              columns={[t("territories.scenarioName"), t("territories.state"), t("territories.metric.maxAbsDeviation"), ""]}
              rows={scenarios.map((s) => ({
                key: s.name,
                cells: [
                  s.name,
                  t(`territories.state.${s.state}` as MessageKey),
                  percent(s.territory.metrics.maxAbsDeviation),
                  s.state !== "Active" && (
                    <Button size="small" onClick={() => void promote(s.name)} aria-label={t("territories.promoteNamed", { name: s.name })}>
                      {t("territories.promote")}
                    </Button>
                  ),
                ],
              }))}
            />
          )}
          {scenarios.length >= 2 && (
            <>
              <div className={styles.grid}>
                <Field label={t("territories.compareA")}>
                  <Select value={compareA ?? scenarios[0].name} onChange={(_, d) => setCompareA(d.value)}>
                    {scenarios.map((s) => (
                      <option key={s.name}>{s.name}</option>
                    ))}
                  </Select>
                </Field>
                <Field label={t("territories.compareB")}>
                  <Select value={compareB ?? scenarios[1].name} onChange={(_, d) => setCompareB(d.value)}>
                    {scenarios.map((s) => (
                      <option key={s.name}>{s.name}</option>
                    ))}
                  </Select>
                </Field>
              </div>
              {comparison && (
                <>
                  <Text>{t("territories.comparison", { moves: comparison.moves.length, a: comparison.a, b: comparison.b })}</Text>
                  <div className={styles.scroll}>
                    <DataTable
                      label={t("territories.compareMetrics")}
                      columns={[t("territories.metric"), comparison.a, comparison.b, "Δ"]}
                      rows={comparison.metrics.map((m) => ({
                        key: m.metric,
                        cells: [t(`territories.metric.${m.metric}`), ...[m.a, m.b, m.delta].map((x) => (x === null ? "—" : Number(x.toFixed(4))))],
                      }))}
                    />
                    <DataTable
                      label={t("territories.compareReps")}
                      columns={[t("territories.col.rep"), `Δ ${t("territories.col.potential")}`, `Δ ${t("territories.col.quota")}`]}
                      rows={comparison.reps
                        .filter((r) => r.potentialDelta !== 0 || (r.quotaDelta ?? 0) !== 0)
                        .map((r) => ({
                          key: r.repId,
                          cells: [r.repId, fmt.format(r.potentialDelta), r.quotaDelta === undefined ? "—" : fmt.format(r.quotaDelta)],
                        }))}
                    />
                  </div>
                </>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
