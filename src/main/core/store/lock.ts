// One writer per notebook. The lock is a file created exclusively. It names its holder well enough to tell a
// live holder from a stale one: pid, the process's start time and the machine's boot, and the host name. A lock
// whose process has died, whose pid now belongs to another process, or that was written before the last reboot
// is taken over; a live one is refused; one from this very process is reported as such, so the caller can treat
// "open the notebook that is already open" as nothing to do.
//
// How the process is identified, by platform:
// - Linux: the start time is field 22 of /proc/<pid>/stat (clock ticks since boot) and the boot is
//   /proc/sys/kernel/random/boot_id, so a reused pid and a previous boot are both detected exactly.
// - macOS and Windows: Node offers no way to read another process's start time without spawning `ps` or
//   `wmic` (too slow to run on every open). The lock records estimates (now minus process.uptime() and minus
//   os.uptime()): they tell our own process from an earlier one with the same pid and a previous boot from
//   this one, but a live pid of another process is trusted to be the holder. The refusal then names the lock
//   file, so the user can delete it if no Quire is running.
import { readFileSync, unlinkSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { QuireError } from '../errors';

export const LOCK_FILE = '.lock';

/** A lock on another computer may be forced open only when it is older than this (a day). */
export const FOREIGN_LOCK_FORCE_AGE_MS = 24 * 60 * 60 * 1000;
/** An unreadable lock younger than this is probably being written right now by another process. */
const UNREADABLE_GRACE_MS = 5_000;
/** Estimated boot times this far apart mean different boots (wall-clock adjustments move the estimate). */
const BOOT_ESTIMATE_TOLERANCE_MS = 5 * 60 * 1000;
/** Estimated start times this close are the same process (the estimate is stable to a few ms). */
const START_ESTIMATE_TOLERANCE_MS = 2_000;

export interface LockInfo {
  pid: number;
  host: string;
  createdAt: string;
  /** Linux: field 22 of /proc/<pid>/stat, the process start in clock ticks since boot. */
  startTicks?: number;
  /** Linux: /proc/sys/kernel/random/boot_id. */
  bootId?: string;
  /** Every platform: the process start, estimated as now minus process.uptime(). */
  startedAt?: string;
  /** Every platform: the boot, estimated as now minus os.uptime(). */
  bootedAt?: string;
}
const lockInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  createdAt: z.string(),
  startTicks: z.number().int().nonnegative().optional(),
  bootId: z.string().optional(),
  startedAt: z.string().optional(),
  bootedAt: z.string().optional(),
}) satisfies z.ZodType<LockInfo>;

/** Who holds a notebook's lock, as a person would want to be told. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  lockFile: string;
  /** This very process holds it (same pid, same start): the notebook is already open here. */
  thisProcess: boolean;
  /** Held on another computer (or a machine Quire cannot prove is this one). */
  otherHost: boolean;
}

/** NOTEBOOK_LOCKED, with the holder attached so callers can tell "open here already" from "open elsewhere". */
export class NotebookLockedError extends QuireError {
  constructor(
    readonly holder: LockHolder | null,
    message: string,
  ) {
    super('NOTEBOOK_LOCKED', message);
  }
}

/** True when `e` says the notebook is already open in this very process. */
export function isLockedByThisProcess(e: unknown): boolean {
  return e instanceof NotebookLockedError && e.holder?.thisProcess === true;
}

export interface NotebookLock {
  readonly path: string;
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** The user confirmed that Quire is not running on the other computer: take over a lock from another host older than FOREIGN_LOCK_FORCE_AGE_MS. */
  force?: boolean;
}

// ---- this process, and any other process on this machine ----

interface ProcessIdentity {
  startTicks: number | null;
  bootId: string | null;
  startedAt: number;
  bootedAt: number;
}

