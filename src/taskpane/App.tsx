import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { AppShell } from "./components/AppShell";
import { Workbench } from "./components/Workbench";
import { HostInfo } from "./host";
import { I18nProvider, localeFor } from "./i18n";
import { PipelinePane } from "./pipeline/PipelinePane";
import { ExcelPlan } from "./plan/ExcelPlan";
import { TerritoriesPane } from "./territories/TerritoriesPane";
import { V2momPane } from "./v2mom/V2momPane";

export function App({ host }: { host: HostInfo }) {
  const views = {
    v2mom: <V2momPane />,
    territories: <TerritoriesPane />,
    pipeline: <PipelinePane />,
  };
  return (
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme}>
      <I18nProvider initialLocale={localeFor(host.displayLanguage)}>
        {host.kind === "excel" ? (
          <ExcelPlan>
            <AppShell host={host} views={views} />
          </ExcelPlan>
        ) : (
          <Workbench>{(bar) => <AppShell host={host} views={views} hostBar={bar} />}</Workbench>
        )}
      </I18nProvider>
    </FluentProvider>
  );
}
