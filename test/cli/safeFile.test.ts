/**
 * Replacing a plan file as a user relies on: only the very file that was read is replaced,
 * its mode, owner and links survive, files that are not regular are never opened, and a
 * failed write (a full disk) leaves the original as it was and no temporary file behind.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileProblem } from "../../src/cli/failures";
import { inspectTarget, readRegularFile, replaceFile } from "../../src/cli/safeFile";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sales-plan-safe-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ORIGINAL = "the user's workbook";
const NEW = Buffer.from("the plan written back");

function planFile(name = "plan.xlsx", mode = 0o644): string {
  const path = join(dir, name);
  writeFileSync(path, ORIGINAL);
  chmodSync(path, mode);
  return path;
}

/** Runs `act`, expecting it to refuse with a FileProblem; returns the message. */
function refusal(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblem);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

const entries = () => readdirSync(dir).sort();

describe("replacing the file that was read", () => {
  it("replaces it when it is unchanged, leaving nothing else in the folder", () => {
    const path = planFile();
    const read = readRegularFile(path);
    replaceFile(path, NEW, read.state);
    expect(readFileSync(path)).toEqual(NEW);
    expect(entries()).toEqual(["plan.xlsx"]);
  });

  it("refuses, writing nothing, when the file changed between reading and replacing", () => {
    const path = planFile();
    const read = readRegularFile(path);
    const saved = "saved in Excel meanwhile";
    const message = refusal(() =>
      replaceFile(path, NEW, read.state, { beforeReplace: () => writeFileSync(path, saved) })
    );
    expect(message).toMatch(/plan\.xlsx changed while sales-plan was running.*nothing was written/);
    expect(readFileSync(path, "utf8")).toBe(saved);
    expect(entries()).toEqual(["plan.xlsx"]);
  });

  it("notices a change that keeps the size and the modification time (by the bytes' hash)", () => {
    const path = planFile();
    const read = readRegularFile(path);
    const { mtime } = statSync(path);
    const sameLength = ORIGINAL.replace("user", "USER");
    refusal(() =>
      replaceFile(path, NEW, read.state, {
        beforeReplace: () => {
          writeFileSync(path, sameLength);
          utimesSync(path, mtime, mtime);
        },
      })
    );
    expect(readFileSync(path, "utf8")).toBe(sameLength);
  });

  it("refuses an --out file that appeared during the run", () => {
    const out = join(dir, "copy.xlsx");
    refusal(() =>
      replaceFile(out, NEW, undefined, { beforeReplace: () => writeFileSync(out, "someone's") })
    );
    expect(readFileSync(out, "utf8")).toBe("someone's");
  });

  it("creates a new --out file", () => {
    const out = join(dir, "copy.xlsx");
    replaceFile(out, NEW, undefined);
    expect(readFileSync(out)).toEqual(NEW);
  });
});

describe("what a replaced file keeps", () => {
  it("keeps mode 600 (a private plan stays private)", () => {
    const path = planFile("plan.xlsx", 0o600);
    replaceFile(path, NEW, readRegularFile(path).state);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path)).toEqual(NEW);
  });

  it("keeps a group-writable mode 664", () => {
    const path = planFile("plan.xlsx", 0o664);
    replaceFile(path, NEW, readRegularFile(path).state);
    expect(statSync(path).mode & 0o777).toBe(0o664);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot("keeps its owner and group when run as root", () => {
    const path = planFile();
    chownSync(path, 1234, 5678);
    replaceFile(path, NEW, readRegularFile(path).state);
    expect(statSync(path)).toMatchObject({ uid: 1234, gid: 5678 });
  });

  it("writes through a symbolic link: the link stays a link and the shared file is updated", () => {
    mkdirSync(join(dir, "shared"));
    const shared = join(dir, "shared", "team plan.xlsx");
    writeFileSync(shared, ORIGINAL);
    const link = join(dir, "plan.xlsx");
    symlinkSync(join("shared", "team plan.xlsx"), link);
    const read = readRegularFile(link);
    expect(read.realPath).toBe(shared);
    replaceFile(link, NEW, read.state);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join("shared", "team plan.xlsx"));
    expect(readFileSync(shared)).toEqual(NEW);
    expect(readdirSync(join(dir, "shared"))).toEqual(["team plan.xlsx"]);
  });

  it("follows a chain of links to the final file", () => {
    const real = planFile("real.xlsx");
    symlinkSync(real, join(dir, "middle.xlsx"));
    symlinkSync(join(dir, "middle.xlsx"), join(dir, "plan.xlsx"));
    replaceFile(join(dir, "plan.xlsx"), NEW, readRegularFile(join(dir, "plan.xlsx")).state);
    expect(readFileSync(real)).toEqual(NEW);
    expect(lstatSync(join(dir, "middle.xlsx")).isSymbolicLink()).toBe(true);
  });
});

