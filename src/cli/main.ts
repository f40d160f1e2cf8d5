/**
 * `sales-plan`: the planning engine and plan storage on an .xlsx file, for machines without
 * Excel (a build server, a reviewer's laptop). Same PlanStore, same engine, same tables as
 * the panes; results are written back into the file, previous rows kept in its history tables.
 * This is the process around program.ts: its exit code, and locks released on every way out.
 */
import { releaseAllLocks } from "./lock";
import { runCli } from "./program";

// Normal ends release their locks in `finally`; these cover an uncaught error (exit) and
// being interrupted. A replacement is written synchronously, so a signal never lands half-way.
process.on("exit", releaseAllLocks);
for (const [signal, number] of [
  ["SIGINT", 2],
  ["SIGTERM", 15],
  ["SIGHUP", 1],
] as const)
  process.on(signal, () => {
    releaseAllLocks();
    process.exit(128 + number);
  });

// Output piped into a program that stops reading (`sales-plan compare … | head`) ends the
// run quietly, as other command-line tools do; the file was written before printing began.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interactive: Boolean(process.stderr.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli turns every error into an exit code; reaching here is itself a bug.
    process.stderr.write(`sales-plan: internal error: ${String(error)}\n`);
    process.exitCode = 4;
  }
);
