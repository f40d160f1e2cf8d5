/**
 * The workbook part and what hangs off it: its sheets (name, part, visibility), the date system,
 * the shared strings and styles parts, and every Excel table with the sheet it sits on. Edits
 * to xl/workbook.xml are made as text, in place, so everything the add-in does not own in it
 * (views, defined names, calculation settings, extensions) stays as Excel wrote it.
 */
import { OpcPackage, REL, resolveTarget, CONTENT_TYPE, insertBeforeClose } from "./opc";
import { attr, childNamed, childrenNamed, escapeAttr, parseXml, XmlElement } from "./xml";
import { reorderedXml, replaceSheetAttr, sheetElement, withLocalNames } from "./workbookXml";
import { TablePart, readTablePart } from "./tablePart";

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml (undefined for a chart sheet). */
  part: string | undefined;
  state: "visible" | "hidden" | "veryHidden";
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** Landscape, one page wide and as many tall as needed, with Excel's default margins (CT_Worksheet order). */
export const PRINT_WIDE =
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
  `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`;
const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** The relationship id of an element's r:id attribute, whatever the prefix. */
export function relIdOf(element: XmlElement): string | undefined {
  for (const [name, value] of Object.entries(element.attrs))
    if (name.endsWith(":id") && !name.startsWith("xmlns")) return value;
  return undefined;
}

export class WorkbookPart {
  private tableIndex?: Promise<TablePart[]>;

  private constructor(
    readonly pkg: OpcPackage,
    readonly path: string,
    public sheets: SheetEntry[],
    readonly date1904: boolean,
    readonly sharedStringsPath: string | undefined,
    readonly stylesPath: string | undefined,
    public definedNames: { name: string; localSheetId?: number; formula: string }[]
  ) {}

  static async open(pkg: OpcPackage): Promise<WorkbookPart> {
    const root = await pkg.relationships("");
    const office = root.find((r) => r.type === REL.officeDocument);
    if (!office) throw new Error("the file has no workbook part (it is not an Excel workbook)");
    const path = resolveTarget("", office.target);
    const xml = await pkg.read(path);
    if (!xml) throw new Error(`the workbook part ${path} is missing`);
    const workbook = parseXml(xml);
    if (workbook.local !== "workbook") throw new Error("the main part is not a workbook");
    const rels = await pkg.relationships(path);
    const target = (id: string | undefined) => {
      const rel = rels.find((r) => r.id === id);
      return rel && !rel.external ? resolveTarget(path, rel.target) : undefined;
    };
    const sheets: SheetEntry[] = childrenNamed(
      childNamed(workbook, "sheets") ?? workbook,
      "sheet"
    ).map((s) => {
      const relId = relIdOf(s) ?? "";
      const rel = rels.find((r) => r.id === relId);
      return {
        name: attr(s, "name") ?? "",
        sheetId: Number(attr(s, "sheetId") ?? 0),
        relId,
        part: rel?.type === REL.worksheet ? target(relId) : undefined,
        state: (attr(s, "state") as SheetEntry["state"]) ?? "visible",
      };
    });
    const pr = childNamed(workbook, "workbookPr");
    const date1904 = ["1", "true"].includes(pr?.attrs.date1904 ?? "");
    const of = (type: string) => {
      const rel = rels.find((r) => r.type === type);
      return rel ? resolveTarget(path, rel.target) : undefined;
    };
    const definedNames = childrenNamed(
      childNamed(workbook, "definedNames") ?? workbook,
      "definedName"
    ).map((d) => ({
      name: attr(d, "name") ?? "",
      localSheetId: d.attrs.localSheetId === undefined ? undefined : Number(d.attrs.localSheetId),
      formula: d.children.filter((c): c is string => typeof c === "string").join(""),
    }));
    return new WorkbookPart(
      pkg,
      path,
      sheets,
      date1904,
      of(REL.sharedStrings),
      of(REL.styles),
      definedNames
    );
  }

