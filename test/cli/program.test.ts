/**
 * The commands end to end in process (runCli: arguments in, exit code and output out) on
 * small plan files: the lock, the file checks around a run, unknown scenarios, what validate
 * finds, files that are not workbooks, and the exit code of each kind of failure.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { acquireLock, releaseAllLocks } from "../../src/cli/lock";
import type { CliSeams } from "../../src/cli/program";
import { version as packageVersion } from "../../package.json";
import { salesPlan as run } from "./inProcess";
import { ACCOUNTS, REPS, SCENARIO, smallPlan } from "./smallPlan";

let dir: string;
let plain: Uint8Array;
beforeAll(async () => {
  plain = await smallPlan();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sales-plan-run-"));
});
afterEach(() => {
  releaseAllLocks();
  rmSync(dir, { recursive: true, force: true });
});

function file(bytes: Uint8Array, name = "plan.xlsx"): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const json = <T>(text: string) => JSON.parse(text) as T;

describe("the lock and the file around a run", () => {
  it("refuses a second run on a file another run holds, with exit 2, leaving the file as it was", async () => {
    const path = file(plain);
    const first = acquireLock(realpathSync(path), "territories");
    const second = await run(["territories", path]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `plan.xlsx is in use by another sales-plan run (territories, process ${process.pid}`
    );
    expect(readFileSync(path)).toEqual(Buffer.from(plain));
    first.release();
    expect((await run(["territories", path])).code).toBe(0);
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  it("refuses to replace a file that changed during the run (exit 2) and keeps the change", async () => {
    const path = file(plain);
    const saved = Buffer.from("saved from Excel while the run was going on");
    const result = await run(["territories", path], {
      replace: { beforeReplace: () => writeFileSync(path, saved) },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/plan\.xlsx changed while sales-plan was running/);
    expect(readFileSync(path)).toEqual(saved);
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  it("refuses a read-only file before running, exit 2, and leaves it as it was", async () => {
    const path = file(plain);
    chmodSync(path, 0o444);
    const result = await run(["territories", path]);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/plan\.xlsx is read-only; nothing was written/);
    expect(readFileSync(path)).toEqual(Buffer.from(plain));
  });

  it("refuses a FIFO as --out without opening it (exit 2, nothing blocks)", async () => {
    const path = file(plain);
    const fifo = join(dir, "out.xlsx");
    execFileSync("mkfifo", [fifo]);
    const result = await run(["territories", path, "--out", fifo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/out\.xlsx is a named pipe \(FIFO\), not a workbook file/);
  });

  it("says a directory is a directory (exit 2), as input or as --out", async () => {
    mkdirSync(join(dir, "plans.xlsx"));
    const asInput = await run(["validate", join(dir, "plans.xlsx")]);
    expect(asInput.code).toBe(2);
    expect(asInput.stderr).toMatch(/plans\.xlsx is a directory/);
    const asOut = await run(["quotas", file(plain), "--out", join(dir, "plans.xlsx")]);
    expect(asOut.code).toBe(2);
  });

  it("on a full disk: exit 2, the file unchanged, no temporary file left", async () => {
    const path = file(plain);
    const diskFull = () => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };
    const result = await run(["territories", path], { replace: { writeChunk: diskFull } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\(the disk is full\); the file is unchanged/);
    expect(readFileSync(path)).toEqual(Buffer.from(plain));
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  it("writes --out as a new file and leaves the plan file as it was", async () => {
    const path = file(plain);
    const out = join(dir, "copy.xlsx");
    const result = await run(["territories", path, "--out", out]);
    expect(result.code).toBe(0);
    // The last line says where the result went.
    expect(result.stdout.trimEnd().split("\n").pop()).toBe(
      `Written to ${out}; the file read is unchanged.`
    );
    expect(readFileSync(path)).toEqual(Buffer.from(plain));
    const compare = await run(["compare", out, SCENARIO, SCENARIO, "--json"]);
    expect(compare.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["copy.xlsx", "plan.xlsx"]);
  });
});

describe("--out names a new workbook", () => {
  it("refuses to replace an existing workbook of the user's without --force, and replaces it with", async () => {
    const path = file(plain);
    const other = join(dir, "mywork.xlsx");
    writeFileSync(other, "someone's other workbook");
    const refused = await run(["territories", path, "--out", other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /mywork\.xlsx already exists; choose a new file name, or add --force/
    );
    expect(readFileSync(other, "utf8")).toBe("someone's other workbook");
    expect((await run(["territories", path, "--out", other, "--force"])).code).toBe(0);
    expect(readFileSync(other, "utf8")).not.toBe("someone's other workbook");
  });

  it("refuses the file read itself, by any path, even with --force: --out leaves it unchanged", async () => {
    const path = file(plain);
    const link = join(dir, "link.xlsx");
    symlinkSync(path, link);
    for (const out of [path, `${dir}/./plan.xlsx`, link]) {
      const result = await run(["territories", path, "--out", out, "--force"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `sales-plan: --out ${out} is the file read; --out writes a new file and leaves the one read unchanged. Choose a new file name, or leave out --out to write into ${out}\n`
      );
      expect(readFileSync(path)).toEqual(Buffer.from(plain));
    }
    expect(readdirSync(dir).sort()).toEqual(["link.xlsx", "plan.xlsx"]);
  });

  it("refuses a name Excel would not open as a workbook", async () => {
    const result = await run(["quotas", file(plain), "--out", join(dir, "out.txt")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ending in \.xlsx/);
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });
});

describe("scenarios that are not there", () => {
  it("territories --scenario Typo: exit 2, listing the scenarios, nothing written", async () => {
    const path = file(plain);
    const result = await run(["territories", path, "--scenario", "Typo"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `sales-plan: no scenario named "Typo"; the workbook has "${SCENARIO}"\n`
    );
    expect(readFileSync(path)).toEqual(Buffer.from(plain));
  });

  it("quotas --scenario Typo and compare with an unknown name: exit 2 with the list", async () => {
    const path = file(plain);
    const quotas = await run(["quotas", path, "--scenario", "Typo", "--json"]);
    expect(quotas.code).toBe(2);
    expect(json(quotas.stdout)).toEqual({
      error: `no scenario named "Typo"; the workbook has "${SCENARIO}"`,
    });
    expect((await run(["compare", path, SCENARIO, "Nope"])).code).toBe(2);
  });

  it("--save-as makes a new scenario from the chosen one's rules, and refuses a name in use", async () => {
    const path = file(plain);
    // Compared before it is run, a scenario has no figures: compare says to run it first.
    expect((await run(["territories", path, "--save-as", "Stretch"])).code).toBe(0);
    const unrun = await run(["compare", path, SCENARIO, "Stretch"]);
    expect(unrun.code).toBe(1);
    expect(unrun.stderr).toMatch(/has no stored results; run `sales-plan territories` first/);
    expect((await run(["territories", path])).code).toBe(0);
    const compare = await run(["compare", path, SCENARIO, "Stretch", "--json"]);
    expect(compare.code).toBe(0);
    expect(json<{ a: string; b: string }>(compare.stdout)).toMatchObject({
      a: SCENARIO,
      b: "Stretch",
    });
    const again = await run(["territories", path, "--save-as", "Stretch"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/there is already a scenario named "Stretch"/);
  });
});

describe("validate finds what the engine would refuse", () => {
  // Row 3 repeats A1's id (sheet row 2), row 4 has a negative potential, rep R2 (row 3) a capacity of 7.
  const broken = () =>
    smallPlan({
      accounts: ACCOUNTS.map((row, i) =>
        i === 1
          ? ["A1", ...row.slice(1)]
          : i === 2
            ? [...row.slice(0, 5), -60, ...row.slice(6)]
            : row
      ),
      reps: REPS.map((row, i) => (i === 1 ? [...row.slice(0, 6), 7, null] : row)),
    });

  it("duplicate ids, negative potential, capacity 7: found by validate (exit 1) where territories refuses (exit 3)", async () => {
    const path = file(await broken());
    const validate = await run(["validate", path]);
    expect(validate.code).toBe(1);
    for (const located of [
      'Accounts · A3 · AccountId: account id "A1" also used in row',
      "Accounts · F4 · Potential: potential must be a number ≥ 0, got -60",
      "Reps · G3 · Capacity: capacity must be between 0 and 1, got 7",
    ])
      expect(validate.stdout).toContain(located);
    const territories = await run(["territories", path, "--json"]);
    expect(territories.code).toBe(3);
    const refused = json<{ problems: { address: string; message: string }[] }>(territories.stdout);
    const found = json<{ problems: { address: string; message: string }[] }>(
      (await run(["validate", path, "--json"])).stdout
    );
    expect(found.problems).toEqual(expect.arrayContaining(refused.problems));
  });

  // The engine says which row an id is repeated from as its own count of rows (row 1 = the
  // first data row), and sourceTables.ts passes that message through: A1 is in sheet row 2.
  it("says the row an id is repeated from as the sheet's row", async () => {
    const validate = await run(["validate", file(await broken())]);
    expect(validate.stdout).toContain(
      'Accounts · A3 · AccountId: account id "A1" also used in row 2\n'
    );
  });

  it("quota settings out of range: found by validate, where quotas refuses them (exit 3)", async () => {
    const path = file(await smallPlan({ quota: { overAssignment: 2 } }));
    expect((await run(["territories", path])).code).toBe(0);
    const quotas = await run(["quotas", path]);
    expect(quotas.code).toBe(3);
    const line = `Scenario Settings · quota.overAssignment: ${SCENARIO}: over-assignment must be between 0 and 1 (0% to 100%)`;
    expect(quotas.stdout).toContain(line);
    const validate = await run(["validate", path]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(line);
  });

  it("a sound plan validates with no problems (exit 0)", async () => {
    const result = await run(["validate", file(plain)]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^No problems: 0 V2MOM\(s\), 1 scenario\(s\)/);
  });
});

describe("zips that are not workbooks", () => {
  async function zip(parts: Record<string, string>): Promise<Uint8Array> {
    const z = new JSZip();
    for (const [name, text] of Object.entries(parts)) z.file(name, text);
    return z.generateAsync({ type: "uint8array" });
  }

  it("refuses a Word document renamed .xlsx (exit 2), saying what it is", async () => {
    const docx = await zip({
      "[Content_Types].xml":
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      "_rels/.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      "word/document.xml": "<w:document/>",
    });
    const path = file(docx, "report.xlsx");
    for (const command of ["validate", "territories"]) {
      const result = await run([command, path]);
      expect(result).toMatchObject({
        code: 2,
        stderr:
          "sales-plan: report.xlsx is a Word document, not an Excel workbook (it has no xl/workbook.xml part)\n",
      });
    }
    expect(readFileSync(path)).toEqual(Buffer.from(docx));
  });

  it("says a cut-off workbook is damaged, in the user's language, with the zip library's words only for debugging", async () => {
    const cut = file(plain.subarray(0, Math.floor(plain.length / 2)), "cut.xlsx");
    expect(await run(["validate", cut])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "sales-plan: cut.xlsx is damaged: its zip structure cannot be read (it may have been cut off while it was copied or downloaded); open it in Excel to repair it, or use a copy saved earlier\n",
    });
    const chinese = await run(["validate", cut], {}, { LANG: "zh_CN.UTF-8" });
    expect(chinese.stderr).toBe(
      "sales-plan: cut.xlsx 已损坏：无法读取其 zip 结构（可能在复制或下载时被截断）；请在 Excel 中打开以修复，或使用之前保存的副本\n"
    );
    const debug = await run(["validate", cut], {}, { SALES_PLAN_DEBUG: "1" });
    expect(debug.stderr).toMatch(/\n\s+at .*jszip/i);
  });

  it("refuses a plain zip archive (exit 2)", async () => {
    const result = await run(["validate", file(await zip({ "notes.txt": "hello" }), "a.xlsx")]);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        "sales-plan: a.xlsx is a zip archive, not an Excel workbook (it has no xl/workbook.xml part)\n",
    });
  });
});

describe("exit codes of failures", () => {
  const crash: CliSeams = {
    open: async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rows')");
    },
  };

  it("an internal error is exit 4 with one line and a hint to report it, no stack trace", async () => {
    const result = await run(["validate", "plan.xlsx"], crash);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "sales-plan: internal error: Cannot read properties of undefined (reading 'rows'). This is a bug in sales-plan: please report it with the command you ran (SALES_PLAN_DEBUG=1 shows the details).\n"
    );
  });

  it("SALES_PLAN_DEBUG=1 adds the stack trace", async () => {
    const result = await run(["validate", "plan.xlsx"], crash, { SALES_PLAN_DEBUG: "1" });
    expect(result.code).toBe(4);
    expect(result.stderr.split("\n").length).toBeGreaterThan(3);
    expect(result.stderr).toMatch(/\n\s+at .*program\.test\.ts/);
  });

  it("a missing file, an unknown command or a missing argument is exit 2", async () => {
    expect((await run(["validate", join(dir, "missing.xlsx")])).code).toBe(2);
    expect((await run(["balance", "plan.xlsx"])).code).toBe(2);
    expect((await run(["compare", "plan.xlsx"])).code).toBe(2);
  });

  it("help and --version are exit 0", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("territories");
    const version = await run(["--version"]);
    expect(version).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: "" });
  });
});

describe("commander's own words in Chinese (LANG=zh_CN.UTF-8)", () => {
  const zh = (...args: string[]) => run(args, {}, { LANG: "zh_CN.UTF-8" });
  /** Lines with English words left once names, options, commands and placeholders are taken out. */
  const NAMES =
    /sales-plan|xlsx|V2MOM|PLAN|Excel|JSON|FILE|zip|--?[\w-]+|<\w+>|\[\w+\]|“[^”]*”|\b(validate|territories|quotas|review|summary|recalc|compare|pipeline|help|file|a|b)\b/g;
  const english = (text: string) =>
    text.split("\n").filter((line) => /[A-Za-z]{2,}/.test(line.replace(NAMES, "")));

  it("refuses an unknown option, a missing argument, extra arguments and an unknown command in Chinese (exit 2)", async () => {
    const cases: [string[], string][] = [
      [["--versio"], "错误：未知选项“--versio”\n（您是不是要输入 --version？）"],
      [["territories"], "错误：缺少必需的参数“file”"],
      [
        ["territories", "a.xlsx", "b.xlsx"],
        "错误：“territories”的参数过多：应为 1 个，实际为 2 个",
      ],
      [["balance", "plan.xlsx"], "错误：未知命令“balance”"],
      [["quotas", "plan.xlsx", "--scenario"], "错误：选项“--scenario <name>”缺少值"],
    ];
    for (const [args, first] of cases) {
      const result = await zh(...args);
      expect({ args, code: result.code, start: result.stderr.slice(0, first.length) }).toEqual({
        args,
        code: 2,
        start: first,
      });
      expect({ args, english: english(result.stderr) }).toEqual({ args, english: [] });
    }
  });

  it("prints help with Chinese headings and descriptions", async () => {
    const help = await zh("territories", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法：/);
    expect(help.stdout).toContain("选项：");
    expect(help.stdout).toContain("参数：");
    expect(help.stdout).toContain("显示命令帮助");
    expect(english(help.stdout)).toEqual([]);
  });
});
