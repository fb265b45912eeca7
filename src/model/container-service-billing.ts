// Serverless containers beyond Fargate (issue 13 §1): Cloud Run services and Azure Container Apps. Each service runs
// as instances (Cloud Run) or replicas (Container Apps) of one size, counted each hour as Fargate's tasks are, and
// billed per vCPU-second and GiB-second — at an active rate while serving (request-based) or running (instance-based),
// at an idle rate for what the minimum keeps warm — plus a per-request fee, less a monthly free grant. Pure; the
// rates, sizes and rules come from the catalog's `containerService` (src/catalog/gcp-cloud-run.ts,
// azure-container-apps.ts). docs/cost-model.md "Serverless containers on Cloud Run and Container Apps".
import { components } from './components.ts';
import type { TaskSize } from './fargate.ts';
import { sizeText, smallestHolding } from './fargate.ts';
import { latencySizing, preparedLatency, withLatency } from './latency.ts';
import { clean } from './money.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import { costsOnlyNow, discounted, line, serviceCosts, strategyReport, utilization } from './prepare.ts';
import { aheadMax } from './scale-ahead.ts';
import { tasksPerHour } from './serverless-containers.ts';
import { HOURS_PER_WEEK, weekToPeriod } from './time.ts';
import type {
  ContainerServiceBilling,
  ContainerServicePrices,
  ContainerServiceRates,
  CostingProblem,
  LatencySizing,
  LineItem,
  Plan,
  Service,
  ServerlessContainersSettings,
  StrategyReport,
  Warning,
} from './types.ts';
import { SINGLE_ZONE } from './zones.ts';

const ID = 'serverless-containers';
const SECONDS_PER_HOUR = 3600;

/** The billing mode a plan gets: its own choice, else the catalog's default. */
export function billingMode(
  st: ServerlessContainersSettings,
  prices: ContainerServicePrices,
): ContainerServiceBilling {
  return st.billing ?? prices.defaultBilling;
}

/** Requests one instance serves at once: the plan's, else the catalog's default. */
export function concurrencyOf(st: ServerlessContainersSettings, prices: ContainerServicePrices): number {
  return st.concurrency ?? prices.concurrency.default;
}

/**
 * A service's instance size: the smallest valid size (fewest vCPU, then least memory) that holds its pod CPU request
 * (`container.cpuMillicores`) and its `memoryMiB` — as Fargate's derived task size. `null`: no size holds it.
 */
export function instanceSizeOf(service: Service, prices: ContainerServicePrices): TaskSize | null {
  return smallestHolding(prices.sizes, service.container.cpuMillicores / 1000, service.memoryMiB / 1024);
}

/** One hour of one service's instances, in instance-seconds: billed at the active rate and at the idle rate. */
export interface HourUsage {
  active: number;
  idle: number;
}

/**
 * What one hour of a service costs in instance-seconds (docs/cost-model.md, "Serverless containers on Cloud Run and
 * Container Apps"): `n` instances run (at least `min`), requests arrive at `rps` and each keeps an instance busy for
 * `durationS` seconds, spread evenly over the instances.
 *
 * - **Serving time**: the concurrent requests of one instance are an M/G/∞ system with mean a = rps · durationS ÷ n
 *   (Little's law), so an instance serves at least one request a share 1 − e^(−a) of the hour; each stretch of
 *   serving starts when a request finds the instance empty (rps ÷ n · e^(−a) a second) and is rounded up to
 *   `roundingS` — by ⌈durationS ÷ roundingS⌉ · roundingS − durationS, exact when a stretch is one request (the light
 *   traffic where rounding matters). At most the hour.
 * - **Request-based billing**: the serving time is active; the `min` instances kept warm are idle the rest of the hour
 *   (when the mode has an idle rate); the others are not billed between requests.
 * - **Instance-based billing**: every running second is billed; with an idle rate (Container Apps), an hour at the
 *   minimum (`n` = `min` > 0) is active while serving and idle otherwise, and an hour above it is active throughout.
 */
export function hourUsage(
  n: number,
  min: number,
  rps: number,
  durationS: number,
  roundingS: number,
  billing: ContainerServiceBilling,
  hasIdle: boolean,
): HourUsage {
  const running = n * SECONDS_PER_HOUR;
  if (n === 0) return { active: 0, idle: 0 };
  if (billing === 'instance' && !(hasIdle && n <= min)) return { active: running, idle: 0 };
  const a = (rps * durationS) / n;
  const empty = Math.exp(-a);
  const rounded = roundingS > 0 ? Math.ceil(clean(durationS / roundingS)) * roundingS : durationS;
  const serving = Math.min(
    running,
    SECONDS_PER_HOUR * (n * (1 - empty) + rps * empty * (rounded - durationS)),
  );
  if (billing === 'instance') return { active: serving, idle: running - serving };
  // Request-based: the warm minimum is billed idle while it does not serve (each serves its share of the serving).
  const warm = Math.min(min, n);
  return { active: serving, idle: hasIdle ? warm * (SECONDS_PER_HOUR - serving / n) : 0 };
}

