/**
 * What the pane's last action said (one message above the steps) and where it found
 * problems in the user's tables (listed at their cells). A run, a save, a write-back and its
 * undo all report here, so each replaces what the one before said.
 */
import * as React from "react";
import type { PlanProblem } from "../../../workbook/rows";

export type Message = { intent: "success" | "error" | "info" | "warning"; text: string };

export interface Feedback {
  message?: Message;
  problems: readonly PlanProblem[];
  setMessage(message: Message | undefined): void;
  setProblems(problems: readonly PlanProblem[]): void;
}

export function useFeedback(): Feedback {
  const [message, setMessage] = React.useState<Message>();
  const [problems, setProblems] = React.useState<readonly PlanProblem[]>([]);
  return { message, problems, setMessage, setProblems };
}
