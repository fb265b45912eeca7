// Serverless (AWS Lambda): billed per request and per GB-second of billed duration, plus API Gateway if used. Other
// clouds' functions (issue 13 §1) by the same lines with their catalog's rules: per vCPU-second as well (Cloud Run
// functions), duration rounded up to 100 ms, memory rounded up to 128 MB steps and capped (Azure Functions).
import { components } from './components.ts';
import { lossServersFor } from './erlang.ts';
import { LAMBDA_EPHEMERAL_MIB, LAMBDA_MEMORY_MIB } from './defaults.ts';
import { API_GATEWAY_TIMEOUT_MS } from './front-door.ts';
import {
  autoMemoryNote,
  LAMBDA_MB_PER_VCPU,
  lambdaCpuShare,
  lambdaDurationMs,
  lambdaMemoryOf,
} from './lambda-cpu.ts';
import { ceilExact, clean } from './money.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import { costsOnlyNow, discounted, line, serviceCosts, strategyReport } from './prepare.ts';
import { settingsKey } from './memo.ts';
import { applyTiers, tierLabel } from './tiers.ts';
import { COMMITMENT_SCOPES, priceCommitment } from './commitment.ts';
import { HOURS_PER_WEEK, SECONDS_PER_HOUR, weekLevels, weekToPeriod } from './time.ts';
import { billedMemoryMiB, functionVcpu, productNames, providerOf } from './provider.ts';
import type {
  ApiGatewayKind,
  Architecture,
  Catalog,
  LineItem,
  ServerlessPrices,
  Service,
  StrategyReport,
  Warning,
} from './types.ts';
import { ARCHITECTURES } from './types.ts';

/**
 * Billed duration in seconds: at least `minMs`, rounded up to a multiple of `roundingMs` (Lambda: the next whole
 * millisecond since 2020-12-01; Cloud Run: the next 100 ms; Azure Functions: at least 100 ms).
 */
export function billedSeconds(durationMs: number, roundingMs = 1, minMs = 0): number {
  const d = Math.max(durationMs, minMs);
  if (roundingMs === 1) return ceilExact(d) / 1000;
  return clean((ceilExact(d / roundingMs) * roundingMs) / 1000);
}

/** How long one request runs on Lambda: its duration, stretched when its memory gives too little CPU. */
export function lambdaDuration(s: Service): number {
  return lambdaDurationMs(s.durationMs, s.cpuMsPerRequest, lambdaMemoryOf(s));
}

/** The catalog fields that decide how a function runs and is billed (the serverless prices, and which cloud). */
export type FunctionsCatalog = Pick<Catalog, 'serverless' | 'provider' | 'products'>;

/**
 * How long one request runs as a function of `c`'s cloud: on AWS Lambda's rule (`lambdaDuration`); elsewhere its
 * duration, stretched when the function's vCPU (the catalog's memory → vCPU table; a whole one without it) is less
 * than one.
 */
export function functionDuration(s: Service, c: FunctionsCatalog): number {
  if (providerOf(c) === 'aws' && !c.serverless.vcpuByMemory) return lambdaDuration(s);
  const share = Math.min(1, functionVcpu(lambdaMemoryOf(s), c.serverless, providerOf(c)));
  return Math.max(s.durationMs, s.cpuMsPerRequest / share);
}

/**
 * Why a service cannot run as a function, or null when it can. `c` is the catalog (its limits and product name);
 * a number is Lambda's maximum duration in ms, as before issue 13.
 */
export function serverlessIneligibility(s: Service, c: FunctionsCatalog | number): string | null {
  const cat = typeof c === 'number' ? null : c;
  const maxDurationMs = typeof c === 'number' ? c : c.serverless.maxDurationMs;
  const product = cat ? productNames(cat).functions : 'Lambda';
  const maxMemory = cat?.serverless.maxMemoryMiB ?? LAMBDA_MEMORY_MIB.max;
  // "Lambda functions", "Cloud Run functions", "Azure Functions": the product names that already say functions.
  const functions = /functions$/i.test(product) ? product : `${product} functions`;
  if (s.stateful) return `it is stateful (${functions} are stateless)`;
  const duration = cat ? functionDuration(s, cat) : lambdaDuration(s);
  if (duration > maxDurationMs) {
    return `a request takes ${clean(duration)} ms, longer than ${product}'s maximum of ${maxDurationMs} ms`;
  }
  if (s.memoryMiB > maxMemory) {
    return `it needs ${s.memoryMiB} MiB of memory, more than ${product}'s maximum of ${maxMemory} MB`;
  }
  const unsupported = cat?.serverless.provisionedConcurrencyUnsupported;
  if (unsupported !== undefined && hasProvisioned(s)) {
    return `it asks for provisioned concurrency, which this catalog cannot price (${unsupported})`;
  }
  return null;
}

