/**
 * `npm run sample [-- FILE.xlsx]`: writes the seeded FY2027 sample planning workbook (to
 * "FY2027 Sales Plan (sample).xlsx" in the current folder by default). It never replaces an
 * existing file: the sample is a fresh workbook, and the file there may be someone's plan.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { SAMPLE_FILE_NAME, writeSamplePlan } from "../src/sample/samplePlan";
import { PackageDriver } from "../src/workbook/packageDriver";

const USAGE = `Usage: npm run sample [-- FILE.xlsx]
Writes the FY2027 sample plan to FILE.xlsx (default: "${SAMPLE_FILE_NAME}"); an existing file is never replaced.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((a) => a === "-h" || a === "--help")) {
    console.log(USAGE);
    return 0;
  }
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    console.error(`sample: unexpected ${args.join(" ")}\n${USAGE}`);
    return 2;
  }
  const out = resolve(args[0] ?? SAMPLE_FILE_NAME);
  if (!/\.xls[xm]$/i.test(out)) {
    console.error(`sample: ${out} does not end in .xlsx, so Excel would not open it as a workbook`);
    return 2;
  }
  if (existsSync(out)) {
    console.error(`sample: ${out} already exists; nothing was written (give a new file name)`);
    return 2;
  }
  const driver = await PackageDriver.blank();
  await writeSamplePlan(driver);
  writeFileSync(out, await driver.toBuffer(), { flag: "wx" });
  console.log(`Wrote ${out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
);
