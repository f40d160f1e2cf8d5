/**
 * Step 1, Capacity: from the company target to the team it takes. The reps in seat (from the
 * reps table), a ramped rep's monthly revenue, a hire's ramp, attrition and backfill, and the
 * hires planned by month (typed, or proposed: the fewest hires in one month that reach the
 * target); then the monthly plan as a table and a chart, the gap to the target, and the
 * revenue bridge that says which factor made actual revenue differ from plan (its actual
 * factors typed or read from cells: RevenueBridgeFields). Saved with the
 * scenario in the Capacity Plan table.
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from "@fluentui/react-components";
import { SaveRegular, SparkleRegular } from "@fluentui/react-icons";
import { MONTHS } from "../../../domain/capacity";
import { BRIDGE_FACTORS } from "../../../workbook/capacityTables";
import { DataTable } from "../../components/DataTable";
import { NumberField } from "../../components/NumberField";
import { PlanProblems } from "../../components/PlanProblems";
import { useI18n } from "../../i18n";
import { percent, useWholeNumbers } from "../display";
import type { CapacityPlanState } from "../hooks/useCapacityPlan";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";
import { RevenueBridgeFields } from "./RevenueBridgeFields";

const CapacityChart = React.lazy(() => import("../CapacityChart"));

export interface CapacityStepProps {
  plan: CapacityPlanState;
  scenario: string;
  /** Σ FTE of the reps table as mapped, when it is read. */
  repsFte?: number;
}

const MONTH_LIST = Array.from({ length: MONTHS }, (_, i) => i + 1);

export function CapacityStep({ plan, scenario, repsFte }: CapacityStepProps) {
  const styles = useTerritoriesStyles();
  const { t, locale } = useI18n();
  const fte = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const { inputs, messages, typed } = plan;
  const number = (
    key: "companyTarget" | "startHeadcount" | "productivity" | "annualAttrition" | "backfillMonths",
    label: string,
    hint?: string
  ) => (
    <NumberField
      label={label}
      hint={hint}
      value={inputs[key]}
      invalidMessage={t("v2mom.notNumber")}
      validationMessage={messages.get(key)}
      onChange={(value, invalid) => {
        typed(key, invalid);
        plan.update({ [key]: value });
      }}
    />
  );
  return (
    <section className={styles.step} aria-label={t("territories.step.capacity")}>
      <Text as="p">{t("territories.capacity.intro", { scenario })}</Text>
      <PlanProblems problems={plan.storedProblems} />
      <div className={styles.grid}>
        {number("companyTarget", t("territories.capacity.companyTarget"))}
        {number(
          "startHeadcount",
          t("territories.capacity.startHeadcount"),
          repsFte === undefined
            ? undefined
            : t("territories.capacity.startHeadcountHint", { fte: fte.format(repsFte) })
        )}
        {number("productivity", t("territories.capacity.productivity"))}
        {number("annualAttrition", t("territories.capacity.attrition"))}
        {number(
          "backfillMonths",
          t("territories.capacity.backfill"),
          t("territories.capacity.backfillHint")
        )}
        <Field
          label={t("territories.capacity.ramp")}
          hint={t("territories.capacity.rampHint")}
          validationMessage={messages.get("ramp")}
          validationState={messages.has("ramp") ? "error" : "none"}
        >
          <Input value={plan.rampText} onChange={(_, d) => plan.setRampText(d.value)} />
        </Field>
      </div>

      <Text as="h3" weight="semibold">
        {t("territories.capacity.hires")}
      </Text>
      <div className={styles.row}>
        <Field label={t("territories.capacity.hireMonth")}>
          <Select
            value={String(plan.hireMonth)}
            onChange={(_, d) => plan.setHireMonth(Number(d.value))}
          >
            {MONTH_LIST.map((m) => (
              <option key={m} value={m}>
                {t("territories.capacity.hiresIn", { month: m })}
              </option>
            ))}
          </Select>
        </Field>
        <Button icon={<SparkleRegular />} onClick={plan.propose}>
          {t("territories.capacity.propose")}
        </Button>
      </div>
      {plan.proposal && (
        <MessageBar intent={plan.proposal.intent} layout="multiline">
          <MessageBarBody>{plan.proposal.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.grid}>
        {inputs.hires.map((count, i) => (
          <NumberField
            key={i}
            label={t("territories.capacity.hiresIn", { month: i + 1 })}
            value={count}
            invalidMessage={t("v2mom.notNumber")}
            validationMessage={messages.get(`hires.${i}`)}
            onChange={(value, invalid) => {
              typed(`hires.${i}`, invalid);
              plan.setHire(i, value);
            }}
          />
        ))}
      </div>

      <CapacityPlanFigures plan={plan} />

      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<SaveRegular />}
          disabled={!plan.canSave}
          onClick={() => void plan.save()}
        >
          {t("territories.capacity.save")}
        </Button>
      </div>

      <RevenueBridgeSection plan={plan} />
    </section>
  );
}

/** The monthly plan, the year's capacity and its gap to the target, in words and figures. */
function CapacityPlanFigures({ plan }: { plan: CapacityPlanState }) {
  const styles = useTerritoriesStyles();
  const { t, locale } = useI18n();
  const fmt = useWholeNumbers();
  const tenths = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
  });
  const { figures, inputs } = plan;
  if (!figures) return <Text as="p">{t("territories.capacity.fixFields")}</Text>;
  const target = inputs.companyTarget;
  const gap = figures.gap;
  const gapText =
    target === undefined || gap === undefined || target === 0
      ? t("territories.capacity.noTarget")
      : gap < 0
        ? t("territories.capacity.short", {
            gap: fmt.format(-gap),
            target: fmt.format(target),
            share: percent(figures.year / target, 0),
          })
        : t("territories.capacity.over", { gap: fmt.format(gap), target: fmt.format(target) });
  return (
    <>
      <Text as="h3" weight="semibold">
        {t("territories.capacity.plan")}
      </Text>
      <Text as="p" role="status">
        {t("territories.capacity.year", { capacity: fmt.format(figures.year) })} {gapText}
      </Text>
      <div className={styles.scroll}>
        <DataTable
          label={t("territories.capacity.plan")}
          columns={[
            t("territories.capacity.col.month"),
            t("territories.capacity.col.inSeat"),
            t("territories.capacity.col.rampedFte"),
            t("territories.capacity.col.revenue"),
          ]}
          rows={figures.months.map((m, i) => ({
            key: String(i),
            cells: [
              String(i + 1),
              tenths.format(m.inSeat),
              tenths.format(m.rampedFte),
              fmt.format(m.revenue),
            ],
          }))}
        />
      </div>
      <div className={styles.chart}>
        <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
          <CapacityChart
            months={figures.months}
            monthlyTarget={target ? target / MONTHS : undefined}
            title={t("territories.capacity.chart")}
            labels={{
              month: (month) => String(month),
              capacity: t("territories.capacity.chart.capacity"),
              target: t("territories.capacity.chart.target"),
            }}
          />
        </React.Suspense>
      </div>
    </>
  );
}