/** The catalog fields `serviceUsage` reads, as a string (equal strings: the same usage for the same service). */
function billingRulesKey(c: FunctionsCatalog): string {
  const sv = c.serverless;
  return JSON.stringify([
    providerOf(c),
    sv.durationRoundingMs,
    sv.minBilledMs,
    sv.memoryRounding,
    sv.maxMemoryMiB,
    sv.vcpuSecond !== undefined,
    sv.vcpuByMemory ?? null,
  ]);
}

/** Whether a service keeps environments warm in any hour. */
function hasProvisioned(s: Service): boolean {
  const pc = s.serverless.provisionedConcurrency;
  return typeof pc === 'number' ? pc > 0 : pc.some((n) => n > 0);
}

interface ServiceUsage {
  requests: number;
  /** On-demand duration GB-s (invocations not served by provisioned concurrency). */
  onDemandGbSeconds: number;
  /** On-demand duration vCPU-s, where the catalog prices them (Cloud Run functions); 0 otherwise. */
  onDemandVcpuSeconds: number;
  provisionedDurationGbSeconds: number;
  provisionedGbSeconds: number;
  ephemeralGbSeconds: number;
  hasProvisioned: boolean;
  architecture: Architecture;
  concurrency: number[];
  provisioned: number[];
  /** Environments in use each hour: the larger of the concurrency and the warm ones. */
  inUse: number[];
}

/** One service's monthly usage; provisioned concurrency serves the share min(1, N ÷ concurrency) of each hour. */
export function serviceUsage(
  s: PreparedService,
  hoursPerMonth: number,
  c: FunctionsCatalog | null = null,
): ServiceUsage {
  const sv = s.service.serverless;
  const prices: Partial<ServerlessPrices> = c?.serverless ?? {};
  const memory = lambdaMemoryOf(s.service);
  const gb = billedMemoryMiB(memory, prices) / 1024;
  const durationMs = c ? functionDuration(s.service, c) : lambdaDuration(s.service);
  const billed = billedSeconds(durationMs, prices.durationRoundingMs ?? 1, prices.minBilledMs ?? 0);
  const vcpu = c && prices.vcpuSecond ? functionVcpu(memory, prices, providerOf(c)) : 0;
  // Costs only (prepare.ts `costsOnlyNow`): the concurrency, provisioned and in-use weeks feed the report's week
  // and capacity and the concurrency warnings, no line's cost; they are left empty (the same sums are computed,
  // from the one provisioned level when it is the same every hour).
  const weeks = !costsOnlyNow();
  const pc = sv.provisionedConcurrency;
  const level = typeof pc === 'number' ? pc : 0;
  const levels = weeks || typeof pc !== 'number' ? weekLevels(pc) : null;
  const concurrency = weeks ? new Array<number>(HOURS_PER_WEEK) : [];
  let requests = 0;
  let pcRequests = 0;
  let pcSeconds = 0;
  // Costs only without provisioned concurrency (every sample of a simulation, mostly): nothing in the loop below but
  // its requests counts, and the prepared week has them, summed in the same order (PreparedService `requestsWeek`).
  const onlyRequests = !weeks && levels === null && level === 0;
  if (onlyRequests) requests = s.requestsWeek;
  for (let h = 0; h < (onlyRequests ? 0 : HOURS_PER_WEEK); h++) {
    const rps = s.rps[h]!;
    const n = levels ? levels[h]! : level;
    const c = (rps * durationMs) / 1000; // Little's law
    if (weeks) concurrency[h] = c;
    const reqs = rps * SECONDS_PER_HOUR;
    requests += reqs;
    if (n > 0) {
      pcRequests += reqs * (c > 0 ? Math.min(1, n / c) : 1);
      pcSeconds += n * SECONDS_PER_HOUR;
    }
  }
  const monthRequests = clean(weekToPeriod(requests, hoursPerMonth));
  const monthPc = clean(weekToPeriod(pcRequests, hoursPerMonth));
  const extraEphemeralGb = Math.max(0, sv.ephemeralStorageMiB - LAMBDA_EPHEMERAL_MIB.free) / 1024;
  return {
    requests: monthRequests,
    onDemandGbSeconds: clean((monthRequests - monthPc) * billed * gb),
    onDemandVcpuSeconds: vcpu > 0 ? clean((monthRequests - monthPc) * billed * vcpu) : 0,
    provisionedDurationGbSeconds: clean(monthPc * billed * gb),
    provisionedGbSeconds: clean(weekToPeriod(pcSeconds, hoursPerMonth) * gb),
    ephemeralGbSeconds: clean(monthRequests * billed * extraEphemeralGb),
    hasProvisioned: levels ? levels.some((n) => n > 0) : level > 0,
    architecture: sv.architecture,
    concurrency,
    provisioned: weeks && levels ? levels : [],
    inUse: weeks && levels ? concurrency.map((c, h) => Math.max(c, levels[h]!)) : [],
  };
}

