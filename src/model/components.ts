// The components priced around compute (issue 10 §2, §4): the load balancer in front, root volumes, NAT gateways,
// log ingestion and the people who run the strategy. Each strategy calls `components` once with what it runs (its
// own instance-hours, the services it runs, how it shares its compute), so every strategy prices them the same way.
// Every component is absent when its plan field is off (a version 1 file keeps its figures). Formulas and sources:
// docs/cost-model.md "Components around compute"; prices: pricing-2.md §1–§2.
import { ALB_DEFAULT_IDLE_TIMEOUT_MS, unitsPerRps, type TrafficShape } from './front-door.ts';
import { lambdaDurationMs, lambdaMemoryOf } from './lambda-cpu.ts';
import { clean } from './money.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import { line } from './prepare.ts';
import { configuredComponents, strategyKeyOf, unpricedComponents } from './terms.ts';
import { SECONDS_PER_HOUR, allPeriod, weekToPeriod } from './time.ts';
import type { LineItem, StrategyId, Warning } from './types.ts';

/** What a strategy runs, as the components need it. */
export interface Footprint {
  /** Hosts' or nodes' instance-hours in the billing period, shared by the services (shared hosts, cluster nodes). */
  sharedInstanceHours?: number | undefined;
  /** Each service's own instance-hours in the billing period, by position (VM per service). */
  serviceInstanceHours?: readonly number[] | undefined;
  /** How the strategy shares its compute among services; shared root volumes are allocated the same way. */
  computeWeights?: readonly number[] | undefined;
  /** The services the strategy runs, by position (default: every one). */
  included?: readonly boolean[] | undefined;
}

export interface PricedComponents {
  lineItems: LineItem[];
  /** How each shared line (service `null`) is allocated to services, by position. */
  weights: Map<LineItem, readonly number[]>;
  warnings: Warning[];
}

/**
 * Lambda writes three platform lines per invocation (START, END, REPORT; AWS Lambda operator guide), about 300 bytes
 * together: a third-party figure (pricing-2.md §2: wallstrdev.de), AWS publishes none.
 */
export const LAMBDA_PLATFORM_LOG_BYTES = 300;

/** Log volumes are billed in decimal gigabytes (10^9 bytes), as AWS meters data. */
const BYTES_PER_GB = 1e9;

/** Requests of one service over one week (its rps summed once, as it is prepared). */
function weekRequests(s: PreparedService): number {
  return s.rpsWeek * SECONDS_PER_HOUR;
}

/** The strategy's root volume per instance-hour (for choosing a VM type on its whole cost), 0 when not priced. */
/**
 * Each service's log GB a month under strategy `id` from its requests in the week: bytes per request (Lambda adds
 * its platform lines) × requests, in decimal GB. Also read by the serverless fallback, so the free GB are counted
 * once for Lambda and its fallback together (fallback.ts).
 */
export function logGigabytes(p: Prepared, id: StrategyId, weekRequestsOf: readonly number[]): number[] {
  const perRequest = p.plan.logs.bytesPerRequest + (id === 'serverless' ? LAMBDA_PLATFORM_LOG_BYTES : 0);
  return weekRequestsOf.map((r) => (weekToPeriod(r, p.hoursPerMonth) * perRequest) / BYTES_PER_GB);
}

/** Each service's requests in the week, 0 for those the strategy does not run. */
export function weekRequestsOf(p: Prepared, included: readonly boolean[]): number[] {
  return p.services.map((s, i) => (included[i] ? weekRequests(s) : 0));
}

export function rootVolumePerInstanceHour(p: Prepared, id: StrategyId): number {
  const { rootVolumes } = configuredComponents(p.plan, id);
  const price = p.plan.catalog.blockStorage?.[p.plan.storage.type];
  if (!rootVolumes || price === undefined) return 0;
  return (p.plan.storage.rootVolumeGiB * price) / p.hoursPerMonth;
}

