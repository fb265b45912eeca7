// The best mix (issue 11 §4): each service placed on the strategy that suits it, with the costs a strategy shares
// among its services counted once per strategy used. A mix is priced by the engine itself: each strategy used is
// evaluated on the sub-plan of its services (the same Service objects, so one evaluator keeps their parts), which
// counts a cluster's control plane, a shared pool's minimum hosts, Lambda's free tier or a shared load balancer once
// for that strategy. No second cost model: a mix's total is the sum of those sub-plans' totals. docs/analysis.md.
import {
  createEvaluator,
  STRATEGY_IDS,
  STRATEGY_NAMES,
  type Evaluator,
  type LineItem,
  type Plan,
  type StrategyId,
  type StrategyReport,
} from '../model/index.ts';

/** Service name → strategy. */
export type Assignment = Record<string, StrategyId>;

/** A line item of a mix: the engine's line, with the strategy whose sub-plan priced it. */
export interface MixLineItem extends LineItem {
  strategy: StrategyId;
}

/** One strategy of a mix: the services it runs and what its sub-plan costs. */
export interface MixPart {
  strategy: StrategyId;
  services: string[];
  monthlyCost: number;
}

/** Why a service is where the mix put it: what the mix would cost more with it on its next-best strategy. */
export interface MixReason {
  service: string;
  strategy: StrategyId;
  /** The next-best strategy for this service (`null` when it can run on no other). */
  alternative: StrategyId | null;
  /** How much more a month the mix costs with the service moved to `alternative` (≥ 0 for a found mix). */
  difference: number | null;
  /** True when `difference` is the engine's cost of both mixes; false when it is estimated (see docs). */
  exact: boolean;
  text: string;
}

export interface MixResult {
  assignment: Assignment;
  monthlyCost: number;
  currency: string;
  lineItems: MixLineItem[];
  parts: MixPart[];
  /** The cheapest strategy that runs every service on its own (priced as a mix of one strategy), and its cost. */
  cheapestPure: { strategy: StrategyId; monthlyCost: number } | null;
  /** cheapestPure's cost − this mix's cost (≥ 0 for a found mix). */
  savingsVsCheapestPure: number | null;
  reasons: MixReason[];
  /** How the mix was found: exhaustive search, the heuristic, or a given assignment; sub-plans the engine priced. */
  search: { method: 'exact' | 'heuristic' | 'given'; evaluations: number };
}

/**
 * Plans of up to this many services are searched exhaustively: every strategy's cost is taken for every subset of
 * the services it can run (at most 4 · 2^7 = 512 engine evaluations of small sub-plans), then all 4^7 = 16,384
 * assignments are summed from that table: about 0.8 s at 7 services (docs/analysis.md). Each further service
 * doubles the evaluations, so beyond 7 the heuristic is used.
 */
export const EXACT_MAX_SERVICES = 7;

/**
 * Up to this many services each reason is exact: the mix with the service moved to each other strategy, priced by
 * the engine (at most 3 moves of 2 sub-plans per service). Beyond, reasons are estimated from allocations.
 */
export const EXACT_REASONS_MAX = 16;

/** Sub-plan evaluations the heuristic may spend after its start (keeps 200 services within ~2 s; docs/analysis.md). */
export const HEURISTIC_EVALUATIONS = 150;

/** A strategy in a reason's sentence ("kitchen on containers"). */
const WORD: Record<StrategyId, string> = {
  'shared-host': 'shared hosts',
  'vm-per-service': 'VMs',
  'container-cluster': 'containers',
  serverless: 'Lambda',
  'serverless-containers': 'Fargate',
};

const cents = (x: number): number => Math.round(x * 100) / 100;

function money(amount: number, currency: string): string {
  const abs = Math.abs(amount).toFixed(2);
  return currency === 'USD' ? `$${abs}` : `${abs} ${currency}`;
}

/**
 * The engine's prices of sub-plans, kept by (strategy, services). Every strategy is priced as the engine prices it
 * on the sub-plan of its services, with two rules: a mix is never a fallback (Lambda's sub-plan has
 * `serverless.fallback` "none" and must include every one of its services, so a service Lambda cannot run is never
 * on Lambda), and the VPC's NAT gateways, one set for the plan, are paid once — by the first strategy used (in
 * STRATEGY_IDS order) that pays NAT — not once per strategy.
 */
