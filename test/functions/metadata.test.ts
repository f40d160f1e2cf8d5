/**
 * functions.json is generated from the JSDoc in functions.ts. These checks run the same
 * generator the build uses, so a function missing from Excel's catalog, a parameter
 * without a description or a README table out of step fails the tests, not a user.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import families from "../../src/functions/families.json";

interface Parameter {
  name: string;
  description?: string;
  optional?: boolean;
  dimensionality?: string;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: Parameter[];
}

const source = families.map((family) => join(__dirname, "../..", family));
let functions: FunctionMetadata[];
let errors: string[];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(source);
  errors = generated.errors;
  functions = JSON.parse(generated.metadataJson).functions;
}, 60_000);

describe("custom function metadata", () => {
  it("generates without errors", () => {
    expect(errors).toEqual([]);
  });

  it("gives every function an id equal to its name, a description, and described parameters", () => {
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.id).toBe(fn.name);
      expect(fn.name).toMatch(/^[A-Z][A-Z0-9.]{2,}$/);
      expect(fn.description?.trim()).toBeTruthy();
      for (const parameter of fn.parameters) expect(parameter.description?.trim()).toBeTruthy();
    }
  });

  it("is listed in README.md's function table exactly", () => {
    const root = join(__dirname, "../..");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const table = /<!-- functions:start -->\n([\s\S]*?)\n<!-- functions:end -->/.exec(readme)?.[1];
    const expected = execFileSync("node", ["scripts/function-table.mjs"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    expect(expected.split("\n")).toHaveLength(functions.length + 2);
    // On failure the expected table is printed: `node scripts/function-table.mjs` regenerates it.
    expect(table).toBe(expected);
  });
});
