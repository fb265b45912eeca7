// Service instance per VM: each service on its own instances, sized for CPU at the target utilization.
import { components, rootVolumePerInstanceHour } from './components.ts';
import { ceilClean } from './money.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import {
  burstableWarning,
  costsOnlyNow,
  discounted,
  instanceType,
  isBurstable,
  line,
  serviceCosts,
  strategyReport,
  utilization,
} from './prepare.ts';
import { latencySizing, preparedLatency, withLatency } from './latency.ts';
import { settingsKey } from './memo.ts';
import { aheadMaxKept, cpuAhead } from './scale-ahead.ts';
import { COMMITMENT_SCOPES, priceCommitment, sumRows } from './commitment.ts';
import { HOURS_PER_WEEK, allPeriod, weekToPeriod } from './time.ts';
import { SINGLE_ZONE, addedHours, fleetWithFloor, weekMembers, zonesMatter, zonesPhrase } from './zones.ts';
import type {
  Architecture,
  InstanceType,
  LatencySizing,
  Service,
  LineItem,
  Resilience,
  Scaling,
  StrategyReport,
  VmPerServiceSettings,
  Warning,
} from './types.ts';

/**
 * Instances for one hour's CPU demand: ⌈demand ÷ (vCPU × target utilization)⌉ spread over the zones (surviving the
 * loss of one when asked), and at least minInstances spread over them (zones.ts `fleetWithFloor`). One zone:
 * max(minInstances, ⌈demand ÷ (vCPU × target utilization)⌉). A latency target's instances that hour (`latency`,
 * latency.ts) are demand too: the fleet needs the larger of the two before zones and floor.
 */
function instancesFor(cpu: number, perInstance: number, min: number, r: Resilience, latency = 0): number {
  return fleetWithFloor(Math.max(ceilClean(cpu / perInstance), latency), min, r);
}

/** What a service's fleet is sized for, per scaling mode (docs/cost-model.md "Scaling"). */
interface Sizing {
  target: number;
  scaling: Scaling;
  /** Hourly scaling: each hour's CPU demand, or the largest in it and the hours ahead (scale-ahead.ts). */
  demand: readonly number[];
  /** The largest CPU demand of the week (what static scaling holds all week). */
  peak: number;
  resilience: Resilience;
  /** Latency target only: instances it needs each hour (with the hours ahead, like `demand`), and their largest. */
  latency: readonly number[] | null;
  latencyPeak: number;
}

function sizingOf(s: PreparedService, settings: VmPerServiceSettings, resilience: Resilience): Sizing {
  const hourly = settings.scaling === 'hourly';
  const ahead = hourly ? settings.scaleAheadHours : 0;
  const latency = preparedLatency(s);
  return {
    target: settings.targetUtilization,
    scaling: settings.scaling,
    demand: ahead > 0 ? cpuAhead(s, ahead) : s.cpu,
    peak: s.peakCpu,
    resilience,
    latency: latency && ahead > 0 ? aheadMaxKept(latency, ahead) : latency,
    latencyPeak: latency ? Math.max(0, ...latency) : 0,
  };
}

/** The same sizing without the latency target: what CPU alone gives (for the report's "instead of"). */
const cpuOnly = (z: Sizing): Sizing => ({ ...z, latency: null, latencyPeak: 0 });

/** Instances running each hour of the week: static holds the peak hour's count all week. */
function fleet(s: PreparedService, type: InstanceType, z: Sizing): number[] {
  const perInstance = type.vcpu * z.target;
  const min = s.service.minInstances;
  const r = z.resilience;
  if (z.scaling === 'static')
    return new Array<number>(HOURS_PER_WEEK).fill(instancesFor(z.peak, perInstance, min, r, z.latencyPeak));
  return z.demand.map((c, h) => instancesFor(c, perInstance, min, r, z.latency?.[h]));
}

/** Instance-hours in the billing period for one type, without building the hourly series (hot path). */
function fleetHours(s: PreparedService, type: InstanceType, z: Sizing, hpm: number, r: Resilience): number {
  const perInstance = type.vcpu * z.target;
  const min = s.service.minInstances;
  if (z.scaling === 'static') return allPeriod(instancesFor(z.peak, perInstance, min, r, z.latencyPeak), hpm);
  return weekToPeriod(weekMembers(z.demand, perInstance, min, r, z.latency), hpm);
}

/** How zones raised a service's fleet: its count before and after at its busiest and quietest hours, hours added. */
interface ZoneRaise {
  busiest: [number, number];
  quietest: [number, number];
  hoursAdded: number;
}