class Pricer {
  readonly plan: Plan;
  readonly n: number;
  evaluations = 0;
  readonly #ev: Evaluator;
  readonly #noFallback: Plan['strategies'];
  readonly #noNat: Plan['network'] = { natGateways: 0, natGBPerMonth: 0 };
  readonly #natMatters: boolean;
  readonly #kept = new Map<string, StrategyReport>();

  constructor(plan: Plan, ev: Evaluator) {
    this.plan = plan;
    this.n = plan.services.length;
    this.#ev = ev;
    this.#natMatters = plan.network.natGateways > 0 || plan.network.natGBPerMonth > 0;
    this.#noFallback = {
      ...plan.strategies,
      serverless: { ...plan.strategies.serverless, fallback: 'none' },
    };
  }

  /** Does strategy `id` pay the plan's NAT gateways (Lambda only inside the VPC)? */
  paysNat(id: StrategyId): boolean {
    return id !== 'serverless' || this.plan.strategies.serverless.inVpc;
  }

  /** The engine's report of `id` on the services `members` (sorted indices), whether or not it runs them all. */
  raw(id: StrategyId, members: readonly number[], natAsked: boolean): StrategyReport {
    // Without NAT gateways in the plan both sub-plans are the same: one evaluation, one key.
    const nat = natAsked && this.#natMatters;
    const key = `${id}|${nat ? 1 : 0}|${members.join(',')}`;
    const kept = this.#kept.get(key);
    if (kept !== undefined) return kept;
    const sub: Plan = {
      ...this.plan,
      services: members.map((i) => this.plan.services[i]!),
      strategies: this.#noFallback,
      network: nat ? this.plan.network : this.#noNat,
    };
    this.evaluations++;
    const r = this.#ev.strategy(sub, id);
    this.#kept.set(key, r);
    return r;
  }

  /** The report of `id` on `members`, or `null` when it cannot run every one of them. */
  report(id: StrategyId, members: readonly number[], nat: boolean): StrategyReport | null {
    const r = this.raw(id, members, nat);
    return r.cannotCost === undefined && r.services.every((s) => s.included) ? r : null;
  }

  /** Each strategy's sorted members under `assign` (index → strategy). */
  groups(assign: readonly StrategyId[]): Map<StrategyId, number[]> {
    const g = new Map<StrategyId, number[]>();
    for (const id of STRATEGY_IDS) g.set(id, []);
    assign.forEach((id, i) => g.get(id)!.push(i));
    return g;
  }

  /** The parts of a mix (strategies used, in order) with their reports; `null` when one cannot run its services. */
  parts(
    assign: readonly StrategyId[],
  ): { id: StrategyId; members: number[]; report: StrategyReport }[] | null {
    const out: { id: StrategyId; members: number[]; report: StrategyReport }[] = [];
    let natPaid = false;
    for (const [id, members] of this.groups(assign)) {
      if (members.length === 0) continue;
      const nat = !natPaid && this.paysNat(id);
      if (nat) natPaid = true;
      const report = this.report(id, members, nat);
      if (report === null) return null;
      out.push({ id, members, report });
    }
    return out;
  }

  /** The mix's monthly cost (Infinity when a strategy cannot run its services). */
  cost(assign: readonly StrategyId[]): number {
    const parts = this.parts(assign);
    return parts === null ? Infinity : cents(parts.reduce((t, p) => t + p.report.monthlyCost, 0));
  }
}

/** What the whole plan's pure reports say: which strategy can run which service, and each service's allocated cost. */
interface Survey {
  /** eligible[s][i]: strategy s can run service i (as far as the whole plan's report tells). */
  eligible: Map<StrategyId, boolean[]>;
  /** estimate[s][i]: service i's allocated cost under strategy s on the whole plan (Infinity when not eligible). */
  estimate: Map<StrategyId, number[]>;
  /**
   * The cheapest pure assignment, priced as a mix: a strategy that runs every service, or Lambda with the plan's
   * fallback running the services Lambda cannot (the engine's complete Lambda total is such a mix).
   */
  pure: Pure | null;
  /** Every pure assignment that can be priced, cheapest first (the heuristic's other starting points). */
  pures: Pure[];
}

