/**
 * Messages as data: a code that a user interface translates, the values it needs, and the
 * English text for the command line and logs. The English templates live beside the code
 * that reports them; the pane's English catalog takes them from there, and each other
 * catalog must translate every one (the compiler checks).
 */
export type WordValues = Record<string, string | number>;

export interface Worded<C extends string = string> {
  code: C;
  values: WordValues;
  message: string;
}

/** Fills {name} placeholders; a placeholder without a value stays as written. */
export const fill = (template: string, values: WordValues) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );

/** A message from a table of templates. */
export function wordsFrom<T extends Record<string, string>>(templates: T) {
  return <C extends keyof T & string>(code: C, values: WordValues = {}): Worded<C> => ({
    code,
    values,
    message: fill(templates[code], values),
  });
}
