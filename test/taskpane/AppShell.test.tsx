import { act, fireEvent, render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { HostInfo } from "../../src/taskpane/host";
import { requestView } from "../../src/taskpane/navigation";
import { enUS } from "../../src/taskpane/i18n/en-US";
import { zhCN } from "../../src/taskpane/i18n/zh-CN";

const outside: HostInfo = { kind: "outside", displayLanguage: "en-US", dark: false };

describe("task pane shell", () => {
  it("says it is working outside Excel and opens on V2MOM", () => {
    render(<App host={outside} />);
    expect(screen.getByText(enUS["app.host.outside"])).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "V2MOM", selected: true })).toBeInTheDocument();
    expect(screen.getByText(enUS["v2mom.intro"])).toBeInTheDocument();
  });

  it("switches view from its tabs and from a ribbon button", () => {
    render(<App host={outside} />);
    fireEvent.click(screen.getByRole("tab", { name: enUS["app.view.territories"] }));
    expect(screen.getByText(enUS["territories.intro"])).toBeInTheDocument();
    act(() => requestView("v2mom"));
    expect(screen.getByRole("tab", { name: "V2MOM", selected: true })).toBeInTheDocument();
  });

  it("starts in Simplified Chinese when Office's display language is Chinese", () => {
    render(<App host={{ ...outside, kind: "excel", displayLanguage: "zh-CN" }} />);
    expect(screen.getByRole("heading", { name: zhCN["app.title"] })).toBeInTheDocument();
    expect(screen.getByText(zhCN["app.host.excel"])).toBeInTheDocument();
  });

  it("ships a translation for every English string", () => {
    for (const key of Object.keys(enUS) as (keyof typeof enUS)[]) {
      expect(zhCN[key].trim()).not.toBe("");
    }
  });
});