interface Pure {
  strategy: StrategyId;
  fallback: StrategyId | null;
  assign: StrategyId[];
  cost: number;
}

const FALLBACK: Record<Plan['strategies']['serverless']['fallback'], StrategyId | null> = {
  none: null,
  vmPerService: 'vm-per-service',
  containerCluster: 'container-cluster',
  sharedHost: 'shared-host',
};

function survey(pr: Pricer): Survey {
  const all = Array.from({ length: pr.n }, (_, i) => i);
  const eligible = new Map<StrategyId, boolean[]>();
  const estimate = new Map<StrategyId, number[]>();
  const pures: Pure[] = [];
  const consider = (c: Pure): void => {
    if (Number.isFinite(c.cost)) pures.push(c);
  };
  for (const id of STRATEGY_IDS) {
    const nat = pr.paysNat(id);
    // The whole plan through the pricer: a strategy that runs every service is its own pure assignment.
    const whole = pr.report(id, all, nat);
    let r: StrategyReport | null = whole;
    let ok = new Array<boolean>(pr.n).fill(whole !== null);
    if (whole === null) {
      // Which services it cannot run: those its costing problems or its report name; the rest priced without them.
      const full = pr.raw(id, all, nat);
      const named = new Set<string>();
      let blocked = false;
      for (const p of full.cannotCost ?? []) {
        if (p.service === null) blocked = true;
        else named.add(p.service);
      }
      for (const s of full.services) if (full.cannotCost === undefined && !s.included) named.add(s.service);
      ok = pr.plan.services.map((s) => !blocked && !named.has(s.name));
      const rest = all.filter((i) => ok[i]);
      r = rest.length > 0 && rest.length < pr.n ? pr.report(id, rest, nat) : null;
      if (r === null) ok = ok.map(() => false);
    }
    eligible.set(id, ok);
    const byName = new Map(r?.services.map((s) => [s.service, s.cost]) ?? []);
    estimate.set(
      id,
      pr.plan.services.map((s, i) => (ok[i] ? (byName.get(s.name) ?? Infinity) : Infinity)),
    );
    if (whole !== null) {
      const assign = new Array<StrategyId>(pr.n).fill(id);
      consider({ strategy: id, fallback: null, assign, cost: pr.cost(assign) });
    }
  }
  const fallback = FALLBACK[pr.plan.strategies.serverless.fallback];
  const onLambda = eligible.get('serverless')!;
  if (fallback !== null && onLambda.some((ok) => ok) && onLambda.some((ok) => !ok)) {
    const assign = onLambda.map((ok): StrategyId => (ok ? 'serverless' : fallback));
    consider({ strategy: 'serverless', fallback, assign, cost: pr.cost(assign) });
  }
  pures.sort((a, b) => a.cost - b.cost); // stable: ties keep STRATEGY_IDS order
  return { eligible, estimate, pure: pures[0] ?? null, pures };
}

/**
 * Exhaustive search: every assignment of every service to a strategy that can run it; ties keep the earlier (the
 * start first). Each strategy's cost is taken once per subset of services (the engine's evaluation of that
 * sub-plan) into a table by bit mask; assignments are then summed from the tables.
 */
function exact(pr: Pricer, sv: Survey, start: Pure): StrategyId[] {
  const choices = pr.plan.services.map((_, i) => STRATEGY_IDS.filter((id) => sv.eligible.get(id)![i]));
  const tables = new Map<StrategyId, Map<number, number>>(STRATEGY_IDS.map((id) => [id, new Map()]));
  const partCost = (id: StrategyId, mask: number, nat: boolean): number => {
    if (mask === 0) return 0;
    const key = nat ? -mask : mask;
    const table = tables.get(id)!;
    let c = table.get(key);
    if (c === undefined) {
      const members = pr.plan.services.map((_, i) => i).filter((i) => mask & (1 << i));
      c = pr.report(id, members, nat)?.monthlyCost ?? Infinity;
      table.set(key, c);
    }
    return c;
  };
  const masks = new Array<number>(STRATEGY_IDS.length).fill(0);
  const total = (): number => {
    let natPaid = false;
    let sum = 0;
    STRATEGY_IDS.forEach((id, k) => {
      if (masks[k] === 0) return;
      const nat = !natPaid && pr.paysNat(id);
      if (nat) natPaid = true;
      sum += partCost(id, masks[k]!, nat);
    });
    return cents(sum);
  };
  let best = start.assign;
  let bestCost = start.cost;
  const assign = new Array<StrategyId>(pr.n);
  const walk = (i: number): void => {
    if (i === pr.n) {
      const c = total();
      if (c < bestCost) {
        bestCost = c;
        best = assign.slice();
      }
      return;
    }
    for (const id of choices[i]!) {
      const k = STRATEGY_IDS.indexOf(id);
      assign[i] = id;
      masks[k]! |= 1 << i;
      walk(i + 1);
      masks[k]! &= ~(1 << i);
    }
  };
  walk(0);
  return best;
}

