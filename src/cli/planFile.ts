/**
 * The command line's plan files: open one as the workbench does (through the file adapter and
 * PlanStore), refusing in words files that are not workbooks, and write it back only as a
 * whole and only over the very file that was read (see safeFile.ts).
 */
import { basename } from "node:path";
import type { WorkbookDriver } from "../workbook/driver";
import { OpcPackage, REL, resolveTarget } from "../workbook/package/opc";
import { PackageDriver } from "../workbook/packageDriver";
import type { WorkbookFile } from "../workbook/package/workbookFile";
import { PlanStore } from "../workbook/store";
import { FileProblem } from "./failures";
import { FileState, ReadFile, ReplaceOptions, readRegularFile, replaceFile } from "./safeFile";
import { errorText, type Worded } from "../domain/problem";
import { cliProblem } from "./cliProblems";

export { FileProblem };

/** The file adapter the command line uses: any WorkbookDriver that can give the file's bytes. */
/** The file adapter as the commands use it: the plan's driver, its bytes, and (for recalc) its package. */
export type PlanFileDriver = WorkbookDriver & {
  toBuffer(): Promise<Uint8Array>;
  readonly file?: WorkbookFile;
};

/** The one place that picks the file adapter. */
const readWorkbook = (bytes: Uint8Array): Promise<PlanFileDriver> =>
  PackageDriver.fromBuffer(bytes);

export interface OpenedPlan {
  driver: PlanFileDriver;
  store: PlanStore;
  /** The file as read: where it is and the state a replacement must still find. */
  file: ReadFile;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound files: old .xls, and .xlsx files encrypted with a password. */
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((b, i) => bytes[i] === b);

const SPREADSHEET_MAIN =
  /(spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template|addin)\.macroEnabled\.main)\+xml$/i;

/** What the main part of an Office package other than a workbook makes it, for the message. */
function otherOfficeFile(contentType: string | undefined): Worded {
  if (contentType?.includes("wordprocessingml")) return cliProblem("wordDocument");
  if (contentType?.includes("presentationml")) return cliProblem("powerPointPresentation");
  return cliProblem("zipArchive");
}

/**
 * Refuses a zip that is not an Excel workbook: its package relationships must name a main
 * part (usually xl/workbook.xml) that exists and has a workbook's content type.
 */
async function requireWorkbookPackage(bytes: Uint8Array, name: string): Promise<void> {
  let main: { part: string; contentType: string | undefined } | undefined;
  try {
    const pkg = await OpcPackage.open(bytes);
    const office = (await pkg.relationships("")).find(
      (r) => r.type === REL.officeDocument && !r.external
    );
    const part = office ? resolveTarget("", office.target) : "xl/workbook.xml";
    if (pkg.has(part)) main = { part, contentType: await pkg.contentTypeOf(part) };
  } catch (error) {
    // The zip library's own words ("Corrupted zip?") mean nothing to the user and are English
    // only: said in the user's terms, kept for SALES_PLAN_DEBUG=1.
    throw new FileProblem(cliProblem("packageUnreadable", { name }), error);
  }
  if (!main || !SPREADSHEET_MAIN.test(main.contentType ?? "")) {
    const kind = otherOfficeFile(main?.contentType);
    throw new FileProblem({
      ...cliProblem("notWorkbookPackage", { name, kind: kind.message }),
      parts: { kind },
    });
  }
}

/** Reads a plan file and opens it as the workbench does; FileProblem (exit code 2) for anything unusable. */
export async function openPlanFile(path: string): Promise<OpenedPlan> {
  const file = readRegularFile(path);
  const { bytes } = file;
  const name = basename(path);
  if (startsWith(bytes, COMPOUND)) throw new FileProblem(cliProblem("encrypted", { name }));
  if (!startsWith(bytes, ZIP)) throw new FileProblem(cliProblem("notXlsx", { name }));
  await requireWorkbookPackage(bytes, name);
  let driver: PlanFileDriver;
  try {
    driver = await readWorkbook(bytes);
  } catch (error) {
    throw new FileProblem(cliProblem("workbookUnreadable", { name, reason: errorText(error) }));
  }
  return { driver, store: new PlanStore(driver), file };
}

/**
 * Writes the plan to `path` (the file read, or an `--out` file) as a whole: refused, with
 * nothing written, when the file there is no longer in state `expected`.
 */
export async function savePlanFile(
  driver: PlanFileDriver,
  path: string,
  expected: FileState | undefined,
  options: ReplaceOptions = {}
): Promise<void> {
  replaceFile(path, await driver.toBuffer(), expected, options);
}
