/** Automated accessibility checks (axe-core) of the pane as a user first sees it, in both languages. */
import { act, render, screen, waitFor } from "@testing-library/react";
import { axe } from "jest-axe";
import { App } from "../../src/taskpane/App";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";

describe("accessibility", () => {
  it.each(["en-US", "zh-CN"])("the pane in %s has no axe violations", async (displayLanguage) => {
    const { container } = render(<App host={{ kind: "outside", displayLanguage, dark: false }} />);
    await screen.findByRole("tablist");
    expect(document.documentElement.lang).toBe(displayLanguage);
    // As a user first sees it: once the sample plan is read. The pane may still read a
    // document's linked actuals while axe looks, so that runs inside act.
    const loading = (displayLanguage === "zh-CN" ? zhCN : enUS)["plan.loading"];
    await waitFor(() => expect(screen.queryByText(loading)).toBeNull());
    const results = await act(() => axe(container));
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    ).toEqual([]);
  });
});
