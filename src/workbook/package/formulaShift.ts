/**
 * Moves an A1 formula as Excel does when it fills it to another cell: relative references
 * shift, $-anchored ones stay. Excel stores a shared formula once, in its first cell, and a
 * calculated column's formula for its first data row (§18.3.1.40 f, §18.5.1.1); the other
 * cells' formulas are that one moved. String literals, sheet-qualified names and function
 * names are left alone.
 */
import { columnName, columnNumber } from "./cellRef";

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

// A string literal, a quoted sheet name, or a cell reference not part of a longer name.
const TOKENS =
  /"(?:[^"]|"")*"|'(?:[^']|'')*'|(?<![A-Za-z0-9_.\]])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  return formula.replace(
    TOKENS,
    (token, colAnchor?: string, letters?: string, rowAnchor?: string, digits?: string) => {
      if (letters === undefined) return token;
      let column = columnNumber(letters);
      let row = Number(digits);
      if (column > MAX_COLUMN || row > MAX_ROW) return token;
      if (!colAnchor) column += columns;
      if (!rowAnchor) row += rows;
      if (column < 1 || row < 1 || column > MAX_COLUMN || row > MAX_ROW) return "#REF!";
      return `${colAnchor}${columnName(column)}${rowAnchor}${row}`;
    }
  );
}
