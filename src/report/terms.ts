// The terms of each strategy's total in words, for every export (CSV metadata, the terminal table): whether it is
// complete, its scaling mode, and what it does not include (issue 10 §5–§6). Read from the report, never recomputed.
import type { ScalingMode, StrategyReport } from '../model/index.ts';

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

const MODE_WORDS: Record<ScalingMode, string> = {
  static: 'static (sized for the peak hour, all month)',
  hourly: 'hourly',
  'per-request': 'per request',
};

/** "hourly, 1 hour ahead", "static (sized for the peak hour, all month)", "per request". */
export function scalingText(s: StrategyReport): string {
  const { mode, aheadHours } = s.scaling;
  if (mode === 'hourly' && aheadHours > 0) return `hourly, ${plural(aheadHours, 'hour')} ahead`;
  return MODE_WORDS[mode];
}

/** The services another strategy priced in this total (Lambda's fallback), by name. */
export function viaFallback(s: StrategyReport): string[] {
  return s.services.filter((x) => x.included && x.via !== undefined).map((x) => x.service);
}