/** Each service's allocated cost in the mix's own sub-plans. */
function allocated(pr: Pricer, assign: readonly StrategyId[]): number[] {
  const out = new Array<number>(pr.n).fill(Infinity);
  for (const part of pr.parts(assign) ?? []) {
    const byName = new Map(part.report.services.map((s) => [s.service, s.cost]));
    for (const i of part.members) out[i] = byName.get(pr.plan.services[i]!.name) ?? Infinity;
  }
  return out;
}

/**
 * The heuristic for larger plans (docs/analysis.md): start from the cheapest pure assignment; try each service on
 * the strategy where the whole plan's reports allocate it least; then moves, first improvement taken: for each
 * strategy, the services whose allocated cost there is below their cost in the current mix, sorted by that gain, the
 * top k moved together for k = all, ½, ¼, … 1 (a group move pays a shared cost once for many services, which a move
 * of one service never would); emptying each strategy used into the next-best strategy of its services (saves
 * its shared cost); then single services on every other strategy. Stops when no move improves or its share of the
 * budget is spent. Then the same descent from each other pure assignment (a pricier pure strategy plus a few
 * services elsewhere can beat the cheapest one) with what the first descent left of HEURISTIC_EVALUATIONS sub-plan
 * evaluations. The best found is taken only when strictly cheaper than the start.
 */
function heuristic(pr: Pricer, sv: Survey, start: Pure): StrategyId[] {
  const end = pr.evaluations + HEURISTIC_EVALUATIONS;
  // The descent from the cheapest pure assignment may use the whole budget; what it leaves is shared by the others.
  const others = sv.pures.filter((p) => p !== start);
  let best = descend(pr, sv, start.assign, start.cost, end, true);
  others.forEach((p, k) => {
    const budget = pr.evaluations + (end - pr.evaluations) / (others.length - k);
    const found = descend(pr, sv, p.assign, p.cost, budget, false);
    if (found.cost < best.cost) best = found;
  });
  return best.assign;
}

/** Local search from `assign` (see heuristic) until no move lowers the total or `budget` evaluations are reached. */
function descend(
  pr: Pricer,
  sv: Survey,
  assign: StrategyId[],
  cost: number,
  budget: number,
  greedyFirst: boolean,
): { assign: StrategyId[]; cost: number } {
  let cur = assign;
  let curCost = cost;
  const attempt = (cand: StrategyId[]): boolean => {
    const c = pr.cost(cand);
    if (c < curCost) {
      cur = cand;
      curCost = c;
      return true;
    }
    return false;
  };
  const est = (id: StrategyId, i: number): number => sv.estimate.get(id)![i]!;
  const cheapestFor = (i: number, not: StrategyId | null): StrategyId | null => {
    let best: StrategyId | null = null;
    for (const id of STRATEGY_IDS)
      if (id !== not && sv.eligible.get(id)![i] && (best === null || est(id, i) < est(best, i))) best = id;
    return best;
  };
  if (greedyFirst) attempt(pr.plan.services.map((_, i) => cheapestFor(i, null) ?? cur[i]!));
  const moves = function* (): Generator<StrategyId[]> {
    const here = allocated(pr, cur);
    for (const target of STRATEGY_IDS) {
      const movers = pr.plan.services
        .map((_, i) => ({ i, gain: here[i]! - est(target, i) }))
        .filter(({ i, gain }) => cur[i] !== target && sv.eligible.get(target)![i] && gain > 0)
        .sort((a, b) => b.gain - a.gain || a.i - b.i);
      let last = 0;
      for (let k = movers.length; k >= 1; k = Math.ceil(k / 2)) {
        if (k === last) break;
        last = k;
        const cand = cur.slice();
        for (const { i } of movers.slice(0, k)) cand[i] = target;
        yield cand;
        if (k === 1) break;
      }
    }
    for (const from of STRATEGY_IDS) {
      if (!cur.includes(from)) continue;
      const cand = cur.map((id, i) => (id === from ? (cheapestFor(i, from) ?? id) : id));
      if (cand.some((id, i) => id !== cur[i])) yield cand;
    }
    // Then every single service on every other strategy, most promising first: allocations spread a shared cost
    // over the services, so a move they call a loss (one large service off the cluster onto VMs of its own, which
    // frees more node-hours than its share) can still save.
    const singles: { i: number; to: StrategyId; gain: number }[] = [];
    pr.plan.services.forEach((_, i) => {
      for (const to of STRATEGY_IDS)
        if (to !== cur[i] && sv.eligible.get(to)![i]) singles.push({ i, to, gain: here[i]! - est(to, i) });
    });
    singles.sort(
      (a, b) => b.gain - a.gain || a.i - b.i || STRATEGY_IDS.indexOf(a.to) - STRATEGY_IDS.indexOf(b.to),
    );
    for (const { i, to } of singles) yield moved(cur, i, to);
  };
  let improved = true;
  while (improved && pr.evaluations < budget) {
    improved = false;
    for (const cand of moves()) {
      if (pr.evaluations >= budget) break;
      if (attempt(cand)) {
        improved = true;
        break;
      }
    }
  }
  return { assign: cur, cost: curCost };
}

