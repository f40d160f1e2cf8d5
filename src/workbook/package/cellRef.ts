/** A1 references: 1-based rows and columns, as the sheet XML uses them. */

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { floor, max, min } = Math;
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const letterCache: string[] = [];
export function columnName(column: number): string {
  const cached = letterCache[column];
  if (cached) return cached;
  let letters = "";
  for (let n = column; n > 0; n = floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  letterCache[column] = letters;
  return letters;
}

export const address = (row: number, column: number) => `${columnName(column)}${row}`;

/** "B2:D10" (or "B2") as an area; undefined for anything else. */
export function parseArea(ref: string): Area | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!match) return undefined;
  const left = columnNumber(match[1].toUpperCase());
  const top = Number(match[2]);
  const right = match[3] ? columnNumber(match[3].toUpperCase()) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    top: min(top, bottom),
    bottom: max(top, bottom),
    left: min(left, right),
    right: max(left, right),
  };
}

export const formatArea = (area: Area) =>
  area.top === area.bottom && area.left === area.right
    ? address(area.top, area.left)
    : `${address(area.top, area.left)}:${address(area.bottom, area.right)}`;

export const overlaps = (a: Area, b: Area) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

export const contains = (area: Area, row: number, column: number) =>
  row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;

/** Splits "B12" into its row and column (1-based). */
export function splitAddress(ref: string): { row: number; column: number } | undefined {
  let i = 0;
  let column = 0;
  while (i < ref.length) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
    i++;
  }
  if (i === 0 || i === ref.length) return undefined;
  const row = Number(ref.slice(i));
  return Number.isInteger(row) && row > 0 ? { row, column } : undefined;
}
