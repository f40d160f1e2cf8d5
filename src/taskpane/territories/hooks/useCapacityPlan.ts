/**
 * The Capacity step's state: the scenario's stored capacity plan (else what the scenario and
 * the reps table give: its target, its funnel, the reps' FTE), the user's edits over it, each
 * field checked in words, the plan and the revenue bridge worked out by domain/capacity.ts,
 * hires proposed by hiresNeeded, and saving through the store with the scenario. An actual
 * factor linked to a cell or name is read through the store's readLinks, as the V2MOM pane
 * reads its measures' linked actuals, and said at its field when it cannot be used.
 */
import * as React from "react";
import { MONTHS, RevenueBridge, hiresNeeded, revenueBridge } from "../../../domain/capacity";
import { PlanError } from "../../../domain/errors";
import { formatNumberList, parseNumberList } from "../../../domain/numberList";
import { isCellLink } from "../../../domain/v2mom";
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
import type { LinkedValue } from "../../../workbook/report";
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

/** Every field's problem in words, keyed as the step's fields are (linked actuals: linkedActuals). */
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
      const value = side === "actual" && inputs.bridgeActualLinks[i] ? undefined : values[i];
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

/** The links of the actual factors that are cell addresses or names, each once, to read. */
const readableLinks = (links: readonly (string | undefined)[]) => [
  ...new Set(links.map((l) => l?.trim()).filter((l): l is string => !!l && isCellLink(l))),
];

/**
 * Each linked actual factor's value (undefined until read, or when it cannot be used) and,
 * keyed `link.<i>`, why it cannot: not a cell or name, gone from the workbook, not a number,
 * or not above 0. `blocking`: the problems that keep the link from being saved, as the V2MOM
 * pane refuses a malformed or vanished link and keeps one whose cell is merely not a number.
 */
function linkedActuals(
  links: readonly (string | undefined)[],
  linked: ReadonlyMap<string, LinkedValue>,
  t: Translate
) {
  const values: (number | undefined)[] = [];
  const messages = new Map<string, string>();
  let blocking = 0;
  links.forEach((raw, i) => {
    const link = raw?.trim();
    if (!link) return;
    const say = (text: string, blocks = false) => {
      messages.set(`link.${i}`, text);
      if (blocks) blocking++;
    };
    const read = linked.get(link);
    if (!isCellLink(link)) say(t("v2mom.issue.linkSyntax"), true);
    else if (!read)
      return; // still being read
    else if (!read.exists) say(t("v2mom.measure.linkGone", { link }), true);
    else if (typeof read.value !== "number") say(t("v2mom.measure.linkNotNumber", { link }));
    else {
      values[i] = read.value;
      if (!(read.value > 0)) {
        const factor = t(FACTOR_LABEL(BRIDGE_FACTORS[i]));
        const label = t("territories.capacity.bridge.actualOf", { factor });
        say(t("territories.capacity.check.positive", { label }));
      }
    }
  });
  return { values, messages, blocking };
}

export function useCapacityPlan(start: CapacityStart, feedback: Feedback) {
  const { t } = useI18n();
  const { snapshot, save: savePlan, store } = usePlan();
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
  const [linked, setLinked] = React.useState<ReadonlyMap<string, LinkedValue>>(new Map());

  const base = stored.inputs ?? emptyCapacity();
  const current =
    draft?.scenario === scenario
      ? draft
      : { scenario, inputs: base, rampText: formatNumberList(base.ramp, "percent") };
  const rampRead = parseNumberList(current.rampText);
  const rampInvalid = rampRead.problems.length > 0;
  // Blank fields fall back to what the scenario and the reps table say, as they change.
  const fallback = funnelFactors(start);
  const links = current.inputs.bridgeActualLinks;
  // Read the linked cells when the links or the plan change (a reload re-reads them).
  const toRead = readableLinks(links).join("\n");
  React.useEffect(() => {
    let stale = false;
    if (!toRead) {
      setLinked((was) => (was.size ? new Map() : was));
      return;
    }
    void store
      .readLinks(toRead.split("\n"))
      .then((found) => !stale && setLinked(found))
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [store, toRead, snapshot]);
  const fromLinks = linkedActuals(links, linked, t);
  const inputs: CapacityInputs = {
    ...current.inputs,
    companyTarget: current.inputs.companyTarget ?? start.companyTarget,
    startHeadcount: current.inputs.startHeadcount ?? start.repsFte,
    ramp: rampInvalid ? current.inputs.ramp : rampRead.values,
    bridgePlan: current.inputs.bridgePlan.map((v, i) => v ?? fallback[i]),
    // A linked factor's actual is its cell's, as last read; the others are as typed.
    bridgeActual: current.inputs.bridgeActual.map((v, i) =>
      links[i]?.trim() ? fromLinks.values[i] : v
    ),
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
  const setLink = (i: number, link: string) =>
    update({ bridgeActualLinks: links.map((l, j) => (j === i ? link || undefined : l)) });
  /** Links an actual factor to the cell selected in Excel ("Use selected cell"). */
  const pickCell = async (i: number) => {
    const address = await store.selectedAddress();
    if (address) setLink(i, address);
  };

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

  const canSave =
    !!snapshot && !!scenario && !messages.size && !untyped.size && !fromLinks.blocking;
  const save = async () => {
    if (!snapshot || !canSave) return;
    // A linked factor is saved as its link alone: the cell's value is read again, not copied.
    const rows = capacityRows(scenario, {
      ...inputs,
      bridgeActual: current.inputs.bridgeActual.map((v, i) => (links[i]?.trim() ? undefined : v)),
    });
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
    setLink,
    canPickCell: store.canPickCell,
    pickCell,
    typed,
    messages,
    linkMessages: fromLinks.messages,
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
