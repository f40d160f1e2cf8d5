/**
 * A real third-party reader: LibreOffice Calc (headless) opens the .xlsx the file adapter
 * writes and exports each sheet as CSV; the plan tables must read back as saved, with text
 * that looks like a formula still text.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlanStore } from "../../src/workbook/store";
import { XlsxDriver } from "../../src/workbook/xlsxDriver";

function parseCsv(text: string): string[][] {
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

describe("LibreOffice Calc reads the plan tables", () => {
  it("finds every saved value on the Assignments and V2MOM sheets", async () => {
    const driver = new XlsxDriver();
    const store = new PlanStore(driver, () => new Date(Date.UTC(2026, 10, 27)));
    await store.save(await store.load(), {
      assignments: [
        {
          Scenario: "Base",
          AccountId: "A-001",
          RepId: "=1+1",
          Reason: "kept",
          MovedFrom: null,
          Locked: true,
        },
        {
          Scenario: "Base",
          AccountId: "A-002",
          RepId: "张伟",
          Reason: "moved",
          MovedFrom: "R1",
          Locked: false,
        },
      ],
      v2momDocuments: [
        {
          DocumentId: "D1",
          OrgUnit: "Company",
          Level: "Company",
          FiscalYear: 2027,
          Vision: "Grow, profitably",
          Updated: 46_353,
        },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), "plan-lo-"));
    const file = join(dir, "plan.xlsx");
    writeFileSync(file, await driver.toBuffer());
    // Filter options: comma, double quote, UTF-8, …, last token -1 = every sheet to its own file.
    execFileSync(
      "soffice",
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${dir}/profile`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        dir,
        file,
      ],
      { stdio: "pipe", timeout: 120_000 }
    );
    const csv = (sheet: string) => {
      const name = readdirSync(dir).find((f) => f.endsWith(".csv") && f.includes(sheet));
      if (!name)
        throw new Error(`LibreOffice wrote no CSV for ${sheet}: ${readdirSync(dir).join(", ")}`);
      return parseCsv(readFileSync(join(dir, name), "utf8"));
    };
    expect(csv("Assignments")).toEqual([
      ["Scenario", "AccountId", "RepId", "Reason", "MovedFrom", "Locked"],
      ["Base", "A-001", "=1+1", "kept", "", "TRUE"],
      ["Base", "A-002", "张伟", "moved", "R1", "FALSE"],
    ]);
    const documents = csv("V2MOM Documents");
    expect(documents[0].slice(0, 3)).toEqual(["DocumentId", "OrgUnit", "Level"]);
    expect(documents[1]).toEqual([
      "D1",
      "Company",
      "Company",
      "",
      "",
      "2027",
      "",
      "",
      "Grow, profitably",
      "2026-11-27",
    ]);
  }, 180_000);
});
