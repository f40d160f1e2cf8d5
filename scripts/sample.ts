/** `npm run sample [file]`: writes the seeded FY2027 sample planning workbook. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { SAMPLE_FILE_NAME, writeSamplePlan } from "../src/sample/samplePlan";
import { PackageDriver } from "../src/workbook/packageDriver";

async function main() {
  const out = resolve(process.argv[2] ?? SAMPLE_FILE_NAME);
  const driver = await PackageDriver.blank();
  await writeSamplePlan(driver);
  writeFileSync(out, await driver.toBuffer());
  console.log(`Wrote ${out}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
