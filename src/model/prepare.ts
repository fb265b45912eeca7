// Shared groundwork for the strategies: week curves, CPU demand, lookups, and the line-item and per-service helpers.
import type { Memo } from './memo.ts';
import type { KeptPackings } from './packing.ts';
import { NO_MEMO } from './memo.ts';
import { plainWeekSums, type WeekSums } from './week-sum.ts';
import { allocateWholeCents, clean, sumCents, toCents } from './money.ts';
import { HOURS_PER_DAY, HOURS_PER_WEEK, SECONDS_PER_HOUR, doubleWeek, weekCurve } from './time.ts';
import type {
  CommitmentReport,
  InstanceType,
  LineItem,
  Plan,
  Service,
  ServiceCost,
  StrategyId,
  StrategyReport,
  Utilization,
  Warning,
  WeekSeries,
} from './types.ts';
import { figuresOf, settingsOf, strategyEntry } from './registry.ts';
import { productNames } from './provider.ts';
import { notIncluded, scalingOf } from './terms.ts';

export interface PreparedService {
  service: Service;
  /** Requests per second, 168 hours (the service's own curve when it is a week at factor 1: never change it). */
  rps: readonly number[];
  /** CPU demand in vCPU, 168 hours: rps × cpuMsPerRequest ÷ 1000. */
  cpu: number[];
  /** Sum of `cpu` over the week (vCPU-hours). */
  cpuWeek: number;
  /** Sum of `rps` over the week, hour by hour from Monday 00:00 (× 3,600: the week's requests). */
  rpsWeek: number;
  /**
   * Σ rps × 3,600 over the week, hour by hour from Monday 00:00: the week's requests as Lambda's usage adds them
   * (serverless.ts `serviceUsage`), each hour's requests first. The front door and logs use rpsWeek × 3,600: the same
   * requests summed in the other order, which can differ in the last bits; each is the sum its figures have always
   * been made with.
   */
  requestsWeek: number;
  peakCpu: number;
  /**
   * `cpu` sized ahead (scale-ahead.ts `cpuAhead`), by hours ahead, made when first asked for and kept with the
   * service's week (three strategies size it ahead; a WeakMap kept a simulation's drawn weeks alive until a full
   * collection). Never change it.
   */
  cpuAhead: (readonly number[] | undefined)[] | undefined;
  /** Instances a latency target asks for each hour (latency.ts `preparedLatency`), made when first asked for. */
  latencyWeek: number[] | null | undefined;
}

export interface Prepared {
  plan: Plan;
  hoursPerMonth: number;
  services: PreparedService[];
  /** Summed CPU demand of all services, 168 hours. */
  totalCpu: number[];
  types: Map<string, InstanceType>;
  /** Where the strategies compute each service's own part (kept between evaluations by an evaluator). */
  memo: Memo;
  /** Each service's position by name (for per-service costs; built once, read by every strategy; never change it). */
  byName: ReadonlyMap<string, number>;
  /** Each service's name, in order (read by every strategy's per-service costs without visiting each service). */
  names: readonly string[];
  /** Node counts of packings already made, by their groups and node shape (kept between evaluations by an evaluator). */
  packs: KeptPackings | null;
  /** Hour-by-hour sums over services, in one fixed order (kept between evaluations by an evaluator). */
  sums: WeekSums;
  /** Shares of shared lines already allocated (kept between evaluations by an evaluator; null: none kept). */
  shares: KeptShares | null;
}

/**
 * Which figures the strategies' reports must hold: `all` (every figure: `evaluate`, the evaluator's reports), or
 * `costs` (each strategy's monthly cost, its line items and which services it runs: Evaluator.costs, which a
 * simulation calls thousands of times). Under `costs`, per-service costs are not allocated (every service's cost is
 * 0), utilization is not computed (null) and the weeks and capacity are left as computed, not cleaned: figures no
 * line item's cost or a service's inclusion depends on. Set only for the span of one synchronous evaluation
 * (`costsOnly`), whose reports engine.ts reduces to those costs: a report made under `costs` never leaves the engine.
 */
let figures: 'all' | 'costs' = 'all';

/**
 * Whether the strategies make `costs` figures only (see `figures`): a strategy then skips what no line item's cost
 * and no service's inclusion reads (week sums for display, capacity figures, warnings, latency sizing), computing
 * its costs with the same functions and arithmetic as ever. A value kept by the memo under `costs` is only ever
 * read under `costs` (Evaluator.costs has a memo lane of its own), so it may leave out what it skipped.
 */
