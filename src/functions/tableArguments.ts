/**
 * Ranges of several columns, a row per record: a pipeline snapshot (id, stage, amount, close
 * date) or a stage history (id, stage, entered, left). arguments.ts reads single rows and
 * columns only; these read a block column by column with the same cell readers (cells.ts),
 * so a bad cell is reported as there ("snapshot_a (amount), row 3 holds text …").
 */
import { valueError } from "../domain/errors";
import { functionProblem } from "../domain/functionProblems";
import type { Snapshot } from "../domain/pipelineMoves";
import type { StageHistory } from "../domain/pipelineForecast";
import { cellDate, cellNumber, isOmitted, LabelColumn, Line } from "./cells";

/** One column of a block, as a line of cells named "argument (column)". */
class BlockColumn implements Line {
  readonly orientation = "column" as const;
  constructor(
    readonly field: string,
    private readonly rows: readonly unknown[][],
    private readonly column: number
  ) {}

  get length(): number {
    return this.rows.length;
  }

  at(index: number): unknown {
    return this.rows[index][this.column];
  }
}

type ColumnsCode = "snapshotColumns" | "stageHistoryColumns";

/** The block's rows, refused unless it is a rectangle four columns wide. */
function fourColumns(argument: unknown, field: string, code: ColumnsCode): unknown[][] {
  const rows = Array.isArray(argument) ? (argument as unknown[]) : [[argument]];
  const block = rows.map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
  const width = block.length === 0 ? 0 : block[0].length;
  block.forEach((row, i) => {
    if (row.length !== width)
      throw valueError(functionProblem("notRectangular", { field, row: i + 1 }), {
        field,
        row: i + 1,
      });
  });
  if (width !== 4) throw valueError(functionProblem(code, { field, width }), { field });
  return block;
}

const dates = (cells: Line) => {
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) values[i] = cellDate(cells.at(i), cells, i);
  return values;
};

/** A snapshot: id, stage, amount, close date; blank cells as blanks for the core to judge. */
export function snapshotArgument(argument: unknown, field: string): Snapshot {
  const rows = fourColumns(argument, field, "snapshotColumns");
  const amountCells = new BlockColumn(`${field} (amount)`, rows, 2);
  const amounts = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) amounts[i] = cellNumber(amountCells.at(i), amountCells, i);
  return {
    field,
    ids: new LabelColumn(new BlockColumn(`${field} (id)`, rows, 0)),
    stages: new LabelColumn(new BlockColumn(`${field} (stage)`, rows, 1)),
    amounts,
    closeDates: dates(new BlockColumn(`${field} (close date)`, rows, 3)),
  };
}

/** A stage history: id, stage, entered, left (blank while the deal is still in the stage). */
export function stageHistoryArgument(argument: unknown, field: string): StageHistory | undefined {
  if (isOmitted(argument)) return undefined;
  const rows = fourColumns(argument, field, "stageHistoryColumns");
  return {
    ids: new LabelColumn(new BlockColumn(`${field} (id)`, rows, 0)),
    stages: new LabelColumn(new BlockColumn(`${field} (stage)`, rows, 1)),
    entered: dates(new BlockColumn(`${field} (entered)`, rows, 2)),
    left: dates(new BlockColumn(`${field} (left)`, rows, 3)),
  };
}