/** One service's instances and metered usage in one week. */
interface ServiceUsage {
  size: TaskSize;
  /** Instances each hour (empty in costs only). */
  perHour: number[];
  /** Instance-hours running in one week. */
  instanceHours: number;
  /** Instance-seconds billed active and idle in one week. */
  activeSeconds: number;
  idleSeconds: number;
  /** Requests in one week. */
  requests: number;
  latency: LatencySizing | null;
}

/**
 * Instances each hour: Fargate's count (`tasksPerHour`: CPU at the target utilization, a latency target, the minimum)
 * and at least ⌈concurrent requests ÷ concurrency⌉ (rps × duration by Little's law), in one zone: Cloud Run and
 * Container Apps spread instances over zones themselves.
 */
function serviceUsage(
  s: PreparedService,
  st: ServerlessContainersSettings,
  size: TaskSize,
  prices: ContainerServicePrices,
  billing: ContainerServiceBilling,
  concurrency: number,
): ServiceUsage {
  const ahead = st.scaling === 'hourly' ? st.scaleAheadHours : 0;
  const durationS = s.service.durationMs / 1000;
  const needed = preparedLatency(s);
  // Instances the requests in flight need at `concurrency` each, with a latency target's on top (each hour's larger).
  const floor = s.rps.map((r, h) =>
    Math.max(Math.ceil(clean((r * durationS) / concurrency)), needed?.[h] ?? 0),
  );
  const peakOf = (xs: readonly number[]) => new Array<number>(HOURS_PER_WEEK).fill(Math.max(0, ...xs));
  const shape = (xs: readonly number[]) =>
    st.scaling === 'static' ? peakOf(xs) : ahead > 0 ? aheadMax(xs, ahead) : xs;
  const count = (withFloor: boolean) =>
    tasksPerHour(
      shape(s.cpu),
      size.vcpu,
      st.targetUtilization,
      s.service.minInstances,
      SINGLE_ZONE,
      withFloor ? shape(floor) : null,
    );
  const perHour = count(true);
  const rates = prices.rates[billing]!;
  const roundingS = prices.roundingMs / 1000;
  let active = 0;
  let idle = 0;
  let instanceHours = 0;
  let requests = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const n = perHour[h]!;
    const rps = s.rps[h]!;
    const u = hourUsage(
      n,
      s.service.minInstances,
      rps,
      durationS,
      roundingS,
      billing,
      rates.idle !== undefined,
    );
    active += u.active;
    idle += u.idle;
    instanceHours += n;
    requests += rps * SECONDS_PER_HOUR;
  }
  const costs = costsOnlyNow();
  return {
    size,
    perHour: costs ? [] : perHour,
    instanceHours,
    activeSeconds: active,
    idleSeconds: idle,
    requests,
    latency: !costs && needed ? latencySizing(s.service, s.rps, perHour, count(false)) : null,
  };
}

/** "Cloud Run, request-based", or the product alone when it offers one mode ("Azure Container Apps"). */
export function productLabel(prices: ContainerServicePrices, billing: ContainerServiceBilling): string {
  const modes = (['request', 'instance'] as const).filter((m) => prices.rates[m] !== undefined);
  return modes.length > 1 ? `${prices.product}, ${billing}-based` : prices.product;
}

/** The plan's monthly metered quantities, summed over its services (and each service's part, for the shares). */
export interface Metered {
  activeVcpuSeconds: number[];
  idleVcpuSeconds: number[];
  activeGibSeconds: number[];
  idleGibSeconds: number[];
  requests: number[];
}

/**
 * The plan-level lines for metered usage (exported for the published examples): active then idle vCPU-seconds and
 * GiB-seconds at the mode's rates × (1 − `discount`), and requests per million (not discounted), each less the free
 * grant — applied once per plan (it is per billing account or subscription), to active usage first (its rate is the
 * higher, so the grant is worth the most there, as Cloud Run's spending-based grant is), then idle. Each line has
 * the weights by which its cost is shared among the services.
 */