export function costsOnlyNow(): boolean {
  return figures === 'costs';
}

/** `run()` with the strategies making `costs` figures only (see `figures`). */
export function costsOnly<T>(run: () => T): T {
  const before = figures;
  figures = 'costs';
  try {
    return run();
  } finally {
    figures = before;
  }
}

/**
 * A prepared week (PreparedService). Its `rps` is the curve itself at factor 1; at another factor (a forecast month,
 * a simulation's drawn traffic) it is made from the curve when first read, `curve[h] × factor` as preparing reads it:
 * most evaluations of a simulation read only the week's sums and CPU (Lambda reads `requestsWeek`), and a week not
 * made is a week of garbage fewer per service per sample.
 */
class PreparedWeek implements PreparedService {
  cpuAhead: (readonly number[] | undefined)[] | undefined = undefined;
  latencyWeek: number[] | null | undefined = undefined;
  #rps: readonly number[] | null;
  readonly #curve: readonly number[];
  readonly #factor: number;

  constructor(
    readonly service: Service,
    rps: readonly number[] | null,
    curve: readonly number[],
    factor: number,
    readonly cpu: number[],
    readonly cpuWeek: number,
    readonly rpsWeek: number,
    readonly requestsWeek: number,
    readonly peakCpu: number,
  ) {
    this.#rps = rps;
    this.#curve = curve;
    this.#factor = factor;
  }

  get rps(): readonly number[] {
    if (this.#rps === null) {
      const curve = this.#curve;
      const rps = doubleWeek();
      for (let h = 0; h < HOURS_PER_WEEK; h++) rps[h] = curve[h % curve.length]! * this.#factor;
      this.#rps = rps;
    }
    return this.#rps;
  }
}

/** One service's week: its curve times `factor`, its CPU demand and their sums. */
function prepareService(service: Service, factor: number): PreparedService {
  // weekCurve(curve).map(r => r × factor), then the CPU, in one pass (a simulation prepares every service of every
  // sample): the same operations on the same numbers. weekCurve still refuses a curve of another length.
  const curve = service.trafficRps;
  if (curve.length !== HOURS_PER_WEEK && curve.length !== HOURS_PER_DAY) weekCurve(curve);
  const perRequest = service.cpuMsPerRequest;
  // A week's curve at factor 1 is its own rps (r × 1 is r, to the bit): read, not copied. At another factor the rps
  // week is made when read (PreparedWeek), from the same products as here.
  const own = factor === 1 && curve.length === HOURS_PER_WEEK;
  // Made at its length as a week of doubles (time.ts `doubleWeek`), not grown by push.
  const cpu = doubleWeek();
  let cpuWeek = 0;
  let rpsWeek = 0;
  let requestsWeek = 0;
  let peakCpu = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const r = own ? curve[h]! : curve[h % curve.length]! * factor;
    rpsWeek += r;
    requestsWeek += r * SECONDS_PER_HOUR;
    const c = (r * perRequest) / 1000;
    cpu[h] = c;
    cpuWeek += c;
    if (c > peakCpu) peakCpu = c;
  }
  return new PreparedWeek(
    service,
    own ? curve : null,
    curve,
    factor,
    cpu,
    cpuWeek,
    rpsWeek,
    requestsWeek,
    peakCpu,
  );
}

/** The names of the last `positions` call, and the map made from them (never changed once made). */
const lastPositions: { names: string[]; byName: Map<string, number> }[] = [];
/** Lists of names kept: a plan's and the few sub-plans evaluated with it (Lambda's fallback prices its services). */
const POSITIONS_KEPT = 4;

/**
 * Each service's position by name: a map made lately again when the names are the same, in the same order (a
 * simulation alternates between the plan's services and its fallback's every sample).
 */
function positions(services: readonly PreparedService[]): { names: string[]; byName: Map<string, number> } {
  const names = services.map((s) => s.service.name);
  for (const kept of lastPositions) {
    if (kept.names.length === names.length && kept.names.every((name, i) => name === names[i])) return kept;
  }
  const made = { names, byName: new Map(names.map((name, i): [string, number] => [name, i])) };
  lastPositions.unshift(made);
  if (lastPositions.length > POSITIONS_KEPT) lastPositions.pop();
  return made;
}

