/**
 * Evaluates a formula that calls PLAN functions, outside Excel: the formula is parsed by
 * @borgar/fx (a maintained MIT tokenizer and parser of Excel's formula language), its
 * references are read from the workbook through `References`, and each PLAN call is the
 * add-in's own function (functions/registry.ts), called with arguments shaped as Excel passes
 * them: a reference or array as rows of cells, a literal as a value, an omitted argument as
 * undefined. Literals, arrays, A1 / whole-column / sheet-qualified / structured references,
 * defined names that stand for a reference, and scalar arithmetic are understood; anything
 * else (a native function such as SUM, a [#This Row] reference) is Unevaluable, with the
 * reason in words: `sales-plan recalc` lists such cells rather than guess their values.
 */
import { parse, parseA1Ref, parseStructRef, tokenize } from "@borgar/fx";
import type { Worded } from "../../domain/problem";
import { OutsideExcelError } from "../../functions/outsideExcelRuntime";
import { PLAN_FUNCTIONS } from "../../functions/registry";
import { planFunctionName } from "./planCalls";
import { recalcProblem } from "./recalcProblems";

/** An error value (#DIV/0!, #N/A…), with the function's message when it gave one. */
export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {}
}

export type Cell = number | string | boolean | null | ExcelError;
/** A single value, or a result of rows of cells. */
export type Value = Cell | Cell[][];

/** An area of a sheet, 1-based and inclusive; null sides are a whole column's rows or a whole row's columns. */
export interface AreaRef {
  /** The sheet named in the reference; undefined for the formula's own sheet. */
  sheet?: string;
  top: number | null;
  left: number | null;
  bottom: number | null;
  right: number | null;
}

export interface TableRef {
  table: string;
  /** The columns named (one, or the first and last of a span); none for the whole table. */
  columns: string[];
  /** #Data, #All, #Headers, #Totals (lower case, as @borgar/fx gives them); none means #Data. */
  sections: string[];
}

/** Where a formula's references are read. Each throws Unevaluable when the reference is not there. */
export interface References {
  area(ref: AreaRef): Promise<Cell[][]>;
  table(ref: TableRef): Promise<Cell[][]>;
  /** A defined name (or a bare table name) as the value it stands for. */
  name(name: string): Promise<Value>;
}

