/**
 * The Capacity step's state: the scenario's stored capacity plan (else what the scenario and
 * the reps table give: its target, its funnel, the reps' FTE), the user's edits over it, each
 * field checked in words, the plan and the revenue bridge worked out by domain/capacity.ts,
 * hires proposed by hiresNeeded, and saving through the store with the scenario.
 */
import * as React from "react";
import { MONTHS, RevenueBridge, hiresNeeded, revenueBridge } from "../../../domain/capacity";
import { PlanError } from "../../../domain/errors";
import { formatNumberList, parseNumberList } from "../../../domain/numberList";
import {
  BRIDGE_FACTORS,
  CapacityFigures,
  CapacityInputs,
  capacityFigures,
  capacityRows,
  emptyCapacity,
  readCapacityPlan,
  replaceCapacity,
} from "../../../workbook/capacityTables";
import type { PlanProblem } from "../../../workbook/rows";
import { useUntypedFields } from "../../components/NumberField";
import { MessageKey, useI18n } from "../../i18n";
import { usePlan } from "../../plan/PlanContext";
import type { Feedback } from "./useFeedback";

/** What the step starts from when the scenario has no capacity plan stored. */
export interface CapacityStart {
  scenario: string;
  /** The scenario's quota company target, when it has one. */
  companyTarget?: number;
  /** Σ FTE of the reps table as mapped. */
  repsFte?: number;
  /** The scenario's funnel: stage rates top first (lead → opportunity first) and deal size. */
  funnel?: { rates: number[]; avgDealSize: number; collectionRatio?: number };
}

/**
 * The plan factors a funnel gives: lead → opportunity is its first rate, the win rate the
 * product of the others; the leads the target needs when every other factor is known.
 */
export function funnelFactors(start: CapacityStart): (number | undefined)[] {
  const { funnel, companyTarget } = start;
  if (!funnel?.rates.length) return BRIDGE_FACTORS.map(() => undefined);
  const [first, ...rest] = funnel.rates;
  const win = rest.length ? rest.reduce((p, r) => p * r, 1) : undefined;
  const collection = funnel.collectionRatio;
  const perLead =
    win !== undefined && collection !== undefined
      ? first * win * funnel.avgDealSize * collection
      : undefined;
  const leads =
    perLead && companyTarget && companyTarget > 0 ? Math.ceil(companyTarget / perLead) : undefined;
  return [leads, first, win, funnel.avgDealSize, collection];
}

type Translate = ReturnType<typeof useI18n>["t"];
const FACTOR_LABEL = (f: (typeof BRIDGE_FACTORS)[number]) =>
  `territories.capacity.factor.${f}` as MessageKey;

/** Every field's problem in words, keyed as the step's fields are. */
function fieldMessages(inputs: CapacityInputs, rampInvalid: boolean, t: Translate) {
  const messages = new Map<string, string>();
  const label = (key: string) => t(`territories.capacity.${key}` as MessageKey);
  const atLeastZero = (key: string, value: number | undefined, text = label(key)) => {
    if (value !== undefined && !(value >= 0))
      messages.set(key, t("territories.check.notNegative", { label: text }));
  };
  atLeastZero("companyTarget", inputs.companyTarget);
  for (const key of ["startHeadcount", "productivity"] as const) {
    if (inputs[key] === undefined)
      messages.set(key, t("territories.capacity.check.required", { label: label(key) }));
    else atLeastZero(key, inputs[key]);
  }
  if (rampInvalid) messages.set("ramp", t("territories.listInvalid"));
  else if (!inputs.ramp.every((share) => share >= 0 && share <= 1))
    messages.set("ramp", t("territories.capacity.check.rampShares"));
  const attrition = inputs.annualAttrition;
  if (attrition !== undefined && !(attrition >= 0 && attrition <= 1))
    messages.set("annualAttrition", t("territories.check.share", { label: label("attrition") }));
  const backfill = inputs.backfillMonths;
  if (backfill !== undefined && !(Number.isInteger(backfill) && backfill >= 0))
    messages.set("backfillMonths", t("territories.capacity.check.wholeMonths"));
  inputs.hires.forEach((count, i) =>
    atLeastZero(`hires.${i}`, count, t("territories.capacity.hiresIn", { month: i + 1 }))
  );
  BRIDGE_FACTORS.forEach((factor, i) => {
    const name = t(FACTOR_LABEL(factor));
    for (const [side, values] of [
      ["plan", inputs.bridgePlan],
      ["actual", inputs.bridgeActual],
    ] as const) {
      const value = values[i];
      if (value !== undefined && !(value > 0))
        messages.set(
          `${side}.${i}`,
          t("territories.capacity.check.positive", {
            label: t(`territories.capacity.bridge.${side}Of`, { factor: name }),
          })
        );
    }
  });
  return messages;
}