function zoneRaise(s: PreparedService, type: InstanceType, z: Sizing, hpm: number): ZoneRaise | null {
  if (!zonesMatter(z.resilience)) return null;
  const perInstance = type.vcpu * z.target;
  const min = s.service.minInstances;
  const quietHour = z.scaling === 'static' ? -1 : z.demand.indexOf(Math.min(...z.demand));
  const quiet = quietHour < 0 ? z.peak : z.demand[quietHour]!;
  const quietLatency = quietHour < 0 ? z.latencyPeak : (z.latency?.[quietHour] ?? 0);
  const count = (cpu: number, r: Resilience, latency: number) =>
    instancesFor(cpu, perInstance, min, r, latency);
  const hoursAdded = fleetHours(s, type, z, hpm, z.resilience) - fleetHours(s, type, z, hpm, SINGLE_ZONE);
  if (hoursAdded <= 0) return null;
  return {
    busiest: [count(z.peak, SINGLE_ZONE, z.latencyPeak), count(z.peak, z.resilience, z.latencyPeak)],
    quietest: [count(quiet, SINGLE_ZONE, quietLatency), count(quiet, z.resilience, quietLatency)],
    hoursAdded,
  };
}

/** An instance type's CPU architecture: the catalog's, or AWS naming (Graviton families end in "g"). */
export function typeArchitecture(t: InstanceType): Architecture {
  return t.architecture ?? (/^[a-z]+\d+g[a-z]*\./.test(t.name) ? 'arm64' : 'x86_64');
}

/**
 * The types `auto` chooses from: those whose memory holds one instance and whose architecture is the service's
 * (its `serverless.architecture`, x86_64 by default: moving a service to Arm is a decision, not a default), leaving
 * out burstable types when any other fits. A burstable type sized at the target utilization runs far above its CPU-credit baseline (a t3.micro earns
 * 10% of its vCPU), and its unlimited-mode surplus would cost more than the instance: choosing one silently would
 * make the strategy look cheaper than it is. Name a burstable type explicitly to plan with one.
 */
export function autoCandidates(types: readonly InstanceType[], service: Service): readonly InstanceType[] {
  const arch = service.serverless.architecture;
  // Asked for every service of every evaluation (every service of every simulation sample): the answer depends on
  // the catalog's list, the memory and the architecture only, so it is kept per list (a few memory sizes each).
  let byNeed = candidatesKept.get(types);
  if (!byNeed) {
    byNeed = new Map();
    candidatesKept.set(types, byNeed);
  }
  const need = `${arch} ${service.memoryMiB}`;
  const kept = byNeed.get(need);
  if (kept) return kept;
  const fitting = types.filter(
    (t) => t.memoryGiB * 1024 >= service.memoryMiB && typeArchitecture(t) === arch,
  );
  const steady = fitting.filter((t) => !isBurstable(t.name));
  const chosen = steady.length > 0 ? steady : fitting;
  if (byNeed.size >= 256) byNeed.clear();
  byNeed.set(need, chosen);
  return chosen;
}

/** autoCandidates' answers, per catalog list (held weakly) and per architecture and memory. Never changed once made. */
const candidatesKept = new WeakMap<readonly InstanceType[], Map<string, readonly InstanceType[]>>();

/** serviceFleet's counts per vCPU size of the service being sized (scratch: emptied before and after each use). */
const sizedByVcpu: { perType: number; hours: number; vcpu: number }[] = [];

