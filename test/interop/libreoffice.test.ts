/**
 * A real third-party reader: LibreOffice Calc (headless) opens the .xlsx the file adapter
 * writes and exports each sheet as CSV; the plan tables must read back as saved, with text
 * that looks like a formula still text.
 */
import { PlanStore } from "../../src/workbook/store";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";

describe("LibreOffice Calc reads the plan tables", () => {
  it("finds every saved value on the Assignments and V2MOM sheets", async () => {
    const driver = await PackageDriver.blank();
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
    await expectValidWorkbook(await driver.toBuffer());
    const csv = await sheetsAsCsv(await driver.toBuffer());
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
