/**
 * The funnel's stages as the pane reads the log with them: the open stages in funnel order
 * and the won and lost labels, typed as text, each checked at its field. They start from the
 * pipeline settings kept in the workbook, else from the order the log shows.
 */
import * as React from "react";
import { labelKey } from "../../domain/labels";
import type { LogEntry } from "../../domain/pipelineLog";
import type { PipelineSettings } from "../../workbook/pipelineTables";
import type { MessageKey } from "../i18n";
import { guessStageOrder, type StageSettings } from "./pipelineHistory";

export interface StageFieldMessages {
  order?: { key: MessageKey; values?: Record<string, string> };
  won?: { key: MessageKey; values?: Record<string, string> };
  lost?: { key: MessageKey; values?: Record<string, string> };
}

/** The names typed, split at semicolons (either width), blanks dropped. */
export const splitStages = (text: string) =>
  text
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** What is wrong with the stages typed, at the field that is wrong. */
export function checkStages(
  orderText: string,
  won: string,
  lost: string,
  log: readonly LogEntry[]
): StageFieldMessages {
  const messages: StageFieldMessages = {};
  if (won.trim() === "") messages.won = { key: "pipeline.stages.labelBlank" };
  if (lost.trim() === "") messages.lost = { key: "pipeline.stages.labelBlank" };
  else if (labelKey(won) === labelKey(lost))
    messages.lost = { key: "pipeline.stages.labelsSame", values: { label: lost.trim() } };
  const order = splitStages(orderText);
  const seen = new Set<string>();
  const closed = new Set([labelKey(won), labelKey(lost)]);
  for (const name of order) {
    const key = labelKey(name);
    if (closed.has(key)) {
      messages.order = { key: "pipeline.stages.outcome", values: { name } };
      return messages;
    }
    if (seen.has(key)) {
      messages.order = { key: "pipeline.stages.twice", values: { name } };
      return messages;
    }
    seen.add(key);
  }
  // Before the first capture there is nothing to read with the stages: no need to name them yet.
  if (order.length === 0) {
    if (log.length > 0) messages.order = { key: "pipeline.stages.empty" };
    return messages;
  }
  const missing = new Map<string, string>();
  for (const e of log) {
    const key = labelKey(e.stage ?? "");
    if (key !== "" && !seen.has(key) && !closed.has(key)) missing.set(key, (e.stage ?? "").trim());
  }
  if (missing.size)
    messages.order = {
      key: "pipeline.stages.missing",
      values: { names: [...missing.values()].join("; ") },
    };
  return messages;
}

export function useStageSettings(settings: PipelineSettings | undefined, log: readonly LogEntry[]) {
  const [orderText, setOrderText] = React.useState("");
  const [won, setWon] = React.useState("Won");
  const [lost, setLost] = React.useState("Lost");
  // Filled once there is something to fill from; what the user typed since is theirs.
  const filled = React.useRef(false);
  React.useEffect(() => {
    if (filled.current || !settings) return;
    const order = settings.stages ?? guessStageOrder(log, settings.wonLabel, settings.lostLabel);
    if (order.length === 0 && log.length === 0 && !settings.stages) {
      setWon(settings.wonLabel);
      setLost(settings.lostLabel);
      return;
    }
    filled.current = true;
    setOrderText(order.join("; "));
    setWon(settings.wonLabel);
    setLost(settings.lostLabel);
  }, [settings, log]);
  const messages = React.useMemo(
    () => checkStages(orderText, won, lost, log),
    [orderText, won, lost, log]
  );
  const valid =
    !messages.order && !messages.won && !messages.lost && splitStages(orderText).length > 0;
  const stages = React.useMemo<StageSettings | undefined>(
    () =>
      valid ? { stages: splitStages(orderText), won: won.trim(), lost: lost.trim() } : undefined,
    [valid, orderText, won, lost]
  );
  return { orderText, setOrderText, won, setWon, lost, setLost, messages, stages };
}

export type StageSettingsState = ReturnType<typeof useStageSettings>;