/** The priced components of strategy `id` for what it runs (`f`): lines, their allocation, and warnings. */
export function components(p: Prepared, id: StrategyId, f: Footprint = {}): PricedComponents {
  const plan = p.plan;
  const hpm = p.hoursPerMonth;
  const cat = plan.catalog;
  const configured = configuredComponents(plan, id);
  const included = f.included ?? p.services.map(() => true);
  const out: PricedComponents = { lineItems: [], weights: new Map(), warnings: [] };
  // A strategy that runs no service (Lambda when every service is stateful) needs nothing around it, and a shared
  // line would have no service to be allocated to.
  if (!included.some(Boolean)) return out;
  const shared = (l: LineItem, weights: readonly number[]): void => {
    if (l.quantity <= 0) return;
    out.lineItems.push(l);
    out.weights.set(l, weights);
  };
  const own = (l: LineItem): void => {
    if (l.quantity > 0) out.lineItems.push(l);
  };
  // Each service's requests in the week (what shared load balancer and NAT lines are allocated by, and what logs
  // count): only when a component needs them, so a plan with every component off costs nothing more to evaluate.
  const needsRequests = configured.loadBalancer !== null || configured.nat || configured.logs;
  const requests = needsRequests ? weekRequestsOf(p, included) : [];

  // Front door (§2): an hourly fee for every hour, plus capacity units on the traffic each hour.
  const lb = configured.loadBalancer;
  const lbPrices = lb ? cat.loadBalancers?.[lb.kind] : undefined;
  if (lb && lbPrices) {
    const fd = plan.frontDoor;
    const shape: TrafficShape = {
      bytesPerRequest: fd.bytesPerRequest,
      requestsPerConnection: fd.requestsPerConnection,
      connectionSeconds: fd.connectionSeconds,
      rules: fd.rules,
    };
    const kind = lb.kind.toUpperCase();
    const unitName = lb.kind === 'alb' ? 'LCU-hours' : 'NLCU-hours';
    const targets = lb.lambdaTargets ? ' with Lambda targets' : '';
    const units = `Load balancer capacity units (${unitName}${lb.lambdaTargets ? ', Lambda targets' : ''})`;
    // Units = request-seconds × units per request/s (front-door.ts: the largest dimension is the same every hour).
    const perRps = unitsPerRps(lb.kind, shape, lb.lambdaTargets);
    const unitHours = (weekRequestCount: number): number =>
      weekToPeriod((weekRequestCount / SECONDS_PER_HOUR) * perRps, hpm);
    if (fd.perService) {
      // One load balancer per service: its own fee, and units on its own traffic.
      p.services.forEach((s, i) => {
        if (!included[i]) return;
        const name = s.service.name;
        own(
          line(name, `Load balancer hours (${kind}${targets})`, 'hours', allPeriod(1, hpm), lbPrices.hourly),
        );
        own(line(name, units, unitName, unitHours(requests[i]!), lbPrices.unitHourly));
      });
    } else {
      // One shared load balancer: units on the summed traffic of the services it fronts, allocated by requests.
      const total = requests.reduce((a, b) => a + b, 0);
      shared(
        line(
          null,
          `Load balancer hours (${kind}${targets}, shared)`,
          'hours',
          allPeriod(1, hpm),
          lbPrices.hourly,
        ),
        requests,
      );
      shared(line(null, units, unitName, unitHours(total), lbPrices.unitHourly), requests);
    }
    if (lb.kind === 'alb') {
      // A request longer than the ALB's idle timeout (60 s by default) gets its client a 504 unless it is raised.
      p.services.forEach((s, i) => {
        if (!included[i]) return;
        const sv = s.service;
        const duration = lb.lambdaTargets
          ? lambdaDurationMs(sv.durationMs, sv.cpuMsPerRequest, lambdaMemoryOf(sv))
          : sv.durationMs;
        if (duration <= ALB_DEFAULT_IDLE_TIMEOUT_MS) return;
        out.warnings.push({
          service: sv.name,
          code: 'front-door-timeout',
          message: `${sv.name}: a request takes ${Math.ceil(duration).toLocaleString('en-US')} ms, longer than an ALB's default idle timeout of ${ALB_DEFAULT_IDLE_TIMEOUT_MS / 1000} s; raise the load balancer's idle timeout (up to 4,000 s) or clients get 504 errors.`,
        });
      });
    }
  }

  // Root volumes (§4): GiB × price × instance-hours ÷ hoursPerMonth, i.e. GiB-months prorated by the hours each
  // host, VM instance or node runs.
  const gibPrice = cat.blockStorage?.[plan.storage.type];
  if (configured.rootVolumes && gibPrice !== undefined) {
    const gib = plan.storage.rootVolumeGiB;
    const component = `Root volumes (${plan.storage.type}, ${clean(gib)} GiB)`;
    if (f.sharedInstanceHours !== undefined)
      shared(
        line(null, component, 'GiB-months', (gib * f.sharedInstanceHours) / hpm, gibPrice),
        f.computeWeights ?? included.map((x) => (x ? 1 : 0)),
      );
    f.serviceInstanceHours?.forEach((hours, i) => {
      if (included[i])
        own(line(p.services[i]!.service.name, component, 'GiB-months', (gib * hours) / hpm, gibPrice));
    });
  }

  // NAT gateways (§4): per gateway-hour for every hour, plus per GB processed; allocated by requests.
  if (configured.nat && cat.nat) {
    const net = plan.network;
    shared(
      line(null, 'NAT gateway hours', 'hours', allPeriod(net.natGateways, hpm), cat.nat.hourly),
      requests,
    );
    shared(line(null, 'NAT data processed', 'GB', net.natGBPerMonth, cat.nat.perGB), requests);
  }

  // Log ingestion (§4): bytes per request × requests in decimal GB (Lambda adds its platform lines), less the free
  // GB once per strategy: each strategy is an alternative for the whole account. Allocated by each service's bytes.
  if (configured.logs && cat.logs) {
    const gb = logGigabytes(p, id, requests);
    const total = gb.reduce((a, b) => a + b, 0);
    const free = Math.min(cat.logs.freeGBPerMonth, total);
    const name =
      id === 'serverless'
        ? `Log ingestion (with Lambda's START/END/REPORT lines, ${LAMBDA_PLATFORM_LOG_BYTES} bytes an invocation: a third-party estimate)`
        : 'Log ingestion';
    shared(line(null, `${name} (free tier)`, 'GB', free, 0), gb);
    shared(line(null, name, 'GB', total - free, cat.logs.ingestionPerGB), gb);
  }

  // Operations (§4): the user's estimate of person-hours × rate, shared equally by the services the strategy runs
  // (the work of running a service — deploys, alerts, patching — hardly follows its traffic or its cost).
  if (configured.operations) {
    const hours = plan.operations.hoursPerMonth[strategyKeyOf(id)];
    shared(
      line(
        null,
        `Operations (your estimate: ${clean(hours)} person-hour${hours === 1 ? '' : 's'})`,
        'person-hours',
        hours,
        plan.operations.hourlyRate,
      ),
      included.map((x) => (x ? 1 : 0)),
    );
  }

  for (const what of unpricedComponents(plan, id)) {
    out.warnings.push({
      service: null,
      code: 'not-priced',
      message: `The plan configures ${what}, but catalog "${cat.id}" has no price for it: it is left out of this total.`,
    });
  }
  return out;
}
