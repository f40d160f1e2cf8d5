/**
 * The PLAN.* worksheet functions, one module per family as in src/domain: funnel, win
 * rate, cycle time, pipeline and quota. Each function is a thin wrapper: its parameter
 * table says how Excel's arguments are read (arguments.ts, the one reader), its body calls
 * the planning core, and excelResult (excelErrors.ts) turns any failure into the Excel
 * error a user expects.
 *
 * The JSDoc blocks in the family modules are the functions' public contract:
 * custom-functions-metadata generates functions.json (names, descriptions, parameters)
 * from them at build time and appends the CustomFunctions.associate calls to each module,
 * so none appear in the source. families.json lists the family modules for webpack (the
 * `functions` entry and the metadata plugin) and for test/functions/metadata.test.ts; a
 * new family goes there and here. Range parameters are typed `any[][]` because that is
 * what Excel passes; they go straight into the reader and never further.
 *
 * This module gathers the functions for code that calls them directly: tests, benchmarks.
 */
export * from "./funnel";
export * from "./winRate";
export * from "./cycleTime";
export * from "./pipeline";
export * from "./quota";
export * from "./capacity";
export * from "./pipelineFlow";
