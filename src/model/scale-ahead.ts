// Scaling on equal terms (issue 10 §5): an autoscaler must be ready before traffic arrives, so capacity in hour h
// is sized for the highest demand in hours h … h+k. The week repeats (Sunday 23:00 is followed by Monday 00:00),
// so the window wraps. k = 0 is the v1 behaviour (each hour sized for itself). docs/cost-model.md "Scaling".

import type { PreparedService } from './prepare.ts';
import { HOURS_PER_WEEK, doubleWeek } from './time.ts';

export const MAX_SCALE_AHEAD_HOURS = 3;

/** Each hour's value replaced by the largest of it and the next `aheadHours` hours, wrapping around the week. */
export function aheadMax(series: readonly number[], aheadHours: number): number[] {
  if (!Number.isInteger(aheadHours) || aheadHours < 0 || aheadHours > MAX_SCALE_AHEAD_HOURS) {
    throw new Error(
      `scaleAheadHours is a whole number from 0 to ${MAX_SCALE_AHEAD_HOURS}, not ${aheadHours}`,
    );
  }
  const n = series.length;
  if (aheadHours === 0) return series.slice();
  // A week is made as a week of doubles (time.ts `doubleWeek`: not a small-integer array made again at the first
  // fraction); any other length as before.
  const out = n === HOURS_PER_WEEK ? doubleWeek() : new Array<number>(n);
  for (let h = 0; h < n; h++) {
    let m = series[h]!;
    for (let k = 1; k <= aheadHours; k++) m = Math.max(m, series[(h + k) % n]!);
    out[h] = m;
  }
  return out;
}

/** `aheadMax` results by the series they were made from, per number of hours ahead (held weakly, with the series). */
const kept = new WeakMap<readonly number[], (readonly number[] | undefined)[]>();

/**
 * `aheadMax(series, aheadHours)`, made once per series array and number of hours: a service's CPU week is sized
 * ahead by three strategies (VMs, the cluster's pods, Fargate's tasks) on every evaluation and every sample of a
 * simulation. The result is shared: never change it (as a prepared service's own weeks).
 */
export function aheadMaxKept(series: readonly number[], aheadHours: number): readonly number[] {
  let byHours = kept.get(series);
  if (!byHours) {
    byHours = [];
    kept.set(series, byHours);
  }
  let out = byHours[aheadHours];
  if (out === undefined) {
    out = aheadMax(series, aheadHours);
    byHours[aheadHours] = out;
  }
  return out;
}

/**
 * `aheadMax(s.cpu, aheadHours)`, made once per prepared service and number of hours and kept on it (a service's CPU
 * week is sized ahead by VMs, the cluster's pods and Fargate's tasks, on every evaluation and every simulation sample).
 * Shared: never change it.
 */
export function cpuAhead(s: PreparedService, aheadHours: number): readonly number[] {
  const byHours = (s.cpuAhead ??= []);
  let out = byHours[aheadHours];
  if (out === undefined) {
    out = aheadMax(s.cpu, aheadHours);
    byHours[aheadHours] = out;
  }
  return out;
}
