// The terms of each strategy's total in words, for every export (CSV metadata, the terminal table): whether it is
// complete, its scaling mode, and what it does not include (issue 10 §5–§6). Read from the report, never recomputed.
import type { StrategyReport } from '../model/index.ts';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Why a strategy's total is not a full, comparable figure, or `null` when it is: "incomplete: leaves out 2 services
 * (a, b)" (it never counts as cheapest), or "cannot be costed: …" (it has no total at all).
 */
export function totalStatus(s: StrategyReport): string | null {
  if (s.cannotCost) return `cannot be costed: ${s.cannotCost.map((p) => p.message).join('; ')}`;
  const out = leftOut(s);
  return out.length === 0 ? null : `incomplete: ${leavesOut(out)}`;
}

/** The services a costed strategy does not run (and nothing priced), by name. */
export function leftOut(s: StrategyReport): string[] {
  return s.services.filter((x) => !x.included).map((x) => x.service);
}

/** "leaves out 2 services (a, b)". */
export function leavesOut(names: readonly string[]): string {
  return `leaves out ${plural(names.length, 'service')} (${names.join(', ')})`;
}

/**
 * A strategy's scaling mode in a planner's words, the same on the cards, in the CSV and in the terminal table:
 * "Hourly, 1 h ahead", "Hourly, no scale-ahead", "Static (peak all month)", "Per request".
 */
export function scalingText(scaling: StrategyReport['scaling']): string {
  switch (scaling.mode) {
    case 'static':
      return 'Static (peak all month)';
    case 'hourly':
      return scaling.aheadHours > 0 ? `Hourly, ${scaling.aheadHours} h ahead` : 'Hourly, no scale-ahead';
    case 'per-request':
      return 'Per request';
  }
}

/** The services another strategy priced in this total (Lambda's fallback), by name. */
export function viaFallback(s: StrategyReport): string[] {
  return s.services.filter((x) => x.included && x.via !== undefined).map((x) => x.service);
}
