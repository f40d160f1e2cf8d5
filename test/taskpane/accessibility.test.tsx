/** Automated accessibility checks (axe-core) of the pane as a user first sees it, in both languages. */
import { render, screen } from "@testing-library/react";
import { axe } from "jest-axe";
import { App } from "../../src/taskpane/App";

describe("accessibility", () => {
  it.each(["en-US", "zh-CN"])("the pane in %s has no axe violations", async (displayLanguage) => {
    const { container } = render(<App host={{ kind: "outside", displayLanguage, dark: false }} />);
    await screen.findByRole("tablist");
    expect(document.documentElement.lang).toBe(displayLanguage);
    const results = await axe(container);
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    ).toEqual([]);
  });
});
