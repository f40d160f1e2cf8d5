/**
 * The command line's plan files: open one as the workbench does (through the .xlsx adapter
 * and PlanStore), refusing files that are not workbooks in words, and write it back only as
 * a whole (a temporary file renamed over the original), so a failed run leaves the file as it was.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { PlanStore } from "../workbook/store";
import { XlsxDriver } from "../workbook/xlsxDriver";

/** A problem with the file itself, before any plan is read (exit code 2). */
export class FileProblem extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound files: old .xls, and .xlsx files encrypted with a password. */
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((b, i) => bytes[i] === b);

export async function openPlanFile(
  path: string
): Promise<{ driver: XlsxDriver; store: PlanStore }> {
  if (!existsSync(path)) throw new FileProblem(`${path}: no such file`);
  const bytes = new Uint8Array(readFileSync(path));
  if (startsWith(bytes, COMPOUND))
    throw new FileProblem(
      `${basename(path)} is password-protected or an old-format .xls; open it in Excel, remove the password (or save as .xlsx) and try again`
    );
  if (!startsWith(bytes, ZIP))
    throw new FileProblem(`${basename(path)} is not an Excel workbook (.xlsx)`);
  try {
    const driver = await XlsxDriver.fromBuffer(bytes);
    return { driver, store: new PlanStore(driver) };
  } catch (error) {
    throw new FileProblem(
      `${basename(path)} could not be read as an Excel workbook: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}

export async function savePlanFile(driver: XlsxDriver, path: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, await driver.toBuffer());
  renameSync(temporary, path);
}
