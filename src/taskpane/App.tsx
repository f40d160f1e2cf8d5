import { FluentProvider, Text, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { AppShell } from "./components/AppShell";
import { Workbench } from "./components/Workbench";
import { HostInfo } from "./host";
import { I18nProvider, localeFor, useI18n } from "./i18n";
import { ExcelPlan } from "./plan/ExcelPlan";
import { PlanStatus } from "./plan/PlanStatus";
import { V2momPane } from "./v2mom/V2momPane";

function Intro({ messageKey }: { messageKey: "territories.intro" }) {
  const { t } = useI18n();
  return (
    <>
      <PlanStatus />
      <Text as="p">{t(messageKey)}</Text>
    </>
  );
}

export function App({ host }: { host: HostInfo }) {
  const views = { v2mom: <V2momPane />, territories: <Intro messageKey="territories.intro" /> };
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
