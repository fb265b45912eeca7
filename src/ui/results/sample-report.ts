// A small hand-made report and forecast with the engine's shapes, for the results and compare tests.
// Figures are invented but consistent: services' costs add up to each strategy's monthly cost, and line items
// add up to it too.
import { FORECAST_TOLERANCE, forecastFromCosts, type MonthCosts } from '../../model/engine.ts';
import type {
  Forecast,
  LineItem,
  Report,
  StrategyId,
  StrategyReport,
  WeekSeries,
} from '../../model/types.ts';
import { DEFAULT_STRATEGIES, figuresOf, strategyEntry, STRATEGY_NAMES } from '../../model/index.ts';

const SERVICES = ['orders', 'restaurants', 'payments', 'search'] as const;

function week(peak: number, paid: (demand: number) => number, unit: string): WeekSeries {
  const demand: number[] = [];
  const capacity: number[] = [];
  const units: number[] = [];
  for (let h = 0; h < 168; h++) {
    const hour = h % 24;
    const weekend = h >= 120;
    const evening = Math.exp(-((hour - 19) ** 2) / 8);
    const lunch = Math.exp(-((hour - 12) ** 2) / 3) * 0.6;
    const d = Math.round(peak * (0.08 + 0.92 * Math.max(evening, lunch)) * (weekend ? 1.15 : 1) * 100) / 100;
    demand.push(d);
    const c = paid(d);
    capacity.push(c);
    units.push(Math.ceil(c / 4));
  }
  return { demand, capacity, units, unit };
}

/** A strategy whose monthly cost is the sum of its line items; callers fill in `services`. */
function strategy(
  id: StrategyId,
  items: Omit<LineItem, 'cost'>[],
  extra: Partial<Omit<StrategyReport, 'figures'>>,
): StrategyReport {
  const lineItems = items.map((li) => ({ ...li, cost: Math.round(li.quantity * li.unitPrice * 100) / 100 }));
  const monthlyCost = Math.round(lineItems.reduce((s, li) => s + li.cost * 100, 0)) / 100;
  const report = {
    id,
    name: STRATEGY_NAMES[id],
    settings: DEFAULT_STRATEGIES[strategyEntry(id).settingsKey],
    scaling: { mode: id === 'serverless' ? 'per-request' : 'hourly', aheadHours: 0 },
    notIncluded: ['data transfer between zones and to the internet'],
    monthlyCost,
    utilization: { cpuAverage: null, cpuPeak: null },
    capacity: {},
    lineItems,
    services: [],
    warnings: [],
    week: week(6, (d) => d, 'vCPU'),
    ...extra,
  } satisfies Omit<StrategyReport, 'figures'>;
  // Typed figures from the capacity map, as the engine makes them (registry.ts).
  return { ...report, figures: figuresOf(id, report.capacity) };
}

/** Splits `total` into the given shares, in cents, so the parts add up exactly. */
function split(
  total: number,
  shares: number[],
  included = shares.map(() => true),
): [string, number, boolean][] {
  const cents = Math.round(total * 100);
  const sum = shares.reduce((s, x, i) => s + (included[i] ? x : 0), 0);
  let left = cents;
  return SERVICES.map((name, i) => {
    if (!included[i]) return [name, 0, false];
    const last = included.lastIndexOf(true) === i;
    const part = last ? left : Math.round((cents * (shares[i] as number)) / sum);
    left -= part;
    return [name, part / 100, true];
  });
}