/** Service i of `assign` moved to `to`. */
function moved(assign: readonly StrategyId[], i: number, to: StrategyId): StrategyId[] {
  const out = assign.slice();
  out[i] = to;
  return out;
}

/**
 * Each service's reason: the mix's cost with it on its next-best strategy, less the mix's cost. Exact (both mixes
 * priced by the engine) up to EXACT_REASONS_MAX services; on larger plans estimated from allocations (its
 * allocated cost on the other strategy in the whole plan's report, less its allocated cost in the mix), since pricing
 * 200 moved mixes would take longer than the search.
 */
function reasons(pr: Pricer, sv: Survey, assign: readonly StrategyId[], cost: number): MixReason[] {
  const isExact = pr.n <= EXACT_REASONS_MAX;
  const here = isExact ? [] : allocated(pr, assign);
  const currency = pr.plan.catalog.currency;
  return pr.plan.services.map((s, i) => {
    const id = assign[i]!;
    let alternative: StrategyId | null = null;
    let difference: number | null = null;
    for (const other of STRATEGY_IDS) {
      if (other === id || !sv.eligible.get(other)![i]) continue;
      const d = isExact ? pr.cost(moved(assign, i, other)) - cost : sv.estimate.get(other)![i]! - here[i]!;
      if (Number.isFinite(d) && (difference === null || d < difference)) {
        alternative = other;
        difference = cents(d);
      }
    }
    const where = `${s.name} on ${WORD[id]}`;
    const text =
      alternative === null || difference === null
        ? `${where}: no other strategy can run it`
        : `${where}: ${isExact ? '' : 'about '}${money(difference, currency)} a month ${difference >= 0 ? 'less' : 'more'} than on ${WORD[alternative]}`;
    return { service: s.name, strategy: id, alternative, difference, exact: isExact, text };
  });
}

function result(
  pr: Pricer,
  sv: Survey,
  assign: readonly StrategyId[],
  method: MixResult['search']['method'],
): MixResult {
  const parts = pr.parts(assign);
  if (parts === null) throw new RangeError('this assignment cannot be costed'); // callers check first
  const monthlyCost = cents(parts.reduce((t, p) => t + p.report.monthlyCost, 0));
  const pure = sv.pure;
  const evaluations = pr.evaluations;
  return {
    assignment: Object.fromEntries(pr.plan.services.map((s, i) => [s.name, assign[i]!])),
    monthlyCost,
    currency: pr.plan.catalog.currency,
    lineItems: parts.flatMap((p) => p.report.lineItems.map((li) => ({ strategy: p.id, ...li }))),
    parts: parts.map((p) => ({
      strategy: p.id,
      services: p.members.map((i) => pr.plan.services[i]!.name),
      monthlyCost: p.report.monthlyCost,
    })),
    cheapestPure: pure === null ? null : { strategy: pure.strategy, monthlyCost: pure.cost },
    savingsVsCheapestPure: pure === null ? null : cents(pure.cost - monthlyCost),
    reasons: reasons(pr, sv, assign, monthlyCost),
    search: { method, evaluations },
  };
}

