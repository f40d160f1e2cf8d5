/** Where the pane is running, found once at start-up. */
export interface HostInfo {
  /** "excel" inside Excel (any platform); "outside" in a plain browser, where a workbook file stands in. */
  kind: "excel" | "outside";
  displayLanguage: string;
  dark: boolean;
}

function isDarkColor(hex: string | undefined): boolean {
  const match = hex && /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return false;
  const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Outside Excel the browser's own light or dark preference stands in for Office's theme. */
const browserPrefersDark = () =>
  typeof window !== "undefined" &&
  typeof window.matchMedia === "function" &&
  window.matchMedia("(prefers-color-scheme: dark)").matches;

export async function detectHost(): Promise<HostInfo> {
  const browserLanguage = typeof navigator !== "undefined" ? navigator.language : "en-US";
  if (typeof Office === "undefined")
    return { kind: "outside", displayLanguage: browserLanguage, dark: browserPrefersDark() };
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel)
    return { kind: "outside", displayLanguage: browserLanguage, dark: browserPrefersDark() };
  return {
    kind: "excel",
    displayLanguage: Office.context.displayLanguage || browserLanguage,
    dark: isDarkColor(Office.context.officeTheme?.bodyBackgroundColor),
  };
}