  sheet(name: string): SheetEntry | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetOfPart(part: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.part === part);
  }

  /** Every table in the workbook, read once (table parts are small). */
  tables(): Promise<TablePart[]> {
    this.tableIndex ??= (async () => {
      const found: TablePart[] = [];
      for (const sheet of this.sheets) {
        if (!sheet.part) continue;
        for (const rel of await this.pkg.relationships(sheet.part)) {
          if (rel.type !== REL.table || rel.external) continue;
          const part = resolveTarget(sheet.part, rel.target);
          const xml = await this.pkg.read(part);
          if (xml) found.push(readTablePart(xml, part, sheet.name, sheet.part, rel.id));
        }
      }
      return found;
    })();
    return this.tableIndex;
  }

  /** Forget the table index after tables were added or changed. */
  tablesChanged(): void {
    this.tableIndex = undefined;
  }

  async table(name: string): Promise<TablePart | undefined> {
    const lower = name.toLowerCase();
    return (await this.tables()).find((t) => t.name.toLowerCase() === lower);
  }

  private async edit(change: (xml: string) => string): Promise<void> {
    this.pkg.write(this.path, change((await this.pkg.read(this.path))!));
  }

  /**
   * Adds an empty worksheet, at the end of the tab order or at tab index `at` (the sheets
   * from there on move one place right, keeping their order); returns its entry. A sheet
   * kept only for the record gets a grey tab (`tabColor`); a sheet of wide tables prints
   * landscape and one page wide (`printWide`), so a plan table does not print as a stack
   * of pages with one column each.
   */
  async addSheet(
    name: string,
    state: SheetEntry["state"] = "visible",
    at = this.sheets.length,
    look: { tabColor?: string; printWide?: boolean } = {}
  ): Promise<SheetEntry> {
    const part = this.pkg.freeName("xl/worksheets/sheet", ".xml");
    const properties =
      (look.tabColor ? `<tabColor rgb="${argb(look.tabColor)}"/>` : "") +
      (look.printWide ? `<pageSetUpPr fitToPage="1"/>` : "");
    const print = look.printWide ? PRINT_WIDE : "";
    this.pkg.write(
      part,
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${properties ? `<sheetPr>${properties}</sheetPr>` : ""}<sheetData/>${print}</worksheet>`
    );
    await this.pkg.setContentType(part, CONTENT_TYPE.worksheet);
    const relId = await this.pkg.relate(this.path, REL.worksheet, part);
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const entry: SheetEntry = { name, sheetId, relId, part, state };
    const stateAttr = state === "visible" ? "" : ` state="${state}"`;
    await this.edit((xml) => {
      const markup = `<sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${stateAttr} r:id="${relId}"/>`;
      const withSheet = insertBeforeClose(xml, "sheets", markup);
      return /xmlns:r=/.test(
        withSheet.slice(0, withSheet.indexOf(">", withSheet.indexOf("<workbook")))
      )
        ? withSheet
        : withSheet.replace(
            /<((?:\w+:)?workbook)\b/,
            `<$1 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
          );
    });
    this.sheets = [...this.sheets, entry];
    if (at < this.sheets.length - 1) await this.moveSheet(entry, at);
    return entry;
  }

  /** The tab index of a sheet. */
  indexOf(sheet: SheetEntry): number {
    return this.sheets.findIndex((s) => s.sheetId === sheet.sheetId);
  }

  /**
   * Moves one sheet to tab index `to`; the others keep their order. Everything in the
   * workbook part that refers to sheets by tab index moves with them (defined names'
   * localSheetId, the views' active and first tab), so a user's print area or local name
   * still belongs to the sheet it was made on.
   */
  async moveSheet(sheet: SheetEntry, to: number): Promise<void> {
    const from = this.indexOf(sheet);
    if (from < 0 || from === to) return;
    const order = this.sheets.filter((s) => s.sheetId !== sheet.sheetId);
    order.splice(to, 0, this.sheets[from]);
    await this.reorder(order);
  }

  /** Shows or hides a sheet ("hidden" leaves it out of printing and PDF export). */
  async setState(sheet: SheetEntry, state: SheetEntry["state"]): Promise<void> {
    await this.edit((xml) => {
      const entry = sheetElement(xml, sheet.sheetId);
      const plain = entry.text.replace(/\sstate="[^"]*"/, "");
      const changed =
        state === "visible" ? plain : plain.replace(/^<((?:\w+:)?sheet)\b/, `<$1 state="${state}"`);
      return xml.slice(0, entry.at) + changed + xml.slice(entry.at + entry.text.length);
    });
    this.sheets = this.sheets.map((s) => (s.sheetId === sheet.sheetId ? { ...s, state } : s));
    // A hidden sheet cannot be the one the workbook opens on.
    if (state !== "visible") await this.reorder(this.sheets);
  }

  /**
   * Sets a sheet's own print names (_xlnm.Print_Area, _xlnm.Print_Titles), replacing the
   * ones it had; `undefined` removes one. Formulas are the add-in's own (A1 references).
   */
  async setPrintNames(sheet: SheetEntry, names: { area?: string; titles?: string }): Promise<void> {
    const local = this.indexOf(sheet);
    const wanted: [string, string | undefined][] = [
      ["_xlnm.Print_Area", names.area],
      ["_xlnm.Print_Titles", names.titles],
    ];
    await this.edit((xml) => withLocalNames(xml, local, wanted));
    this.definedNames = [
      ...this.definedNames.filter(
        (d) => d.localSheetId !== local || !wanted.some(([n]) => n === d.name)
      ),
      ...wanted
        .filter((w): w is [string, string] => w[1] !== undefined)
        .map(([name, formula]) => ({ name, localSheetId: local, formula })),
    ];
  }

  /**
   * Puts the sheets in `order` (the same entries, or fewer when one was removed), rewriting
   * <sheets> and every tab index in the workbook part to match.
   */
  private async reorder(order: SheetEntry[]): Promise<void> {
    const newIndex = new Map(order.map((s, i) => [s.sheetId, i]));
    const moved = this.sheets.map((s) => newIndex.get(s.sheetId));
    const firstVisible = Math.max(
      0,
      order.findIndex((s) => s.state === "visible")
    );
    const visibleAt = (i: number | undefined) =>
      i === undefined || order[i]?.state !== "visible" ? firstVisible : i;
    await this.edit((xml) =>
      reorderedXml(
        xml,
        order.map((s) => s.sheetId),
        moved,
        visibleAt
      )
    );
    this.definedNames = this.definedNames.map((d) =>
      d.localSheetId === undefined
        ? d
        : { ...d, localSheetId: moved[d.localSheetId] ?? d.localSheetId }
    );
    this.sheets = order;
  }

  /** Points a sheet entry at another worksheet part (report sheets swap parts with their previous version). */
  async setSheetPart(sheet: SheetEntry, part: string): Promise<void> {
    const [relId] = [await this.pkg.relate(this.path, REL.worksheet, part)];
    await this.pkg.unrelate(this.path, [sheet.relId]);
    await this.edit((xml) =>
      replaceSheetAttr(xml, sheet.name, /\br:id="[^"]*"|\b\w+:id="[^"]*"/, `r:id="${relId}"`)
    );
    this.sheets = this.sheets.map((s) => (s === sheet ? { ...s, relId, part } : s));
    this.tablesChanged();
  }

  /** Removes a sheet the add-in made and left empty (no defined names refer to it yet). */
  async removeEmptySheet(sheet: SheetEntry): Promise<void> {
    // The sheets after it move one tab left: their tab indices follow.
    await this.reorder(this.sheets.filter((s) => s !== sheet));
    this.sheets = [...this.sheets, sheet];
    await this.edit((xml) =>
      xml.replace(new RegExp(`<(?:\\w+:)?sheet\\b[^>]*\\bsheetId="${sheet.sheetId}"[^>]*/>`), "")
    );
    await this.pkg.unrelate(this.path, [sheet.relId]);
    if (sheet.part) {
      this.pkg.remove(sheet.part);
      await this.pkg.dropContentType(sheet.part);
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
  }

  async renameSheet(sheet: SheetEntry, name: string): Promise<void> {
    await this.edit((xml) =>
      replaceSheetAttr(xml, sheet.name, /\bname="[^"]*"/, `name="${escapeAttr(name)}"`)
    );
    this.sheets = this.sheets.map((s) => (s === sheet ? { ...s, name } : s));
    this.tablesChanged();
  }

  /** Asks Excel to recalculate everything when it opens the file (formulas written without cached values). */
  async recalculateOnOpen(): Promise<void> {
    await this.edit((xml) => {
      if (/<(?:\w+:)?calcPr\b[^>]*fullCalcOnLoad="1"/.test(xml)) return xml;
      if (/<(?:\w+:)?calcPr\b/.test(xml))
        return xml
          .replace(/<((?:\w+:)?calcPr)\b/, `<$1 fullCalcOnLoad="1"`)
          .replace(/(fullCalcOnLoad="1"[^>]*?)\s+fullCalcOnLoad="[^"]*"/, "$1");
      // calcPr follows sheets, functionGroups, externalReferences and definedNames (CT_Workbook order).
      const after =
        /<\/(?:\w+:)?definedNames>|<\/(?:\w+:)?externalReferences>|<\/(?:\w+:)?functionGroups>|<\/(?:\w+:)?sheets>/g;
      let last: RegExpExecArray | null = null;
      for (let m = after.exec(xml); m; m = after.exec(xml)) last = m;
      if (!last) return xml;
      const at = last.index + last[0].length;
      return `${xml.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
    });
  }

  /** Removes the calculation chain: Excel rebuilds it, and a stale one makes it repair the file. */
  async dropCalcChain(): Promise<void> {
    const rels = await this.pkg.relationships(this.path);
    const chain = rels.filter((r) => r.type === REL.calcChain);
    if (!chain.length) return;
    for (const rel of chain) {
      const part = resolveTarget(this.path, rel.target);
      this.pkg.remove(part);
      await this.pkg.dropContentType(part);
    }
    await this.pkg.unrelate(
      this.path,
      chain.map((r) => r.id)
    );
  }
}