/** `trafficFactor` multiplies every service's traffic (the forecast uses it). */
export function prepare(
  plan: Plan,
  trafficFactor: (s: Service) => number = () => 1,
  memo: Memo = NO_MEMO,
  packs: KeptPackings | null = null,
  sums: WeekSums = plainWeekSums,
  shares: KeptShares | null = null,
): Prepared {
  const services = plan.services.map((service) => {
    const f = trafficFactor(service);
    return memo(service, 'prepare', [f], () => prepareService(service, f));
  });
  const totalCpu = sums(
    'cpu',
    services.map((s) => s.cpu),
  );
  const types = new Map(plan.catalog.instanceTypes.map((t) => [t.name, t]));
  const { names, byName } = positions(services);
  return {
    plan,
    hoursPerMonth: plan.hoursPerMonth,
    services,
    totalCpu,
    types,
    memo,
    byName,
    names,
    packs,
    sums,
    shares,
  };
}

/**
 * The groundwork of `plan`, a plan of some of `p`'s services with their weeks as `p` has them (a forecast month's
 * growth included): every field that depends on which services there are is made again here, so a caller never
 * spreads a Prepared and misses one (Lambda's fallback prices its services this way).
 */
export function narrowed(
  p: Prepared,
  plan: Plan,
  services: readonly PreparedService[],
  sums: WeekSums,
): Prepared {
  const { names, byName } = positions(services);
  return {
    ...p,
    plan,
    hoursPerMonth: plan.hoursPerMonth,
    services: [...services],
    totalCpu: sums(
      'cpu',
      services.map((s) => s.cpu),
    ),
    byName,
    names,
    sums,
  };
}

export function instanceType(p: Prepared, name: string): InstanceType {
  const t = p.types.get(name);
  if (!t) throw new Error(`instance type "${name}" is not in catalog "${p.plan.catalog.id}"`);
  return t;
}

/** A priced line: quantity and unit price kept apart; cost rounded to cents half away from zero. */
export function line(
  service: string | null,
  component: string,
  unit: string,
  quantity: number,
  unitPrice: number,
): LineItem {
  const q = clean(quantity);
  const price = cleanPrice(unitPrice);
  return { service, component, unit, quantity: q, unitPrice: price, cost: toCents(q * price) / 100 };
}

/** Unit prices cleaned lately and their cleaned values (a few: a strategy prices every service at the same rates). */
const cleanedPrices = new Float64Array(8);
const cleanedPriceValues = new Float64Array(8);
let cleanedPricesNext = 0;

/**
 * `clean(price)`: the value kept for the same price when it was cleaned lately (a simulation prices hundreds of
 * lines per sample at a handful of rates; `clean` of a fraction is a `toPrecision`). NaN never matches; −0 matches
 * 0, and both clean to 0.
 */
function cleanPrice(price: number): number {
  for (let i = 0; i < cleanedPrices.length; i++) {
    if (cleanedPrices[i] === price) return cleanedPriceValues[i]!;
  }
  const cleaned = clean(price);
  cleanedPrices[cleanedPricesNext] = price;
  cleanedPriceValues[cleanedPricesNext] = cleaned;
  cleanedPricesNext = (cleanedPricesNext + 1) % cleanedPrices.length;
  return cleaned;
}

/** A catalog price after the strategy's discount (all digits kept, float noise removed). */
export function discounted(price: number, discount: number): number {
  return clean(price * (1 - discount));
}

/**
 * Shares of shared lines kept between evaluations (by an evaluator): by the line's component, its total in cents
 * and the weights it was allocated by. An edit of one service leaves most shared lines with the same total and
 * weights (a duration edit does not move the CPU weights of the shared hosts), and their shares are then the same.
 */
export type KeptShares = Map<
  string,
  { totalCents: number; weights: Float64Array; shares: readonly number[] }[]
>;

/**
 * Most components whose shares an evaluator keeps, and most allocations kept per component: strategies may each
 * have a line of the same name (a front door, say) allocated by different weights.
 */
const KEPT_SHARES = 256;
const KEPT_PER_COMPONENT = 4;

/** `allocateWholeCents(totalCents, weights)`, or the shares kept for the same component, total and weights. */
function sharesOf(
  kept: KeptShares | null,
  component: string,
  totalCents: number,
  weights: readonly number[],
): readonly number[] {
  if (!kept) return allocateWholeCents(totalCents, weights);
  const n = weights.length;
  const list = kept.get(component);
  for (const hit of list ?? []) {
    if (hit.totalCents !== totalCents || hit.weights.length !== n) continue;
    let same = true;
    // Compared as stored (a Float64Array holds every number a weight can be); NaN never matches: recomputed.
    for (let i = 0; i < n && same; i++) same = hit.weights[i] === weights[i];
    if (same) return hit.shares;
  }
  const shares = allocateWholeCents(totalCents, weights);
  const entry = { totalCents, weights: Float64Array.from(weights), shares };
  if (list) {
    // The newest first; the oldest goes when the component has as many as it keeps.
    list.unshift(entry);
    if (list.length > KEPT_PER_COMPONENT) list.pop();
  } else {
    if (kept.size >= KEPT_SHARES) kept.clear();
    kept.set(component, [entry]);
  }
  return shares;
}