export function sampleReport(): Report {
  const shares = [0.4, 0.2, 0.15, 0.25];
  const shared = strategy(
    'shared-host',
    [
      {
        service: null,
        component: 'Instance hours (m6i.2xlarge)',
        unit: 'hours',
        quantity: 1460,
        unitPrice: 0.384,
      },
    ],
    {
      utilization: { cpuAverage: 0.21, cpuPeak: 0.58 },
      capacity: { hosts: 2, instanceHours: 1460 },
      week: week(9.3, () => 16, 'vCPU'),
    },
  );
  shared.services = split(shared.monthlyCost, shares).map(([service, cost, included]) => ({
    service,
    cost,
    included,
  }));

  const vm = strategy(
    'vm-per-service',
    [
      {
        service: 'orders',
        component: 'Instance hours (c6i.xlarge)',
        unit: 'hours',
        quantity: 1460,
        unitPrice: 0.17,
      },
      {
        service: 'restaurants',
        component: 'Instance hours (t3.medium)',
        unit: 'hours',
        quantity: 730,
        unitPrice: 0.0416,
      },
      {
        service: 'payments',
        component: 'Instance hours (m6i.large)',
        unit: 'hours',
        quantity: 1460,
        unitPrice: 0.096,
      },
      {
        service: 'search',
        component: 'Instance hours (r6i.large)',
        unit: 'hours',
        quantity: 730,
        unitPrice: 0.126,
      },
    ],
    {
      utilization: { cpuAverage: 0.34, cpuPeak: 0.81 },
      capacity: { instances: 6, instanceHours: 4380 },
      warnings: [
        {
          service: 'payments',
          code: 'min-instances',
          message: 'payments: 2 instances kept for minInstances.',
        },
      ],
      week: week(9.3, () => 14, 'vCPU'),
    },
  );
  vm.services = vm.lineItems.map((li) => ({ service: li.service as string, cost: li.cost, included: true }));

  const cluster = strategy(
    'container-cluster',
    [
      { service: null, component: 'Control plane', unit: 'hours', quantity: 730, unitPrice: 0.1 },
      {
        service: null,
        component: 'Node hours (m6i.xlarge)',
        unit: 'hours',
        quantity: 1880,
        unitPrice: 0.192,
      },
    ],
    {
      utilization: { cpuAverage: 0.46, cpuPeak: 0.77 },
      capacity: { peakNodes: 4, nodeHours: 1880, allocationEfficiency: 0.71, headroomCost: 54.2 },
      week: week(9.3, (d) => Math.max(8, Math.ceil((d * 1.3) / 4) * 4), 'vCPU'),
    },
  );
  cluster.services = split(cluster.monthlyCost, shares).map(([service, cost, included]) => ({
    service,
    cost,
    included,
  }));

  const included = [true, true, false, true];
  const serverless = strategy(
    'serverless',
    [
      {
        service: 'orders',
        component: 'Requests',
        unit: 'requests',
        quantity: 52_000_000,
        unitPrice: 0.0000002,
      },
      {
        service: 'orders',
        component: 'GB-seconds (first 6B)',
        unit: 'GB-seconds',
        quantity: 2_080_000,
        unitPrice: 0.0000166667,
      },
      {
        service: 'restaurants',
        component: 'Requests',
        unit: 'requests',
        quantity: 21_000_000,
        unitPrice: 0.0000002,
      },
      {
        service: 'restaurants',
        component: 'GB-seconds (first 6B)',
        unit: 'GB-seconds',
        quantity: 420_000,
        unitPrice: 0.0000166667,
      },
      {
        service: 'search',
        component: 'Requests',
        unit: 'requests',
        quantity: 30_000_000,
        unitPrice: 0.0000002,
      },
      {
        service: 'search',
        component: 'GB-seconds (first 6B)',
        unit: 'GB-seconds',
        quantity: 1_500_000,
        unitPrice: 0.0000166667,
      },
    ],
    {
      capacity: { peakConcurrency: 41.5, averageConcurrency: 12.25 },
      warnings: [
        { service: 'payments', code: 'stateful', message: 'payments is stateful: serverless cannot run it.' },
        { service: null, code: 'free-tier', message: 'The free tier is applied once per account.' },
      ],
      week: week(41.5, () => 0, 'concurrent executions'),
    },
  );
  serverless.services = SERVICES.map((service, i) => ({
    service,
    cost: included[i]
      ? Math.round(
          serverless.lineItems.filter((li) => li.service === service).reduce((s, li) => s + li.cost * 100, 0),
        ) / 100
      : 0,
    included: included[i] as boolean,
  }));

  // Serverless containers (Fargate): each service's tasks, vCPU-hours and GiB-hours at the us-east-1 x86 rates.
  const task = (service: string, vcpu: number, memoryGiB: number, taskHours: number) => [
    {
      service,
      component: `Task vCPU-hours (ECS on Fargate, x86_64, ${vcpu} vCPU / ${memoryGiB} GiB)`,
      unit: 'vCPU-hours',
      quantity: taskHours * vcpu,
      unitPrice: 0.04048,
    },
    {
      service,
      component: `Task memory GiB-hours (ECS on Fargate, x86_64, ${vcpu} vCPU / ${memoryGiB} GiB)`,
      unit: 'GiB-hours',
      quantity: taskHours * memoryGiB,
      unitPrice: 0.004445,
    },
  ];
  const fargate = strategy(
    'serverless-containers',
    [
      ...task('orders', 0.5, 1, 4380),
      ...task('restaurants', 0.25, 0.5, 2920),
      ...task('payments', 1, 2, 2190),
      ...task('search', 1, 4, 3650),
    ],
    {
      utilization: { cpuAverage: 0.52, cpuPeak: 0.7 },
      capacity: { peakTasks: 14, averageTasks: 6.2, taskHours: 13140, peakPaidVcpu: 9.5 },
      warnings: [
        {
          service: 'payments',
          code: 'stateful-task',
          message: 'payments is stateful: a Fargate task can hold a volume, which is not priced here.',
        },
      ],
      week: week(9.3, (d) => Math.ceil(d / 0.7 / 0.5) * 0.5, 'vCPU'),
    },
  );
  fargate.services = SERVICES.map((service) => ({
    service,
    cost:
      Math.round(
        fargate.lineItems.filter((li) => li.service === service).reduce((s, li) => s + li.cost * 100, 0),
      ) / 100,
    included: true,
  }));

  return {
    plan: 'Food delivery',
    currency: 'USD',
    hoursPerMonth: 730,
    catalog: { id: 'aws-us-east-1', asOf: '2026-01-01' },
    strategies: [shared, vm, cluster, serverless, fargate],
    cheapest: 'container-cluster',
  };
}

