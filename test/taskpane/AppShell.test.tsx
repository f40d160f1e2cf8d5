import { act, fireEvent, render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { HostInfo } from "../../src/taskpane/host";
import { requestView } from "../../src/taskpane/navigation";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";

const outside: HostInfo = { kind: "outside", displayLanguage: "en-US", dark: false };

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
  });

  it("switches view from its tabs and from a ribbon button", async () => {
    render(<App host={outside} />);
    fireEvent.click(await screen.findByRole("tab", { name: enUS["app.view.territories"] }));
    expect(screen.getByText(enUS["territories.intro"])).toBeInTheDocument();
    act(() => requestView("v2mom"));
    expect(screen.getByRole("tab", { name: "V2MOM", selected: true })).toBeInTheDocument();
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
  });

  it("ships a translation for every English string", () => {
    for (const key of Object.keys(enUS) as (keyof typeof enUS)[]) {
      expect(zhCN[key].trim()).not.toBe("");
    }
  });
});
