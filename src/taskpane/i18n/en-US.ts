/** English UI strings. Every other locale must provide the same keys (checked by the compiler). */
export const enUS = {
  "app.title": "Sales Planning",
  "app.language": "Language",
  "app.view.v2mom": "V2MOM",
  "app.view.territories": "Territories & Quotas",
  "app.host.excel": "Working in this Excel workbook.",
  "app.host.outside": "Excel is not available here: this pane works on a workbook file instead.",
  "v2mom.intro":
    "Vision, Values, Methods, Obstacles, Measures: write your V2MOM, align it to the level above, and keep it in this workbook.",
  "territories.intro":
    "Assign accounts to reps by region, industry and size, balance the territories and split the target into quotas that tie out.",
  "functions.heading": "Worksheet functions",
  "functions.hint": "Type =PLAN. in a cell to see them all.",
} as const;

export type MessageKey = keyof typeof enUS;
export type Catalog = Record<MessageKey, string>;
