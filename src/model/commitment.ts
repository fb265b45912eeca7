// Commitments that behave like Savings Plans (issue 13 §5; docs/cost-model.md "Commitments (Savings Plans)").
//
// A commitment is an amount of on-demand spend per hour, `hourlyCommitment`, bought at `discount` off: it is billed
// every hour of the month whether it is used or not, and each hour it covers the strategy's eligible on-demand spend
// up to that amount; spend above it is billed on demand. This is how AWS Savings Plans bill (the commitment is stated
// there in discounted dollars; here in on-demand dollars, so it compares with the spend directly), and how their bill
// shows it: a recurring fee for the commitment and a negation of the on-demand cost of the usage it covered.
//
// The work is per hour of the plan's week (168 values) weighted by how often that hour occurs in the month
// (hoursPerMonth ÷ 168 each, the engine's one conversion of a week into a month: time.ts), never per monthly average:
// a fleet that scales hourly has quiet hours where the commitment is wasted and busy hours where spend runs above it.
//
// Cost of a level C (on-demand $/h) over the hours h with spend s_h and weight w_h:
//   cost(C) = Σ w_h · ( C·(1 − d) + max(0, s_h − C) )
// It is piecewise linear and convex in C (a sum of a line and hinge functions); its slope between breakpoints is
// (1 − d)·W − W(s > C), so the minimum is at the smallest C with W(s ≤ C) ≥ d·W: the d-quantile of the hourly spend
// (commitment.test.ts checks it against a scan of every breakpoint and a fine grid).
import { clean, toCents } from './money.ts';
import type { Prepared } from './prepare.ts';
import { line } from './prepare.ts';
import { HOURS_PER_WEEK } from './time.ts';
import type {
  CapacityKind,
  Commitment,
  CommitmentPoint,
  CommitmentReport,
  LineItem,
  StrategyId,
  Warning,
} from './types.ts';

/** The weight of each hour of the week in a month: how often that hour occurs (hoursPerMonth ÷ 168 each). */
export function hourWeights(hoursPerMonth: number): number[] {
  return new Array<number>(HOURS_PER_WEEK).fill(hoursPerMonth / HOURS_PER_WEEK);
}

/** Monthly cost of the eligible spend at commitment level `level` (before any negotiated discount). */
export function costAtLevel(
  spend: readonly number[],
  weights: readonly number[],
  level: number,
  discount: number,
): number {
  let total = 0;
  for (let h = 0; h < spend.length; h++) {
    total += weights[h]! * (level * (1 - discount) + Math.max(0, spend[h]! - level));
  }
  return total;
}

/**
 * The level that minimizes `costAtLevel`: the smallest hourly spend at or below which at least `discount` of the
 * month's hours lie (0 when the discount is 0, or when there is no spend). Ties between levels of equal cost go to
 * the smaller: the same cost with less commitment at risk.
 */
export function bestLevel(spend: readonly number[], weights: readonly number[], discount: number): number {
  if (discount <= 0) return 0;
  const order = spend.map((_, h) => h).sort((a, b) => spend[a]! - spend[b]!);
  let total = 0;
  for (const w of weights) total += w;
  let below = 0;
  for (const h of order) {
    below += weights[h]!;
    // Compared with a little tolerance: W(s ≤ C) = d·W exactly is a flat stretch, and the smaller end wins.
    if (below >= discount * total - 1e-9 * total) return Math.max(0, spend[h]!);
  }
  return Math.max(0, ...spend);
}

/** Points of the cost curve from no commitment to the peak hourly spend (and the best level), for a chart. */
export function costCurve(
  spend: readonly number[],
  weights: readonly number[],
  discount: number,
  points = 40,
): CommitmentPoint[] {
  const peak = Math.max(0, ...spend);
  const levels = new Set<number>();
  for (let i = 0; i <= points; i++) levels.add(clean((peak * i) / points));
  levels.add(clean(bestLevel(spend, weights, discount)));
  return [...levels]
    .sort((a, b) => a - b)
    .map((level) => ({
      hourlyCommitment: level,
      monthlyCost: toCents(costAtLevel(spend, weights, level, discount)) / 100,
    }));
}

/** How a commitment met the hourly spend over a month, in on-demand dollars (before any discount). */
export interface CommitmentUse {
  /** The eligible on-demand spend a month without a commitment. */
  onDemand: number;
  /** The part of it the commitment covered. */
  covered: number;
  /** Commitment left unused (on-demand dollars a month): Σ w·max(0, C − s). */
  unused: number;
}

