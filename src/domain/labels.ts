/**
 * Labels users type into cells (stage names, outcomes, groups, regions): how two spellings
 * are recognised as the same label, and how stage names map to their position in the funnel.
 */
import { LabelMemo } from "./column";
import { naError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";

/** Case- and space-insensitive key used wherever users type labels (stages, outcomes, groups). */
export const labelKey = (label: string): string => label.trim().toLowerCase();

/** A cell a person left empty: nothing in it, or only spaces. */
export const isBlankCell = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** Builds a lookup from stage name to its index, rejecting blank and duplicate names. */
export function stageIndex(
  stageNames: readonly string[],
  field = "stage_names"
): Map<string, number> {
  const index = new Map<string, number>();
  stageNames.forEach((name, i) => {
    const key = labelKey(name);
    if (key === "")
      throw valueError(functionProblem("blankName", { field, row: i + 1 }), { field, row: i + 1 });
    if (index.has(key))
      throw valueError(functionProblem("nameTwice", { field, name, row: i + 1 }), {
        field,
        row: i + 1,
      });
    index.set(key, i);
  });
  return index;
}

/** What StageLookup gives for a blank label. */
export const BLANK_STAGE = -1;
/** What StageLookup.positionOf gives for a label that is not one of the stages. */
export const UNKNOWN_STAGE = -2;
const UNKNOWN = UNKNOWN_STAGE;

/** Stage positions of typed labels; -1 (BLANK_STAGE) for a blank label. Unknown labels are #N/A with their row. */
export class StageLookup {
  private readonly memo: LabelMemo<number>;

  constructor(
    index: Map<string, number>,
    private readonly field: string
  ) {
    this.memo = new LabelMemo((label) => {
      const key = labelKey(label);
      return key === "" ? BLANK_STAGE : (index.get(key) ?? UNKNOWN);
    });
  }

  /** The stage's position, BLANK_STAGE, or UNKNOWN_STAGE: for a caller that reports it itself. */
  positionOf(label: string): number {
    return this.memo.get(label);
  }

  stageOf(label: string, row: number): number {
    const stage = this.memo.get(label);
    if (stage === UNKNOWN) {
      throw naError(functionProblem("unknownStage", { label, field: this.field, row }), {
        field: this.field,
        row,
      });
    }
    return stage;
  }
}

const groupCollator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * The order groups are listed in (lead sources, forecast categories): alphabetical, numbers
 * in number order, letter case only breaking ties, so the same groups always come out alike.
 */
export const byGroupName = (a: string, b: string) =>
  groupCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
