/**
 * An open workbook file: the package, its workbook part, shared strings and styles, and the
 * worksheets as text, read on first use. What the table, column and report writers share.
 */
import { DAYS_1904, ReadContext } from "./cells";
import { OpcPackage, REL, CONTENT_TYPE } from "./opc";
import { SheetText, locateSheetData, stringItemText } from "./sheetData";
import { BLANK_STYLES, StyleBook } from "./styles";
import { WorkbookPart } from "./workbookPart";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts of a workbook with one empty sheet, as Excel makes a new one. */
export const BLANK_PARTS: Record<string, string> = {
  "[Content_Types].xml":
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE.worksheet}"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/></Types>`,
  "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/></Relationships>`,
  "xl/workbook.xml": `<workbook xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
  "xl/_rels/workbook.xml.rels":
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL.worksheet}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL.styles}" Target="styles.xml"/></Relationships>`,
  "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><dimension ref="A1"/><sheetData/></worksheet>`,
  "xl/styles.xml": BLANK_STYLES,
};

/** How often, at most, long reads and writes say they are still working (ms). */
const HEARTBEAT_MS = 200;

export class WorkbookFile {
  private sharedStrings?: Promise<string[]>;
  private lastBeat = 0;
  /** Called now and then during long reads and writes, so a progress bar does not stand still. */
  onProgress?: () => void;

  /** Says "still working" when a heartbeat is due; cheap enough to call for every row. */
  beat(): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (now - this.lastBeat < HEARTBEAT_MS) return;
    this.lastBeat = now;
    this.onProgress();
  }
  private styleBook?: Promise<StyleBook>;

  constructor(
    readonly pkg: OpcPackage,
    readonly book: WorkbookPart
  ) {
    pkg.onInflating = () => this.beat();
  }

  static async open(bytes: Uint8Array | ArrayBuffer): Promise<WorkbookFile> {
    const pkg = await OpcPackage.open(bytes);
    return new WorkbookFile(pkg, await WorkbookPart.open(pkg));
  }

  /** Whether this is a new workbook whose placeholder Sheet1 goes once the plan adds a sheet. */
  private placeholderSheet = false;

  static async blank(): Promise<WorkbookFile> {
    const pkg = OpcPackage.fromParts(BLANK_PARTS);
    const file = new WorkbookFile(pkg, await WorkbookPart.open(pkg));
    file.placeholderSheet = true;
    return file;
  }

  /** A workbook needs a sheet; a new one has an empty Sheet1 until the plan writes sheets of its own. */
  private async dropPlaceholder(): Promise<void> {
    if (!this.placeholderSheet || this.book.sheets.length < 2) return;
    const placeholder = this.book.sheet("Sheet1");
    if (!placeholder?.part || (await this.pkg.read(placeholder.part)) !== this.blankSheet) return;
    await this.book.removeEmptySheet(placeholder);
    this.placeholderSheet = false;
  }

  private readonly blankSheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${BLANK_PARTS["xl/worksheets/sheet1.xml"]}`;

  styles(): Promise<StyleBook> {
    this.styleBook ??= (async () => {
      if (!this.book.stylesPath) {
        // A workbook without a styles part (some producers write none) gets Excel's defaults.
        this.pkg.write("xl/styles.xml", BLANK_STYLES);
        await this.pkg.setContentType("xl/styles.xml", CONTENT_TYPE.styles);
        await this.pkg.relate(this.book.path, REL.styles, "xl/styles.xml");
        (this.book as { stylesPath?: string }).stylesPath = "xl/styles.xml";
      }
      return new StyleBook((await this.pkg.read(this.book.stylesPath!)) ?? BLANK_STYLES);
    })();
    return this.styleBook;
  }

  private strings(): Promise<string[]> {
    this.sharedStrings ??= (async () => {
      const path = this.book.sharedStringsPath;
      const xml = path ? await this.pkg.read(path) : undefined;
      if (!xml) return [];
      const found: string[] = [];
      const items = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
      for (let m = items.exec(xml); m; m = items.exec(xml)) {
        found.push(m[1] ? stringItemText(m[1]) : "");
        if ((found.length & 1023) === 0) this.beat();
      }
      return found;
    })();
    return this.sharedStrings;
  }

  async readContext(): Promise<ReadContext> {
    return {
      sharedStrings: await this.strings(),
      styles: await this.styles(),
      date1904: this.book.date1904,
    };
  }

  /** A date serial (1900 system) as this workbook stores it. */
  storedSerial(serial: number): number {
    return this.book.date1904 ? serial - DAYS_1904 : serial;
  }

  async sheet(part: string): Promise<SheetText> {
    const xml = await this.pkg.read(part);
    if (xml === undefined) throw new Error(`the worksheet part ${part} is missing`);
    return locateSheetData(xml);
  }

  writeSheet(part: string, xml: string): void {
    this.pkg.write(part, xml);
  }

  async bytes(): Promise<Uint8Array> {
    await this.dropPlaceholder();
    const styles = this.styleBook && (await this.styleBook).edited;
    if (styles && this.book.stylesPath) this.pkg.write(this.book.stylesPath, styles);
    return this.pkg.bytes(() => this.beat());
  }
}
