/**
 * The workbook part and what hangs off it: its sheets (name, part, visibility), the date system,
 * the shared strings and styles parts, and every Excel table with the sheet it sits on. Edits
 * to xl/workbook.xml are made as text, in place, so everything the add-in does not own in it
 * (views, defined names, calculation settings, extensions) stays as Excel wrote it.
 */
import { OpcPackage, REL, resolveTarget, CONTENT_TYPE, insertBeforeClose } from "./opc";
import { attr, childNamed, childrenNamed, escapeAttr, parseXml, XmlElement } from "./xml";
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
    readonly definedNames: { name: string; localSheetId?: number; formula: string }[]
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

  /** Adds an empty worksheet at the end of the tab order; returns its entry. */
  async addSheet(name: string, state: SheetEntry["state"] = "visible"): Promise<SheetEntry> {
    const part = this.pkg.freeName("xl/worksheets/sheet", ".xml");
    this.pkg.write(
      part,
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/></worksheet>`
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
    return entry;
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

  /** Removes a sheet the add-in made and left empty (no defined names or views refer to it yet). */
  async removeEmptySheet(sheet: SheetEntry): Promise<void> {
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

/** Replaces one attribute of the <sheet> entry named `name` in workbook.xml text. */
function replaceSheetAttr(
  xml: string,
  name: string,
  attribute: RegExp,
  replacement: string
): string {
  const entries = /<(?:\w+:)?sheet\b[^>]*\/?>/g;
  for (let m = entries.exec(xml); m; m = entries.exec(xml)) {
    const nameAttr = /\bname="([^"]*)"/.exec(m[0]);
    if (!nameAttr || parseXml(`<x n="${nameAttr[1]}"/>`).attrs.n !== name) continue;
    const changed = m[0].replace(attribute, replacement);
    return xml.slice(0, m.index) + changed + xml.slice(m.index + m[0].length);
  }
  throw new Error(`the workbook has no sheet named ${name}`);
}
