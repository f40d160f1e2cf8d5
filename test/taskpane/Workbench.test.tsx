/** The workbench outside Excel, over real .xlsx bytes written and read by the file adapter. */
import { catchDownloads } from "../support/downloads";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { enUS } from "../../src/i18n/en-US";
import { PlanStore } from "../../src/workbook/store";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { typeInto } from "../support/handEdits";

const host = { kind: "outside" as const, displayLanguage: "en-US", dark: false };

async function planFile(edit?: (driver: PackageDriver) => Promise<void>): Promise<File> {
  const driver = await PackageDriver.blank();
  const store = new PlanStore(driver);
  await store.save(await store.load(), {
    assignments: [
      {
        Scenario: "Base",
        AccountId: "A1",
        RepId: "R1",
        Reason: "kept",
        MovedFrom: null,
        Locked: false,
      },
      {
        Scenario: "Base",
        AccountId: "A2",
        RepId: "R2",
        Reason: "kept",
        MovedFrom: null,
        Locked: false,
      },
    ],
  });
  await edit?.(driver);
  return new File([(await driver.toBuffer()) as Uint8Array<ArrayBuffer>], "FY27 plan.xlsx");
}

async function choose(file: File) {
  const input = screen.getByLabelText(enUS["workbench.open"], { selector: "input" });
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

describe("workbench outside Excel", () => {
  it("opens the sample plan by default: its company V2MOM and cascaded organisation, with nothing wrong", async () => {
    render(<App host={host} />);
    expect(
      await screen.findByText(
        /works on FY2027 Sales Plan \(sample\)\.xlsx/,
        {},
        { timeout: 10_000 }
      )
    ).toBeInTheDocument();
    expect(
      await screen.findByRole("button", { name: /Global Sales · FY2027/ })
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Organisation, team or person/)).toHaveValue("Contoso");
    expect(screen.queryByText(/problem\(s\) in the plan tables/)).not.toBeInTheDocument();
  });

  it("says where a report's earlier copy went, through the browser copy's write notice", async () => {
    render(<App host={host} />);
    await screen.findByRole("button", { name: /Global Sales · FY2027/ }, { timeout: 10_000 });
    const write = async () =>
      act(async () => {
        fireEvent.click(screen.getByRole("button", { name: enUS["v2mom.writeSummary"] }));
      });
    // The sample opened here has no summary yet; the second write keeps the first.
    await write();
    await screen.findByText(
      'The sheet "V2MOM Summary" now summarises 2 V2MOM(s).',
      {},
      {
        timeout: 20_000,
      }
    );
    await write();
    await screen.findByText(
      'The sheet "V2MOM Summary" now summarises 2 V2MOM(s); the earlier summary was kept as "V2MOM Summary (previous)".',
      {},
      { timeout: 20_000 }
    );
  });

  it("starts an empty plan on request", async () => {
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: enUS["workbench.new"] }));
    });
    expect(await screen.findByText(/works on Sales plan\.xlsx/)).toBeInTheDocument();
    expect(await screen.findByText(enUS["v2mom.none"])).toBeInTheDocument();
  });

  it("opens a workbook and lists the problems in its hand-edited tables, with their cells", async () => {
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    await choose(await planFile((driver) => typeInto(driver, "Assignments", { F3: "perhaps" })));
    expect(await screen.findByText(/works on FY27 plan\.xlsx/)).toBeInTheDocument();
    expect(await screen.findByText("1 problem(s) in the plan tables")).toBeInTheDocument();
    expect(
      screen.getByText(/Assignments · F3 · Locked: Locked holds "perhaps"/)
    ).toBeInTheDocument();
  });

  it("refuses a file that is not a workbook and keeps the plan that was open", async () => {
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    await choose(new File(["name,region\nAcme,EMEA\n"], "accounts.csv"));
    expect(
      await screen.findByText(/accounts\.csv could not be opened as an Excel workbook/)
    ).toBeInTheDocument();
    expect(screen.getByText(/works on FY2027 Sales Plan/)).toBeInTheDocument();
  });

  it("downloads the workbook it works on, which reopens with the same plan", async () => {
    const downloads = catchDownloads();
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    await choose(await planFile());
    await screen.findByText(/works on FY27 plan\.xlsx/);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: enUS["workbench.download"] }));
    });
    await waitFor(() => expect(downloads.clicked).toHaveBeenCalled());
    const bytes = await downloads.bytes();
    const reopened = await new PlanStore(await PackageDriver.fromBuffer(bytes)).load();
    expect(reopened.tables.assignments.rows.map((r) => r.AccountId)).toEqual(["A1", "A2"]);
  });

  it("says a save went to this browser's copy, offers Download, and asks before the page is left", async () => {
    catchDownloads();
    const leaving = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    render(<App host={host} />);
    await screen.findByText(/works on FY2027 Sales Plan/, {}, { timeout: 10_000 });
    // Opening the sample changed nothing the user made: leaving asks nothing.
    expect(leaving()).toBe(false);
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: enUS["app.view.territories"] }));
    });
    await screen.findByText(/accounts and \d+ reps read without problems/, {}, { timeout: 10_000 });
    // The sample's Active scenario keeps its rules but no results: not a deviation of 0.0%.
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: /^\d\. Scenarios$/ }));
    });
    const list = screen.getByRole("table", { name: enUS["territories.scenarios"] });
    expect(within(list).getAllByRole("row")[1]).toHaveTextContent(/Activenot run yet/);
    expect(within(list).queryByText("0.0%")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: /^\d\. Rules$/ }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: enUS["territories.run"] }));
    });
    await screen.findByRole("table", { name: enUS["territories.metrics"] }, { timeout: 30_000 });
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: /^\d\. Scenarios$/ }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: enUS["territories.saveScenario"] }));
    });
    expect(
      await screen.findByText(
        "Saved to this browser's copy of FY2027 Sales Plan (sample).xlsx. Your file on disk is unchanged until you download it."
      )
    ).toBeInTheDocument();
    expect(leaving()).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: enUS["workbench.downloadNow"] }));
    });
    await waitFor(() => expect(screen.queryByText(/Saved to this browser's copy/)).toBeNull());
    expect(leaving()).toBe(false);
  }, 60_000);
});
