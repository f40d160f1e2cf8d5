/**
 * LibreOffice Calc (headless) as an independent spreadsheet engine: it opens an .xlsx,
 * recalculates its formulas and exports every sheet as CSV.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Has LibreOffice convert the workbook to `filter` (such as "ods" or a CSV filter) in a fresh folder; returns the folder. */
function convert(bytes: Uint8Array, filter: string): string {
  const dir = mkdtempSync(join(tmpdir(), "plan-lo-"));
  const file = join(dir, "plan.xlsx");
  writeFileSync(file, bytes);
  execFileSync(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${dir}/profile`,
      "--convert-to",
      filter,
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 }
  );
  return dir;
}

/**
 * Every sheet of the workbook as LibreOffice computes it; call the result with a sheet name.
 * `asShown` gives each cell as a reader sees it, its number format applied ("+7.1%").
 */
export async function sheetsAsCsv(
  bytes: Uint8Array,
  { asShown = false } = {}
): Promise<(sheet: string) => string[][]> {
  // Filter options: comma, double quote, UTF-8, …, the 9th "as shown", last token -1 = every
  // sheet to its own file.
  const dir = convert(
    bytes,
    `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${asShown},false,false,-1`
  );
  return (sheet: string) => {
    const name = readdirSync(dir).find((f) => f.endsWith(".csv") && f.includes(`-${sheet}.csv`));
    if (!name)
      throw new Error(`LibreOffice wrote no CSV for ${sheet}: ${readdirSync(dir).join(", ")}`);
    return parseCsv(readFileSync(join(dir, name), "utf8"));
  };
}

/** The workbook converted by LibreOffice to another format (such as "ods"); returns the bytes. */
export function convertedBy(bytes: Uint8Array, format: string): Buffer {
  return readFileSync(join(convert(bytes, format), `plan.${format}`));
}
