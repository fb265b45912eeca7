// Which backups to keep: the 10 newest of the current day, and the newest of each earlier day for the 10 most
// recent earlier days that have one. Everything else is pruned (docs/data-safety.md).
export const RETENTION = { sameDay: 10, earlierDays: 10 } as const;

const DAY_MS = 86_400_000;

export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function backupsToPrune(backups: readonly { id: number; createdAt: number }[], now: number): number[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const today = utcDay(now);
  let sameDay = 0;
  const earlierDays = new Set<number>();
  const prune: number[] = [];
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
