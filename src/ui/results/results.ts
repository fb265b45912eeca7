// Pure helpers for the results view: labels and ordering of what the engine's report already holds.
// Nothing here recomputes a cost; it only picks, labels and orders report figures.
import type { Report, ServiceCost, StrategyId, StrategyReport } from '../../model/types.ts';
import { figureText, type NumberStyle } from '../../report/figures.ts';
import { money, num, percent } from '../format.ts';

export interface CapacityFigure {
  key: string;
  label: string;
  value: string;
  /** Shown on the card at once (all figures are primary when the strategy declares none primary). */
  primary: boolean;
}

/** How the screen writes figures (src/report/figures.ts decides the decimals per unit; this is the locale style). */
function screenStyle(currency: string): NumberStyle {
  return { number: (v, digits) => num(v, digits), money: (v) => money(v, currency), percent };
}

/** Capacity figures of a strategy as labelled, formatted values, in the report's order (declared in the registry). */
export function capacityFigures(strategy: StrategyReport, currency: string): CapacityFigure[] {
  const anyPrimary = strategy.figures.some((f) => f.primary);
  const style = screenStyle(currency);
  return strategy.figures.map((f) => ({
    key: f.key,
    label: f.label,
    value: figureText(f, style),
    primary: !anyPrimary || f.primary,
  }));
}

/** Peak and average concurrency from a strategy's figures (`null` when it has none: only Lambda reports them). */
export function concurrency(strategy: StrategyReport): { average: number | null; peak: number | null } {
  const find = (key: string) => {
    const f = strategy.figures.find((x) => x.key === key);
    return f && Number.isFinite(f.value) ? f.value : null;
  };
  return { average: find('averageConcurrency'), peak: find('peakConcurrency') };
}

/** Services a strategy cannot run (serverless: stateful or too long), in report order. */
export function excludedServices(strategy: StrategyReport): string[] {
  // A strategy that cannot be costed runs nothing; its card says why instead of listing every service.
  if (strategy.cannotCost) return [];
  return strategy.services.filter((s) => !s.included).map((s) => s.service);
}

export interface BreakdownRow {
  service: string;
  /** One entry per strategy in report order: the service's cost, or `null` when the strategy does not run it. */
  costs: (number | null)[];
  /** Per strategy: the strategy that priced the service in this one's total (Lambda's fallback), else `null`. */
  via: (StrategyId | null)[];
}

/** Service × strategy monthly costs, straight from each strategy's `services`, in first-seen service order. */
export function breakdownRows(report: Report): BreakdownRow[] {
  // By name through maps (a service's first entry in each strategy), not by searching lists: linear in the number
  // of services, where searching was quadratic (a 2,000-service plan re-rendered this on every edit).
  const names = new Set<string>();
  const byStrategy = report.strategies.map((s) => {
    const first = new Map<string, ServiceCost>();
    for (const sc of s.services) {
      names.add(sc.service);
      if (!first.has(sc.service)) first.set(sc.service, sc);
    }
    return first;
  });
  return [...names].map((service) => ({
    service,
    costs: byStrategy.map((first) => {
      const sc = first.get(service);
      return sc && sc.included ? sc.cost : null;
    }),
    via: byStrategy.map((first) => {
      const sc = first.get(service);
      return sc?.included && sc.via ? sc.via : null;
    }),
  }));
}

const unitPriceFormats = new Map<string, Intl.NumberFormat>();

/**
 * A unit price with as many decimals as it needs (Lambda's GB-second is $0.0000166667), at least two, never
 * NaN/Infinity.
 */
export function unitPrice(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let f = unitPriceFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 10,
      });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 10 });
    }
    unitPriceFormats.set(currency, f);
  }
  const text = f.format(value);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `2027-01` → `Jan 2027` (the engine's calendar months, for people); other text is returned as it is. */
export function monthLabel(calendarMonth: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(calendarMonth);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : calendarMonth;
}

/**
 * What a strategy's total is made of, briefly: its line items' components without their details (instance types,
 * architectures, price tiers, "free tier"), each once, in the report's order. "Instance hours (m6i.large)" and
 * "Instance hours (t3.small)" are one "Instance hours"; "Duration, x86_64" and "Duration, arm64" one "Duration".
 */
export function includedComponents(strategy: StrategyReport): string[] {
  const seen = new Set<string>();
  for (const li of strategy.lineItems) {
    // The component's name up to its first detail: a bracket or a comma ("Duration, arm64 (first 6B GB-s)").
    const brief = li.component.split(/\s*[(,]/)[0]!.trim() || li.component;
    seen.add(brief);
  }
  return [...seen];
}

/** True when the strategy's total leaves services out (nothing priced them): it must never read as complete. */
export function isIncomplete(strategy: StrategyReport): boolean {
  return excludedServices(strategy).length > 0;
}
