/**
 * Reading and replacing a plan file without surprises: only regular files are read or
 * written (a FIFO or a device is never opened, a directory is refused in words), a file is
 * replaced only if it is still the one that was read, the replacement keeps the file's mode
 * and owner and goes through symbolic links to the file they point at, and a failed write
 * (a full disk included) leaves the original untouched and no temporary file behind.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  Stats,
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Problem, WordValues } from "../domain/problem";
import { cliProblem, type CliProblemCode } from "./cliProblems";
import { FileProblem, isSystemError, systemReasonSaid, systemSaid } from "./failures";

/** What identifies the contents of a file as read: a later change to any of them is noticed. */
export interface FileState {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface ReadFile {
  /** The path as given. */
  path: string;
  /** The file itself, after following symbolic links. */
  realPath: string;
  bytes: Uint8Array;
  state: FileState;
}

/** Where a replacement is written: the final target of any links, and what is there now. */
export interface Target {
  path: string;
  realPath: string;
  /** The file there now; undefined when it does not exist yet (a new `--out` file). */
  existing?: Stats;
}

/** Test seams: the write of each chunk (to fail it as a full disk would) and the moment before replacing. */
export interface ReplaceOptions {
  writeChunk?: (fd: number, bytes: Uint8Array, offset: number, length: number) => number;
  beforeReplace?: () => void;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function kindOf(stats: Stats): CliProblemCode | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "directory";
  if (stats.isFIFO()) return "namedPipe";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "device";
  if (stats.isSocket()) return "socket";
  return "notRegularFile";
}

/** A problem whose {names} are phrases of their own, each said in the reader's language. */
function composed(
  code: CliProblemCode,
  values: WordValues,
  parts: Record<string, Problem>
): Problem {
  const phrases = Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.message]));
  return { ...cliProblem(code, { ...values, ...phrases }), parts };
}

type Use = "givePath" | "nothingWritten" | "nothingWrittenGivePath";

function refuseIfNotRegular(path: string, stats: Stats, use: Use): void {
  const kind = kindOf(stats);
  if (kind)
    throw new FileProblem(
      composed("notRegular", { path }, { kind: cliProblem(kind), use: cliProblem(use) })
    );
}

const fileProblem = (error: unknown, path: string, what: "cannotRead" | "cannotWriteThere") =>
  isSystemError(error)
    ? new FileProblem(
        composed("systemAt", {}, { what: cliProblem(what), reason: systemSaid(error, path) })
      )
    : error;

/** The real path of the regular file at `path` (links followed); refuses anything else without opening it. */
export function existingRegularFile(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (isSystemError(error) && error.code === "ENOENT") {
      const dangling = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink();
      throw new FileProblem(
        dangling
          ? cliProblem("danglingLink", { path, target: readlinkSync(path) })
          : cliProblem("noSuchFile", { path })
      );
    }
    throw fileProblem(error, path, "cannotRead");
  }
  refuseIfNotRegular(path, stats, "givePath");
  return realpathSync(path);
}

/** Reads a regular file whole, with its state; refuses anything else before opening it. */
export function readRegularFile(path: string): ReadFile {
  const realPath = existingRegularFile(path);
  let fd: number;
  try {
    // Non-blocking, so a file swapped for a FIFO after the check still cannot hang the run.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileProblem(error, path, "cannotRead");
  }
  try {
    const opened = fstatSync(fd);
    refuseIfNotRegular(path, opened, "givePath");
    const bytes = new Uint8Array(readFileSync(fd));
    return {
      path,
      realPath,
      bytes,
      state: { size: bytes.length, mtimeMs: opened.mtimeMs, sha256: sha256(bytes) },
    };
  } catch (error) {
    throw fileProblem(error, path, "cannotRead");
  } finally {
    closeSync(fd);
  }
}

/**
 * Where writing `path` would land, refusing in words what cannot be replaced safely: a
 * directory, FIFO or device, a link to nothing, a read-only file, a folder we cannot write in.
 */
