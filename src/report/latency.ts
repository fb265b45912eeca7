// What a latency target decided (issue 12 §3), in the same words on the app's cost-per-service table, in the CSV and
// in the terminal table. Read from each ServiceCost's `latency`, never recomputed.
import type { LatencySizing, Report } from '../model/index.ts';

const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** "p95", "p99.9": the share of requests a target holds for, as a percentile. */
export function percentileLabel(p: number): string {
  return `p${Number((p * 100).toFixed(2))}`;
}

/** A wait in ms as a planner reads it: "0 ms", "3.4 ms", "1,250 ms". */
export function waitText(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${ms > 0 && ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
}

/**
 * "latency decides: 14 instances instead of 9; p95 wait 12 ms", "CPU decides; p95 wait 3.1 ms", or, when latency
 * raised the count only in quieter hours, "CPU decides at the busiest hour, latency in 40 hours a week; …".
 */
export function latencyNote(l: LatencySizing): string {
  const wait = `${percentileLabel(l.percentile)} wait ${waitText(l.waitMs)}`;
  if (l.sizedBy === 'latency') {
    return `latency decides: ${plural(l.instances, 'instance')} instead of ${l.cpuInstances.toLocaleString('en-US')}; ${wait}`;
  }
  if (l.latencyHours > 0) {
    return `CPU decides at the busiest hour, latency in ${plural(l.latencyHours, 'hour')} a week; ${wait}`;
  }
  return `CPU decides; ${wait}`;
}

/** Beside a cost, only when latency decided: "latency decides: 14 instead of 9"; null otherwise. */
export function latencyShortNote(l: LatencySizing): string | null {
  return l.sizedBy === 'latency'
    ? `latency decides: ${l.instances.toLocaleString('en-US')} instead of ${l.cpuInstances.toLocaleString('en-US')}`
    : null;
}

/** Per strategy (report order), each service's latency note by name; empty maps when no service has a target. */
export function latencyNotes(report: Report): Map<string, string>[] {
  return report.strategies.map((s) => {
    const notes = new Map<string, string>();
    for (const c of s.services)
      if (c.included && c.latency && !notes.has(c.service)) notes.set(c.service, latencyNote(c.latency));
    return notes;
  });
}