/** Plan factors (from the scenario's funnel), actual ones typed or linked, each one's contribution. */
function RevenueBridgeSection({ plan }: { plan: CapacityPlanState }) {
  const styles = useTerritoriesStyles();
  const { t, locale } = useI18n();
  const fmt = useWholeNumbers();
  const figure = new Intl.NumberFormat(locale, {
    maximumSignificantDigits: 4,
  });
  const { bridge } = plan;
  const name = (i: number) => t(`territories.capacity.factor.${BRIDGE_FACTORS[i]}`);
  return (
    <>
      <Text as="h3" weight="semibold">
        {t("territories.capacity.bridge")}
      </Text>
      <Text as="p" size={200}>
        {t("territories.capacity.bridgeHintLinks")}
      </Text>
      <RevenueBridgeFields plan={plan} />
      {!bridge ? (
        <Text as="p">{t("territories.capacity.bridge.needsAll")}</Text>
      ) : (
        <>
          <Text as="p">
            {t("territories.capacity.bridge.summary", {
              actual: fmt.format(bridge.total.actual),
              plan: fmt.format(bridge.total.plan),
              difference: fmt.format(bridge.total.contribution),
            })}
          </Text>
          <div className={styles.scroll}>
            <DataTable
              label={t("territories.capacity.bridge")}
              columns={[
                t("territories.capacity.bridge.col.factor"),
                t("territories.capacity.bridge.plan"),
                t("territories.capacity.bridge.actual"),
                t("territories.capacity.bridge.col.contribution"),
              ]}
              rows={[
                ...bridge.factors.map((row, i) => ({
                  key: BRIDGE_FACTORS[i],
                  cells: [
                    name(i),
                    figure.format(row.plan),
                    figure.format(row.actual),
                    fmt.format(row.contribution),
                  ],
                })),
                {
                  key: "total",
                  cells: [
                    t("territories.capacity.bridge.total"),
                    fmt.format(bridge.total.plan),
                    fmt.format(bridge.total.actual),
                    fmt.format(bridge.total.contribution),
                  ],
                },
              ]}
            />
          </div>
        </>
      )}
    </>
  );
}