/** Why the plan has no mix (no services, or no strategy can run some service), or `null`. */
function noMix(pr: Pricer, sv: Survey): string | null {
  if (pr.n === 0) return 'the plan has no services';
  const stuck = pr.plan.services.filter((_, i) => STRATEGY_IDS.every((id) => !sv.eligible.get(id)![i]));
  if (stuck.length > 0) return `no strategy can run ${stuck.map((s) => s.name).join(', ')}`;
  return null;
}

export interface MixOptions {
  /** One evaluator per analysis run keeps the services' parts between sub-plans (default: a new one). */
  evaluator?: Evaluator;
  /** Force a search method (tests compare the heuristic with exhaustive search); default by plan size. */
  method?: 'exact' | 'heuristic';
}

/**
 * The cheapest assignment of services to strategies found: exhaustive search up to EXACT_MAX_SERVICES services, the
 * heuristic beyond. Never costs more than the cheapest pure assignment (the search starts from it and only takes
 * a strictly cheaper one). Throws a RangeError when there is no mix (see noMix).
 */
export function bestMix(plan: Plan, options: MixOptions = {}): MixResult {
  const pr = new Pricer(plan, options.evaluator ?? createEvaluator());
  const sv = survey(pr);
  const why = noMix(pr, sv);
  if (why !== null) throw new RangeError(why);
  const start: Pure = sv.pure ?? {
    strategy: 'shared-host',
    fallback: null,
    assign: plan.services.map((_, i) => STRATEGY_IDS.find((id) => sv.eligible.get(id)![i])!),
    cost: Infinity,
  };
  if (start.cost === Infinity) start.cost = pr.cost(start.assign);
  const exhaustive = (options.method ?? (pr.n <= EXACT_MAX_SERVICES ? 'exact' : 'heuristic')) === 'exact';
  const assign = exhaustive ? exact(pr, sv, start) : heuristic(pr, sv, start);
  if (!Number.isFinite(pr.cost(assign))) throw new RangeError('no assignment of the services can be costed');
  return result(pr, sv, assign, exhaustive ? 'exact' : 'heuristic');
}

/**
 * A given assignment priced as a mix; services it does not name stay where the cheapest pure assignment puts them.
 * Throws a RangeError naming the problem: an unknown service or strategy, or a strategy that cannot run a service.
 */
export function evaluateMix(
  plan: Plan,
  given: Readonly<Record<string, string>>,
  options: Pick<MixOptions, 'evaluator'> = {},
): MixResult {
  const pr = new Pricer(plan, options.evaluator ?? createEvaluator());
  const index = new Map(plan.services.map((s, i) => [s.name, i]));
  for (const [name, id] of Object.entries(given)) {
    if (!index.has(name)) throw new RangeError(`no service named "${name}" in the plan`);
    if (!(STRATEGY_IDS as readonly string[]).includes(id))
      throw new RangeError(`"${id}" is not a strategy (${STRATEGY_IDS.join(', ')})`);
  }
  const sv = survey(pr);
  const why = noMix(pr, sv);
  if (why !== null) throw new RangeError(why);
  if (sv.pure === null)
    throw new RangeError('no strategy runs every service: name a strategy for each service');
  const assign = sv.pure.assign.slice();
  for (const [name, id] of Object.entries(given)) {
    const i = index.get(name)!;
    const sid = STRATEGY_IDS.find((s) => s === id)!;
    if (!sv.eligible.get(sid)![i]) throw new RangeError(`${STRATEGY_NAMES[sid]} cannot run ${name}`);
    assign[i] = sid;
  }
  if (!Number.isFinite(pr.cost(assign))) {
    const stuck = [...pr.groups(assign)].filter(
      ([id, m]) => m.length > 0 && pr.report(id, m, false) === null,
    );
    throw new RangeError(
      `this assignment cannot be costed: ${stuck.map(([id]) => STRATEGY_NAMES[id]).join(', ')} cannot run its services`,
    );
  }
  return result(pr, sv, assign, 'given');
}
