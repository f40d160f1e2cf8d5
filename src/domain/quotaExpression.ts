/**
 * User-written quota weights, such as `potential * capacity + 0.2 * history`, evaluated by
 * mathjs in a locked-down instance: only arithmetic, comparisons, a few named functions
 * and the fields of the rep. Nothing that parses, imports, defines units, assigns,
 * indexes objects or defines functions is reachable from a formula.
 */
import {
  absDependencies,
  addDependencies,
  ceilDependencies,
  create,
  divideDependencies,
  equalDependencies,
  expDependencies,
  floorDependencies,
  largerDependencies,
  largerEqDependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  MathNode,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  smallerDependencies,
  smallerEqDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unequalDependencies,
} from "mathjs";
import { valueError } from "./errors";

const math = create(
  {
    parseDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    minDependencies,
    maxDependencies,
    absDependencies,
    sqrtDependencies,
    logDependencies,
    expDependencies,
    roundDependencies,
    floorDependencies,
    ceilDependencies,
    largerDependencies,
    largerEqDependencies,
    smallerDependencies,
    smallerEqDependencies,
    equalDependencies,
    unequalDependencies,
  },
  { number: "number" }
);
const parse = math.parse;
const disabled = (name: string) => () => {
  throw new Error(`${name} is not available in quota formulas`);
};
math.import(
  {
    import: disabled("import"),
    createUnit: disabled("createUnit"),
    evaluate: disabled("evaluate"),
    parse: disabled("parse"),
    simplify: disabled("simplify"),
    derivative: disabled("derivative"),
    compile: disabled("compile"),
  },
  { override: true }
);

/** Functions a formula may call. */
export const FORMULA_FUNCTIONS = [
  "min",
  "max",
  "abs",
  "sqrt",
  "log",
  "exp",
  "round",
  "floor",
  "ceil",
  "pow",
];
const ALLOWED_NODES = new Set([
  "ConstantNode",
  "SymbolNode",
  "OperatorNode",
  "ParenthesisNode",
  "FunctionNode",
  "ConditionalNode",
]);

export interface CompiledFormula {
  readonly text: string;
  /** Evaluates for one record of named numbers; throws a located error for a non-finite or non-numeric result. */
  evaluate(fields: Record<string, number>): number;
}

/** Parses and checks a formula once; each later evaluation is a plain function call. */
export function compileFormula(text: string, fieldNames: readonly string[]): CompiledFormula {
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (error) {
    throw valueError(`the formula "${text}" cannot be read: ${(error as Error).message}`, {
      field: "formula",
    });
  }
  const fields = new Set(fieldNames);
  tree.traverse((node, _path, parent) => {
    if (!ALLOWED_NODES.has(node.type)) {
      throw valueError(
        `the formula "${text}" uses ${node.type.replace("Node", "").toLowerCase()} syntax, which quota formulas do not allow`,
        {
          field: "formula",
        }
      );
    }
    if (node.type === "FunctionNode") {
      const name = (node as unknown as { fn: { name?: string } }).fn.name ?? "";
      if (!FORMULA_FUNCTIONS.includes(name)) {
        throw valueError(
          `the formula "${text}" calls ${name || "an expression"}; allowed functions: ${FORMULA_FUNCTIONS.join(", ")}`,
          { field: "formula" }
        );
      }
    } else if (
      node.type === "SymbolNode" &&
      !(parent?.type === "FunctionNode" && (parent as unknown as { fn: MathNode }).fn === node)
    ) {
      const name = (node as unknown as { name: string }).name;
      if (!fields.has(name)) {
        throw valueError(
          `the formula "${text}" uses "${name}", which is not a field; fields: ${fieldNames.join(", ")}`,
          { field: "formula" }
        );
      }
    }
  });
  const code = tree.compile();
  return {
    text,
    evaluate(record) {
      const value: unknown = code.evaluate({ ...record });
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw valueError(`the formula "${text}" gives ${String(value)}, not a finite number`, {
          field: "formula",
        });
      }
      return value;
    },
  };
}
