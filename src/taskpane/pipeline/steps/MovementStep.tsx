/**
 * Step 2, Movement: between two captures (or a capture and the table as it is now), the
 * bridge as a chart and a table with the deals behind any bar, the stage moves, and the
 * stalled deals.
 */
import * as React from "react";
import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { serialFromIsoDate } from "../../../domain/calendar";
import type { Opportunity } from "../../../domain/pipelineLog";
import type { LoadedLog } from "../../../workbook/pipelineTables";
import { BRIDGE_ROWS, type BridgeRow } from "../../../domain/pipelineMoves";
import { stageMoves } from "../../../domain/pipelineStalls";
import { DataTable } from "../../components/DataTable";
import { MessageKey, useI18n } from "../../i18n";
import { dayText, useAmounts } from "../display";
import { bridgeBetween, dealsBehind } from "../movementView";
import type { StageSettings } from "../pipelineHistory";
import { usePipelineStyles } from "../usePipelineStyles.styles";
import { StalledDeals } from "./StalledDeals";

const PipelineBridgeChart = React.lazy(() => import("../PipelineBridgeChart"));

/** The catalog key of a bridge row ("Pulled in" → pipeline.bridge.pulledIn). */
export const bridgeKey = (row: BridgeRow) =>
  `pipeline.bridge.${row.replace(/ (\w)/, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase())}` as MessageKey;

const NOW = "now";

export interface MovementStepProps {
  log: LoadedLog;
  dates: readonly number[];
  /** The opportunities table as it reads now, when it reads without a problem. */
  now?: readonly Opportunity[];
  snapshotAt(date: number): Opportunity[];
  stages?: StageSettings;
  today: number;
}