/** What `level` covers of the hourly `spend` over the month. */
export function commitmentUse(
  spend: readonly number[],
  weights: readonly number[],
  level: number,
): CommitmentUse {
  let onDemand = 0;
  let covered = 0;
  let unused = 0;
  for (let h = 0; h < spend.length; h++) {
    const w = weights[h]!;
    const s = spend[h]!;
    onDemand += w * s;
    covered += w * Math.min(s, level);
    unused += w * Math.max(0, level - s);
  }
  return { onDemand, covered, unused };
}

/** What a strategy's committed spend is, in words (the report's and the docs'). */
export interface CommitmentScope {
  /** What the eligible hourly spend counts ("instance-hours of the hosts"). */
  covers: string;
  /** What stays outside the commitment ("root volumes, load balancers, NAT, logs, operations"). */
  notCovered: string;
}

/**
 * A commitment's line items and report for one strategy: `spend` is the strategy's eligible on-demand spend each
 * hour of the week (list prices, before any discount; `null`: nothing is eligible, as for Spot capacity, which
 * Savings Plans never cover). `negotiated` is the strategy's flat `discount`, taken off after the commitment (a
 * negotiated discount off the whole compute bill, the commitment fee included), so the two never compound twice on
 * the same dollar. `serviceWeights` share the two shared lines among services (their eligible spend).
 */
export function priceCommitment(args: {
  commitment: Commitment | undefined;
  spend: readonly number[] | null;
  hoursPerMonth: number;
  negotiated: number;
  scope: CommitmentScope;
  serviceWeights?: readonly number[] | undefined;
  /** Costs only: the lines alone (the best level and the curve are for the report). */
  costsOnly: boolean;
}): { lines: LineItem[]; weights: Map<LineItem, readonly number[]>; report: CommitmentReport | undefined } {
  const weights = new Map<LineItem, readonly number[]>();
  const c = args.commitment;
  if (!c) return { lines: [], weights, report: undefined };
  const hpm = args.hoursPerMonth;
  const spend = args.spend ?? new Array<number>(HOURS_PER_WEEK).fill(0);
  const w = hourWeights(hpm);
  const keep = 1 - args.negotiated;
  const level = c.hourlyCommitment;
  const use = commitmentUse(spend, w, level);
  const lines: LineItem[] = [];
  if (level > 0) {
    lines.push(
      line(
        null,
        `Savings plan commitment (${clean(level)}/h of on-demand spend at ${clean(c.discount * 100)}% off)`,
        'hours',
        hpm,
        clean(level * (1 - c.discount) * keep),
      ),
    );
  }
  if (use.covered > 0) {
    // The on-demand cost of the covered usage, negated (AWS bills show it as "SavingsPlanNegation"): the compute
    // lines above stay whole, at on-demand, and this line takes back what the commitment paid for.
    lines.push(
      line(
        null,
        'Usage covered by the savings plan (on-demand cost negated)',
        'on-demand $',
        use.covered,
        -keep,
      ),
    );
  }
  if (args.serviceWeights) for (const l of lines) weights.set(l, args.serviceWeights);
  const committed = lines[0]?.cost ?? 0;
  const usedCents = Math.min(toCents(use.covered * (1 - c.discount) * keep), toCents(committed));
  const report: CommitmentReport = {
    hourlyCommitment: level,
    discount: c.discount,
    covers: args.scope.covers,
    notCovered: args.scope.notCovered,
    eligible: args.spend !== null,
    committed,
    used: usedCents / 100,
    wasted: (toCents(committed) - usedCents) / 100,
    eligibleOnDemand: toCents(use.onDemand * keep) / 100,
    coveredOnDemand: toCents(use.covered * keep) / 100,
    best: { hourlyCommitment: 0, monthlyCost: 0, saves: 0 },
    curve: [],
  };
  if (!args.costsOnly) {
    const best = bestLevel(spend, w, c.discount);
    const at = (x: number) => toCents(costAtLevel(spend, w, x, c.discount) * keep) / 100;
    report.best = {
      hourlyCommitment: clean(best),
      monthlyCost: at(best),
      saves: clean(at(0) - at(best)),
    };
    report.curve = costCurve(spend, w, c.discount).map((pt) => ({
      hourlyCommitment: pt.hourlyCommitment,
      monthlyCost: toCents(costAtLevel(spend, w, pt.hourlyCommitment, c.discount) * keep) / 100,
    }));
  }
  return { lines, weights, report };
}

