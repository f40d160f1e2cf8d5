/**
 * Step 4, Quotas: the company target and how it is split (potential, history, a blend or a
 * formula), over-assignment, floors and caps, ramps, seasonality and a funnel check; then
 * the quotas, tied out at every level, and whether they can be reached (QuotaReachability).
 */
import {
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
} from "@fluentui/react-components";
import { PlayRegular } from "@fluentui/react-icons";
import type { QuotaMethod, QuotaPlan } from "../../../domain/quotaPlan";
import type { Account, TerritoryResult } from "../../../domain/territory";
import { DataTable } from "../../components/DataTable";
import { NumberField } from "../../components/NumberField";
import { useI18n } from "../../i18n";
import { percent, useWholeNumbers } from "../display";
import type { QuotaForm } from "../hooks/useQuotaForm";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";
import { QuotaReachability } from "./QuotaReachability";

const METHODS = ["potential", "history", "blend", "expression"] as const;
const NUMBERS = ["overAssignment", "managerHedge", "floor", "cap"] as const;

export interface QuotasStepProps {
  form: QuotaForm;
  /** `invalid`: the field's text is not a number yet. */
  onUntyped(key: string, invalid: boolean): void;
  /** The data and rules are ready, and no run is under way. */
  canRun: boolean;
  onRun(): void;
  quotas?: QuotaPlan;
  /** The run `quotas` came from (its territories and accounts): with both, how reachable they are. */
  territory?: TerritoryResult;
  accounts?: readonly Account[];
  /** What the planner would refuse in each setting, in words, by field. */
  messages: ReadonlyMap<string, string>;
  /** The method needs a column the accounts table has not mapped: a link to the mapping. */
  onMapRevenue?: () => void;
}

export function QuotasStep(props: QuotasStepProps) {
  const { form, onUntyped, canRun, onRun, quotas, messages, onMapRevenue } = props;
  const { territory, accounts } = props;
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const { quota, update } = form;
  return (
    <section className={styles.step} aria-label={t("territories.step.quotas")}>
      <div className={styles.grid}>
        <NumberField
          label={t("territories.companyTarget")}
          value={quota.companyTarget || undefined}
          invalidMessage={t("v2mom.notNumber")}
          validationMessage={messages.get("companyTarget")}
          onChange={(v, invalid) => {
            onUntyped("companyTarget", invalid);
            update({ companyTarget: v ?? 0 });
          }}
        />
        <Field
          label={t("territories.method")}
          validationState={messages.has("method") ? "error" : "none"}
          validationMessage={
            messages.has("method") ? (
              <>
                {messages.get("method")}{" "}
                {onMapRevenue && (
                  <Link as="button" inline onClick={onMapRevenue}>
                    {t("territories.check.mapRevenue")}
                  </Link>
                )}
              </>
            ) : undefined
          }
        >
          <Select
            value={quota.method.kind}
            onChange={(_, d) => form.chooseMethod(d.value as QuotaMethod["kind"])}
          >
            {METHODS.map((kind) => (
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
            validationMessage={messages.get("potentialShare")}
            onChange={(v, invalid) => {
              onUntyped("potentialShare", invalid);
              update({ method: { kind: "blend", potentialShare: v ?? 0.5 } });
            }}
          />
        )}
        {quota.method.kind === "expression" && (
          <Field
            label={t("territories.formula")}
            hint={t("territories.formulaHint")}
            validationState={messages.has("formula") ? "error" : "none"}
            validationMessage={messages.get("formula")}
          >
            <Input
              value={quota.method.formula}
              onChange={(_, d) => update({ method: { kind: "expression", formula: d.value } })}
            />
          </Field>
        )}
        {NUMBERS.map((key) => (
          <NumberField
            key={key}
            label={t(`territories.${key}`)}
            value={quota[key]}
            invalidMessage={t("v2mom.notNumber")}
            validationMessage={messages.get(key)}
            onChange={(value, invalid) => {
              onUntyped(key, invalid);
              update({ [key]: value });
            }}
          />
        ))}
        <Field
          label={t("territories.ramp")}
          validationMessage={form.ramp.invalid ? t("territories.listInvalid") : undefined}
        >
          <Input value={form.ramp.text} onChange={(_, d) => form.ramp.setText(d.value)} />
        </Field>
        <Field
          label={t("territories.seasonality")}
          hint={t("territories.seasonalityHint")}
          validationMessage={
            form.seasonality.invalid ? t("territories.seasonalityInvalid") : undefined
          }
        >
          <Input
            value={form.seasonality.text}
            onChange={(_, d) => form.seasonality.setText(d.value)}
          />
        </Field>
      </div>
      <div className={styles.grid}>
        <Field
          label={t("territories.funnelRates")}
          hint={t("territories.funnelRatesHint")}
          validationMessage={form.rates.invalid ? t("territories.funnelRatesInvalid") : undefined}
        >
          <Input value={form.rates.text} onChange={(_, d) => form.rates.setText(d.value)} />
        </Field>
        <NumberField
          label={t("territories.avgDealSize")}
          value={form.dealSize}
          invalidMessage={t("v2mom.notNumber")}
          onChange={(v, invalid) => {
            onUntyped("avgDealSize", invalid);
            form.setDealSize(v);
          }}
        />
      </div>
      <Button
        appearance="primary"
        icon={<PlayRegular />}
        disabled={!canRun || !form.valid || !(quota.companyTarget > 0)}
        onClick={onRun}
      >
        {t("territories.runWithQuotas")}
      </Button>
      {quotas && <QuotaTables quotas={quotas} />}
      {quotas && territory && accounts && (
        <QuotaReachability
          quotas={quotas}
          territory={territory}
          accounts={accounts}
          threshold={quota.reachThreshold}
          onThresholdChange={(reachThreshold) => update({ reachThreshold })}
        />
      )}
    </section>
  );
}

/** The tie-out message, each team's quota against its reps', and each rep's quota. */
function QuotaTables({ quotas }: { quotas: QuotaPlan }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fmt = useWholeNumbers();
  return (
    <>
      <MessageBar intent={quotas.tiesOut ? "success" : "error"} layout="multiline">
        <MessageBarBody>
          {t(quotas.tiesOut ? "territories.tiesOut" : "territories.doesNotTieOut", {
            target: fmt.format(quotas.companyTarget),
            sum: fmt.format(quotas.teamSum),
          })}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.scroll}>
        <DataTable
          label={t("territories.quotaTable")}
          columns={[
            t("territories.col.team"),
            t("territories.col.quota"),
            t("territories.col.childSum"),
          ]}
          rows={quotas.teams.map((team) => ({
            key: team.team,
            cells: [
              team.team,
              fmt.format(team.quota),
              `${fmt.format(team.childSum)} / ${fmt.format(team.childTotal)}`,
            ],
          }))}
        />
        <DataTable
          label={t("territories.repQuotas")}
          columns={[
            t("territories.col.rep"),
            t("territories.col.team"),
            t("territories.col.quota"),
            t("territories.col.ramp"),
            t("territories.col.needed"),
          ]}
          rows={quotas.reps.map((r) => ({
            key: r.repId,
            cells: [
              r.repId,
              r.team,
              fmt.format(r.annual),
              percent(r.rampFactor, 0),
              r.funnelNeeded ? r.funnelNeeded.map((n) => fmt.format(n)).join(" → ") : "—",
            ],
          }))}
        />
      </div>
    </>
  );
}
