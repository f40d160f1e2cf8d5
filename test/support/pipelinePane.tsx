/**
 * A small hand-made pipeline for the Pipeline pane's tests: an opportunities table in a
 * memory workbook, captured week by week through the workbook layer (capturePipeline), so the
 * pane opens on a log made as a user's would be. Every figure the tests expect is worked by
 * hand from the weeks below.
 *
 * Dec 21: O1 Qualify 1000 · O2 Propose 2500 · O3 Propose 400 (closes Apr 30) · O4 Negotiate
 *        800 (closes Dec 24) · O7 Propose 500; the others close Mar 31. All created Dec 1.
 * Dec 28: O1 → Propose; O2 → Negotiate at 3000; O3's close date pushed to May 31; O4 won;
 *        O7 lost; O5 new (Qualify 600).
 * Jan 4 (the third week, captured by a test or here): O1 → Negotiate; O2 back to Propose;
 *        O3 pushed again to Jun 30; O5 lost; O4 gone from the table; O6 new (Qualify 700).
 */
import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { I18nProvider, Locale } from "../../src/taskpane/i18n";
import { PlanProvider } from "../../src/taskpane/plan/PlanContext";
import { capturePipeline, type PipelineSource } from "../../src/workbook/pipelineTables";
import type { CellValue } from "../../src/workbook/rows";
import { PlanStore } from "../../src/workbook/store";
import { MemoryDriver } from "./memoryDriver";

// Excel serials, by hand: 2027-01-01 is 46388. Captured weekly: Dec 21, Dec 28, Jan 4.
export const CAPTURE_1 = 46377;
export const CAPTURE_2 = 46384;
export const CAPTURE_3 = 46391;
const MAR_31 = 46477;
const APR_30 = 46507;
const MAY_31 = 46538;
const JUN_30 = 46568;
const DEC_1 = 46357;
const DEC_24 = 46380;

export const HEADER = [
  "OpportunityId",
  "Name",
  "Owner",
  "Stage",
  "Amount",
  "CloseDate",
  "CreatedDate",
  "ForecastCategory",
  "LeadSource",
];

type Deal = [string, string, string, string, number, number, string];
const row = ([id, name, owner, stage, amount, close, category]: Deal): CellValue[] => [
  id,
  name,
  owner,
  stage,
  amount,
  close,
  DEC_1,
  category,
  "Web",
];

const WEEK_1: Deal[] = [
  ["O1", "Acme", "Ann", "Qualify", 1000, MAR_31, "Pipeline"],
  ["O2", "Globex", "Bo", "Propose", 2500, MAR_31, "Best Case"],
  ["O3", "Initech", "Ann", "Propose", 400, APR_30, "Commit"],
  ["O4", "Umbrella", "Bo", "Negotiate", 800, DEC_24, "Commit"],
  ["O7", "Soylent", "Bo", "Propose", 500, MAR_31, "Pipeline"],
];
const WEEK_2: Deal[] = [
  ["O1", "Acme", "Ann", "Propose", 1000, MAR_31, "Pipeline"],
  ["O2", "Globex", "Bo", "Negotiate", 3000, MAR_31, "Best Case"],
  ["O3", "Initech", "Ann", "Propose", 400, MAY_31, "Commit"],
  ["O4", "Umbrella", "Bo", "Won", 800, DEC_24, "Commit"],
  ["O7", "Soylent", "Bo", "Lost", 500, MAR_31, "Pipeline"],
  ["O5", "Hooli", "Ann", "Qualify", 600, MAR_31, "Pipeline"],
];
const WEEK_3: Deal[] = [
  ["O1", "Acme", "Ann", "Negotiate", 1000, MAR_31, "Pipeline"],
  ["O2", "Globex", "Bo", "Propose", 3000, MAR_31, "Best Case"],
  ["O3", "Initech", "Ann", "Propose", 400, JUN_30, "Commit"],
  ["O7", "Soylent", "Bo", "Lost", 500, MAR_31, "Pipeline"],
  ["O5", "Hooli", "Ann", "Lost", 600, MAR_31, "Pipeline"],
  ["O6", "Stark", "Bo", "Qualify", 700, MAR_31, "Pipeline"],
];
export const WEEKS = [WEEK_1, WEEK_2, WEEK_3];

export const SOURCE: PipelineSource = {
  table: { name: "Opportunities", sheet: "Opportunities" },
  mapping: {
    id: "OpportunityId",
    name: "Name",
    owner: "Owner",
    stage: "Stage",
    amount: "Amount",
    closeDate: "CloseDate",
    createdDate: "CreatedDate",
    forecastCategory: "ForecastCategory",
    leadSource: "LeadSource",
  },
};

const SIZE = 8; // rows the table is laid out for, so a week with more deals fits

/** The opportunities table as it stands in week `week` (0-based), blank rows below. */
export function showWeek(driver: MemoryDriver, week: number) {
  const deals = WEEKS[week];
  for (let r = 0; r < SIZE; r++)
    HEADER.forEach((_, c) =>
      driver.setCell(
        "Opportunities",
        `${String.fromCharCode(65 + c)}${r + 2}`,
        r < deals.length ? row(deals[r])[c] : null
      )
    );
}

const now = () => new Date(Date.UTC(2027, 0, 4, 9, 30));

/** The workbook with the first `captured` weeks captured, showing week `showing`. */
export async function pipelineWorkbook(captured: number, showing = captured - 1) {
  const driver = new MemoryDriver();
  const blank = Array.from({ length: SIZE }, () => HEADER.map(() => null as CellValue));
  driver.addTable("Opportunities", "Opportunities", "A1", HEADER, blank);
  const store = new PlanStore(driver, now);
  const dates = [CAPTURE_1, CAPTURE_2, CAPTURE_3];
  for (let week = 0; week < captured; week++) {
    showWeek(driver, week);
    await capturePipeline(store, dates[week], week === 0 ? { source: SOURCE } : {});
  }
  showWeek(driver, Math.max(0, showing));
  return { driver, store };
}

export function renderOver(pane: React.ReactElement, store: PlanStore, locale: Locale = "en-US") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider initialLocale={locale}>
        <PlanProvider store={store}>{pane}</PlanProvider>
      </I18nProvider>
    </FluentProvider>
  );
}

export const step = async (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: new RegExp(`^\\d\\. ${name}$`) }));
  });

export const click = async (name: string | RegExp) =>
  act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });

export const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** The cells of each row of the table named `name`, as text. */
export function tableCells(name: string): string[][] {
  const table = screen.getByRole("table", { name });
  return [...table.querySelectorAll("tr")].map((tr) =>
    [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent ?? "")
  );
}
