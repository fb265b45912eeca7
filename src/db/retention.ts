// Which backups to keep: the 10 newest of the current day, and the newest of each earlier day for the 10 most
// recent earlier days that have one. Everything else is pruned (docs/data-safety.md) — except the backups an undo
// or a risky operation depends on, which are held outside that count (see `isHeld`).
export const RETENTION = { sameDay: 10, earlierDays: 10 } as const;

export const DAY_MS = 86_400_000;

/** A backup taken before one of these is held for at least a day, however many others follow it. */
export const RISKY_REASONS: ReadonlySet<string> = new Set(['restore', 'import', 'migration']);

export interface RetainedBackup {
  id: number;
  createdAt: number;
  /** Why it was taken (a BackupReason); absent in callers that only know times. */
  reason?: string;
  /** Referred to by an undo the user has not dismissed yet (Undo restore). */
  pinned?: boolean;
  /** Plans it holds; absent in callers that only know times. */
  planCount?: number;
}

/**
 * An automatic backup that holds no plan: it can only take the place of a useful one. Databases from before
 * automatic backups of an empty database were skipped may still hold one (the first save of a new profile).
 */
export function isEmptyAutomatic(b: RetainedBackup): boolean {
  return b.planCount === 0 && b.reason === 'periodic' && b.pinned !== true;
}

export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Held backups are never pruned and never take one of RETENTION's places: one an undo still refers to (pinned),
 * and one taken before a restore, import or migration until it is a day old. Without this, about 100 minutes of
 * editing after a restore (10 periodic backups) pruned the backup "Undo restore" needs.
 */
export function isHeld(b: RetainedBackup, now: number): boolean {
  return (
    b.pinned === true || (b.reason !== undefined && RISKY_REASONS.has(b.reason) && now - b.createdAt < DAY_MS)
  );
}

export function backupsToPrune(backups: readonly RetainedBackup[], now: number): number[] {
  const prune: number[] = backups.filter((b) => isEmptyAutomatic(b)).map((b) => b.id);
  const newestFirst = backups
    .filter((b) => !isHeld(b, now) && !isEmptyAutomatic(b))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const today = utcDay(now);
  let sameDay = 0;
  const earlierDays = new Set<number>();
  for (const b of newestFirst) {
    const day = utcDay(b.createdAt);
    if (day >= today) {
      if (sameDay < RETENTION.sameDay) sameDay++;
      else prune.push(b.id);
    } else if (!earlierDays.has(day) && earlierDays.size < RETENTION.earlierDays) {
      earlierDays.add(day);
    } else {
      prune.push(b.id);
    }
  }
  return prune;
}