/** One service's part: its usage when Lambda can run it (null: it cannot), and its notes (none under costs only). */
interface ServicePart {
  usage: ServiceUsage | null;
  /** Why Lambda cannot run it. */
  ineligible: Warning | null;
  /** Its memory, CPU and front-door notes when Lambda runs it. */
  notes: Warning[];
}

function servicePart(
  s: PreparedService,
  catalog: FunctionsCatalog,
  product: string,
  apiGateway: ApiGatewayKind,
  hoursPerMonth: number,
  costs: boolean,
): ServicePart {
  const why = serverlessIneligibility(s.service, catalog);
  if (why !== null) {
    const name = s.service.name;
    const ineligible: Warning | null = costs
      ? null
      : {
          service: name,
          code: 'not-eligible',
          message: `${name} cannot run on ${product}: ${why}. It is left out of this strategy's total.`,
        };
    return { usage: null, ineligible, notes: [] };
  }
  // Lambda's CPU share and API Gateway's timeout are AWS's: another cloud's functions get neither warning.
  const aws = providerOf(catalog) === 'aws';
  const notes = costs
    ? []
    : [
        autoMemoryNote(s.service),
        aws ? cpuStretchWarning(s.service) : null,
        aws ? timeoutWarning(s.service, apiGateway) : null,
      ].filter((w): w is Warning => w !== null);
  return { usage: serviceUsage(s, hoursPerMonth, catalog), ineligible: null, notes };
}

/**
 * What each service pays for after the free tier: its usage less its share of the free amount, the free amount
 * being shared among the services it covers (those without provisioned concurrency) by their eligible usage. A
 * function with provisioned concurrency gets no free tier, so it pays for all of its usage (issue 10 §7.5).
 */
function paidShares(usage: readonly number[], eligible: readonly number[], free: number): number[] {
  const eligibleTotal = eligible.reduce((a, b) => a + b, 0);
  if (free <= 0 || eligibleTotal <= 0) return usage.slice();
  return usage.map((u, i) => Math.max(0, u - (free * eligible[i]!) / eligibleTotal));
}

/** A warning naming the service when its memory gives too little CPU for its requests (issue 10 §7.6). */
function cpuStretchWarning(s: Service): Warning | null {
  const mem = lambdaMemoryOf(s);
  const duration = lambdaDuration(s);
  if (duration <= s.durationMs) return null;
  const fmt = (x: number): string => Math.ceil(x).toLocaleString('en-US');
  const share = Math.round(lambdaCpuShare(mem) * 100);
  const enough =
    s.cpuMsPerRequest <= s.durationMs
      ? ` ${fmt((LAMBDA_MB_PER_VCPU * s.cpuMsPerRequest) / s.durationMs)} MB or more would avoid it.`
      : ` Even one full vCPU (${fmt(LAMBDA_MB_PER_VCPU)} MB) needs ${fmt(s.cpuMsPerRequest)} ms for its CPU work.`;
  return {
    service: s.name,
    code: 'cpu-stretched',
    message: `${s.name}: at ${fmt(mem)} MB Lambda gives ${share}% of a vCPU, so a request needing ${clean(s.cpuMsPerRequest)} CPU-ms takes ${fmt(ceilExact(duration))} ms, not ${clean(s.durationMs)} ms, and is billed for that.${enough}`,
  };
}

