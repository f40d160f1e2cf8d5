/**
 * The quota step's form: the settings typed as numbers, and the three lists (ramp,
 * seasonality, funnel rates) typed as text, read and written as the workbook's settings are
 * (domain/numberList).
 */
import * as React from "react";
import { QuotaRunSettings, defaultQuotaSettings } from "../../../domain/planRun";
import type { QuotaMethod } from "../../../domain/quotaPlan";
import { formatNumberList, parseNumberList } from "../../../domain/numberList";

/** The numbers of a list typed as text, or "invalid" while one item is not a number. */
function numbersOf(text: string): number[] | "invalid" {
  const { values, problems } = parseNumberList(text);
  return problems.length ? "invalid" : values;
}

/** A list of numbers typed as text, and whether it is not one the planner accepts. */
export interface ListField {
  text: string;
  setText(text: string): void;
  invalid: boolean;
}

export interface QuotaForm {
  /** The settings the number fields and the method edit (the lists are kept as text). */
  quota: QuotaRunSettings;
  update(patch: Partial<QuotaRunSettings>): void;
  /** A new method starts from its usual setting: half and half, or potential × capacity. */
  chooseMethod(kind: QuotaMethod["kind"]): void;
  ramp: ListField;
  /** Empty or twelve months. */
  seasonality: ListField;
  /** Each a share above 0 and at most 100%. */
  rates: ListField;
  dealSize?: number;
  setDealSize(value: number | undefined): void;
  /** Every list reads. */
  valid: boolean;
  /** What a run plans quotas with: undefined without a company target or while a list does not read. */
  runSettings(): QuotaRunSettings | undefined;
  /** Starts the form from a stored scenario's settings. */
  prefill(stored: QuotaRunSettings): void;
}

export function useQuotaForm(): QuotaForm {
  const [quota, setQuota] = React.useState<QuotaRunSettings>(() =>
    defaultQuotaSettings(new Date().getFullYear() + 1)
  );
  const [rampText, setRampText] = React.useState(() =>
    formatNumberList(quota.rampSchedule, "percent")
  );
  const [seasonText, setSeasonText] = React.useState("");
  const [ratesText, setRatesText] = React.useState("");
  const [dealSize, setDealSize] = React.useState<number>();

  const ramp = numbersOf(rampText);
  const seasonality = numbersOf(seasonText);
  const rates = numbersOf(ratesText);
  const rampInvalid = ramp === "invalid";
  const seasonalityInvalid =
    seasonality === "invalid" || (seasonality.length !== 0 && seasonality.length !== 12);
  const ratesInvalid = rates === "invalid" || !rates.every((r) => r > 0 && r <= 1);
  const valid = !rampInvalid && !seasonalityInvalid && !ratesInvalid;

  const prefill = React.useCallback((stored: QuotaRunSettings) => {
    setQuota(stored);
    setRampText(formatNumberList(stored.rampSchedule, "percent"));
    setSeasonText(formatNumberList(stored.seasonality, "number"));
    setRatesText(formatNumberList(stored.funnel?.rates, "percent"));
    setDealSize(stored.funnel?.avgDealSize);
  }, []);

  return {
    quota,
    update: (patch) => setQuota((q) => ({ ...q, ...patch })),
    chooseMethod: (kind) =>
      setQuota((q) => ({
        ...q,
        method:
          kind === "blend"
            ? { kind: "blend", potentialShare: 0.5 }
            : kind === "expression"
              ? { kind: "expression", formula: "potential * capacity" }
              : ({ kind } as QuotaMethod),
      })),
    ramp: { text: rampText, setText: setRampText, invalid: rampInvalid },
    seasonality: { text: seasonText, setText: setSeasonText, invalid: seasonalityInvalid },
    rates: { text: ratesText, setText: setRatesText, invalid: ratesInvalid },
    dealSize,
    setDealSize,
    valid,
    runSettings: () => {
      if (!(quota.companyTarget > 0) || !valid) return undefined;
      const [months, funnelRates] = [seasonality as number[], rates as number[]];
      return {
        ...quota,
        rampSchedule: ramp as number[],
        seasonality: months.length ? months : undefined,
        funnel:
          funnelRates.length && dealSize
            ? { rates: funnelRates, avgDealSize: dealSize }
            : undefined,
      };
    },
    prefill,
  };
}
