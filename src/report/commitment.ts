// Savings-plan commitments in words and tables (issue 13 §5): the terminal table, the `headroom commitment` command
// and the app's results card read the engine's `StrategyReport.commitment` through these; nothing here computes a
// figure the engine did not.
import type { CommitmentReport, Report, StrategyReport } from '../model/index.ts';
import { formatAmount, formatMoney, grid, printable } from './table.ts';

/** Decimals of an hourly commitment level: four below one a hour (cents of a cent matter there), else two. */
export function hourlyDigits(level: number): number {
  return level !== 0 && Math.abs(level) < 1 ? 4 : 2;
}

/** "1.2/h" style: an hourly level in the report's currency, with up to four decimals (cents of a cent matter here). */
export function hourlyText(level: number, currency: string): string {
  return `${level.toFixed(hourlyDigits(level))} ${printable(currency)}/h`;
}

/** How amounts read: the report's "156.98 USD" and "0.7680 USD/h", or the app's "$156.98" and "$0.7680/h". */
export interface CommitmentStyle {
  money: (amount: number) => string;
  hourly: (level: number) => string;
}

const reportStyle = (currency: string): CommitmentStyle => ({
  money: (n) => formatMoney(n, currency),
  hourly: (n) => hourlyText(n, currency),
});

/** "Best commitment: 0.7680 USD/h saves 156.98 USD a month" (or that none saves anything). */
export function bestCommitmentText(
  c: CommitmentReport,
  currency: string,
  style: CommitmentStyle = reportStyle(currency),
): string {
  if (c.best.hourlyCommitment <= 0 || c.best.saves <= 0) {
    return c.discount > 0
      ? 'Best commitment: none (no level saves money on this curve)'
      : 'Best commitment: none (enter the savings plan’s discount to find one)';
  }
  return `Best commitment: ${style.hourly(c.best.hourlyCommitment)} saves ${style.money(c.best.saves)} a month`;
}

/** "Committed 403.66, used 403.66, wasted 0.00 USD a month" (the app: "Committed $403.66, used …"). */
export function commitmentUseText(c: CommitmentReport, currency: string, style?: CommitmentStyle): string {
  if (style)
    return `Committed ${style.money(c.committed)}, used ${style.money(c.used)}, wasted ${style.money(c.wasted)} a month`;
  return `Committed ${formatAmount(c.committed)}, used ${formatAmount(c.used)}, wasted ${formatAmount(c.wasted)} ${printable(currency)} a month`;
}

/** The strategies of a report that carry a commitment, with it. */
export function withCommitment(report: Report): { s: StrategyReport; c: CommitmentReport }[] {
  return report.strategies.flatMap((s) => (s.commitment ? [{ s, c: s.commitment }] : []));
}

/** The rows of a commitment table: one per strategy with a commitment. */
export const COMMITMENT_HEADER = [
  'Strategy',
  'Commitment',
  'Discount',
  'Committed',
  'Used',
  'Wasted',
  'Best level',
  'Saves / month',
] as const;

/** How the commitment table's columns align: the strategy's name left, every figure right. */
export const COMMITMENT_ALIGN: readonly ('left' | 'right')[] = COMMITMENT_HEADER.map((_, i) =>
  i === 0 ? 'left' : 'right',
);

/** The commitment table as terminal lines (the report's table and `headroom commitment`). */
export function commitmentGrid(report: Report): string[] {
  return grid([...COMMITMENT_HEADER], commitmentRows(report), [...COMMITMENT_ALIGN]);
}

export function commitmentRows(report: Report): string[][] {
  const cur = report.currency;
  return withCommitment(report).map(({ s, c }) => [
    s.name,
    hourlyText(c.hourlyCommitment, cur),
    `${(c.discount * 100).toFixed(1)}%`,
    formatAmount(c.committed),
    formatAmount(c.used),
    formatAmount(c.wasted),
    hourlyText(c.best.hourlyCommitment, cur),
    formatAmount(c.best.saves),
  ]);
}

/** What each strategy's commitment covers and does not, one line each. */
export function commitmentScopeLines(report: Report): string[] {
  return withCommitment(report).map(
    ({ s, c }) =>
      `- ${s.name}: covers ${c.covers}${c.eligible ? '' : ' (none here: Spot capacity)'}; not ${c.notCovered}.`,
  );
}