/** The hour-by-hour sum of weeks (168 values each; none: a week of zeros). */
export function sumRows(rows: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (const row of rows) for (let h = 0; h < HOURS_PER_WEEK; h++) out[h]! += row[h] ?? 0;
  return out;
}

/**
 * What each strategy's committed spend is (docs/cost-model.md "Commitments (Savings Plans)"). Compute Savings Plans
 * apply to EC2 instance usage (any family, size, region), Fargate vCPU and memory, and Lambda duration; they do not
 * apply to EBS volumes, load balancers, NAT gateways, logs, the EKS control plane, requests, or Spot.
 */
export const COMMITMENT_SCOPES = {
  'shared-host': {
    covers: 'the hosts’ instance-hours',
    notCovered: 'root volumes, load balancers, NAT gateways, logs and operations',
  },
  'vm-per-service': {
    covers: 'every service’s instance-hours',
    notCovered: 'root volumes, load balancers, NAT gateways, logs and operations',
  },
  'container-cluster': {
    covers: 'the nodes’ instance-hours (headroom included)',
    notCovered:
      'the control plane fee, root volumes, load balancers, NAT gateways, logs, operations, and Spot nodes',
  },
  serverless: {
    covers: 'Lambda duration (GB-seconds, provisioned concurrency included)',
    notCovered: 'requests, API Gateway, ephemeral storage, NAT gateways, logs and operations',
  },
  'serverless-containers': {
    covers: 'the tasks’ vCPU and memory',
    notCovered:
      'ephemeral storage above 20 GiB, the EKS control plane fee, load balancers, NAT gateways, logs, operations, and Fargate Spot',
  },
} as const satisfies Record<StrategyId, CommitmentScope>;

/** The settings of a strategy that can run on Spot capacity. */
interface SpotSettings {
  capacity?: CapacityKind | undefined;
  spotDiscount?: number | undefined;
  commitment?: Commitment | undefined;
}

/** True when the strategy runs on Spot capacity. */
export function isSpot(st: SpotSettings): boolean {
  return st.capacity === 'spot';
}

/** An on-demand price as the capacity pays it: Spot takes the user's `spotDiscount` off; on-demand keeps it. */
export function capacityPrice(onDemand: number, st: SpotSettings): number {
  return isSpot(st) ? clean(onDemand * (1 - (st.spotDiscount ?? 0))) : onDemand;
}

/**
 * Spot's notes (docs/cost-model.md "Spot capacity"): the interruption risk (a two-minute notice before AWS takes the
 * capacity back, for EC2 Spot Instances and Fargate Spot tasks alike), a warning for each stateful service, a Spot
 * discount left at 0, and a commitment that Spot usage cannot use.
 */
export function spotWarnings(p: Prepared, st: SpotSettings, what: 'nodes' | 'tasks'): Warning[] {
  if (!isSpot(st)) return [];
  const out: Warning[] = [
    {
      service: null,
      code: 'spot-interruption',
      message: `Spot ${what} can be interrupted whenever AWS needs the capacity back, with a two-minute notice: every service needs enough ${what} in other pools (or on demand) to ride out an interruption; the model assumes none is lost.`,
    },
  ];
  if (!(st.spotDiscount && st.spotDiscount > 0)) {
    out.push({
      service: null,
      code: 'spot-no-discount',
      message: `Spot is chosen with a Spot discount of 0%: the ${what} are priced at on-demand rates. Enter your own Spot discount figure (${what === 'tasks' ? 'AWS states Fargate Spot at up to 70% off; its prices are not published' : 'Spot prices vary by pool and hour'}).`,
    });
  }
  for (const s of p.services) {
    if (!s.service.stateful) continue;
    out.push({
      service: s.service.name,
      code: 'spot-stateful',
      message: `${s.service.name} is stateful and runs on Spot ${what}: an interruption (two-minute notice) stops it with whatever it holds in memory or on local disk; keep its state outside the ${what === 'tasks' ? 'task' : 'node'}, or run it on demand.`,
    });
  }
  if (st.commitment && st.commitment.hourlyCommitment > 0) {
    out.push({
      service: null,
      code: 'commitment-on-spot',
      message: `A savings-plan commitment is set, but Savings Plans do not cover Spot usage: the whole commitment is billed and wasted.`,
    });
  }
  return out;
}