export function meteredLines(
  label: string,
  rates: ContainerServiceRates,
  metered: Metered,
  discount: number,
  freeGrant: boolean,
): { line: LineItem; weights: number[] }[] {
  const out: { line: LineItem; weights: number[] }[] = [];
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const meter = (
    what: string,
    unit: string,
    scale: number,
    parts: { name: string | null; per: number[]; price: number }[],
    grant: number,
  ) => {
    let left = freeGrant ? grant : 0;
    for (const { name, per, price } of parts) {
      const total = clean(sum(per));
      if (total <= 0) continue;
      const free = Math.min(left, total);
      left -= free;
      const component = name === null ? what : `${what}, ${name}`;
      if (free > 0) {
        out.push({
          line: line(null, `${component} (${label}; free grant)`, unit, free / scale, 0),
          weights: per,
        });
      }
      if (total - free > 0) {
        out.push({
          line: line(null, `${component} (${label})`, unit, (total - free) / scale, price),
          weights: per,
        });
      }
    }
  };
  const idle = rates.idle;
  meter(
    'vCPU-seconds',
    'vCPU-seconds',
    1,
    [
      { name: 'active', per: metered.activeVcpuSeconds, price: discounted(rates.vcpuSecond, discount) },
      ...(idle
        ? [{ name: 'idle', per: metered.idleVcpuSeconds, price: discounted(idle.vcpuSecond, discount) }]
        : []),
    ],
    rates.freeGrant.vcpuSeconds,
  );
  meter(
    'Memory GiB-seconds',
    'GiB-seconds',
    1,
    [
      { name: 'active', per: metered.activeGibSeconds, price: discounted(rates.gibSecond, discount) },
      ...(idle
        ? [{ name: 'idle', per: metered.idleGibSeconds, price: discounted(idle.gibSecond, discount) }]
        : []),
    ],
    rates.freeGrant.gibSeconds,
  );
  if (rates.requestsPerMillion > 0) {
    meter(
      'Requests',
      '1M requests',
      1e6,
      [{ name: null, per: metered.requests, price: rates.requestsPerMillion }],
      rates.freeGrant.requests,
    );
  }
  return out;
}

/**
 * Why serverless containers cannot be costed on this catalog's `containerService` (located, as Fargate's): a billing
 * mode the product does not offer, a concurrency above its most, a service no instance size holds.
 */
export function containerServiceProblems(plan: Plan, prices: ContainerServicePrices): CostingProblem[] {
  const st = plan.strategies.serverlessContainers;
  const out: CostingProblem[] = [];
  const billing = billingMode(st, prices);
  if (!prices.rates[billing]) {
    out.push({
      path: 'strategies.serverlessContainers.billing',
      service: null,
      message: `${prices.product} has no ${billing}-based billing in catalog "${plan.catalog.id}"`,
      fix: `choose ${prices.defaultBilling}-based billing, or leave \`billing\` out`,
    });
  }
  const concurrency = concurrencyOf(st, prices);
  if (!(concurrency >= 1 && concurrency <= prices.concurrency.max)) {
    out.push({
      path: 'strategies.serverlessContainers.concurrency',
      service: null,
      message: `${prices.product} serves 1 to ${prices.concurrency.max} requests at once per instance (the plan asks ${concurrency})`,
      fix: `choose a concurrency from 1 to ${prices.concurrency.max}, or leave it out (${prices.concurrency.default})`,
    });
  }
  const largest = [...prices.sizes].sort((a, b) => b.vcpu - a.vcpu)[0];
  plan.services.forEach((s, i) => {
    if (instanceSizeOf(s, prices)) return;
    const cpuTooBig = !prices.sizes.some((r) => r.vcpu >= s.container.cpuMillicores / 1000);
    out.push({
      path: `services[${i}].${cpuTooBig ? 'container.cpuMillicores' : 'memoryMiB'}`,
      service: s.name,
      message: `no ${prices.product} instance holds ${clean(s.container.cpuMillicores / 1000)} vCPU and ${clean(s.memoryMiB / 1024)} GiB${largest ? `: the largest is ${sizeText({ vcpu: largest.vcpu, memoryGiB: largest.memoryGiB.at(-1)! })}` : ''}`,
      fix: 'give the service less memory or a smaller pod CPU request, or use another strategy',
    });
  });
  return out;
}

