/**
 * Numbers as people type them, one to a field or several to a field or cell ("25%; 50%; 75%",
 * "1, 2, 3"): the pane's number fields and quota lists, and the scenario settings a workbook
 * keeps, read and write them here only, so each accepts what the others accept.
 *
 * Commas and semicolons separate the items of a list; inside one number, spaces, underscores
 * (and, in a single number, commas) group digits ("1 000", "1_000", "1,000"). Spaces are not a
 * separator: "1 000" has always meant a thousand in the pane, not two numbers. No decimal
 * comma: none of the readers this replaces took one, and "1,5" is the list 1; 5.
 */

/** A trailing "%" makes the number a share: "25%" is 0.25. */
function numberOf(text: string): number | undefined | "invalid" {
  if (text === "") return undefined;
  const percent = text.endsWith("%");
  const digits = percent ? text.slice(0, -1) : text;
  if (digits === "") return "invalid";
  const value = Number(digits);
  if (!Number.isFinite(value)) return "invalid";
  return percent ? value / 100 : value;
}

/**
 * One number as typed in a field: "1,200", "1 200" and "1_200" are 1200, "25%" is 0.25;
 * undefined when blank, "invalid" when it is not a number.
 */
export const parseNumber = (text: string): number | undefined | "invalid" =>
  numberOf(text.replace(/[,\s_]/g, ""));

/** An item of a list that is not a number: which one (1-based), as typed, and where it starts. */
export interface NumberListProblem {
  code: "notANumber";
  /** Its position among the list's items that are not blank, 1 for the first. */
  item: number;
  /** The item as typed, without the spaces around it. */
  text: string;
  /** Offset in the whole text of the item's first character. */
  at: number;
}

export interface NumberList {
  /** Every item that reads, in order; blank items ("1;;2", a trailing ";") are skipped. */
  values: number[];
  problems: NumberListProblem[];
}

/** "25%; 50%" or "1, 2": the numbers, and each item that is not one. */
export function parseNumberList(text: string): NumberList {
  const values: number[] = [];
  const problems: NumberListProblem[] = [];
  let item = 0;
  let offset = 0;
  for (const part of text.split(/[,;]/)) {
    const value = numberOf(part.replace(/[\s_]/g, ""));
    if (value !== undefined) item++;
    if (typeof value === "number") values.push(value);
    else if (value === "invalid") {
      const typed = part.trim();
      problems.push({ code: "notANumber", item, text: typed, at: offset + part.indexOf(typed) });
    }
    offset += part.length + 1;
  }
  return { values, problems };
}

/** Shares as "25%; 50%" (to four decimals of a percent), plain numbers as "1; 2"; none as "". */
export function formatNumberList(
  values: readonly number[] | undefined,
  as: "percent" | "number" = "number"
): string {
  const shown = (v: number) => (as === "percent" ? `${Number((v * 100).toFixed(4))}%` : String(v));
  return (values ?? []).map(shown).join("; ");
}
