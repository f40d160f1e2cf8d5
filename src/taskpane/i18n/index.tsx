import * as React from "react";
import { fill } from "../../domain/wording";
import { Catalog, enUS, MessageKey } from "./en-US";
import { zhCN } from "./zh-CN";

export type Locale = "en-US" | "zh-CN";
export const catalogs: Record<Locale, Catalog> = { "en-US": enUS, "zh-CN": zhCN };
export const localeNames: Record<Locale, string> = { "en-US": "English", "zh-CN": "简体中文" };

/** Maps Office's display language (or the browser's) to a shipped catalog. */
export function localeFor(language: string | undefined): Locale {
  return language && language.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A problem reported by the core, in this language when its code is in the catalog. */
  say(problem: {
    code?: string;
    values?: Record<string, string | number>;
    message: string;
  }): string;
}

const I18nContext = React.createContext<I18nValue | undefined>(undefined);

export function I18nProvider({
  initialLocale,
  children,
}: {
  initialLocale: Locale;
  children: React.ReactNode;
}) {
  const [locale, setLocale] = React.useState<Locale>(initialLocale);
  // Screen readers pick their voice from the page's language.
  React.useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = React.useMemo<I18nValue>(() => {
    const catalog = catalogs[locale];
    const t: I18nValue["t"] = (key, values) => fill(catalog[key], values ?? {});
    return {
      locale,
      setLocale,
      t,
      say: (problem) => {
        const key = [`problem.${problem.code}`, `issue.${problem.code}`].find(
          (k) => k in catalog
        ) as MessageKey | undefined;
        return problem.code && key ? t(key, problem.values) : problem.message;
      },
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = React.useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

export type { MessageKey };
