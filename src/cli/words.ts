/**
 * The command line's language: English unless LC_ALL, LC_MESSAGES or LANG asks for Chinese.
 * In English a problem is printed in the words it was reported with, so the output stays
 * exactly what scripts and tests read today.
 */
import { errorText, placeOf } from "../domain/problem";
import { localeFromEnv, wordsIn, type Words } from "../i18n";

export type { Words };

export function cliWords(env: Record<string, string | undefined>): Words {
  const locale = localeFromEnv(env);
  if (locale !== "en-US") return wordsIn(locale);
  return {
    ...wordsIn(locale),
    say: (problem) => problem.message,
    place: (p) => placeOf(p),
    sayError: errorText,
  };
}

/** The command line's English, for callers that do not say otherwise. */
export const english: Words = cliWords({});