/** A warning when a request runs longer than the front door lets it (issue 10 §2): clients would get timeouts. */
function timeoutWarning(s: Service, apiGateway: ApiGatewayKind): Warning | null {
  if (apiGateway !== 'http' && apiGateway !== 'rest') return null;
  const limit = API_GATEWAY_TIMEOUT_MS[apiGateway];
  const duration = lambdaDuration(s);
  if (duration <= limit) return null;
  const kind = apiGateway === 'http' ? 'HTTP API' : 'REST API';
  const raise =
    apiGateway === 'rest'
      ? ' (a Regional REST API can ask AWS for a longer timeout)'
      : ' (this cannot be raised)';
  return {
    service: s.name,
    code: 'front-door-timeout',
    message: `${s.name}: a request takes ${Math.ceil(duration).toLocaleString('en-US')} ms, longer than the ${kind}'s integration timeout of ${limit / 1000} s${raise}; clients would get timeouts.`,
  };
}

/** The share of the account's concurrency limit from which the latency warning says the need approaches it. */
export const LIMIT_APPROACHED = 0.8;

/**
 * Lambda does not queue (one request per environment): a request beyond the account's concurrency limit is
 * throttled. With latency targets (issue 12 §3), the concurrency needed is the smallest n for which Erlang B, with
 * the summed load of the functions at their busiest hour (Little's law; Erlang B holds for any duration
 * distribution), throttles at most 1 − percentile of requests (the strictest percentile of the services with a
 * target). A warning when that reaches LIMIT_APPROACHED of the limit; null otherwise, and without targets.
 */
function latencyWarning(
  p: Prepared,
  included: readonly boolean[],
  demand: readonly number[],
  limit: number,
): Warning | null {
  let percentile = 0;
  const named: string[] = [];
  p.services.forEach((s, i) => {
    const l = s.service.latency;
    if (!included[i] || !l) return;
    percentile = Math.max(percentile, l.percentile);
    named.push(s.service.name);
  });
  if (named.length === 0) return null;
  const load = Math.max(0, ...demand);
  const needed = lossServersFor(load, 1 - percentile, limit + 1);
  if (needed < LIMIT_APPROACHED * limit) return null;
  const pct = clean(percentile * 100);
  const need =
    needed > limit
      ? `more concurrent executions than the account limit of ${limit}`
      : `${needed} concurrent executions, ${Math.round((needed / limit) * 100)}% of the account limit of ${limit}`;
  return {
    service: null,
    code: 'latency-concurrency',
    message: `Latency targets (${named.join(', ')}): for ${pct}% of requests to run without being throttled at the busiest hour, Lambda needs ${need} per region; ask AWS to raise the quota, or reserve concurrency for these functions.`,
  };
}