function anyPositive(xs: readonly number[]): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i]! > 0) return true;
  return false;
}

/** `everyServiceAtZero`'s answers by the names array asked for (frozen: shared by every report that gets it). */
const atZero = new WeakMap<readonly string[], ServiceCost[]>();

/**
 * Every service at cost 0 and included, the costs-only `serviceCosts` of a strategy that runs every service: the
 * same array again for the same names array (positions() keeps a few lists of names), so the strategies of every
 * sample share one.
 */
function everyServiceAtZero(names: readonly string[]): ServiceCost[] {
  let costs = atZero.get(names);
  if (costs === undefined) {
    // Frozen (a change would throw, not reach another report); a costs-only report never leaves the engine.
    costs = names.map((service): ServiceCost => Object.freeze({ service, cost: 0, included: true }));
    Object.freeze(costs);
    atZero.set(names, costs);
  }
  return costs;
}

/**
 * Per-service costs that add up to the strategy's total: a service's own lines, plus its share of every shared
 * line by `weights(line)` (falling back to equal shares among included services when every weight is zero).
 */
export function serviceCosts(
  p: Prepared,
  lines: readonly LineItem[],
  weights: (l: LineItem) => readonly number[],
  included?: readonly boolean[],
): ServiceCost[] {
  if (figures === 'costs') {
    if (included === undefined) return everyServiceAtZero(p.names);
    return p.names.map((service, i) => ({ service, cost: 0, included: included[i]! }));
  }
  const index = p.byName;
  const names = p.names;
  const n = p.services.length;
  const cents = new Array<number>(n).fill(0);
  let equal: number[] | null = null;
  // A strategy lists each service's lines in the services' order: the service of a line is most often that of the
  // line before or the next one, found by comparing names (the same strings, so most often by identity) rather
  // than hashing each of thousands of lines; the map finds any other. Only a guess, checked by name (names are
  // unique in a plan: src/plan/schema.ts).
  let at = 0;
  for (const l of lines) {
    if (l.service !== null) {
      let i: number | undefined;
      if (names[at] === l.service) i = at;
      else if (names[at + 1] === l.service) i = at + 1;
      else i = index.get(l.service);
      if (i !== undefined) {
        cents[i]! += toCents(l.cost);
        at = i;
      }
      continue;
    }
    const total = toCents(l.cost);
    // Nothing to share: every share would be 0 (hot path: free-tier lines, a line of a strategy not in use).
    if (total === 0) continue;
    let w = weights(l);
    if (!anyPositive(w)) {
      equal ??= p.services.map((_, i) => (included === undefined || included[i] ? 1 : 0));
      w = equal;
    }
    if (!anyPositive(w)) continue;
    const shares = sharesOf(p.shares, l.component, total, w);
    for (let i = 0; i < shares.length; i++) cents[i]! += shares[i]!;
  }
  const out = new Array<ServiceCost>(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      service: p.names[i]!,
      cost: cents[i]! / 100,
      included: included === undefined || included[i]!,
    };
  }
  return out;
}

export function utilization(demand: readonly number[], capacity: readonly number[]): Utilization {
  if (figures === 'costs') return { cpuAverage: null, cpuPeak: null };
  let d = 0;
  let c = 0;
  let peak: number | null = null;
  for (let h = 0; h < demand.length; h++) {
    d += demand[h]!;
    c += capacity[h]!;
    if (capacity[h]! > 0) peak = Math.max(peak ?? 0, demand[h]! / capacity[h]!);
  }
  return { cpuAverage: c > 0 ? clean(d / c) : null, cpuPeak: peak === null ? null : clean(peak) };
}

/** Weeks cleaned lately: their figures as given and as cleaned (a few, most recent first). */
const cleanedWeeks: { given: Float64Array; cleaned: readonly number[] }[] = [];
const KEPT_WEEKS = 8;

/**
 * `week.map(clean)`. Three strategies report the same summed demand, and an edit leaves most weeks as they were:
 * a week equal, figure by figure, to one cleaned lately gets a copy of that result instead of 168 more
 * `toPrecision` calls (the costliest arithmetic in a report).
 */