/** One service's cheapest fleet under the strategy's settings, its instances each hour and its priced line. */
function serviceFleet(
  p: Prepared,
  s: PreparedService,
  prices: ReadonlyMap<string, number>,
  volumeHourly: number,
): {
  t: InstanceType;
  hours: number;
  perHour: number[];
  /** vCPU paid for each hour (the instances' vCPU). */
  paid: number[];
  item: LineItem;
  burstable: boolean;
  zones: ZoneRaise | null;
  latency: LatencySizing | null;
} {
  const settings = p.plan.strategies.vmPerService;
  const z = sizingOf(s, settings, p.plan.resilience);
  const chosen = s.service.vmInstanceType ?? settings.instanceType;
  const auto = chosen === 'auto';
  const candidates = auto
    ? autoCandidates(p.plan.catalog.instanceTypes, s.service)
    : [instanceType(p, chosen)];
  // Cheapest wins; on a tie, the fleet with less vCPU at its peak, then the catalog's order.
  let best: { type: InstanceType; hours: number; cost: number; vcpu: number } | undefined;
  // A type's fleet depends on its vCPU alone (the sizing is the service's): types of the same vCPU (m6i.xlarge,
  // c6i.xlarge, r6i.xlarge, …) share one count of the week, made once (a catalog has a few vCPU sizes and many
  // types; an hourly fleet is a pass over the week for every service of every simulation sample).
  const sized = sizedByVcpu;
  sized.length = 0;
  // A bound below any type's hours, for an hourly fleet: each hour needs at least its demand ÷ (vCPU × target)
  // instances (less 10⁻¹² for ceilClean's tolerance) and at least the floor spread over the zones; summed over the
  // week, at least the week's CPU ÷ (vCPU × target) and 168 × that floor. A type whose cost at that bound is above
  // the best found so far (with a margin far above float noise) cannot win or tie: its week is not counted.
  const hourly = z.scaling === 'hourly';
  const spread = s.service.minInstances > 0 ? Math.max(s.service.minInstances, z.resilience.zones) : 0;
  for (const t of candidates) {
    const unit = prices.get(t.name)! + volumeHourly;
    if (best && hourly) {
      const atLeast = Math.max(s.cpuWeek / (t.vcpu * z.target), HOURS_PER_WEEK * spread);
      const bound = weekToPeriod(atLeast, p.hoursPerMonth) * unit * (1 - 1e-9);
      if (bound > best.cost + 1e-9) continue;
    }
    let known: { hours: number; vcpu: number } | undefined;
    for (const k of sized) if (k.perType === t.vcpu) known = k;
    if (!known) {
      known = {
        hours: fleetHours(s, t, z, p.hoursPerMonth, z.resilience),
        vcpu:
          t.vcpu *
          instancesFor(
            s.peakCpu,
            t.vcpu * settings.targetUtilization,
            s.service.minInstances,
            z.resilience,
            z.latencyPeak,
          ),
      };
      sized.push({ perType: t.vcpu, ...known });
    }
    const { hours, vcpu } = known;
    // Each instance carries its root volume: `auto` compares whole costs, so more traffic never costs less.
    const cost = hours * unit;
    if (!best || cost < best.cost - 1e-9 || (Math.abs(cost - best.cost) <= 1e-9 && vcpu < best.vcpu)) {
      best = { type: t, hours, cost, vcpu };
    }
  }
  sized.length = 0;
  if (!best) throw new Error(`no instance type in catalog "${p.plan.catalog.id}" fits ${s.service.name}`);
  const t = best.type;
  const item = line(
    s.service.name,
    `Instance hours (${t.name}${auto ? ', cheapest that fits' : ''})`,
    'hours',
    best.hours,
    prices.get(t.name)!,
  );
  // Costs only (prepare.ts `costsOnlyNow`): the fleet each hour, what zones raised and the latency sizing feed the
  // report's weeks, notes and per-service figures; the line (from `fleetHours`) is the same.
  // A commitment needs the fleet each hour even then (its spend is priced hour by hour: commitment.ts).
  if (costsOnlyNow() && !settings.commitment) {
    return {
      t,
      hours: best.hours,
      perHour: [],
      paid: [],
      item,
      burstable: false,
      zones: null,
      latency: null,
    };
  }
  const perHour = fleet(s, t, z);
  return {
    t,
    hours: best.hours,
    perHour,
    paid: perHour.map((n) => n * t.vcpu),
    item,
    burstable: isBurstable(t.name),
    zones: zoneRaise(s, t, z, p.hoursPerMonth),
    latency: z.latency ? latencySizing(s.service, s.rps, perHour, fleet(s, t, cpuOnly(z))) : null,
  };
}

