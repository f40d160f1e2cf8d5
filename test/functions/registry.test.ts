/**
 * The PLAN functions by name, as `sales-plan recalc` and the sample call them, are exactly
 * the functions Excel's catalog lists: the names custom-functions-metadata generates from
 * the JSDoc (the same generator the build runs).
 */
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import families from "../../src/functions/families.json";
import { PLAN_FUNCTIONS } from "../../src/functions/registry";

it("names every PLAN function as Excel's catalog does, and nothing else", async () => {
  const generated = await generateCustomFunctionsMetadata(
    families.map((family) => join(__dirname, "../..", family))
  );
  const names = (JSON.parse(generated.metadataJson).functions as { name: string }[]).map(
    (f) => f.name
  );
  expect([...PLAN_FUNCTIONS.keys()].sort()).toEqual([...names].sort());
  expect(names).toContain("WINRATE");
}, 60_000);