function cleanWeek(week: readonly number[]): number[] {
  const n = week.length;
  for (let k = 0; k < cleanedWeeks.length; k++) {
    const kept = cleanedWeeks[k]!;
    if (kept.given.length !== n) continue;
    let same = true;
    // Compared as a Float64Array holds them; NaN never matches (cleaned afresh), and 0 and −0 both clean to 0.
    for (let h = 0; h < n && same; h++) same = kept.given[h] === week[h];
    if (same) return kept.cleaned.slice();
  }
  const cleaned = week.map(clean);
  if (cleanedWeeks.length >= KEPT_WEEKS) cleanedWeeks.pop();
  cleanedWeeks.unshift({ given: Float64Array.from(week), cleaned: cleaned.slice() });
  return cleaned;
}

/** A strategy's report from its parts; its scaling mode and what it does not include come from the plan. */
export function strategyReport(
  plan: Plan,
  id: StrategyId,
  parts: {
    lineItems: LineItem[];
    services: ServiceCost[];
    warnings: Warning[];
    utilization: Utilization;
    capacity: Record<string, number>;
    week: WeekSeries;
    /** The strategy's savings-plan commitment as priced (commitment.ts), when its settings have one. */
    commitment?: CommitmentReport | undefined;
  },
): StrategyReport {
  if (figures === 'costs') {
    return {
      id,
      name: strategyNameIn(plan, id),
      settings: settingsOf(plan, id),
      scaling: scalingOf(plan, id),
      notIncluded: [],
      monthlyCost: sumCents(parts.lineItems.map((l) => l.cost)),
      figures: [],
      ...parts,
    };
  }
  const capacity: Record<string, number> = {};
  for (const [k, v] of Object.entries(parts.capacity)) capacity[k] = Number.isFinite(v) ? clean(v) : 0;
  return {
    id,
    name: strategyNameIn(plan, id),
    settings: settingsOf(plan, id),
    scaling: scalingOf(plan, id),
    notIncluded: notIncluded(plan, id),
    monthlyCost: sumCents(parts.lineItems.map((l) => l.cost)),
    utilization: parts.utilization,
    capacity,
    figures: figuresOf(id, capacity),
    lineItems: parts.lineItems,
    services: parts.services,
    warnings: parts.warnings,
    week: {
      ...parts.week,
      demand: cleanWeek(parts.week.demand),
      capacity: cleanWeek(parts.week.capacity),
      units: cleanWeek(parts.week.units),
    },
    ...(parts.commitment ? { commitment: parts.commitment } : {}),
  };
}

/**
 * A strategy's name in the plan's cloud (issue 13 §1): the functions strategy names the catalog's product
 * ("Serverless (Cloud Run functions)"); every other name, and every name on AWS, is the registry's.
 */
export function strategyNameIn(plan: Plan, id: StrategyId): string {
  const name = strategyEntry(id).name;
  const functions = productNames(plan.catalog).functions;
  // Serverless containers on Cloud Run or Container Apps (a catalog without Fargate) say so, not "Fargate".
  const containers = plan.catalog.fargate ? undefined : plan.catalog.containerService?.product;
  const named = functions === 'Lambda' ? name : name.replace('(Lambda)', `(${functions})`);
  return containers === undefined ? named : named.replace('(Fargate)', `(${containers})`);
}

const burstableByName = new Map<string, boolean>();

/**
 * t2/t3/t4g types are burstable: their CPU credits are not modelled. So are other clouds' (issue 13 §2): Compute
 * Engine's shared-core types (e2-micro, e2-small, e2-medium, f1-micro, g1-small) and Azure's B-series.
 */
export function isBurstable(typeName: string): boolean {
  // Asked for every candidate type of every service of every evaluation: the answer kept by name.
  let burstable = burstableByName.get(typeName);
  if (burstable === undefined) {
    burstable = /^t[234]g?\.|^e2-(micro|small|medium)$|^[fg]1-(micro|small)$|^Standard_B\d/.test(typeName);
    if (burstableByName.size >= 1024) burstableByName.clear();
    burstableByName.set(typeName, burstable);
  }
  return burstable;
}

export function burstableWarning(typeName: string, users: readonly string[], where: string): Warning {
  const who = users.length > 0 ? ` (${users.join(', ')})` : '';
  return {
    service: null,
    code: 'burstable-instance',
    message: `${typeName}${who} is a burstable type: ${where} assumes its full vCPU all the time; CPU credits are not modelled, so sustained use above its baseline may cost more or run slower.`,
  };
}
