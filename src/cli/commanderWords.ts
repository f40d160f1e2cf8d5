/**
 * Commander's own words (help headings, the help option, its refusals of the arguments) in
 * the user's language. Commander builds those sentences itself with the names filled in, so
 * in another language each refusal is recognised by its English shape and said again from
 * the catalog with the same names; one it does not know stays as commander wrote it. In
 * English nothing is changed: scripts and tests read commander's exact text.
 */
import type { Command } from "commander";
import { cliProblem, type CliProblemCode } from "./cliProblems";
import type { Words } from "./words";

const TITLES: Record<string, CliProblemCode> = {
  "Usage:": "titleUsage",
  "Options:": "titleOptions",
  "Commands:": "titleCommands",
  "Arguments:": "titleArguments",
};

/** Commander's refusals (commander/lib/command.js, v14), each with the values it names. */
const REFUSALS: [RegExp, (m: RegExpExecArray) => [CliProblemCode, Record<string, string>]][] = [
  [/^error: missing required argument '(.+)'$/, (m) => ["argumentMissing", { name: m[1] }]],
  [/^error: option '(.+)' argument missing$/, (m) => ["optionValueMissing", { option: m[1] }]],
  [/^error: unknown option '(.+)'$/, (m) => ["unknownOption", { option: m[1] }]],
  [/^error: unknown command '(.+)'$/, (m) => ["unknownCommand", { command: m[1] }]],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => ["tooManyArguments", { command: m[1] ?? "sales-plan", expected: m[2], got: m[3] }],
  ],
  [/^\(Did you mean (.+)\?\)$/, (m) => ["didYouMean", { suggestion: m[1] }]],
];

/** One line of commander's error output in the user's language. */
export function commanderLine(line: string, words: Words): string {
  for (const [shape, values] of REFUSALS) {
    const match = shape.exec(line);
    if (!match) continue;
    const [code, named] = values(match);
    return words.say(cliProblem(code, named));
  }
  return line;
}

/**
 * Says the program's help and refusals in the user's language; call it before adding the
 * subcommands, which inherit these settings from the program.
 */
export function speakCommander(program: Command, words: Words): Command {
  const say = (code: CliProblemCode) => words.say(cliProblem(code));
  program.helpOption("-h, --help", say("usageHelp"));
  program.helpCommand("help [command]", say("usageHelp"));
  if (words.locale === "en-US") return program;
  program.configureHelp({
    styleTitle: (title) => (TITLES[title] ? say(TITLES[title]) : title),
  });
  // Merged into the output settings already given (where stdout and stderr go).
  program.configureOutput({
    outputError: (text, write) =>
      write(
        text
          .split("\n")
          .map((line) => commanderLine(line, words))
          .join("\n")
      ),
  });
  return program;
}
