/**
 * One run at a time on a plan file: a command that writes holds a lock file beside the real
 * file (`.<name>.sales-plan.lock`, created exclusively, holding who took it) for its whole run,
 * so a second run refuses instead of both saving and the last one silently winning. A lock
 * left by a process that no longer exists is taken over; every way out of the process
 * releases the locks it holds (see `releaseAllLocks`).
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import type { Problem } from "../domain/problem";
import { cliProblem } from "./cliProblems";
import { FileProblem, isSystemError, systemSaid } from "./failures";

const lockFailed = (lock: string, reason: Problem): Problem => ({
  ...cliProblem("lockFailed", { lock, reason: reason.message }),
  parts: { reason },
});

/** What a lock file says about the run holding it. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the run started. */
  started: string;
  command: string;
  /** Tells this lock from a later one taken by a process that happens to reuse the pid. */
  token: string;
}

export interface PlanLock {
  path: string;
  owner: LockOwner;
  release(): void;
}

/** The lock file for a plan file (give the real path, so every link to one file shares it). */
export const lockPathFor = (realFile: string) =>
  join(dirname(realFile), `.${basename(realFile)}.sales-plan.lock`);

const held = new Set<PlanLock>();

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.token === "string"
      ? (owner as LockOwner)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote the lock still runs (another machine's: assume it does). */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return isSystemError(error) && error.code === "EPERM";
  }
}

function heldMessage(file: string, lockPath: string, owner: LockOwner | undefined): Problem {
  const who = owner
    ? cliProblem("lockOwner", {
        command: owner.command,
        pid: owner.pid,
        host: owner.host,
        started: owner.started,
      })
    : cliProblem("lockOwnerUnknown");
  return {
    ...cliProblem("lockHeld", { file: basename(file), who: who.message, lock: lockPath }),
    parts: { who },
  };
}

function create(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx", 0o644);
  } catch (error) {
    if (isSystemError(error) && error.code === "EEXIST") return false;
    throw isSystemError(error)
      ? new FileProblem(lockFailed(lockPath, systemSaid(error, dirname(lockPath))))
      : error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } catch (error) {
    closeSync(fd);
    unlinkSync(lockPath);
    throw error;
  }
  closeSync(fd);
  return true;
}

/**
 * Moves a dead run's lock out of the way, checking that what was moved is the lock that was
 * judged dead (another run may have taken it over in between; then it is put back).
 */
function removeStale(lockPath: string, stale: LockOwner): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (isSystemError(error) && error.code === "ENOENT") return;
    throw error;
  }
  if (readOwner(aside)?.token === stale.token) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, lockPath);
  } catch {
    // a third run has locked it meanwhile: ours to refuse, the moved lock's owner still runs
  }
  unlinkSync(aside);
}

/**
 * Takes the lock on `realFile` for this process, or refuses (FileProblem, exit code 2) naming
 * the run that holds it.
 */
export function acquireLock(realFile: string, command: string): PlanLock {
  const path = lockPathFor(realFile);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    command,
    token: randomBytes(8).toString("hex"),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(path, owner)) {
      const lock: PlanLock = {
        path,
        owner,
        release: () => {
          held.delete(lock);
          // Only our own lock: never one a later run took over.
          if (readOwner(path)?.token !== owner.token) return;
          try {
            unlinkSync(path);
          } catch {
            // gone already
          }
        },
      };
      held.add(lock);
      return lock;
    }
    const current = readOwner(path);
    // A lock file still being written (or unreadable) counts as held.
    if (!current || isAlive(current)) throw new FileProblem(heldMessage(realFile, path, current));
    removeStale(path, current);
  }
  throw new FileProblem(heldMessage(realFile, path, readOwner(path)));
}

/** Releases every lock this process holds: for exit paths that skip `finally` (signals). */
export function releaseAllLocks(): void {
  for (const lock of [...held]) lock.release();
}