/**
 * Twelve months from 2027-01: the container cluster grows faster than VMs per service, is overtaken around month 6
 * and clearly (by more than the tolerance) around month 8; serverless grows fastest but does not run `payments`. Built
 * with the engine's own leader rule and cent sums (test data with the engine's shape; not a second engine).
 */
export function sampleForecast(report: Report = sampleReport(), months = 12, start = '2027-01'): Forecast {
  const base = Object.fromEntries(report.strategies.map((s) => [s.id, s.monthlyCost])) as Record<
    StrategyId,
    number
  >;
  const growth: Record<StrategyId, number> = {
    'shared-host': 0.01,
    'vm-per-service': 0.03,
    'container-cluster': 0.06,
    serverless: 0.45,
    'serverless-containers': 0.05,
  };
  const ids = Object.keys(base) as StrategyId[];
  const complete = new Set(
    report.strategies.filter((s) => s.services.every((x) => x.included)).map((s) => s.id),
  );
  const costed: MonthCosts[] = Array.from({ length: months }, (_, m) => {
    const costs = Object.fromEntries(
      ids.map((id) => {
        const step = id === 'shared-host' ? (m >= 8 ? 2 : 1) : 1;
        return [id, Math.round(base[id] * step * (1 + growth[id]) ** m * 100) / 100];
      }),
    ) as Record<StrategyId, number>;
    const capacity = Object.fromEntries(ids.map((id) => [id, {}])) as MonthCosts['capacity'];
    const cheapest = ids.filter((id) => complete.has(id)).reduce((a, b) => (costs[b] < costs[a] ? b : a));
    return { costs, capacity, cheapest, complete };
  });
  return forecastFromCosts(start, costed, FORECAST_TOLERANCE);
}