export function vmPerService(p: Prepared): StrategyReport {
  const settings = p.plan.strategies.vmPerService;
  const lineItems: LineItem[] = [];
  const warnings: Warning[] = [];
  const paidRows: number[][] = [];
  const unitRows: number[][] = [];
  const burstable = new Map<string, string[]>();
  const r = p.plan.resilience;
  const raised: [string, ZoneRaise][] = [];
  let peakInstances = 0;
  let instanceHours = 0;
  // One discounted price per type, used to choose the type and to price its line (computed once: hot path).
  const prices = new Map(
    p.plan.catalog.instanceTypes.map((t) => [t.name, discounted(t.hourly, settings.discount)]),
  );
  const volumeHourly = rootVolumePerInstanceHour(p, 'vm-per-service');
  const serviceHours: number[] = [];
  const latency: (LatencySizing | null)[] = [];
  // Costs only: the paid vCPU and instance weeks, the warnings and the per-service shares are not assembled.
  const costs = costsOnlyNow();
  // Each service's on-demand instance spend each hour, for a savings-plan commitment (issue 13 §5).
  const spendRows: number[][] = [];

  // What every service's fleet depends on besides its week: one array for the same settings from one evaluation to
  // the next (memo.ts `settingsKey`), so each service's look-up compares two things (hot path: the edit path).
  const shared = settingsKey('vm-per-service', [
    settings.instanceType,
    settings.targetUtilization,
    settings.scaling,
    settings.scaleAheadHours,
    settings.discount,
    p.hoursPerMonth,
    p.plan.catalog,
    volumeHourly,
    r.zones,
    r.surviveZoneLoss,
    settings.commitment !== undefined,
  ]);

  for (const s of p.services) {
    // The service's own fleet, line and paid vCPU: they depend on its week (`s`), the settings and the catalog only.
    const {
      t,
      hours,
      perHour,
      paid,
      item,
      burstable: isBurst,
      zones,
      latency: sizedFor,
    } = p.memo(s.service, 'vm-per-service', [s, shared], () => serviceFleet(p, s, prices, volumeHourly));
    if (settings.commitment) spendRows.push(perHour.map((n) => n * t.hourly));
    serviceHours.push(hours);
    latency.push(sizedFor);
    lineItems.push(item);
    if (costs) continue;
    unitRows.push(perHour);
    paidRows.push(paid);
    instanceHours += hours;
    if (isBurst) burstable.set(t.name, [...(burstable.get(t.name) ?? []), s.service.name]);
    if (zones) raised.push([s.service.name, zones]);
  }
  // A savings-plan commitment (issue 13 §5; commitment.ts): the instances' hours at on-demand are the spend; its two
  // shared lines are shared by each service's spend.
  const commit = priceCommitment({
    commitment: settings.commitment,
    spend: settings.commitment ? sumRows(spendRows) : null,
    hoursPerMonth: p.hoursPerMonth,
    negotiated: settings.discount,
    scope: COMMITMENT_SCOPES['vm-per-service'],
    serviceWeights: spendRows.map((row) => row.reduce((a, b) => a + b, 0)),
    costsOnly: costs,
  });
  lineItems.push(...commit.lines);
  if (costs) {
    const extra = components(p, 'vm-per-service', { serviceInstanceHours: serviceHours });
    lineItems.push(...extra.lineItems);
    return strategyReport(p.plan, 'vm-per-service', {
      lineItems,
      services: serviceCosts(p, lineItems, () => []),
      warnings,
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: { demand: p.totalCpu, capacity: [], units: [], unit: 'vCPU' },
      commitment: commit.report,
    });
  }
  // Whole numbers: exact in any order; through the evaluator's kept sums (an edit recomputes one path).
  const paid = p.sums('vm paid vCPU', paidRows);
  const units = p.sums('vm instances', unitRows);
  for (let h = 0; h < HOURS_PER_WEEK; h++) peakInstances = Math.max(peakInstances, units[h]!);
  for (const [type, services] of burstable) {
    warnings.push(burstableWarning(type, services, 'the model'));
  }
  if (raised.length > 0) warnings.push(zonesWarning(r, raised));

  // Front door, a root volume per instance, NAT, logs, operations (components.ts).
  const extra = components(p, 'vm-per-service', { serviceInstanceHours: serviceHours });
  lineItems.push(...extra.lineItems);
  warnings.push(...extra.warnings);

  return strategyReport(p.plan, 'vm-per-service', {
    lineItems,
    services: withLatency(
      serviceCosts(p, lineItems, (l) => commit.weights.get(l) ?? extra.weights.get(l) ?? []),
      latency,
    ),
    warnings,
    utilization: utilization(p.totalCpu, paid),
    capacity: {
      instances: peakInstances,
      averageInstances: units.reduce((a, b) => a + b, 0) / HOURS_PER_WEEK,
      instanceHours,
      peakPaidVcpu: Math.max(0, ...paid),
      ...(zonesMatter(r) ? { zones: r.zones } : {}),
    },
    week: { demand: p.totalCpu, capacity: paid, units, unit: 'vCPU' },
    commitment: commit.report,
  });
}

/** Services listed by name in a zones note, at most. */
const NAMED = 3;

/** "2 zones: 1 service runs more instances than its demand needs …: small 2 instead of 1 at its busiest hour; …". */
function zonesWarning(r: Resilience, raised: readonly [string, ZoneRaise][]): Warning {
  const n = raised.length;
  const named = raised.slice(0, NAMED).map(([name, z]) => {
    const [before, after] = z.busiest[1] > z.busiest[0] ? z.busiest : z.quietest;
    const when = z.busiest[1] > z.busiest[0] ? 'busiest' : 'quietest';
    return `${name} ${after} instead of ${before} at its ${when} hour`;
  });
  const more = n > NAMED ? `, and ${n - NAMED} more` : '';
  const added = addedHours(raised.reduce((a, [, z]) => a + z.hoursAdded, 0));
  const why = r.surviveZoneLoss
    ? 'what is left after losing the fullest zone still meets demand'
    : 'at least one per zone';
  return {
    service: null,
    code: 'zones',
    message: `${zonesPhrase(r)}: ${n} ${n === 1 ? 'service runs' : 'services run'} more instances than ${n === 1 ? 'its' : 'their'} demand needs (${why}): ${named.join(', ')}${more}; +${added} instance-hours a month.`,
  };
}
