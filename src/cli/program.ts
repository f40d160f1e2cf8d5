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
import { cliProblem, type CliProblemCode } from "./cliProblems";
import { problemLines } from "./scenarioInputs";
import { recalc } from "./recalc";
import { registerPipeline } from "./pipeline";
import { fiscalYearOption, review, summary } from "./reports";
import { validate } from "./validate";
import { cliWords } from "./words";
import { speakCommander } from "./commanderWords";
import { version } from "../../package.json";

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
  /** The clock that says what today is (tests set one; the commands read no other). */
  now?: () => Date;
}

interface Common {
  json?: boolean;
  scenario?: string;
  saveAs?: string;
  out?: string;
  force?: boolean;
  year?: string;
}

/** `writtenTo`: the --out file the result went to, when it is not the file read. */
type Outcome = Report & { changed?: boolean; writtenTo?: string };

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
  if (!/\.xls[xm]$/i.test(out)) throw new FileProblem(cliProblem("outExtension", { out }));
  if (!force && existsSync(out)) throw new FileProblem(cliProblem("outExists", { out }));
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
  // --out promises the file read stays as it is: naming that file again (by any path) is
  // refused rather than read as "write into it", even with --force.
  if (options.out !== undefined && target.realPath === realInput)
    throw new FileProblem(cliProblem("outIsInput", { out: options.out }));
  if (options.out !== undefined) checkOut(options.out, options.force === true);
  const sameFile = target.realPath === realInput;
  const locks: PlanLock[] = [];
  try {
    locks.push(acquireLock(realInput, command));
    if (!sameFile) locks.push(acquireLock(target.realPath, command));
    // An --out file is replaced only as found now (or created, if there is none).
    const outState: FileState | undefined = sameFile ? undefined : currentState(target.realPath);
    const plan = await (seams.open ?? openPlanFile)(file);
    const outcome = await work(plan);
    if (!outcome.changed) return outcome;
    await savePlanFile(
      plan.driver,
      options.out ?? file,
      sameFile ? plan.file.state : outState,
      seams.replace
    );
    return sameFile ? outcome : { ...outcome, writtenTo: options.out };
  } finally {
    for (const lock of locks.reverse()) lock.release();
  }
}

/** JSON for programs: a problem's parts are its words for people, already in its message. */
const asJson = (data: unknown, indent?: number) =>
  JSON.stringify(data, (key, value: unknown) => (key === "parts" ? undefined : value), indent);

function print(outcome: Outcome, options: Common, io: CliIo): ExitCode {
  if (options.json) io.stdout(`${asJson(outcome.data, 2)}\n`);
  else if (outcome.refused)
    outcome.lines.forEach((line, i) => io.stderr(`${i === 0 ? "sales-plan: " : ""}${line}\n`));
  else for (const line of outcome.lines) io.stdout(`${line}\n`);
  // Which file holds the result, so nobody looks for it in the one they named first.
  if (!options.json && outcome.writtenTo !== undefined)
    io.stdout(`${cliWords(io.env).say(cliProblem("writtenTo", { out: outcome.writtenTo }))}\n`);
  return outcome.exitCode;
}

function fail(error: unknown, options: Common, io: CliIo): ExitCode {
  const failure = failureFor(error);
  const words = cliWords(io.env);
  if (options.json) {
    const located = failure.problems.length ? { problems: failure.problems } : {};
    io.stdout(`${asJson({ error: failure.message, ...located })}\n`);
  } else {
    io.stderr(`sales-plan: ${words.say(failure.said)}\n`);
    for (const line of problemLines(failure.problems, words)) io.stderr(`${line}\n`);
  }
  if (io.env.SALES_PLAN_DEBUG === "1")
    for (const cause of [error, error instanceof FileProblem ? error.detail : undefined]) {
      const stack = (cause as Error | null | undefined)?.stack;
      if (typeof stack === "string") io.stderr(`${stack}\n`);
    }
  return failure.exitCode;
}

/** Runs `sales-plan` with these arguments (without node and the script); resolves to the exit code. */
export async function runCli(args: string[], io: CliIo, seams: CliSeams = {}): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  const open = seams.open ?? openPlanFile;
  const words = cliWords(io.env);
  const usage = (code: CliProblemCode) => words.say(cliProblem(code));
  const run = (options: Common, body: () => Promise<Outcome>) => async () => {
    try {
      exitCode = print(await body(), options, io);
    } catch (error) {
      exitCode = fail(error, options, io);
    }
  };

  const program = new Command()
    .name("sales-plan")
    .description(usage("usageProgram"))
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
    .version(version, "-V, --version", usage("usageVersion"));
  speakCommander(program, words);
  const json = () => new Option("--json", usage("usageJson"));

  program
    .command("validate")
    .argument("<file>", usage("usageFile"))
    .description(usage("usageValidate"))
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, async () => validate((await open(file)).store, words))()
    );

  program
    .command("territories")
    .argument("<file>", usage("usageFile"))
    .description(usage("usageTerritories"))
    .option("--scenario <name>", usage("usageScenario"))
    .option("--save-as <name>", usage("usageSaveAs"))
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () =>
        writing(file, options, "territories", seams, async (plan) => {
          const bar = progressBar(options, io);
          try {
            return await territories(
              plan.store,
              { scenario: options.scenario, saveAs: options.saveAs },
              bar.update,
              words
            );
          } finally {
            bar.stop();
          }
        })
      )()
    );

  program
    .command("quotas")
    .argument("<file>", usage("usageFile"))
    .description(usage("usageQuotas"))
    .option("--scenario <name>", usage("usageScenario"))
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () =>
        writing(file, options, "quotas", seams, (plan) =>
          quotas(plan.store, options.scenario, words)
        )
      )()
    );

  program
    .command("review")
    .argument("<file>", usage("usageFile"))
    .description(usage("usageReview"))
    .option("--scenario <name>", usage("usageReviewScenario"))
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () =>
        writing(file, options, "review", seams, (plan) =>
          review(plan.store, options.scenario, words)
        )
      )()
    );

  program
    .command("summary")
    .argument("<file>", usage("usageFile"))
    .description(usage("usageSummary"))
    .option("--year <yyyy>", usage("usageYear"))
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () => {
        // A year that is not one is refused before the file is locked or read.
        const year = fiscalYearOption(options.year);
        return writing(file, options, "summary", seams, (plan) => summary(plan.store, year, words));
      })()
    );

  program
    .command("recalc")
    .argument("<file>", usage("usageFile"))
    .description(usage("usageRecalc"))
    .option("--out <file>", usage("usageOut"))
    .option("--force", usage("usageForce"))
    .addOption(json())
    .action((file: string, options: Common) =>
      run(options, () =>
        writing(file, options, "recalc", seams, (plan) => recalc(plan.driver, words))
      )()
    );

  program
    .command("compare")
    .argument("<file>", usage("usageFile"))
    .argument("<a>", usage("usageFirstScenario"))
    .argument("<b>", usage("usageSecondScenario"))
    .description(usage("usageCompare"))
    .addOption(json())
    .action((file: string, a: string, b: string, options: Common) =>
      run(options, async () => compare((await open(file)).store, a, b, words))()
    );

  registerPipeline(program, {
    words,
    json,
    open,
    run,
    now: seams.now ?? (() => new Date()),
    writing: (file, options, command, work) =>
      writing(file, options, `pipeline ${command}`, seams, work),
  });

  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    // Help and version end with 0; an unknown command or option, or a missing argument, is a bad request.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return fail(error, {}, io);
  }
  return exitCode;
}
