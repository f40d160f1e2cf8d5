/**
 * The workbench's "Recalculate PLAN formulas": on the sample, on a workbook typed by hand (the
 * value it stores reaches the downloaded copy; what it cannot evaluate is listed at its cell)
 * and on a workbook with no PLAN formulas.
 */
import { catchDownloads } from "../support/downloads";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import JSZip from "jszip";
import { App } from "../../src/taskpane/App";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { readByExcelJs } from "../support/handEdits";

const host = { kind: "outside" as const, displayLanguage: "en-US", dark: false };

const text = (ref: string, value: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

/** Sheet1 of a new workbook holding these rows, as a tool that writes formulas without values leaves them. */
async function handTyped(sheetData: string): Promise<File> {
  const driver = await PackageDriver.blank();
  const part = driver.file.book.sheet("Sheet1")!.part!;
  const zip = await JSZip.loadAsync(await driver.toBuffer());
  zip.file(
    part,
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`
  );
  const bytes = await zip.generateAsync({ type: "uint8array" });
  return new File([bytes as Uint8Array<ArrayBuffer>], "typed.xlsx");
}

async function choose(file: File, label: string = enUS["workbench.open"]) {
  const input = screen.getByLabelText(label, { selector: "input" });
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

async function recalculate(name: string = enUS["workbench.recalc"]) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

describe("workbench: Recalculate PLAN formulas", () => {
  it("recalculates the sample's six PLAN formulas, three of them spilling", async () => {
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    await recalculate();
    expect(
      await screen.findByText("Recalculated 6 PLAN formulas (3 spill)", {}, { timeout: 20_000 })
    ).toBeInTheDocument();
    expect(screen.queryByText(/Left as they were/)).not.toBeInTheDocument();
  }, 60_000);

  it("stores the values in the browser's copy, lists the cells left as they were, and says the copy changed", async () => {
    const downloads = catchDownloads();
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    // B2:B5 hold 3 won and 1 lost: a win rate of 3 / 4.
    await choose(
      await handTyped(
        `<row r="1"><c r="A1"><f>PLAN.WINRATE(B2:B5)</f></c>` +
          `<c r="C1"><f>PLAN.WINRATE(IF(B2:B5="Won","Lost","Won"))</f><v>0.5</v></c></row>` +
          ["Won", "Lost", "Won", "Won"]
            .map((v, i) => `<row r="${i + 2}">${text(`B${i + 2}`, v)}</row>`)
            .join("")
      )
    );
    await screen.findByText(/works on typed\.xlsx/);
    await recalculate();
    expect(await screen.findByText("Recalculated 1 PLAN formulas (0 spill)")).toBeInTheDocument();
    expect(screen.getByText("Left as they were (1):")).toBeInTheDocument();
    expect(
      screen.getByText(
        "Sheet1!C1: it calls IF(), which only Excel calculates; its cached value is left as it was"
      )
    ).toBeInTheDocument();
    expect(
      screen.getByText(enUS["workbench.saved"].replace("{name}", "typed.xlsx"))
    ).toBeInTheDocument();

    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: enUS["workbench.downloadNow"] }));
    });
    await waitFor(() => expect(downloads.clicked).toHaveBeenCalled());
    const bytes = await downloads.bytes();
    const sheet = (await readByExcelJs(new Uint8Array(bytes))).getWorksheet("Sheet1")!;
    expect((sheet.getCell("A1").value as { result?: unknown }).result).toBe(0.75);
    expect((sheet.getCell("C1").value as { result?: unknown }).result).toBe(0.5);
  }, 60_000);

  it("says when a workbook has no PLAN formulas, in the pane's language", async () => {
    render(<App host={{ ...host, displayLanguage: "zh-CN" }} />);
    await screen.findByText(/FY2027 Sales Plan/, {}, { timeout: 10_000 });
    await choose(
      await handTyped(`<row r="1"><c r="A1"><f>SUM(2,3)</f><v>5</v></c></row>`),
      zhCN["workbench.open"]
    );
    await screen.findByText(/typed\.xlsx/);
    await recalculate(zhCN["workbench.recalc"]);
    expect(await screen.findByText(zhCN["workbench.recalcNone"])).toBeInTheDocument();
    // Nothing changed, so the copy is not said to be changed.
    expect(screen.queryByText(/已保存到此浏览器中的/)).not.toBeInTheDocument();
  }, 60_000);
});