export function MovementStep({ log, dates, now, snapshotAt, stages, today }: MovementStepProps) {
  const styles = usePipelineStyles();
  const { t, sayError } = useI18n();
  const fmt = useAmounts();
  const last = dates[dates.length - 1];
  const [from, setFrom] = React.useState<string>("");
  const [to, setTo] = React.useState<string>("");
  const [periodText, setPeriodText] = React.useState("");
  const [bar, setBar] = React.useState<BridgeRow>("New");
  const fromDate = from ? Number(from) : (dates[dates.length - 2] ?? dates[0]);
  // One capture: it against the table now; more: the last two captures.
  const toDate =
    to === NOW ? undefined : to ? Number(to) : dates.length < 2 && now ? undefined : last;
  const periodEnd = periodText.trim() === "" ? undefined : serialFromIsoDate(periodText.trim());
  const periodMessage =
    periodText.trim() !== "" && periodEnd === undefined
      ? t("pipeline.movement.periodInvalid")
      : undefined;
  const later = toDate === undefined ? Infinity : toDate;
  const orderMessage =
    fromDate !== undefined && later <= fromDate ? t("pipeline.movement.toBeforeFrom") : undefined;

  const figures = React.useMemo(() => {
    if (fromDate === undefined || !stages || periodMessage || orderMessage) return undefined;
    const a = snapshotAt(fromDate);
    const b = toDate === undefined ? now : snapshotAt(toDate);
    if (!b) return undefined;
    try {
      const bridge = bridgeBetween(a, b, stages, periodEnd);
      const stalled =
        toDate === undefined ? { current: b, asOf: today } : { current: b, asOf: toDate };
      return { a, b, bridge, moves: stageMoves(a, b, stages), stalled };
    } catch (error) {
      return { error };
    }
  }, [fromDate, toDate, now, snapshotAt, stages, periodEnd, periodMessage, orderMessage, today]);

  if (dates.length === 0)
    return (
      <section className={styles.step} aria-label={t("pipeline.step.movement")}>
        <Text>{t("pipeline.movement.noCaptures")}</Text>
      </section>
    );
  return (
    <section className={styles.step} aria-label={t("pipeline.step.movement")}>
      <div className={styles.grid}>
        <Field label={t("pipeline.movement.from")}>
          <Select value={String(fromDate)} onChange={(_, d) => setFrom(d.value)}>
            {dates.map((d) => (
              <option key={d} value={String(d)}>
                {dayText(d)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t("pipeline.movement.to")}
          validationMessage={orderMessage}
          validationState={orderMessage ? "error" : "none"}
        >
          <Select
            value={toDate === undefined ? NOW : String(toDate)}
            onChange={(_, d) => setTo(d.value)}
          >
            {dates.map((d) => (
              <option key={d} value={String(d)}>
                {dayText(d)}
              </option>
            ))}
            <option value={NOW} disabled={!now}>
              {t("pipeline.movement.now")}
            </option>
          </Select>
        </Field>
        <Field
          label={t("pipeline.movement.periodEnd")}
          hint={t("pipeline.movement.periodEndHint")}
          validationMessage={periodMessage}
          validationState={periodMessage ? "error" : "none"}
        >
          <Input type="date" value={periodText} onChange={(_, d) => setPeriodText(d.value)} />
        </Field>
      </div>
      {!stages && <Text>{t("pipeline.fixStagesFirst")}</Text>}
      {figures && "error" in figures && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{sayError(figures.error)}</MessageBarBody>
        </MessageBar>
      )}
      {figures && "bridge" in figures && figures.bridge && (
        <>
          <Subtitle2 as="h2">{t("pipeline.movement.bridge")}</Subtitle2>
          <div className={styles.chart}>
            <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
              <PipelineBridgeChart
                title={t("pipeline.movement.chart")}
                bars={figures.bridge.rows.map((r) => ({
                  label: t(bridgeKey(r.label)),
                  row: r.label,
                  amount: r.amount,
                }))}
                legend={{
                  total: t("pipeline.movement.legendTotal"),
                  up: t("pipeline.movement.legendUp"),
                  down: t("pipeline.movement.legendDown"),
                }}
              />
            </React.Suspense>
          </div>
          <div className={styles.scroll}>
            <DataTable
              label={t("pipeline.movement.bridgeTable")}
              columns={[
                t("pipeline.movement.bar"),
                t("pipeline.movement.deals"),
                t("pipeline.movement.amount"),
              ]}
              rows={figures.bridge.rows.map((r) => ({
                key: r.label,
                cells: [t(bridgeKey(r.label)), fmt(r.deals), fmt(r.amount)],
              }))}
            />
          </div>
          <Field label={t("pipeline.movement.behind")}>
            <Select value={bar} onChange={(_, d) => setBar(d.value as BridgeRow)}>
              {BRIDGE_ROWS.map((r) => (
                <option key={r} value={r}>
                  {t(bridgeKey(r))}
                </option>
              ))}
            </Select>
          </Field>
          <DealsBehind figures={figures} bar={bar} />
          <Subtitle2 as="h2">{t("pipeline.movement.stageMoves")}</Subtitle2>
          <Text>{t("pipeline.movement.stageMoveCounts", figures.moves.counts)}</Text>
          {figures.moves.moves.some((m) => m.move !== "unchanged") && (
            <div className={styles.scroll}>
              <DataTable
                label={t("pipeline.movement.stageMoves")}
                columns={[
                  t("pipeline.field.id"),
                  t("pipeline.movement.fromStage"),
                  t("pipeline.movement.toStage"),
                  t("pipeline.movement.move"),
                ]}
                rows={figures.moves.moves
                  .filter((m) => m.move !== "unchanged")
                  .map((m) => ({
                    key: m.id,
                    cells: [m.id, m.from, m.to, t(`pipeline.move.${m.move}`)],
                  }))}
              />
            </div>
          )}
          {stages && (
            <StalledDeals
              log={log}
              current={figures.stalled.current}
              stages={stages}
              asOf={figures.stalled.asOf}
            />
          )}
        </>
      )}
    </section>
  );
}

function DealsBehind({
  figures,
  bar,
}: {
  figures: {
    a: Opportunity[];
    b: readonly Opportunity[];
    bridge: ReturnType<typeof bridgeBetween>;
  };
  bar: BridgeRow;
}) {
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const fmt = useAmounts();
  const deals = dealsBehind(figures.bridge, bar, figures.a, figures.b);
  if (deals.length === 0) return <Text>{t("pipeline.movement.noDeals")}</Text>;
  return (
    <div className={styles.scroll}>
      <DataTable
        label={t("pipeline.movement.dealsBehind", { bar: t(bridgeKey(bar)) })}
        columns={[
          t("pipeline.field.id"),
          t("pipeline.field.name"),
          t("pipeline.field.owner"),
          t("pipeline.movement.amount"),
        ]}
        rows={deals.map((d) => ({
          key: d.id,
          cells: [
            d.id,
            d.deal?.name ?? "—",
            d.deal ? d.deal.owner?.trim() || t("pipeline.field.noOwner") : "—",
            fmt(d.amount),
          ],
        }))}
      />
    </div>
  );
}
