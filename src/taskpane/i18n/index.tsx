import * as React from "react";
import type { Problem, ProblemPlace } from "../../domain/problem";
import {
  catalogs,
  localeFor,
  localeNames,
  wordsIn,
  type Locale,
  type MessageKey,
} from "../../i18n";

export { catalogs, localeFor, localeNames, type Locale };

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A problem reported by the core, in this language when its code is in the catalog. */
  say(problem: Problem): string;
  /** "Accounts · C7 · Potential": where a problem is, in this language. */
  place(problem: ProblemPlace): string;
  /** Why something thrown failed, in this language when it carries a problem with a code. */
  sayError(error: unknown): string;
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
  const value = React.useMemo<I18nValue>(() => ({ ...wordsIn(locale), setLocale }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = React.useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

export type { MessageKey };
