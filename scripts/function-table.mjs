// Prints the README's PLAN.* function table from the JSDoc of the function families listed in
// src/functions/families.json (the same generator and files the build uses).
// test/functions/metadata.test.ts checks README.md against it.
import { readFileSync } from "node:fs";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const families = JSON.parse(readFileSync("src/functions/families.json", "utf8"));
const { metadataJson, errors } = await generateCustomFunctionsMetadata(families);
if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
const rows = JSON.parse(metadataJson).functions.map((fn) => {
  const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `| \`PLAN.${fn.name}(${args})\` | ${fn.description} |`;
});
console.log(["| Function | What it returns |", "|---|---|", ...rows].join("\n"));
