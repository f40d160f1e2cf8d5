/**
 * The run lock: a second run on the same file refuses, naming who holds it; a lock left by a
 * process that has died is taken over; releasing removes only this run's own lock.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { FileProblem } from "../../src/cli/failures";
import { acquireLock, lockPathFor, releaseAllLocks } from "../../src/cli/lock";

let dir: string;
let plan: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sales-plan-lock-"));
  plan = join(dir, "plan.xlsx");
  writeFileSync(plan, "workbook");
});
afterEach(() => {
  releaseAllLocks();
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has run and exited, so certainly not running now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

const lockFile = () => join(dir, ".plan.xlsx.sales-plan.lock");

describe("the run lock", () => {
  it("is a file beside the plan saying which process holds it, removed on release", () => {
    const lock = acquireLock(plan, "territories");
    expect(lockPathFor(plan)).toBe(lockFile());
    expect(JSON.parse(readFileSync(lockFile(), "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      command: "territories",
    });
    lock.release();
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  it("refuses a second run while the first holds it, naming the first, and admits one after", () => {
    const first = acquireLock(plan, "territories");
    let refused: unknown;
    try {
      acquireLock(plan, "quotas");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(FileProblem);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `plan\\.xlsx is in use by another sales-plan run \\(territories, process ${process.pid} on `
      )
    );
    // The refused run did not disturb the first one's lock.
    expect(JSON.parse(readFileSync(lockFile(), "utf8")).command).toBe("territories");
    first.release();
    acquireLock(plan, "quotas").release();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const pid = deadPid();
    writeFileSync(
      lockFile(),
      JSON.stringify({
        pid,
        host: hostname(),
        started: "2020-01-01",
        command: "quotas",
        token: "old",
      })
    );
    const lock = acquireLock(plan, "territories");
    expect(JSON.parse(readFileSync(lockFile(), "utf8"))).toMatchObject({
      pid: process.pid,
      command: "territories",
    });
    lock.release();
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  it("counts a lock from another machine as held (its process cannot be checked from here)", () => {
    writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: deadPid(),
        host: "elsewhere",
        started: "x",
        command: "quotas",
        token: "t",
      })
    );
    expect(() => acquireLock(plan, "territories")).toThrow(/process \d+ on elsewhere/);
    expect(existsSync(lockFile())).toBe(true);
  });

  it("never releases a lock that another run has taken over since", () => {
    const lock = acquireLock(plan, "territories");
    const theirs = JSON.stringify({
      pid: 1,
      host: hostname(),
      started: "x",
      command: "quotas",
      token: "theirs",
    });
    writeFileSync(lockFile(), theirs);
    lock.release();
    expect(readFileSync(lockFile(), "utf8")).toBe(theirs);
  });

  it("releases every lock the process holds at once (for exits that skip finally)", () => {
    const other = join(dir, "copy.xlsx");
    acquireLock(plan, "territories");
    acquireLock(other, "territories");
    expect(readdirSync(dir)).toHaveLength(3);
    releaseAllLocks();
    expect(readdirSync(dir)).toEqual(["plan.xlsx"]);
  });
});