/** Why a formula cannot be evaluated here. */
export class Unevaluable extends Error {
  constructor(readonly said: Worded) {
    super(said.message);
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the parser's nodes are walked by their `type` */
type Node = any;

const isGrid = (value: Value): value is Cell[][] => Array.isArray(value);

/** A one-cell grid is its cell, as Excel treats a one-cell reference in arithmetic. */
function single(value: Value, reference: string): Cell {
  if (!isGrid(value)) return value;
  if (value.length === 1 && value[0].length === 1) return value[0][0];
  throw new Unevaluable(recalcProblem("arrayOperand", { reference }));
}

/** A value as arithmetic reads it: blank is 0, logicals 1 and 0, numeric text its number. */
function numberOf(cell: Cell): number | ExcelError {
  if (cell instanceof ExcelError) return cell;
  if (cell === null) return 0;
  if (typeof cell === "boolean") return cell ? 1 : 0;
  if (typeof cell === "number") return cell;
  const number = cell.trim() === "" ? NaN : Number(cell);
  return Number.isFinite(number) ? number : new ExcelError("#VALUE!");
}

const textOf = (cell: Cell): string =>
  cell === null ? "" : typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : String(cell);

function finite(value: number): Cell {
  if (Number.isFinite(value)) return value;
  return new ExcelError("#NUM!");
}

function arithmetic(operator: string, a: Cell, b: Cell): Cell {
  if (a instanceof ExcelError) return a;
  if (b instanceof ExcelError) return b;
  if (operator === "&") return textOf(a) + textOf(b);
  if (["=", "<>", "<", ">", "<=", ">="].includes(operator)) {
    const [x, y] =
      typeof a === "string" || typeof b === "string"
        ? [textOf(a).toLowerCase(), textOf(b).toLowerCase()]
        : [numberOf(a) as number, numberOf(b) as number];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return {
      "=": order === 0,
      "<>": order !== 0,
      "<": order < 0,
      ">": order > 0,
      "<=": order <= 0,
      ">=": order >= 0,
    }[operator]!;
  }
  const x = numberOf(a);
  const y = numberOf(b);
  if (x instanceof ExcelError) return x;
  if (y instanceof ExcelError) return y;
  switch (operator) {
    case "+":
      return finite(x + y);
    case "-":
      return finite(x - y);
    case "*":
      return finite(x * y);
    case "/":
      return y === 0 ? new ExcelError("#DIV/0!") : finite(x / y);
    case "^":
      return finite(x ** y);
  }
  throw new Unevaluable(recalcProblem("unsupported", { what: `the operator ${operator}` }));
}

/** A PLAN function's result as cells: Excel errors from the shim, a one-cell result as its value. */
function resultOf(result: unknown): Value {
  const cell = (value: unknown): Cell => {
    if (value instanceof OutsideExcelError) return new ExcelError(value.code, value.message);
    if (value === undefined || value === null || value === "") return null;
    if (typeof value === "number") return finite(value);
    if (typeof value === "string" || typeof value === "boolean") return value;
    return new ExcelError("#VALUE!");
  };
  if (!Array.isArray(result)) return cell(result);
  const rows = result.map((row) => (Array.isArray(row) ? row.map(cell) : [cell(row)]));
  return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
}

function areaOf(text: string): AreaRef | undefined {
  const parsed = parseA1Ref(text, { allowTernary: true });
  if (!parsed || !("range" in parsed) || !parsed.range) return undefined;
  // The scopes before "!": a sheet, or a workbook and a sheet.
  const context = parsed.context ?? [];
  if (context.length > 1)
    throw new Unevaluable(recalcProblem("otherWorkbook", { reference: text }));
  const { top, left, bottom, right } = parsed.range;
  const plusOne = (n: number | null | undefined) => (n === null || n === undefined ? null : n + 1);
  return {
    ...(context.length ? { sheet: context[0] } : {}),
    top: plusOne(top),
    left: plusOne(left),
    bottom: plusOne(bottom ?? top),
    right: plusOne(right ?? left),
  };
}

async function reference(node: Node, refs: References): Promise<Value> {
  const text: string = node.value;
  if (node.kind === "table") {
    const parsed = parseStructRef(text);
    if (!parsed) throw new Unevaluable(recalcProblem("unknownName", { name: text }));
    if ((parsed.context ?? []).length > 1)
      throw new Unevaluable(recalcProblem("otherWorkbook", { reference: text }));
    const sections = parsed.sections ?? [];
    if (sections.includes("this row") || !parsed.table)
      throw new Unevaluable(recalcProblem("thisRow", { reference: text }));
    return refs.table({ table: parsed.table, columns: parsed.columns ?? [], sections });
  }
  if (node.kind === "name") return refs.name(text);
  const area = areaOf(text);
  if (!area) throw new Unevaluable(recalcProblem("unknownName", { name: text }));
  return refs.area(area);
}

async function evaluateNode(node: Node, refs: References): Promise<Value> {
  switch (node?.type) {
    case "Literal":
      return node.value as Cell;
    case "ErrorLiteral":
      return new ExcelError(String(node.value).toUpperCase());
    case "ReferenceIdentifier":
      return reference(node, refs);
    case "ArrayExpression":
      return Promise.all(
        (node.elements as Node[][]).map((row) =>
          Promise.all(row.map(async (cell) => single(await evaluateNode(cell, refs), "{…}")))
        )
      );
    case "UnaryExpression": {
      const operand = single(await evaluateNode(node.arguments[0], refs), "…");
      if (node.operator === "%") return arithmetic("/", operand, 100);
      if (node.operator === "-") return arithmetic("-", 0, operand);
      if (node.operator === "+") return operand;
      break;
    }
    case "BinaryExpression": {
      const [a, b] = node.arguments as Node[];
      if ([":", ",", " "].includes(node.operator)) break;
      return arithmetic(
        node.operator,
        single(await evaluateNode(a, refs), a?.value ?? "…"),
        single(await evaluateNode(b, refs), b?.value ?? "…")
      );
    }
    case "CallExpression": {
      const callee: string = node.callee?.name ?? "";
      const name = planFunctionName(callee);
      if (name === undefined)
        throw new Unevaluable(recalcProblem("nativeFunction", { name: callee.toUpperCase() }));
      const fn = PLAN_FUNCTIONS.get(name);
      if (!fn) throw new Unevaluable(recalcProblem("unknownPlanFunction", { name }));
      const args: unknown[] = [];
      for (const argument of node.arguments as (Node | null)[])
        args.push(argument === null ? undefined : await evaluateNode(argument, refs));
      while (args.length && args[args.length - 1] === undefined) args.pop();
      // The function turns any failure into its Excel error; a throw here would be its bug.
      return resultOf(fn(...args));
    }
  }
  const what =
    node?.type === "BinaryExpression"
      ? `the operator "${node.operator}"`
      : String(node?.type ?? "an empty formula");
  throw new Unevaluable(recalcProblem("unsupported", { what }));
}

/** The value of a formula (with or without its "="), reading its references through `refs`. */
export async function evaluateFormula(formula: string, refs: References): Promise<Value> {
  let ast: Node;
  try {
    ast = parse(tokenize(formula.replace(/^=/, ""), { allowTernary: true }));
  } catch (error) {
    throw new Unevaluable(
      recalcProblem("unreadable", {
        reason: error instanceof Error ? error.message : String(error),
      })
    );
  }
  return evaluateNode(ast, refs);
}
