/**
 * The add-in's languages, shared by the panes (through the hook in src/taskpane/i18n) and the
 * command line: the catalogs, which language to use, and the one lookup that says a problem
 * reported by the core in a language.
 */
import { fill, placeOf, saidOf, type Problem, type ProblemPlace } from "../domain/problem";
import { Catalog, enUS, MessageKey, PROBLEM_PREFIXES } from "./en-US";
import { zhCN } from "./zh-CN";

export type Locale = "en-US" | "zh-CN";
export const catalogs: Record<Locale, Catalog> = { "en-US": enUS, "zh-CN": zhCN };
export const localeNames: Record<Locale, string> = { "en-US": "English", "zh-CN": "简体中文" };

/** Maps Office's display language (or the browser's, or a POSIX locale) to a shipped catalog. */
export function localeFor(language: string | undefined): Locale {
  return language && language.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

/**
 * The command line's language, read as POSIX programs read it: LC_ALL, else LC_MESSAGES,
 * else LANG (the first one set and not empty).
 */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  return localeFor(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** The catalog key of a problem's code ("problem.required", "store.savedByOther"…), if any. */
export function problemKey(catalog: Catalog, code: string | undefined): MessageKey | undefined {
  if (!code) return undefined;
  return PROBLEM_PREFIXES.map((prefix) => `${prefix}${code}`).find((key) => key in catalog) as
    MessageKey | undefined;
}

export interface Words {
  locale: Locale;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A problem reported by the core, in this language when its code is in the catalog. */
  say(problem: Problem): string;
  /** "Accounts · C7 · Potential": where a problem is, in this language. */
  place(problem: ProblemPlace): string;
  /** Why something thrown failed, in this language when it carries a problem with a code. */
  sayError(error: unknown): string;
}

/** The words of one language. */
export function wordsIn(locale: Locale): Words {
  const catalog = catalogs[locale];
  const t: Words["t"] = (key, values) => fill(catalog[key], values ?? {});
  const say = (problem: Problem): string => {
    const key = problemKey(catalog, problem.code);
    if (!key) return problem.message;
    const parts = Object.fromEntries(
      Object.entries(problem.parts ?? {}).map(([name, part]) => [name, say(part)])
    );
    return t(key, { ...problem.values, ...parts });
  };
  const place = (problem: ProblemPlace) => placeOf(problem, (row) => t("plan.row", { row }));
  return { locale, t, say, place, sayError: (error) => say(saidOf(error)) };
}

export type { Catalog, MessageKey };
