/**
 * The `sales-plan` commands as a function of arguments to exit code, so tests run it in
 * process: argument parsing, the lock and the file checks around each command, printing, and
 * turning every error into its exit code (failures.ts). The process itself is main.ts.
 */
import { CommanderError, Command, Option } from "commander";
import { Presets, SingleBar } from "cli-progress";
import { compare, quotas, territories, Report } from "./commands";
import { existsSync } from "node:fs";
import { ExitCode, FileProblem, failureFor } from "./failures";
import { acquireLock, PlanLock } from "./lock";
import { OpenedPlan, openPlanFile, savePlanFile } from "./planFile";
import {
  FileState,
  ReplaceOptions,
  currentState,
  existingRegularFile,
  inspectTarget,
} from "./safeFile";
import { problemLines } from "./scenarioInputs";
import { validate } from "./validate";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether a progress bar may be drawn on the terminal's stderr. */
  interactive?: boolean;
}

/** What a test may replace: how plan files are opened, and the seams of replacing one. */
export interface CliSeams {
  open?: (path: string) => Promise<OpenedPlan>;
  replace?: ReplaceOptions;
}

interface Common {
  json?: boolean;
  scenario?: string;
  saveAs?: string;
  out?: string;
  force?: boolean;
}

type Outcome = Report & { changed?: boolean };

/** A progress bar on the terminal for long runs (not when printing JSON or when output is piped). */
function progressBar(options: Common, io: CliIo): { update(done: number): void; stop(): void } {
  if (options.json || !io.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: "Balancing |{bar}| {percentage}%", stream: process.stderr, hideCursor: true },
    Presets.shades_classic
  );
  bar.start(100, 0);
  return { update: (done) => bar.update(Math.round(done * 100)), stop: () => bar.stop() };
}

/**
 * `--out` names a new workbook: an existing file there (another workbook of the user's) is
 * replaced only with `--force`, and only by a name Excel opens as a workbook.
 */
function checkOut(out: string, force: boolean): void {
  if (!/\.xls[xm]$/i.test(out))
    throw new FileProblem(
      `--out ${out}: give a file name ending in .xlsx (or .xlsm), which Excel opens as a workbook`
    );
  if (!force && existsSync(out))
    throw new FileProblem(
      `--out ${out} already exists; choose a new file name, or add --force to replace it`
    );
}

/**
 * A command that writes: holds the lock on the plan file (and on `--out`) for the whole run,
 * refuses a target it could not replace before doing any work, and replaces the file only if
 * it is still the one read.
 */
async function writing(
  file: string,
  options: Common,
  command: string,
  seams: CliSeams,
  work: (plan: OpenedPlan) => Promise<Outcome>
): Promise<Outcome> {
  const realInput = existingRegularFile(file);
  const target = inspectTarget(options.out ?? file);
  if (options.out !== undefined && target.realPath !== realInput)
    checkOut(options.out, options.force === true);
  const sameFile = target.realPath === realInput;
  const locks: PlanLock[] = [];
  try {
    locks.push(acquireLock(realInput, command));
    if (!sameFile) locks.push(acquireLock(target.realPath, command));
    // An --out file is replaced only as found now (or created, if there is none).
    const outState: FileState | undefined = sameFile ? undefined : currentState(target.realPath);
    const plan = await (seams.open ?? openPlanFile)(file);
    const outcome = await work(plan);
    if (outcome.changed)
      await savePlanFile(
        plan.driver,
        options.out ?? file,
        sameFile ? plan.file.state : outState,
        seams.replace
      );
    return outcome;
  } finally {
    for (const lock of locks.reverse()) lock.release();
  }
}

function print(outcome: Outcome, options: Common, io: CliIo): ExitCode {
  if (options.json) io.stdout(`${JSON.stringify(outcome.data, null, 2)}\n`);
  else for (const line of outcome.lines) io.stdout(`${line}\n`);
  return outcome.exitCode;
}

function fail(error: unknown, options: Common, io: CliIo): ExitCode {
  const failure = failureFor(error);
  if (options.json) {
    const located = failure.problems.length ? { problems: failure.problems } : {};
    io.stdout(`${JSON.stringify({ error: failure.message, ...located })}\n`);
  } else {
    io.stderr(`sales-plan: ${failure.message}\n`);
    for (const line of problemLines(failure.problems)) io.stderr(`${line}\n`);
  }
  const stack = (error as Error | null)?.stack;
  if (io.env.SALES_PLAN_DEBUG === "1" && typeof stack === "string") io.stderr(`${stack}\n`);
  return failure.exitCode;
}

/** Runs `sales-plan` with these arguments (without node and the script); resolves to the exit code. */
export async function runCli(args: string[], io: CliIo, seams: CliSeams = {}): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  const open = seams.open ?? openPlanFile;
  const run = (options: Common, body: () => Promise<Outcome>) => async () => {
    try {
      exitCode = print(await body(), options, io);
    } catch (error) {
      exitCode = fail(error, options, io);
    }
  };

  const program = new Command()
    .name("sales-plan")
    .description(
      "Run the Sales Planning engine on an .xlsx planning workbook (the same tables the Excel add-in uses)."
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  const json = () => new Option("--json", "print the result as JSON");

  program
    .command("validate")
    .argument("<file>", "planning workbook (.xlsx)")
    .description(
      "list every problem in the plan, its tables and each scenario's input as the engine checks it; exit 1 if any"
    )
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, async () => validate((await open(file)).store))()
    );

  program
    .command("territories")
    .argument("<file>", "planning workbook (.xlsx)")
    .description(
      "balance territories with the rules stored for the scenario and write the result back"
    )
    .option("--scenario <name>", "the scenario to run (default: the Active one, or the only one)")
    .option(
      "--save-as <name>",
      "save the result as a new scenario instead of replacing the one run"
    )
    .option("--out <file>", "write the result to a new file instead of updating FILE")
    .option("--force", "with --out: replace that file if it exists")
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () =>
        writing(file, options, "territories", seams, async (plan) => {
          const bar = progressBar(options, io);
          try {
            return await territories(
              plan.store,
              { scenario: options.scenario, saveAs: options.saveAs },
              bar.update
            );
          } finally {
            bar.stop();
          }
        })
      )()
    );

  program
    .command("quotas")
    .argument("<file>", "planning workbook (.xlsx)")
    .description(
      "set quotas for the scenario's territories with its stored quota settings and write them back"
    )
    .option("--scenario <name>", "the scenario to run (default: the Active one, or the only one)")
    .option("--out <file>", "write the result to a new file instead of updating FILE")
    .option("--force", "with --out: replace that file if it exists")
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () =>
        writing(file, options, "quotas", seams, (plan) => quotas(plan.store, options.scenario))
      )()
    );

  program
    .command("compare")
    .argument("<file>", "planning workbook (.xlsx)")
    .argument("<a>", "first scenario")
    .argument("<b>", "second scenario")
    .description(
      "accounts that change rep, per-rep potential and quota differences, metric differences"
    )
    .addOption(json())
    .action((file: string, a: string, b: string, options: Common) =>
      run(options, async () => compare((await open(file)).store, a, b))()
    );

  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    // Help and version end with 0; an unknown command or option, or a missing argument, is a bad request.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return fail(error, {}, io);
  }
  return exitCode;
}
