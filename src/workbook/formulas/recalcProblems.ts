/**
 * Why a PLAN formula could not be evaluated outside Excel, in English (the catalogs in
 * src/i18n say them as "recalc.<code>"). Each names what stands in the way, so a user can
 * open the cell and see it; the cell itself keeps what it held.
 */
import { wordsFrom } from "../../domain/problem";

export const RECALC_PROBLEMS = {
  nativeFunction:
    "it calls {name}(), which only Excel calculates; its cached value is left as it was",
  unknownPlanFunction: "PLAN.{name} is not a function of this version of the add-in",
  unknownName: "it refers to the name {name}, which is not a table or a reference in this workbook",
  unknownSheet: "it refers to the sheet {sheet}, which this workbook does not have",
  unknownTable: "it refers to the table {table}, which this workbook does not have",
  unknownColumn: "the table {table} has no column {column}",
  otherWorkbook: "it refers to another workbook ({reference})",
  thisRow: "it uses a [#This Row] reference ({reference})",
  arrayOperand: "it does arithmetic on a range or array ({reference}), which only Excel calculates",
  unsupported: "it uses {what}, which only Excel calculates",
  circular: "it depends on its own result (through {cell})",
  unreadable: "its formula could not be read: {reason}",
} as const;

export type RecalcProblemCode = keyof typeof RECALC_PROBLEMS;
export const recalcProblem = wordsFrom(RECALC_PROBLEMS);
