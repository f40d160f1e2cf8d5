/**
 * The fake Excel's sheet-level state beyond cells (fakeExcel.ts): tab order is kept by the
 * workbook; here are what a report sheet sets — visibility, tab colour, cell looks (font,
 * wrap, alignment, bottom border), row heights and column widths, page layout, conditional
 * formats and charts — and the request-side objects that queue those settings until sync,
 * as Office.js does. Tests read the state back through FakeWorkbook.layout(sheet).
 */
import { Area, Sheet, fail, formatArea } from "./fakeExcelCells";

export interface CellLook {
  bold?: boolean;
  size?: number;
  color?: string;
  wrapText?: boolean;
  verticalAlignment?: string;
  bottomBorder?: { style?: string; color?: string };
}

export interface PageSetup {
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printArea?: string;
  printTitleRows?: string;
  centerHeader?: string;
  leftFooter?: string;
  rightFooter?: string;
}

export interface SheetLayout {
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  /** By A1 address of the cell. */
  looks: Map<string, CellLook>;
  /** By 1-based row, in points. */
  rowHeights: Map<number, number>;
  /** By 0-based column, in points. */
  columnWidths: Map<number, number>;
  page: PageSetup;
  conditionalTexts: { text: string; fill: string; font: string }[];
  charts: { type: string; title: string; fills: string[] }[];
}

export const blankLayout = (): SheetLayout => ({
  visibility: "Visible",
  tabColor: "",
  looks: new Map(),
  rowHeights: new Map(),
  columnWidths: new Map(),
  page: {},
  conditionalTexts: [],
  charts: [],
});

export interface RangeTarget {
  sheet: Sheet;
  area: Area;
}

type Later<T> = (apply: (target: T) => void) => void;

const cellsOf = ({ area }: RangeTarget): string[] => {
  const found: string[] = [];
  for (let r = area.top; r < area.top + area.rows; r++)
    for (let c = area.left; c < area.left + area.columns; c++)
      found.push(formatArea({ top: r, left: c, rows: 1, columns: 1 }));
  return found;
};

function look(target: RangeTarget, change: (look: CellLook) => void): void {
  for (const cell of cellsOf(target)) {
    const looks = target.sheet.layout.looks;
    const current = looks.get(cell) ?? {};
    change(current);
    looks.set(cell, current);
  }
}

/** Range.format: every setting queues and applies at sync to each cell (rows, columns) of the range. */
export function rangeFormat(later: Later<RangeTarget>) {
  const font = {
    set(properties: { bold?: boolean; size?: number; color?: string }) {
      const known = ["bold", "size", "color"];
      for (const name of Object.keys(properties))
        if (!known.includes(name)) fail("InvalidArgument", `font has no property ${name}`);
      later((t) => look(t, (l) => Object.assign(l, properties)));
    },
    set bold(value: boolean) {
      later((t) => look(t, (l) => (l.bold = value)));
    },
    set size(value: number) {
      later((t) => look(t, (l) => (l.size = value)));
    },
    set color(value: string) {
      later((t) => look(t, (l) => (l.color = value)));
    },
  };
  return {
    font,
    set wrapText(value: boolean) {
      later((t) => look(t, (l) => (l.wrapText = value)));
    },
    set verticalAlignment(value: string) {
      later((t) => look(t, (l) => (l.verticalAlignment = value)));
    },
    set rowHeight(points: number) {
      if (!(points >= 0 && points <= 409)) fail("InvalidArgument", `row height ${points}`);
      later(({ sheet, area }) => {
        for (let r = area.top; r < area.top + area.rows; r++)
          sheet.layout.rowHeights.set(r + 1, points);
      });
    },
    set columnWidth(points: number) {
      later(({ sheet, area }) => {
        for (let c = area.left; c < area.left + area.columns; c++)
          sheet.layout.columnWidths.set(c, points);
      });
    },
    borders: {
      getItem(index: string) {
        if (index !== "EdgeBottom") fail("NotImplemented", `border ${index} in this fake`);
        return {
          set style(style: string) {
            later((t) => look(t, (l) => (l.bottomBorder = { ...l.bottomBorder, style })));
          },
          set color(color: string) {
            later((t) => look(t, (l) => (l.bottomBorder = { ...l.bottomBorder, color })));
          },
        };
      },
    },
  };
}

/** Range.conditionalFormats: a containsText rule, recorded at sync with the colours set on it by then. */
export function conditionalFormats(later: Later<RangeTarget>) {
  return {
    add(type: string) {
      if (type !== "ContainsText") fail("NotImplemented", `conditional format ${type}`);
      const textComparison = {
        format: { fill: { color: "" }, font: { color: "" } },
        rule: { operator: "", text: "" },
      };
      later(({ sheet }) =>
        sheet.layout.conditionalTexts.push({
          text: textComparison.rule.text,
          fill: textComparison.format.fill.color,
          font: textComparison.format.font.color,
        })
      );
      return { textComparison };
    },
  };
}

/** Worksheet.pageLayout (ExcelApi 1.9). */
export function pageLayout(later: Later<Sheet>) {
  const set = (change: Partial<PageSetup>) =>
    later((sheet) => Object.assign(sheet.layout.page, change));
  const page = {
    set centerHeader(text: string) {
      set({ centerHeader: text });
    },
    set leftFooter(text: string) {
      set({ leftFooter: text });
    },
    set rightFooter(text: string) {
      set({ rightFooter: text });
    },
  };
  return {
    set orientation(value: string) {
      set({ orientation: value });
    },
    set zoom(value: PageSetup["zoom"]) {
      set({ zoom: { ...value } });
    },
    setPrintArea(address: string) {
      set({ printArea: address });
    },
    setPrintTitleRows(address: string) {
      if (!/^\$?\d+:\$?\d+$/.test(address)) fail("InvalidArgument", `title rows ${address}`);
      set({ printTitleRows: address });
    },
    headersFooters: { defaultForAllPages: page },
  };
}

/** Worksheet.charts: which charts were added, with their titles and series fills. */
export function charts(later: Later<Sheet>) {
  return {
    add(type: string) {
      const fills: string[] = [];
      const series = () => ({
        setValues() {},
        setXAxisValues() {},
        name: "",
        format: { fill: { setSolidColor: (colour: string) => fills.push(colour) } },
      });
      const chart = {
        title: { text: "" },
        series: {
          getItemAt: () => series(),
          add: () => series(),
        },
        setPosition() {},
      };
      later((sheet) => sheet.layout.charts.push({ type, title: chart.title.text, fills }));
      return chart;
    },
  };
}
