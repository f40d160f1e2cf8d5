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
  "plan.loading": "Reading the plan…",
  "plan.loadError": "The plan could not be read: {reason}",
  "plan.notLoaded": "The plan has not been read yet; wait a moment and save again.",
  "plan.problems": "{count} problem(s) in the plan tables",
  "plan.row": "row {row}",
  "workbench.toolbar": "Workbook file",
  "workbench.open": "Open workbook…",
  "workbench.new": "New empty plan",
  "workbench.newName": "Sales plan.xlsx",
  "workbench.download": "Download workbook",
  "workbench.file":
    "Excel is not available here, so the pane works on {name}. It stays in this browser: download it to keep your changes.",
  "workbench.badFile":
    "{name} could not be opened as an Excel workbook (.xlsx): {reason}. The plan you had open is unchanged.",
  "functions.heading": "Worksheet functions",
  "functions.hint": "Type =PLAN. in a cell to see them all.",
} as const;

export type MessageKey = keyof typeof enUS;
export type Catalog = Record<MessageKey, string>;
