import * as React from "react";
import {
  Dropdown,
  MessageBar,
  MessageBarBody,
  Option,
  SelectTabData,
  Tab,
  TabList,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { HostInfo } from "../../host";
import { Locale, localeNames, useI18n } from "../../i18n";
import { PaneView, initialView, isPaneView, onViewRequested } from "../../navigation";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  language: { minWidth: "8rem" },
  // Three views do not fit side by side in a 320 px task pane: they wrap, as the steps do.
  views: { flexWrap: "wrap" },
});

export interface AppShellProps {
  host: HostInfo;
  /** The pane for each view; the shell owns navigation, language and the host banner. */
  views: Record<PaneView, React.ReactNode>;
  /** Shown instead of the host banner, such as the workbench's file bar outside Excel. */
  hostBar?: React.ReactNode;
}

export function AppShell({ host, views, hostBar }: AppShellProps) {
  const styles = useStyles();
  const { t, locale, setLocale } = useI18n();
  const [view, setView] = React.useState<PaneView>(initialView);
  React.useEffect(() => onViewRequested(setView), []);

  const onTabSelect = (_: unknown, data: SelectTabData) => {
    if (isPaneView(data.value)) setView(data.value);
  };

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">{t("app.title")}</Title3>
        <Dropdown
          className={styles.language}
          aria-label={t("app.language")}
          value={localeNames[locale]}
          selectedOptions={[locale]}
          onOptionSelect={(_, data) => setLocale(data.optionValue as Locale)}
        >
          {(Object.keys(localeNames) as Locale[]).map((code) => (
            <Option key={code} value={code}>
              {localeNames[code]}
            </Option>
          ))}
        </Dropdown>
      </header>
      {hostBar ?? (
        <MessageBar intent={host.kind === "excel" ? "success" : "info"} layout="multiline">
          <MessageBarBody>
            {host.kind === "excel" ? t("app.host.excel") : t("app.host.outside")}
          </MessageBarBody>
        </MessageBar>
      )}
      <TabList className={styles.views} selectedValue={view} onTabSelect={onTabSelect}>
        <Tab value="v2mom">{t("app.view.v2mom")}</Tab>
        <Tab value="territories">{t("app.view.territories")}</Tab>
        <Tab value="pipeline">{t("app.view.pipeline")}</Tab>
      </TabList>
      <section aria-label={t(`app.view.${view}`)}>{views[view]}</section>
      <Text size={200}>
        {t("functions.heading")}: {t("functions.hint")}
      </Text>
    </main>
  );
}
