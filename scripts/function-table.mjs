// Prints the README's PLAN.* function table from the JSDoc in src/functions/functions.ts
// (the same generator the build uses). test/functions/metadata.test.ts checks README.md against it.
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const { metadataJson, errors } = await generateCustomFunctionsMetadata(
  "src/functions/functions.ts"
);
if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
const rows = JSON.parse(metadataJson).functions.map((fn) => {
  const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `| \`PLAN.${fn.name}(${args})\` | ${fn.description} |`;
});
console.log(["| Function | What it returns |", "|---|---|", ...rows].join("\n"));