export function serverless(p: Prepared): StrategyReport {
  const st = p.plan.strategies.serverless;
  const catalog = p.plan.catalog;
  const prices = catalog.serverless;
  const product = productNames(catalog).functions;
  const aws = providerOf(catalog) === 'aws';
  const warnings: Warning[] = [];
  const lineItems: LineItem[] = [];
  // Costs only: the warnings, the concurrency weeks and the per-service shares are not assembled (no line's cost
  // reads them); which services run, and every line, are the same.
  const costs = costsOnlyNow();
  // Each service's part (whether it runs here, its notes, its usage) depends on its week (`s`) and these only: one
  // memo entry per service, the settings as one key (memo.ts `settingsKey`), kept between evaluations by an
  // evaluator (hot path: an edit re-costs the edited service alone). What the usage depends on in the catalog is one
  // string (`billingRulesKey`): a plan parsed again (a new catalog object with the same prices) keeps the usage.
  const shared = settingsKey('serverless', [
    billingRulesKey(catalog),
    prices.maxDurationMs,
    prices.provisionedConcurrencyUnsupported,
    product,
    st.apiGateway,
    p.hoursPerMonth,
  ]);
  const parts = p.services.map((s) =>
    p.memo(s.service, 'serverless', [s, shared], () =>
      servicePart(s, catalog, product, st.apiGateway, p.hoursPerMonth, costs),
    ),
  );
  const included = parts.map((part) => part.usage !== null);
  const usage = parts.map((part) => part.usage);
  // The notes of the services Lambda cannot run first, then those of the others (in the services' order).
  for (const part of parts) if (part.ineligible) warnings.push(part.ineligible);
  for (const part of parts) for (const w of part.notes) warnings.push(w);
  // Plan-level lines (tiers, free tier, API Gateway) are shared among services by these weights.
  const shareOf = new Map<LineItem, number[]>();
  const addShared = (l: LineItem, weights: number[]): void => {
    lineItems.push(l);
    shareOf.set(l, weights);
  };
  const byRequests = usage.map((u) => u?.requests ?? 0);
  const byFreeRequests = usage.map((u) => (u && !u.hasProvisioned ? u.requests : 0));

  // Requests: every invocation; the free tier covers functions without provisioned concurrency, once per plan.
  const totalRequests = usage.reduce((a, u) => a + (u?.requests ?? 0), 0);
  const freeEligibleRequests = usage.reduce((a, u) => a + (u && !u.hasProvisioned ? u.requests : 0), 0);
  const freeRequests = st.freeTier ? Math.min(prices.freeTier.requests, freeEligibleRequests) : 0;
  if (freeRequests > 0)
    addShared(line(null, 'Requests (free tier)', '1M requests', freeRequests / 1e6, 0), byFreeRequests);
  if (totalRequests - freeRequests > 0) {
    addShared(
      line(null, 'Requests', '1M requests', (totalRequests - freeRequests) / 1e6, prices.requestsPerMillion),
      paidShares(byRequests, byFreeRequests, freeRequests),
    );
  }

  // On-demand duration: tiers count the plan's total GB-s per architecture; the free GB-s are shared by both
  // architectures and applied to x86_64 first (its price is the higher). Another cloud prices memory time without
  // an architecture (its catalog gives both the same tiers): its lines say memory, and GiB-seconds on GCP.
  const memoryLabel = (arch: Architecture): string =>
    aws ? `Duration, ${arch}` : `Memory duration, ${arch}`;
  const memoryUnit = providerOf(catalog) === 'gcp' ? 'GiB-seconds' : 'GB-seconds';
  let freeGbSecondsLeft = st.freeTier ? prices.freeTier.gbSeconds : 0;
  // On-demand duration at list prices (after the free tier and tiers), for a savings-plan commitment (issue 13 §5).
  let durationList = 0;
  for (const arch of ARCHITECTURES) {
    const total = usage.reduce((a, u) => a + (u && u.architecture === arch ? u.onDemandGbSeconds : 0), 0);
    const freeEligible = usage.reduce(
      (a, u) => a + (u && u.architecture === arch && !u.hasProvisioned ? u.onDemandGbSeconds : 0),
      0,
    );
    const free = Math.min(freeGbSecondsLeft, freeEligible);
    freeGbSecondsLeft -= free;
    const byArch = usage.map((u) => (u && u.architecture === arch ? u.onDemandGbSeconds : 0));
    const byArchFree = usage.map((u) =>
      u && u.architecture === arch && !u.hasProvisioned ? u.onDemandGbSeconds : 0,
    );
    if (free > 0) addShared(line(null, `${memoryLabel(arch)} (free tier)`, memoryUnit, free, 0), byArchFree);
    const byArchPaid = paidShares(byArch, byArchFree, free);
    for (const slice of applyTiers(clean(total - free), prices.gbSecond[arch])) {
      durationList += slice.quantity * slice.price;
      const price = discounted(slice.price, st.discount);
      addShared(
        line(null, `${memoryLabel(arch)} (${tierLabel(slice)})`, memoryUnit, slice.quantity, price),
        byArchPaid,
      );
    }
  }

  // Duration per vCPU-second as well (Cloud Run functions, issue 13 §1): every function's on-demand vCPU-s, less
  // the free vCPU-s (shared by the functions without provisioned concurrency), tiered.
  if (prices.vcpuSecond) {
    const byVcpu = usage.map((u) => u?.onDemandVcpuSeconds ?? 0);
    const byVcpuFree = usage.map((u) => (u && !u.hasProvisioned ? u.onDemandVcpuSeconds : 0));
    const total = byVcpu.reduce((a, b) => a + b, 0);
    const eligible = byVcpuFree.reduce((a, b) => a + b, 0);
    const free = st.freeTier ? Math.min(prices.freeTier.vcpuSeconds ?? 0, eligible) : 0;
    if (free > 0) addShared(line(null, 'CPU duration (free tier)', 'vCPU-seconds', free, 0), byVcpuFree);
    const paid = paidShares(byVcpu, byVcpuFree, free);
    for (const slice of applyTiers(clean(total - free), prices.vcpuSecond)) {
      durationList += slice.quantity * slice.price;
      const price = discounted(slice.price, st.discount);
      addShared(
        line(null, `CPU duration (${tierLabel(slice)})`, 'vCPU-seconds', slice.quantity, price),
        paid,
      );
    }
  }

  // Per-service charges: provisioned concurrency and ephemeral storage above the free 512 MB.
  p.services.forEach((s, i) => {
    const u = usage[i];
    if (!u) return;
    const name = s.service.name;
    if (u.provisionedGbSeconds > 0) {
      lineItems.push(
        line(
          name,
          `Provisioned concurrency, ${u.architecture}`,
          'GB-seconds',
          u.provisionedGbSeconds,
          discounted(prices.provisionedConcurrencyGbSecond[u.architecture], st.discount),
        ),
      );
    }
    if (u.provisionedDurationGbSeconds > 0) {
      lineItems.push(
        line(
          name,
          `Duration with provisioned concurrency, ${u.architecture}`,
          'GB-seconds',
          u.provisionedDurationGbSeconds,
          discounted(prices.provisionedDurationGbSecond[u.architecture], st.discount),
        ),
      );
    }
    if (u.ephemeralGbSeconds > 0) {
      lineItems.push(
        line(
          name,
          'Ephemeral storage above 512 MB',
          'GB-seconds',
          u.ephemeralGbSeconds,
          prices.ephemeralStorageGbSecond,
        ),
      );
    }
  });

  // API Gateway in front of every function, tiered by the plan's requests.
  // A catalog without API Gateway prices (another cloud) leaves it out, listed as not included (terms.ts).
  const gateway = catalog.apiGateway;
  if ((st.apiGateway === 'http' || st.apiGateway === 'rest') && gateway) {
    const kind = st.apiGateway === 'http' ? 'HTTP API' : 'REST API';
    for (const slice of applyTiers(totalRequests, gateway[st.apiGateway])) {
      const component = `API Gateway ${kind} requests (${tierLabel(slice)})`;
      addShared(line(null, component, '1M requests', slice.quantity / 1e6, slice.price), byRequests);
    }
  }

  // A Compute Savings Plan commitment (issue 13 §5; commitment.ts) on Lambda duration and provisioned concurrency.
  const commit = priceCommitment({
    commitment: st.commitment,
    spend: st.commitment ? lambdaSpend(p, usage, durationList) : null,
    hoursPerMonth: p.hoursPerMonth,
    negotiated: st.discount,
    scope: COMMITMENT_SCOPES.serverless,
    costsOnly: costs,
  });
  for (const l of commit.lines) addShared(l, byRequests);

  if (costs) {
    const extra = components(p, 'serverless', { included });
    lineItems.push(...extra.lineItems);
    return strategyReport(p.plan, 'serverless', {
      lineItems,
      services: serviceCosts(p, lineItems, () => [], included),
      warnings,
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: { demand: [], capacity: [], units: [], unit: 'concurrent executions' },
      commitment: commit.report,
    });
  }

  // Concurrency over the week: Little's law per service; environments kept warm count toward the account limit.
  // Through the evaluator's kept sums, in one fixed order (an edit recomputes one path of each).
  const used = usage.filter((u): u is ServiceUsage => u !== null);
  const demand = p.sums(
    'lambda concurrency',
    used.map((u) => u.concurrency),
  );
  const provisioned = p.sums(
    'lambda provisioned',
    used.map((u) => u.provisioned),
  );
  const inUse = p.sums(
    'lambda in use',
    used.map((u) => u.inUse),
  );
  const peakConcurrency = Math.max(0, ...inUse);
  if (peakConcurrency > prices.concurrencyLimit) {
    warnings.push({
      service: null,
      code: 'concurrency-limit',
      message: `Peak concurrency of ${Math.ceil(clean(peakConcurrency))} exceeds the account limit of ${prices.concurrencyLimit} concurrent executions per region: requests would be throttled unless ${aws ? 'AWS' : 'the provider'} raises the quota.`,
    });
  }

  const latency = latencyWarning(p, included, demand, prices.concurrencyLimit);
  if (latency) warnings.push(latency);

  // ALB with Lambda targets, NAT when in a VPC, logs with platform lines, operations (components.ts).
  const extra = components(p, 'serverless', { included });
  lineItems.push(...extra.lineItems);
  warnings.push(...extra.warnings);

  const gbSeconds = usage.reduce(
    (a, u) => a + (u ? u.onDemandGbSeconds + u.provisionedDurationGbSeconds : 0),
    0,
  );
  return strategyReport(p.plan, 'serverless', {
    lineItems,
    services: serviceCosts(p, lineItems, (l) => shareOf.get(l) ?? extra.weights.get(l) ?? [], included),
    warnings,
    utilization: { cpuAverage: null, cpuPeak: null },
    capacity: {
      requests: totalRequests,
      gbSeconds,
      peakConcurrency,
      averageConcurrency: demand.reduce((a, b) => a + b, 0) / HOURS_PER_WEEK,
      peakProvisionedConcurrency: Math.max(0, ...provisioned),
      servicesIncluded: included.filter(Boolean).length,
      servicesExcluded: included.filter((x) => !x).length,
    },
    week: { demand, capacity: provisioned, units: inUse, unit: 'concurrent executions' },
    commitment: commit.report,
  });
}

