/**
 * One kind of problem across the add-in: a code that a catalog says in the user's language,
 * the values its template needs, the English text (for logs, tests and where no catalog
 * applies), and where it was found. Each module that reports problems keeps its English
 * templates beside it (TABLE_PROBLEMS, INPUT_ISSUES, QUOTA_PROBLEMS…); the catalogs in
 * src/i18n take them from there, and every other language must translate every one.
 */
export type WordValues = Record<string, string | number>;

/** A message as data: its code, the values it needs, and its English text. */
export interface Worded<C extends string = string> {
  code: C;
  values: WordValues;
  message: string;
}

/** Where a problem is, as far as it is known: in a workbook, a table, a form or an argument. */
export interface ProblemPlace {
  /** The worksheet. */
  sheet?: string;
  /** The table (an Excel table's name, or "accounts" / "reps" / "settings" for an engine's input). */
  table?: string;
  /** 1-based row: the worksheet's row for a workbook, the input's row for an engine. */
  row?: number;
  /** The column's header. */
  column?: string;
  /** The cell's A1 address. */
  address?: string;
  /** The field or argument, e.g. "capacity" or "quota.companyTarget". */
  field?: string;
}

/**
 * A problem: what a user is told, and where. `code` and `values` are optional only for the
 * problems read back from older shapes; every problem the add-in reports carries a code.
 */
export interface Problem<C extends string = string> extends ProblemPlace {
  code?: C;
  values?: WordValues;
  message: string;
  /**
   * Values that are problems themselves ("nothing was saved: {problem}"): `values` holds
   * their English, and a catalog says them in the reader's language instead.
   */
  parts?: Record<string, Problem>;
}

/** Fills {name} placeholders; a placeholder without a value stays as written. */
export const fill = (template: string, values: WordValues) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );

/** The {placeholders} a template names, sorted, each once. */
export const placeholdersOf = (template: string): string[] =>
  [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/** A message from a table of English templates. */
export function wordsFrom<T extends Record<string, string>>(templates: T) {
  return <C extends keyof T & string>(code: C, values: WordValues = {}): Worded<C> => ({
    code,
    values,
    message: fill(templates[code], values),
  });
}

/** What went wrong, in words, from anything thrown (an Error's message, or the value itself). */
export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The problem an error says: its own when it carries one (PlanError, PlanStoreError,
 * FileProblem), else its text, so that a catalog can say it in the reader's language.
 */
export function saidOf(error: unknown): Problem {
  const said = (error as { said?: Problem } | null)?.said;
  return error instanceof Error && typeof said?.message === "string"
    ? said
    : { message: errorText(error) };
}

/**
 * "Accounts · C7 · Potential": where a problem is, as the panes and the command line show it
 * (the cell when known, else the row, worded by `rowWord` in the reader's language).
 */
export function placeOf(
  problem: ProblemPlace,
  rowWord: (row: number) => string = (row) => `row ${row}`
): string {
  const cell = problem.address ?? (problem.row ? rowWord(problem.row) : undefined);
  return [problem.sheet, cell, problem.column].filter(Boolean).join(" · ");
}