export function useCapacityPlan(start: CapacityStart, feedback: Feedback) {
  const { t } = useI18n();
  const { snapshot, save: savePlan } = usePlan();
  const { scenario } = start;
  const stored = React.useMemo(
    () =>
      snapshot
        ? readCapacityPlan(snapshot.tables.capacity, scenario)
        : { problems: [] as PlanProblem[] },
    [snapshot, scenario]
  );
  const [draft, setDraft] = React.useState<{
    scenario: string;
    inputs: CapacityInputs;
    rampText: string;
  }>();
  const [untyped, typed, clearUntyped] = useUntypedFields();
  const [hireMonth, setHireMonth] = React.useState<number>();
  const [proposal, setProposal] = React.useState<{ intent: "success" | "error"; text: string }>();

  const base = stored.inputs ?? emptyCapacity();
  const current =
    draft?.scenario === scenario
      ? draft
      : { scenario, inputs: base, rampText: formatNumberList(base.ramp, "percent") };
  const rampRead = parseNumberList(current.rampText);
  const rampInvalid = rampRead.problems.length > 0;
  // Blank fields fall back to what the scenario and the reps table say, as they change.
  const fallback = funnelFactors(start);
  const inputs: CapacityInputs = {
    ...current.inputs,
    companyTarget: current.inputs.companyTarget ?? start.companyTarget,
    startHeadcount: current.inputs.startHeadcount ?? start.repsFte,
    ramp: rampInvalid ? current.inputs.ramp : rampRead.values,
    bridgePlan: current.inputs.bridgePlan.map((v, i) => v ?? fallback[i]),
  };
  const messages = fieldMessages(inputs, rampInvalid, t);
  const month = hireMonth ?? inputs.hireMonth ?? 1;

  let figures: CapacityFigures | undefined;
  try {
    if (!messages.size && !untyped.size) figures = capacityFigures(inputs);
  } catch {
    // Every refusal of the model is a field message above; nothing to show until it runs.
  }
  let bridge: RevenueBridge | undefined;
  const complete = (values: (number | undefined)[]) =>
    values.every((v) => v !== undefined && v > 0);
  if (complete(inputs.bridgePlan) && complete(inputs.bridgeActual))
    bridge = revenueBridge(
      Float64Array.from(inputs.bridgePlan as number[]),
      Float64Array.from(inputs.bridgeActual as number[])
    );

  const update = (patch: Partial<CapacityInputs>, rampText = current.rampText) =>
    setDraft({ scenario, inputs: { ...current.inputs, ...patch }, rampText });
  const setHire = (i: number, value: number | undefined) =>
    update({ hires: current.inputs.hires.map((h, j) => (j === i ? (value ?? 0) : h)) });
  const setFactor = (side: "bridgePlan" | "bridgeActual", i: number, value?: number) =>
    update({ [side]: current.inputs[side].map((v, j) => (j === i ? value : v)) });

  /** Hires, all in the chosen month, that reach the target (the model's own count). */
  const propose = () => {
    const target = inputs.companyTarget;
    if (!(target !== undefined && target > 0)) {
      setProposal({ intent: "error", text: t("territories.capacity.proposeNeedsTarget") });
      return;
    }
    if (["startHeadcount", "productivity", "ramp", "annualAttrition"].some((k) => messages.has(k)))
      return setProposal({ intent: "error", text: t("territories.capacity.fixFields") });
    try {
      const count = hiresNeeded(target, inputs.startHeadcount ?? 0, inputs.productivity ?? 0, {
        ramp: Float64Array.from(inputs.ramp),
        annualAttrition: inputs.annualAttrition ?? 0,
        hireMonth: month,
      });
      const hires = Array<number>(MONTHS).fill(0);
      hires[month - 1] = count;
      update({ hires, hireMonth: month });
      setProposal({
        intent: "success",
        text: t("territories.capacity.proposed", { count, month }),
      });
    } catch (error) {
      const code = error instanceof PlanError ? error.said.code : undefined;
      setProposal({
        intent: "error",
        text:
          code === "noHiresReach"
            ? t("territories.capacity.noHiresReach", { month })
            : t("territories.capacity.fixFields"),
      });
    }
  };

  const canSave = !!snapshot && !!scenario && !messages.size && !untyped.size;
  const save = async () => {
    if (!snapshot || !canSave) return;
    const rows = capacityRows(scenario, inputs);
    const outcome = await savePlan(replaceCapacity(snapshot, scenario, rows), scenario);
    if (outcome.ok) {
      setDraft(undefined);
      clearUntyped();
      feedback.setMessage({
        intent: "success",
        text: t("territories.capacity.saved", { name: scenario }),
      });
    } else {
      feedback.setMessage({
        intent: "error",
        text: t("territories.saveFailed", { reason: outcome.message }),
      });
      feedback.setProblems(outcome.problems);
    }
  };

  return {
    inputs,
    rampText: current.rampText,
    setRampText: (text: string) => update({}, text),
    update,
    setHire,
    setFactor,
    typed,
    messages,
    figures,
    bridge,
    hireMonth: month,
    setHireMonth,
    propose,
    proposal,
    canSave,
    save,
    storedProblems: stored.problems,
  };
}

export type CapacityPlanState = ReturnType<typeof useCapacityPlan>;
