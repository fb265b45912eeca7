// Pure helpers for the results view: labels and ordering of what the engine's report already holds.
// Nothing here recomputes a cost; it only picks, labels and orders report figures.
import type { Report, ServiceCost, StrategyId, StrategyReport } from '../../model/types.ts';
import { money, num, percent } from '../format.ts';

// Labels for the engine's capacity keys (src/model/*.ts); unknown keys are labelled from their camelCase words.
const CAPACITY_LABELS: Record<string, string> = {
  hosts: 'Hosts',
  hostsForCpu: 'Hosts needed for CPU',
  hostsForMemory: 'Hosts needed for memory',
  instances: 'Peak instances',
  averageInstances: 'Average instances',
  instanceHours: 'Instance-hours / month',
  paidVcpu: 'Paid vCPU',
  peakPaidVcpu: 'Peak paid vCPU',
  peakDemandVcpu: 'Peak demand (vCPU)',
  memoryGiB: 'Memory (GiB)',
  memoryNeededGiB: 'Memory needed (GiB)',
  peakNodes: 'Peak nodes',
  averageNodes: 'Average nodes',
  nodeHours: 'Node-hours / month',
  headroomNodeHours: 'Headroom node-hours / month',
  headroomMonthlyCost: 'Cost of headroom / month',
  peakPods: 'Peak pods',
  cpuAllocation: 'CPU allocated to pods',
  memoryAllocation: 'Memory allocated to pods',
  allocatableMillicoresPerNode: 'Allocatable CPU per node (millicores)',
  allocatableMiBPerNode: 'Allocatable memory per node (MiB)',
  maxPodsPerNode: 'Max pods per node',
  requests: 'Requests / month',
  gbSeconds: 'GB-seconds / month',
  peakConcurrency: 'Peak concurrency',
  averageConcurrency: 'Average concurrency',
  peakProvisionedConcurrency: 'Peak provisioned concurrency',
  servicesIncluded: 'Services run',
  servicesExcluded: 'Services not run',
};

/** The figures a card shows at once; the others sit behind "More figures". */
const PRIMARY = new Set([
  'hosts',
  'instanceHours',
  'paidVcpu',
  'peakDemandVcpu',
  'instances',
  'averageInstances',
  'peakNodes',
  'averageNodes',
  'nodeHours',
  'cpuAllocation',
  'headroomMonthlyCost',
  'requests',
  'gbSeconds',
  'peakProvisionedConcurrency',
]);

/** A readable label for a capacity figure's key: known keys by name, others from their camelCase words. */
export function capacityLabel(key: string): string {
  const known = CAPACITY_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  if (!words) return key;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How a capacity figure is shown: costs as money, efficiencies and shares as percent, the rest as numbers. */
export function capacityValue(key: string, value: number, currency: string): string {
  if (/cost/i.test(key)) return money(value, currency);
  if (/(efficiency|utili[sz]ation|allocation|share|ratio|fraction)$/i.test(key)) return percent(value);
  if (/(hours|seconds|requests|millicores|mib)/i.test(key)) return num(value, 0);
  return num(value, /gib/i.test(key) ? 1 : 2);
}

export interface CapacityFigure {
  key: string;
  label: string;
  value: string;
  /** Shown on the card at once (all figures are primary when none of the keys is known). */
  primary: boolean;
}

/** Capacity figures of a strategy as labelled, formatted values, in the report's order. */
export function capacityFigures(strategy: StrategyReport, currency: string): CapacityFigure[] {
  const entries = Object.entries(strategy.capacity);
  const anyKnown = entries.some(([key]) => PRIMARY.has(key));
  return entries.map(([key, value]) => ({
    key,
    label: capacityLabel(key),
    value: capacityValue(key, value, currency),
    primary: !anyKnown || PRIMARY.has(key),
  }));
}

/** Peak and average concurrency from a serverless strategy's capacity figures (`null` when absent). */
export function concurrency(strategy: StrategyReport): { average: number | null; peak: number | null } {
  const find = (re: RegExp) => {
    const entry = Object.entries(strategy.capacity).find(([k]) => re.test(k));
    return entry && Number.isFinite(entry[1]) ? entry[1] : null;
  };
  return { average: find(/^(average|mean|avg)Concurrency$/i), peak: find(/^peakConcurrency$/i) };
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
