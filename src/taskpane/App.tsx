import { FluentProvider, Text, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { AppShell } from "./components/AppShell";
import { HostInfo } from "./host";
import { I18nProvider, localeFor, useI18n } from "./i18n";

function Intro({ messageKey }: { messageKey: "v2mom.intro" | "territories.intro" }) {
  const { t } = useI18n();
  return <Text as="p">{t(messageKey)}</Text>;
}

export function App({ host }: { host: HostInfo }) {
  return (
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme}>
      <I18nProvider initialLocale={localeFor(host.displayLanguage)}>
        <AppShell
          host={host}
          views={{ v2mom: <Intro messageKey="v2mom.intro" />, territories: <Intro messageKey="territories.intro" /> }}
        />
      </I18nProvider>
    </FluentProvider>
  );
}
