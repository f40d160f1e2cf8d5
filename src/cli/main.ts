/**
 * `sales-plan`: the planning engine and plan storage on an .xlsx file, for machines without
 * Excel (a build server, a reviewer's laptop). Same PlanStore, same engine, same tables as
 * the panes; results are written back into the file, previous rows kept in its history tables.
 */
import { Command, Option } from "commander";
import { Presets, SingleBar } from "cli-progress";
import { compare, quotas, territories, validate, Report, PlanStoreError } from "./commands";
import { FileProblem, openPlanFile, savePlanFile } from "./planFile";

interface Common {
  json?: boolean;
  scenario?: string;
  out?: string;
}

function print(report: Report, options: Common): void {
  if (options.json) process.stdout.write(`${JSON.stringify(report.data, null, 2)}\n`);
  else for (const line of report.lines) process.stdout.write(`${line}\n`);
  process.exitCode = report.exitCode;
}

function fail(error: unknown, options: Common): void {
  const known = error instanceof FileProblem || error instanceof PlanStoreError;
  const message = error instanceof Error ? error.message : String(error);
  if (options.json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  else process.stderr.write(`sales-plan: ${message}\n`);
  process.exitCode = known ? 2 : 3;
}

/** A progress bar on the terminal for long runs (not when printing JSON or when output is piped). */
function progressBar(options: Common): { update(done: number): void; stop(): void } {
  if (options.json || !process.stderr.isTTY)
    return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: "Balancing |{bar}| {percentage}%", stream: process.stderr, hideCursor: true },
    Presets.shades_classic
  );
  bar.start(100, 0);
  return { update: (done) => bar.update(Math.round(done * 100)), stop: () => bar.stop() };
}

const program = new Command()
  .name("sales-plan")
  .description(
    "Run the Sales Planning engine on an .xlsx planning workbook (the same tables the Excel add-in uses)."
  )
  .showHelpAfterError();

const json = new Option("--json", "print the result as JSON");

program
  .command("validate")
  .argument("<file>", "planning workbook (.xlsx)")
  .description(
    "list every problem in the plan tables, located by sheet, cell and column; exit 1 if any"
  )
  .addOption(json)
  .action(async (file: string, options: Common) => {
    try {
      const { store } = await openPlanFile(file);
      print(await validate(store), options);
    } catch (error) {
      fail(error, options);
    }
  });

for (const [name, describe] of [
  [
    "territories",
    "balance territories with the rules stored for the scenario and write the result back",
  ],
  [
    "quotas",
    "set quotas for the scenario's territories with its stored quota settings and write them back",
  ],
] as const) {
  program
    .command(name)
    .argument("<file>", "planning workbook (.xlsx)")
    .description(describe)
    .option("--scenario <name>", "the scenario to run (default: the Active one, or the only one)")
    .option("--out <file>", "write the result to another file instead of updating FILE")
    .addOption(json)
    .action(async (file: string, options: Common) => {
      const bar = progressBar(options);
      try {
        const { driver, store } = await openPlanFile(file);
        const report =
          name === "territories"
            ? await territories(store, options.scenario, bar.update)
            : await quotas(store, options.scenario);
        bar.stop();
        if (report.changed) await savePlanFile(driver, options.out ?? file);
        print(report, options);
      } catch (error) {
        bar.stop();
        fail(error, options);
      }
    });
}

program
  .command("compare")
  .argument("<file>", "planning workbook (.xlsx)")
  .argument("<a>", "first scenario")
  .argument("<b>", "second scenario")
  .description(
    "accounts that change rep, per-rep potential and quota differences, metric differences"
  )
  .addOption(json)
  .action(async (file: string, a: string, b: string, options: Common) => {
    try {
      const { store } = await openPlanFile(file);
      print(await compare(store, a, b), options);
    } catch (error) {
      fail(error, options);
    }
  });

program.parseAsync(process.argv).catch((error) => fail(error, {}));
