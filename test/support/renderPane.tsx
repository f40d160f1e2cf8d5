/** Renders a pane over a real .xlsx workbook (the file adapter), as the workbench does outside Excel. */
import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { I18nProvider, Locale } from "../../src/taskpane/i18n";
import { PlanProvider } from "../../src/taskpane/plan/PlanContext";
import { PlanSnapshot, PlanStore } from "../../src/workbook/store";
import { PackageDriver } from "../../src/workbook/packageDriver";

export function renderPane(
  pane: React.ReactElement,
  driver: PackageDriver,
  locale: Locale = "en-US"
) {
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
export async function reopened(
  driver: PackageDriver
): Promise<{ driver: PackageDriver; plan: PlanSnapshot }> {
  const copy = await PackageDriver.fromBuffer(await driver.toBuffer());
  return { driver: copy, plan: await new PlanStore(copy).load() };
}