describe("files that are refused", () => {
  it("refuses a read-only file (no w in its mode), even for root, and leaves it as it was", () => {
    const path = planFile("plan.xlsx", 0o444);
    const read = readRegularFile(path);
    expect(refusal(() => replaceFile(path, NEW, read.state))).toMatch(/plan\.xlsx is read-only/);
    expect(readFileSync(path, "utf8")).toBe(ORIGINAL);
    expect(statSync(path).mode & 0o777).toBe(0o444);
    expect(entries()).toEqual(["plan.xlsx"]);
  });

  it("refuses a directory as the input and as the output, in words", () => {
    mkdirSync(join(dir, "plans.xlsx"));
    expect(refusal(() => readRegularFile(join(dir, "plans.xlsx")))).toMatch(/is a directory/);
    expect(refusal(() => inspectTarget(join(dir, "plans.xlsx")))).toMatch(/is a directory/);
  });

  it("refuses a FIFO as --out or as input without opening it (so nothing blocks)", () => {
    const fifo = join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    // Opening a FIFO with no reader on the other end would block this test forever.
    expect(refusal(() => replaceFile(fifo, NEW, undefined))).toMatch(/named pipe/);
    expect(refusal(() => readRegularFile(fifo))).toMatch(/named pipe/);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(entries()).toEqual(["pipe.xlsx"]);
  });

  it("refuses a character device as --out", () => {
    expect(refusal(() => replaceFile("/dev/null", NEW, undefined))).toMatch(/is a device/);
  });

  it("refuses a link that points at nothing", () => {
    symlinkSync(join(dir, "gone.xlsx"), join(dir, "plan.xlsx"));
    expect(refusal(() => readRegularFile(join(dir, "plan.xlsx")))).toMatch(/which does not exist/);
    expect(refusal(() => replaceFile(join(dir, "plan.xlsx"), NEW, undefined))).toMatch(
      /which does not exist/
    );
  });

  it("says so when the file does not exist", () => {
    expect(refusal(() => readRegularFile(join(dir, "missing.xlsx")))).toMatch(/no such file/);
  });
});

describe("a write that fails", () => {
  const diskFull = () => {
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      syscall: "write",
    });
  };

  it("on a full disk: the original is untouched, no temporary file is left, and it says why", () => {
    const path = planFile("plan.xlsx", 0o600);
    const read = readRegularFile(path);
    const message = refusal(() => replaceFile(path, NEW, read.state, { writeChunk: diskFull }));
    expect(message).toBe("could not write " + path + " (the disk is full); the file is unchanged");
    expect(readFileSync(path, "utf8")).toBe(ORIGINAL);
    expect(entries()).toEqual(["plan.xlsx"]);
  });

  it("half-way through: what was written so far is removed with the temporary file", () => {
    const path = planFile();
    const read = readRegularFile(path);
    let calls = 0;
    const failsSecondTime = (fd: number, bytes: Uint8Array, offset: number, length: number) => {
      if (calls++ > 0) diskFull();
      return writeSync(fd, bytes, offset, Math.min(4, length));
    };
    refusal(() => replaceFile(path, NEW, read.state, { writeChunk: failsSecondTime }));
    expect(calls).toBe(2);
    expect(readFileSync(path, "utf8")).toBe(ORIGINAL);
    expect(entries()).toEqual(["plan.xlsx"]);
  });

  it("for a new --out file: nothing is left at all", () => {
    refusal(() => replaceFile(join(dir, "copy.xlsx"), NEW, undefined, { writeChunk: diskFull }));
    expect(entries()).toEqual([]);
  });
});
