import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { HostInfo } from "../../src/taskpane/host";
import { requestView } from "../../src/taskpane/navigation";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";

const outside: HostInfo = { kind: "outside", displayLanguage: "en-US", dark: false };

/**
 * The sample's first measure takes its actual from a cell ('PLAN Formulas'!C6): its status
 * appears once the pane has read that cell, the last thing the V2MOM pane does on opening.
 */
async function linkedActualRead(name: string, statuses: RegExp): Promise<void> {
  const first = await screen.findByRole("group", { name }, { timeout: 10_000 });
  await within(first).findByText(statuses, {}, { timeout: 10_000 });
}

describe("task pane shell", () => {
  it("says it is working outside Excel and opens on V2MOM", async () => {
    render(<App host={outside} />);
    expect(
      await screen.findByText(
        /Excel is not available here, so the pane works on FY2027 Sales Plan/,
        {},
        { timeout: 10_000 }
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "V2MOM", selected: true })).toBeInTheDocument();
    expect(screen.getByText(enUS["v2mom.intro"])).toBeInTheDocument();
    await linkedActualRead("Measure 1", /^(On track|At risk|Off track)$/);
  });

  it("switches view from its tabs and from a ribbon button", async () => {
    render(<App host={outside} />);
    fireEvent.click(await screen.findByRole("tab", { name: enUS["app.view.territories"] }));
    expect(screen.getByText(enUS["territories.intro"])).toBeInTheDocument();
    act(() => requestView("v2mom"));
    expect(screen.getByRole("tab", { name: "V2MOM", selected: true })).toBeInTheDocument();
    await linkedActualRead("Measure 1", /^(On track|At risk|Off track)$/);
  });

  it("starts in Simplified Chinese when Office's display language is Chinese", async () => {
    render(<App host={{ ...outside, displayLanguage: "zh-CN" }} />);
    expect(await screen.findByRole("heading", { name: zhCN["app.title"] })).toBeInTheDocument();
    expect(
      await screen.findByText(
        /此处没有 Excel，窗格改为处理 FY2027 Sales Plan/,
        {},
        { timeout: 10_000 }
      )
    ).toBeInTheDocument();
    const statuses = ["On track", "At risk", "Off track"] as const;
    const zhStatuses = statuses.map((s) => zhCN[`v2mom.measureStatus.${s}`]).join("|");
    await linkedActualRead(
      zhCN["v2mom.measure"].replace("{rank}", "1"),
      new RegExp(`^(${zhStatuses})$`)
    );
  });

  it("ships a translation for every English string", () => {
    for (const key of Object.keys(enUS) as (keyof typeof enUS)[]) {
      expect(zhCN[key].trim()).not.toBe("");
    }
  });
});
