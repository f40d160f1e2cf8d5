/**
 * What a person does to a workbook in Excel between two runs, done to a package the way
 * Excel would store it: type into cells, add a sheet, merge cells, rename or un-table a
 * table. Tests use these to check that the add-in keeps, or refuses around, a user's edits.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/workbook/rows";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { splitAddress } from "../../src/workbook/package/cellRef";
import { valueCellXml } from "../../src/workbook/package/cells";
import { RowWrite, locateSheetData, patchSheet } from "../../src/workbook/package/sheetData";
import { encodeExcelText, escapeText } from "../../src/workbook/package/xml";

/** A value to type, or a formula (with its cached result) to enter. */
export type Typed = CellValue | { formula: string; result?: number };

async function sheetPart(driver: PackageDriver, sheet: string): Promise<string> {
  const book = driver.file.book;
  const entry = book.sheet(sheet) ?? (await book.addSheet(sheet));
  return entry.part!;
}

/** Types values (or formulas) into cells of a sheet, creating the sheet if needed. */
export async function typeInto(
  driver: PackageDriver,
  sheet: string,
  cells: Record<string, Typed>
): Promise<void> {
  const part = await sheetPart(driver, sheet);
  const writes: RowWrite[] = Object.entries(cells).map(([ref, typed]) => {
    const at = splitAddress(ref)!;
    const xml =
      typed !== null && typeof typed === "object"
        ? `<c r="${ref}"><f>${escapeText(typed.formula.replace(/^=/, ""))}</f>${typed.result === undefined ? "" : `<v>${typed.result}</v>`}</c>`
        : typeof typed === "string"
          ? // Typed as Excel stores it, whatever its length (the adapter's writer refuses > 32,767).
            `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${encodeExcelText(typed)}</t></is></c>`
          : valueCellXml(ref, undefined, typed) || `<c r="${ref}"/>`;
    return { row: at.row, left: at.column, right: at.column, xml };
  });
  // A patch replaces one run of columns per row: one cell at a time is enough for tests.
  let xml = (await driver.file.sheet(part)).xml;
  for (const w of writes) xml = patchSheet(locateSheetData(xml), [w]).xml;
  driver.file.writeSheet(part, xml);
}

/** Merges a range of cells on a sheet, as Home › Merge & Center does. */
export async function mergeCells(driver: PackageDriver, sheet: string, ref: string): Promise<void> {
  const part = await sheetPart(driver, sheet);
  let xml = (await driver.file.sheet(part)).xml;
  if (/<mergeCells\b/.test(xml))
    xml = xml.replace("</mergeCells>", `<mergeCell ref="${ref}"/></mergeCells>`);
  else
    xml = xml
      .replace(
        "</sheetData>",
        `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`
      )
      .replace(
        "<sheetData/>",
        `<sheetData/><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`
      );
  driver.file.writeSheet(part, xml);
}

/** Renames a table (Table Design › Table Name). */
export async function renameTable(driver: PackageDriver, from: string, to: string): Promise<void> {
  const table = (await driver.file.book.table(from))!;
  const xml = (await driver.file.pkg.read(table.part))!;
  driver.file.pkg.write(
    table.part,
    xml
      .replace(/\bname="[^"]*"/, `name="${to}"`)
      .replace(/\bdisplayName="[^"]*"/, `displayName="${to}"`)
  );
  driver.file.book.tablesChanged();
}

/** Turns a table back into a plain range (Table Design › Convert to Range): the cells stay. */
export async function convertToRange(driver: PackageDriver, name: string): Promise<void> {
  const { pkg, book } = driver.file;
  const table = (await book.table(name))!;
  pkg.remove(table.part);
  await pkg.dropContentType(table.part);
  await pkg.unrelate(table.sheetPart, [table.relId]);
  const xml = (await pkg.read(table.sheetPart))!;
  const without = xml.replace(new RegExp(`<tablePart r:id="${table.relId}"/>`), "");
  pkg.write(
    table.sheetPart,
    /<tableParts[^>]*>\s*<\/tableParts>/.test(without)
      ? without.replace(/<tableParts[^>]*>\s*<\/tableParts>/, "")
      : without
  );
  book.tablesChanged();
}

/** The workbook's bytes reopened, as after saving and opening the file again. */
export async function reopen(driver: PackageDriver): Promise<PackageDriver> {
  return PackageDriver.fromBuffer(await driver.toBuffer());
}

/** The file read by ExcelJS, an independent reader of values (never used to write a user's file). */
export async function readByExcelJs(driver: PackageDriver | Uint8Array): Promise<ExcelJS.Workbook> {
  const bytes = driver instanceof Uint8Array ? driver : await driver.toBuffer();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A part of the saved file as text. */
export async function partText(driver: PackageDriver, part: string): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(await driver.toBuffer());
  return zip.file(part)?.async("string");
}
