/**
 * Step 1, Data: choose the accounts and reps tables (or the selection), map their columns,
 * preview the first accounts, and see every problem at its cell before anything runs.
 */
import * as React from "react";
import {
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { ACCOUNT_FIELDS, REP_FIELDS } from "../../../workbook/sourceTables";
import { DataTable } from "../../components/DataTable";
import { MessageKey, useI18n } from "../../i18n";
import { headerNames, useWholeNumbers } from "../display";
import { SourceProblems } from "../SourceProblems";
import type { SourceRef } from "../../../workbook/sources";
import { SourceData } from "../useSourceData";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

export interface DataStepProps {
  source: SourceData;
  /** The tables read without a problem and the rules are valid. */
  ready: boolean;
  /** The host can read the selected cells in place of a table. */
  canSelect: boolean;
}

type Side = "accounts" | "reps";

/** Ids the Quotas step's "map the column" link moves focus to. */
export const REVENUE_MAPPING_ID = "territories-map-accounts-lastYearRevenue";
export const ACCOUNTS_TABLE_ID = "territories-accounts-table";

/** The selection's option; Excel table names cannot hold parentheses, so no table has this value. */
const SELECTION_OPTION = "(selection)";
const optionOf = (source: SourceRef | undefined) =>
  !source ? "" : source.kind === "selection" ? SELECTION_OPTION : source.table.name;

export function DataStep({ source, ready, canSelect }: DataStepProps) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fmt = useWholeNumbers();
  const read = source.read;
  const pickTable = (side: Side, value: string) => {
    const table = source.tables.find((tb) => tb.name === value);
    const picked: SourceRef | undefined =
      canSelect && value === SELECTION_OPTION
        ? { kind: "selection" }
        : table && { kind: "table", table };
    void source.choose(side, picked);
  };

  return (
    <section className={styles.step} aria-label={t("territories.step.data")}>
      {source.tables.length === 0 && <Text>{t("territories.noTables")}</Text>}
      {(["accounts", "reps"] as const).map((side) => (
        <React.Fragment key={side}>
          <Subtitle2 as="h2">{t(`territories.${side}`)}</Subtitle2>
          <Field label={t(`territories.${side}Table`)}>
            <Select
              id={side === "accounts" ? ACCOUNTS_TABLE_ID : undefined}
              value={optionOf(source[side].source)}
              onChange={(_, d) => pickTable(side, d.value)}
            >
              <option value="">{t("territories.chooseTable")}</option>
              {source.tables.map((tb) => (
                <option key={tb.name} value={tb.name}>
                  {`${tb.name} (${tb.sheet})`}
                </option>
              ))}
              {canSelect && <option value={SELECTION_OPTION}>{t("territories.selection")}</option>}
            </Select>
          </Field>
          {source[side].raw && (
            <>
              <Text size={200}>
                {t("territories.rows", { count: source[side].raw!.rows.length })}
              </Text>
              <ColumnChoices source={source} side={side} />
            </>
          )}
        </React.Fragment>
      ))}
      {read && read.accounts.length > 0 && (
        <div className={styles.scroll}>
          <DataTable
            label={t("territories.preview")}
            columns={(
              ["id", "region", "industry", "sizeTier", "potential", "currentOwner"] as const
            ).map((f) => t(`territories.field.accounts.${f}`))}
            rows={read.accounts.slice(0, 5).map((a) => ({
              key: a.id,
              cells: [
                a.id,
                a.region,
                a.industry,
                a.sizeTier,
                Number.isFinite(a.potential) ? fmt.format(a.potential) : "—",
                a.currentOwner ?? "—",
              ],
            }))}
          />
        </div>
      )}
      {read && <SourceProblems problems={read.problems} />}
      {ready && read && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {t("territories.readyToRun", {
              accounts: read.accounts.length,
              reps: read.reps.length,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** One select per field of the side's table: which of its columns holds the field. */
function ColumnChoices({ source, side }: { source: SourceData; side: Side }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fields = side === "accounts" ? ACCOUNT_FIELDS : REP_FIELDS;
  const state = source[side];
  const set = side === "accounts" ? source.setAccounts : source.setReps;
  return (
    <div className={styles.grid}>
      {fields.map((field) => (
        <Field
          key={field.key}
          label={t(`territories.field.${side}.${field.key}` as MessageKey)}
          required={"required" in field && field.required}
        >
          <Select
            id={
              side === "accounts" && field.key === "lastYearRevenue"
                ? REVENUE_MAPPING_ID
                : undefined
            }
            value={(state.mapping as Record<string, string | undefined>)[field.key] ?? ""}
            onChange={(_, d) =>
              set(
                (current: typeof state) =>
                  ({
                    ...current,
                    mapping: { ...current.mapping, [field.key]: d.value || undefined },
                  }) as never
              )
            }
          >
            <option value="">{t("territories.notMapped")}</option>
            {headerNames(state.raw).map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </Select>
        </Field>
      ))}
    </div>
  );
}