/**
 * Lambda's eligible on-demand spend each hour of the week, for a savings-plan commitment (issue 13 §5): the month's
 * on-demand duration at list prices (after the free tier; its tiers are monthly, so an hour pays the month's average
 * rate) spread over the hours as the services' billed GB-seconds are, and each service's provisioned concurrency
 * (environments kept warm, and the duration they serve) spread as its warm environments are. So Σ w·s_h is the
 * month's eligible spend, and the shape is the hours'.
 */
function lambdaSpend(p: Prepared, usage: readonly (ServiceUsage | null)[], durationList: number): number[] {
  const prices = p.plan.catalog.serverless;
  const w = p.hoursPerMonth / HOURS_PER_WEEK;
  const byTraffic = new Array<number>(HOURS_PER_WEEK).fill(0);
  const spend = new Array<number>(HOURS_PER_WEEK).fill(0);
  p.services.forEach((s, i) => {
    const u = usage[i];
    if (!u) return;
    const gb = lambdaMemoryOf(s.service) / 1024;
    const billed = billedSeconds(lambdaDuration(s.service));
    for (let h = 0; h < HOURS_PER_WEEK; h++) byTraffic[h]! += s.rps[h]! * billed * gb;
    // Provisioned concurrency: the warm environments' charge by their level each hour, the duration they serve by
    // the service's traffic.
    const warm = u.provisionedGbSeconds * prices.provisionedConcurrencyGbSecond[u.architecture];
    const served = u.provisionedDurationGbSeconds * prices.provisionedDurationGbSecond[u.architecture];
    const levels = weekLevels(s.service.serverless.provisionedConcurrency);
    const levelWeek = levels.reduce((a, b) => a + b, 0);
    const rpsWeek = s.rps.reduce((a, b) => a + b, 0);
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      if (levelWeek > 0) spend[h]! += (warm * levels[h]!) / levelWeek / w;
      if (rpsWeek > 0) spend[h]! += (served * s.rps[h]!) / rpsWeek / w;
    }
  });
  const trafficWeek = byTraffic.reduce((a, b) => a + b, 0);
  if (trafficWeek > 0) {
    for (let h = 0; h < HOURS_PER_WEEK; h++) spend[h]! += (durationList * byTraffic[h]!) / trafficWeek / w;
  }
  return spend;
}