export function inspectTarget(path: string): Target {
  const link = lstatSync(path, { throwIfNoEntry: false });
  let realPath: string;
  let existing: Stats | undefined;
  if (link) {
    existing = statSync(path, { throwIfNoEntry: false });
    if (!existing)
      throw new FileProblem(cliProblem("danglingLinkTarget", { path, target: readlinkSync(path) }));
    realPath = realpathSync(path);
    refuseIfNotRegular(path, existing, "nothingWrittenGivePath");
    // Mode bits, not only access(): root may write anything, but a file without any w is
    // the owner saying "do not change this".
    const writable = (existing.mode & 0o222) !== 0 && canAccess(realPath, constants.W_OK);
    if (!writable) throw new FileProblem(cliProblem("readOnly", { path }));
  } else {
    let folder: string;
    try {
      folder = realpathSync(dirname(resolve(path)));
    } catch (error) {
      throw fileProblem(error, dirname(path), "cannotWriteThere");
    }
    realPath = join(folder, basename(path));
  }
  if (!canAccess(dirname(realPath), constants.W_OK | constants.X_OK))
    throw new FileProblem(cliProblem("cannotCreate", { folder: dirname(realPath) }));
  return { path, realPath, existing };
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** The state of the file at `realPath` now (undefined when there is none), to compare with a state read earlier. */
export function currentState(realPath: string, known?: FileState): FileState | undefined {
  const stats = statSync(realPath, { throwIfNoEntry: false });
  if (!stats) return undefined;
  refuseIfNotRegular(realPath, stats, "nothingWritten");
  // A different size or time needs no hashing to tell it changed.
  if (known && (stats.size !== known.size || stats.mtimeMs !== known.mtimeMs))
    return { size: stats.size, mtimeMs: stats.mtimeMs, sha256: "" };
  return {
    size: stats.size,
    mtimeMs: stats.mtimeMs,
    sha256: sha256(readRegularFile(realPath).bytes),
  };
}

const sameState = (a: FileState | undefined, b: FileState | undefined) =>
  a === undefined || b === undefined
    ? a === b
    : a.size === b.size && a.mtimeMs === b.mtimeMs && a.sha256 === b.sha256;

function syncFolder(folder: string): void {
  // Makes the rename itself durable; some file systems cannot fsync a directory.
  try {
    const fd = openSync(folder, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/**
 * Replaces the file at `target` with `bytes`: a temporary file beside the real target,
 * written whole and flushed, given the original's mode (and owner, when running as root),
 * then renamed over it, but only if the file is still in state `expected` (undefined: there
 * must be no file). On any failure the temporary file is removed and the original is as it was.
 */
export function replaceFile(
  path: string,
  bytes: Uint8Array,
  expected: FileState | undefined,
  options: ReplaceOptions = {}
): void {
  // Looked at again now: the file may have become read-only, or a link retargeted, meanwhile.
  const target = inspectTarget(path);
  const writeChunk = options.writeChunk ?? writeSync;
  const folder = dirname(target.realPath);
  const temporary = join(
    folder,
    `.${basename(target.realPath)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temporary, "wx", target.existing ? 0o600 : 0o666);
    created = true;
    if (target.existing) {
      if (process.getuid?.() === 0) fchownSync(fd, target.existing.uid, target.existing.gid);
      fchmodSync(fd, target.existing.mode & 0o7777);
    }
    for (let offset = 0; offset < bytes.length;) {
      const written = writeChunk(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw new Error("the write made no progress");
      offset += written;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    options.beforeReplace?.();
    if (!sameState(currentState(target.realPath, expected), expected))
      throw new FileProblem(cliProblem("changedMeanwhile", { path: target.path }));
    renameSync(temporary, target.realPath);
    created = false;
    syncFolder(folder);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (created) unlinkSync(temporary);
    if (error instanceof FileProblem || !isSystemError(error)) throw error;
    throw new FileProblem(
      composed(
        target.existing ? "writeFailedUnchanged" : "writeFailedNothing",
        { path: target.path },
        { reason: systemReasonSaid(error) }
      )
    );
  }
}