function readProcStartTicks(pid: number | 'self'): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses and may itself hold spaces and ')': split after the last one.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[22 - 3]);
    return Number.isSafeInteger(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

let self: ProcessIdentity | null = null;
/** Computed once: the start time of a process does not change, and the estimates should not drift. */
function selfIdentity(): ProcessIdentity {
  self ??= {
    startTicks: readProcStartTicks('self'),
    bootId: readBootId(),
    startedAt: Date.now() - process.uptime() * 1000,
    bootedAt: Date.now() - os.uptime() * 1000,
  };
  return self;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const farApart = (a: string | undefined, b: number, tolerance: number): boolean => {
  const t = a === undefined ? NaN : Date.parse(a);
  return Number.isFinite(t) && Math.abs(t - b) > tolerance;
};

function fromAnotherBoot(lock: LockInfo, me: ProcessIdentity): boolean {
  if (lock.bootId !== undefined && me.bootId !== null) return lock.bootId !== me.bootId;
  return farApart(lock.bootedAt, me.bootedAt, BOOT_ESTIMATE_TOLERANCE_MS);
}

/** Same pid and same start: written by this very process. */
function isThisProcess(lock: LockInfo, me: ProcessIdentity): boolean {
  if (lock.pid !== process.pid) return false;
  if (lock.startTicks !== undefined && me.startTicks !== null) return lock.startTicks === me.startTicks;
  // A lock without any start time predates this format, so another Quire wrote it.
  if (lock.startedAt === undefined) return false;
  return !farApart(lock.startedAt, me.startedAt, START_ESTIMATE_TOLERANCE_MS);
}

/** Whether the process that wrote `lock` on this machine, in this boot, still runs. */
function holderStillRuns(lock: LockInfo): boolean {
  if (lock.pid === process.pid) return false; // not us (checked first), so an earlier process with our pid
  if (!isProcessAlive(lock.pid)) return false;
  if (lock.startTicks === undefined) return true; // nothing to compare: trust the live pid
  const now = readProcStartTicks(lock.pid);
  // Unreadable (e.g. /proc mounted with hidepid): trust the live pid.
  return now === null || now === lock.startTicks;
}

// ---- judging a lock file ----

type Verdict =
  | { kind: 'absent' }
  | { kind: 'stale' }
  | { kind: 'opening' }
  | { kind: 'held'; holder: LockHolder; verified: boolean; ageMs: number };

async function judge(file: string): Promise<{ verdict: Verdict; raw: string | null }> {
  let raw: string;
  let ageMs: number;
  try {
    [raw, ageMs] = await Promise.all([
      fs.readFile(file, 'utf8'),
      fs.stat(file).then((s) => Date.now() - s.mtimeMs),
    ]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { verdict: { kind: 'absent' }, raw: null };
    throw e;
  }
  const lock = parseLock(raw);
  if (!lock) {
    // Probably another process between creating the lock and writing its contents; if old, a crash did that.
    return { verdict: { kind: ageMs < UNREADABLE_GRACE_MS ? 'opening' : 'stale' }, raw };
  }
  const me = selfIdentity();
  const sameMachine = lock.host === os.hostname() || (lock.bootId !== undefined && lock.bootId === me.bootId);
  const holder: LockHolder = {
    pid: lock.pid,
    host: lock.host,
    since: lock.createdAt,
    lockFile: file,
    thisProcess: false,
    otherHost: !sameMachine,
  };
  // Checked before the host: a host name can change while Quire runs (macOS renames on network changes).
  if (isThisProcess(lock, me)) {
    const mine = { ...holder, thisProcess: true, otherHost: false };
    return { verdict: { kind: 'held', holder: mine, verified: true, ageMs }, raw };
  }
  if (!sameMachine) return { verdict: { kind: 'held', holder, verified: false, ageMs }, raw };
  if (fromAnotherBoot(lock, me) || !holderStillRuns(lock)) return { verdict: { kind: 'stale' }, raw };
  const verified = lock.startTicks !== undefined && me.startTicks !== null;
  return { verdict: { kind: 'held', holder, verified, ageMs }, raw };
}

function parseLock(raw: string): LockInfo | null {
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Who holds the notebook in `dir` open for writing right now, or null when nobody does (no lock, or a stale one). */
export async function readLockHolder(dir: string): Promise<LockHolder | null> {
  const { verdict } = await judge(path.join(dir, LOCK_FILE));
  return verdict.kind === 'held' ? verdict.holder : null;
}

function refusal(verdict: Extract<Verdict, { kind: 'held' }>, force: boolean): NotebookLockedError {
  const { holder } = verdict;
  const since = holder.since.replace('T', ' ').slice(0, 16);
  if (holder.thisProcess) {
    return new NotebookLockedError(holder, 'This notebook is already open in this Quire window or process.');
  }
  if (holder.otherHost) {
    const tooYoung =
      force && verdict.ageMs < FOREIGN_LOCK_FORCE_AGE_MS
        ? ` Quire does not force a lock younger than a day (this one is ${Math.max(1, Math.round(verdict.ageMs / 60_000))} min old).`
        : '';
    return new NotebookLockedError(
      holder,
      `This notebook is open in Quire on another computer (${holder.host}, pid ${holder.pid}, since ${since}). ` +
        `Close it there, then try again.${tooYoung} If Quire is not running on ${holder.host}, delete ${holder.lockFile} and try again.`,
    );
  }
  const unsure = verdict.verified ? '' : ` If no Quire is running, delete ${holder.lockFile} and try again.`;
  return new NotebookLockedError(
    holder,
    `This notebook is open in another Quire window or process (pid ${holder.pid}, since ${since}). Close it there, then try again.${unsure}`,
  );
}

/**
 * Moves a stale lock out of the way, but only the one we judged: if another process replaced it in the
 * meantime (it judged the same stale lock and took over first), its fresh lock is put back.
 */
async function removeStale(file: string, judgedRaw: string | null): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it: try again
    throw e;
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => null);
  if (judgedRaw !== null && moved !== judgedRaw) {
    // A link fails if yet another lock exists by now; then that one stands and the moved one is lost to a race we lost too.
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

export async function acquireLock(
  dir: string,
  now: () => Date,
  options: AcquireOptions = {},
): Promise<NotebookLock> {
  const file = path.join(dir, LOCK_FILE);
  const me = selfIdentity();
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    createdAt: now().toISOString(),
    ...(me.startTicks !== null ? { startTicks: me.startTicks } : {}),
    ...(me.bootId !== null ? { bootId: me.bootId } : {}),
    startedAt: new Date(me.startedAt).toISOString(),
    bootedAt: new Date(me.bootedAt).toISOString(),
  };
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return register(file, content);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const { verdict, raw } = await judge(file);
    if (verdict.kind === 'opening') {
      throw new NotebookLockedError(
        null,
        `This notebook is being opened by another Quire window or process. Close it there, then try again. If no Quire is running, delete ${file} and try again.`,
      );
    }
    if (verdict.kind === 'held') {
      const forced =
        options.force === true && verdict.holder.otherHost && verdict.ageMs >= FOREIGN_LOCK_FORCE_AGE_MS;
      if (!forced) throw refusal(verdict, options.force === true);
    }
    if (verdict.kind !== 'absent') await removeStale(file, raw);
  }
  throw new NotebookLockedError(
    null,
    `Another Quire process keeps taking this notebook. Close other Quire windows, then try again (lock file: ${file}).`,
  );
}

// ---- holding and releasing ----

/** Locks still held at exit, with the content we wrote; removed synchronously so a normal quit leaves none behind. */
const heldLocks = new Map<string, string>();
let exitHookInstalled = false;
function releaseAllOnExit(): void {
  for (const [file, content] of heldLocks) {
    try {
      if (readFileSync(file, 'utf8') === content) unlinkSync(file);
    } catch {
      // Already gone, or the folder vanished: nothing left to release.
    }
  }
  heldLocks.clear();
}

function register(file: string, content: string): NotebookLock {
  heldLocks.set(file, content);
  if (!exitHookInstalled) {
    process.on('exit', releaseAllOnExit);
    exitHookInstalled = true;
  }
  let released = false;
  return {
    path: file,
    async release() {
      if (released) return;
      released = true;
      heldLocks.delete(file);
      // Only our own lock: if it was forced open from another computer meanwhile, that lock is theirs now.
      const current = await fs.readFile(file, 'utf8').catch(() => null);
      if (current === content) await fs.rm(file, { force: true });
    },
  };
}