/** The strategy on a catalog's `containerService` (serverless-containers.ts dispatches here when there is no Fargate). */
export function containerServiceStrategy(p: Prepared, prices: ContainerServicePrices): StrategyReport {
  const plan = p.plan;
  const st = plan.strategies.serverlessContainers;
  const hpm = p.hoursPerMonth;
  const billing = billingMode(st, prices);
  const rates = prices.rates[billing];
  // costingProblems reports these before any strategy runs: reaching here without them is a bug.
  if (!rates) throw new Error(`${prices.product} has no ${billing}-based billing`);
  const concurrency = concurrencyOf(st, prices);
  const label = productLabel(prices, billing);
  const costs = costsOnlyNow();

  const metered: Metered = {
    activeVcpuSeconds: [],
    idleVcpuSeconds: [],
    activeGibSeconds: [],
    idleGibSeconds: [],
    requests: [],
  };
  const vcpuHours: number[] = [];
  const unitRows: number[][] = [];
  const paidRows: number[][] = [];
  const latency: (LatencySizing | null)[] = [];
  const warnings: Warning[] = [];
  let instanceHours = 0;
  for (const s of p.services) {
    const own = p.memo(
      s.service,
      `${ID} ${prices.model}`,
      // Costs only leaves the week of counts out: a value of that mode is kept apart.
      [s, st.targetUtilization, st.scaling, st.scaleAheadHours, prices, billing, concurrency, costs],
      () => {
        const size = instanceSizeOf(s.service, prices);
        if (!size) throw new Error(`${s.service.name}: no ${prices.product} instance holds it`);
        return serviceUsage(s, st, size, prices, billing, concurrency);
      },
    );
    // Its month's quantities and paid vCPU each hour also on the billing period; kept likewise (the hot path).
    const m = p.memo(s.service, `${ID} ${prices.model} month`, [own, hpm], () => {
      const { vcpu, memoryGiB } = own.size;
      const month = (x: number) => weekToPeriod(x, hpm);
      return {
        activeVcpu: month(own.activeSeconds * vcpu),
        idleVcpu: month(own.idleSeconds * vcpu),
        activeGib: month(own.activeSeconds * memoryGiB),
        idleGib: month(own.idleSeconds * memoryGiB),
        requests: month(own.requests),
        hours: month(own.instanceHours),
        vcpuHours: month(own.instanceHours) * vcpu,
        paid: own.perHour.map((n) => n * vcpu),
      };
    });
    metered.activeVcpuSeconds.push(m.activeVcpu);
    metered.idleVcpuSeconds.push(m.idleVcpu);
    metered.activeGibSeconds.push(m.activeGib);
    metered.idleGibSeconds.push(m.idleGib);
    metered.requests.push(m.requests);
    instanceHours += m.hours;
    vcpuHours.push(m.vcpuHours);
    if (costs) continue;
    unitRows.push(own.perHour);
    paidRows.push(m.paid);
    latency.push(own.latency);
    if (s.service.stateful) {
      const name = s.service.name;
      warnings.push({
        service: name,
        code: 'stateful-task',
        message: `${name} is stateful: a ${prices.product} instance’s local files go with it and a replaced one starts empty; mount a volume or use a database (not priced here).`,
      });
    }
  }

  // A savings-plan commitment and Spot (issue 13 §5) are AWS's (Compute Savings Plans, Fargate Spot): here the
  // strategy is priced on demand, and says so rather than drop the setting silently.
  if (st.commitment && st.commitment.hourlyCommitment > 0)
    warnings.push({
      service: null,
      code: 'commitment-not-modelled',
      message: `The savings-plan commitment is not applied: ${prices.product} is priced on demand here (its provider's committed-use discounts are not modelled).`,
    });
  if (st.capacity === 'spot')
    warnings.push({
      service: null,
      code: 'spot-not-offered',
      message: `Spot capacity is not applied: ${prices.product} has no Spot pricing here; priced on demand.`,
    });
  const priced = meteredLines(label, rates, metered, st.discount, st.freeGrant ?? true);
  const lineItems = priced.map((x) => x.line);
  const weightOf = new Map(priced.map((x) => [x.line, x.weights]));
  const extra = components(p, ID, {});
  lineItems.push(...extra.lineItems);
  const weights = (l: LineItem) => weightOf.get(l) ?? extra.weights.get(l) ?? vcpuHours;
  if (costs) {
    return strategyReport(plan, ID, {
      lineItems,
      services: serviceCosts(p, lineItems, weights),
      warnings,
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: { demand: p.totalCpu, capacity: [], units: [], unit: 'vCPU' },
    });
  }
  warnings.push(...extra.warnings);
  const units = p.sums(`${prices.model} instances`, unitRows);
  const paid = p.sums(`${prices.model} paid vCPU`, paidRows);
  let peak = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) peak = Math.max(peak, units[h]!);
  return strategyReport(plan, ID, {
    lineItems,
    services: withLatency(serviceCosts(p, lineItems, weights), latency),
    warnings,
    utilization: utilization(p.totalCpu, paid),
    capacity: {
      peakTasks: peak,
      averageTasks: units.reduce((a, b) => a + b, 0) / HOURS_PER_WEEK,
      taskHours: instanceHours,
      peakPaidVcpu: Math.max(0, ...paid),
    },
    week: { demand: p.totalCpu, capacity: paid, units, unit: 'vCPU' },
  });
}
