// Multiple service instances per host: one fixed pool of long-lived hosts shared by every service.
import { components } from './components.ts';
import { ceilClean, clean } from './money.ts';
import { latencySizing, preparedLatency, withLatency } from './latency.ts';
import { packNodes, sortForPacking } from './packing.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import {
  burstableWarning,
  costsOnlyNow,
  discounted,
  isBurstable,
  instanceType,
  line,
  serviceCosts,
  strategyReport,
  utilization,
} from './prepare.ts';
import { HOURS_PER_WEEK, allPeriod } from './time.ts';
import type { LatencySizing, LineItem, StrategyReport, Warning } from './types.ts';
import { COMMITMENT_SCOPES, priceCommitment } from './commitment.ts';
import { fleetWithFloor, zonesMatter, zonesPhrase } from './zones.ts';

/** Memory a service holds on the pool: its minimum instances, and at least one (it must run somewhere). */
export function sharedHostInstances(minInstances: number): number {
  return Math.max(1, minInstances);
}

/**
 * A service's instances on the pool and how its latency target sized them: the pool is one static fleet, so its
 * instances are those the busiest hour's latency needs when that is more than `sharedHostInstances` (issue 12 §3).
 */
function poolInstances(p: Prepared, s: PreparedService): { count: number; latency: LatencySizing | null } {
  return p.memo(s.service, 'shared-host latency', [s], () => {
    const floor = sharedHostInstances(s.service.minInstances);
    const need = preparedLatency(s);
    if (!need) return { count: floor, latency: null };
    const count = Math.max(floor, ...need);
    const week = (n: number) => new Array<number>(HOURS_PER_WEEK).fill(n);
    return { count, latency: latencySizing(s.service, s.rps, week(count), week(floor)) };
  });
}

export function sharedHost(p: Prepared): StrategyReport {
  const settings = p.plan.strategies.sharedHost;
  const type = instanceType(p, settings.instanceType);
  const hostMemoryMiB = type.memoryGiB * 1024;

  // CPU: the pool is sized for the peak of the summed demand, not the sum of each service's peak.
  const peakDemand = Math.max(0, ...p.totalCpu);
  const cpuHosts = ceilClean(peakDemand / (type.vcpu * settings.targetUtilization));

  // Memory: every service's instances must be placed whole on some host (first-fit decreasing by memory).
  const instances = p.services.map((s) => poolInstances(p, s));
  const groups = sortForPacking(
    p.services.map((s, i) => ({
      cpu: 0,
      memory: s.service.memoryMiB,
      count: instances[i]!.count,
    })),
    { cpu: 1, memory: hostMemoryMiB, pods: Number.MAX_SAFE_INTEGER },
  );
  const memoryHosts = packNodes(groups, { cpu: 1, memory: hostMemoryMiB, pods: Number.MAX_SAFE_INTEGER });
  const memoryNeededMiB = p.services.reduce(
    (sum, s, i) => sum + s.service.memoryMiB * instances[i]!.count,
    0,
  );

  // Zones (docs/cost-model.md "Zones"): the pool is one fleet; what CPU and memory need survives a zone loss when
  // asked, minHosts is only spread.
  const r = p.plan.resilience;
  const unzoned = Math.max(settings.minHosts, cpuHosts, memoryHosts);
  const hosts = fleetWithFloor(Math.max(cpuHosts, memoryHosts), settings.minHosts, r);
  const paidVcpu = hosts * type.vcpu;
  const warnings: Warning[] = [];

  const hostsWithoutMemory = Math.max(settings.minHosts, cpuHosts);
  if (memoryHosts > hostsWithoutMemory) {
    warnings.push({
      service: null,
      code: 'memory-bound',
      message: `Memory decides the pool: ${hostsWithoutMemory} host(s) would be enough for CPU but would overcommit memory (${clean(memoryNeededMiB / 1024)} GiB of instances on ${clean((hostsWithoutMemory * hostMemoryMiB) / 1024)} GiB), so ${hosts} hosts are counted.`,
    });
  }
  // No isolation: a service whose own peak is at least the pool's spare CPU would, at twice its traffic, use all of
  // the spare and starve everything else on the hosts.
  const spare = paidVcpu - peakDemand;
  if (p.services.length > 1) {
    for (const s of p.services) {
      if (s.peakCpu > 0 && s.peakCpu >= spare) {
        warnings.push({
          service: s.service.name,
          code: 'noisy-neighbour',
          message: `${s.service.name} alone peaks at ${clean(s.peakCpu)} vCPU while the pool has ${clean(spare)} vCPU spare at its busiest hour: a spike of this one service can starve the others (shared hosts give no isolation).`,
        });
      }
    }
  }
  if (isBurstable(type.name)) warnings.push(burstableWarning(type.name, [], 'the shared pool'));
  if (hosts > unzoned) {
    warnings.push({
      service: null,
      code: 'zones',
      message: `${zonesPhrase(r)}: the pool runs ${hosts} hosts instead of ${unzoned}${r.surviveZoneLoss ? ` (what is left after losing the fullest zone still meets demand)` : ' (at least one per zone)'}.`,
    });
  }

  const lineItems: LineItem[] = [
    line(
      null,
      `Instance hours (${type.name})`,
      'hours',
      allPeriod(hosts, p.hoursPerMonth),
      discounted(type.hourly, settings.discount),
    ),
  ];
  // Front door, root volumes on every host, NAT, logs, operations (components.ts).
  const byCpu = p.services.map((s) => s.cpuWeek);
  // A savings-plan commitment (issue 13 §5; commitment.ts): the pool's instance-hours at on-demand are the spend.
  const commit = priceCommitment({
    commitment: settings.commitment,
    spend: new Array<number>(HOURS_PER_WEEK).fill(hosts * type.hourly),
    hoursPerMonth: p.hoursPerMonth,
    negotiated: settings.discount,
    scope: COMMITMENT_SCOPES['shared-host'],
    costsOnly: costsOnlyNow(),
  });
  lineItems.push(...commit.lines);
  const extra = components(p, 'shared-host', {
    sharedInstanceHours: allPeriod(hosts, p.hoursPerMonth),
    computeWeights: byCpu,
  });
  lineItems.push(...extra.lineItems);
  warnings.push(...extra.warnings);
  const capacityWeek = new Array<number>(HOURS_PER_WEEK).fill(paidVcpu);
  return strategyReport(p.plan, 'shared-host', {
    lineItems,
    services: withLatency(
      serviceCosts(p, lineItems, (l) => extra.weights.get(l) ?? byCpu),
      instances.map((x) => x.latency),
    ),
    warnings,
    utilization: utilization(p.totalCpu, capacityWeek),
    capacity: {
      hosts,
      hostsForCpu: cpuHosts,
      hostsForMemory: memoryHosts,
      instanceHours: allPeriod(hosts, p.hoursPerMonth),
      paidVcpu,
      peakDemandVcpu: peakDemand,
      memoryGiB: hosts * type.memoryGiB,
      memoryNeededGiB: memoryNeededMiB / 1024,
      ...(zonesMatter(r) ? { zones: r.zones } : {}),
    },
    week: {
      demand: p.totalCpu,
      capacity: capacityWeek,
      units: new Array<number>(HOURS_PER_WEEK).fill(hosts),
      unit: 'vCPU',
    },
    commitment: commit.report,
  });
}
