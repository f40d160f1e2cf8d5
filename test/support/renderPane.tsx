/** Renders a pane over a real .xlsx workbook (the file adapter), as the workbench does outside Excel. */
import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { I18nProvider, Locale } from "../../src/taskpane/i18n";
import { PlanProvider } from "../../src/taskpane/plan/PlanContext";
import { PlanSnapshot, PlanStore } from "../../src/workbook/store";
import { XlsxDriver } from "../../src/workbook/xlsxDriver";

export function renderPane(pane: React.ReactElement, driver = new XlsxDriver(), locale: Locale = "en-US") {
  const store = new PlanStore(driver);
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider initialLocale={locale}>
        <PlanProvider store={store}>{pane}</PlanProvider>
      </I18nProvider>
    </FluentProvider>
  );
  return { ...view, driver, store };
}

/** The plan as another reader sees it: the workbook written to bytes and read back. */
export async function reopened(driver: XlsxDriver): Promise<{ driver: XlsxDriver; plan: PlanSnapshot }> {
  const copy = await XlsxDriver.fromBuffer(await driver.toBuffer());
  return { driver: copy, plan: await new PlanStore(copy).load() };
}
