// Service instance per VM: each service on its own instances, sized for CPU at the target utilization.
import { ceilClean } from './money.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import {
  burstableWarning,
  discounted,
  instanceType,
  isBurstable,
  line,
  serviceCosts,
  strategyReport,
  utilization,
} from './prepare.ts';
import { HOURS_PER_WEEK, allPeriod, weekToPeriod } from './time.ts';
import type { InstanceType, LineItem, Scaling, StrategyReport, Warning } from './types.ts';

interface Fleet {
  type: InstanceType;
  /** Instances running each hour of the week (static: the peak every hour). */
  perHour: number[];
  instanceHours: number;
  cost: number;
}

/** Instances per hour = max(minInstances, ⌈CPU demand ÷ (vCPU × target utilization)⌉). */
export function instancesPerHour(
  cpu: readonly number[],
  vcpu: number,
  target: number,
  min: number,
): number[] {
  return cpu.map((c) => Math.max(min, ceilClean(c / (vcpu * target))));
}

function fleet(
  s: PreparedService,
  type: InstanceType,
  target: number,
  scaling: Scaling,
  hpm: number,
  price: number,
): Fleet {
  let perHour = instancesPerHour(s.cpu, type.vcpu, target, s.service.minInstances);
  let instanceHours: number;
  if (scaling === 'static') {
    const peak = Math.max(0, ...perHour);
    perHour = new Array<number>(HOURS_PER_WEEK).fill(peak);
    instanceHours = allPeriod(peak, hpm);
  } else {
    instanceHours = weekToPeriod(
      perHour.reduce((a, b) => a + b, 0),
      hpm,
    );
  }
  return { type, perHour, instanceHours, cost: instanceHours * price };
}

export function vmPerService(p: Prepared): StrategyReport {
  const settings = p.plan.strategies.vmPerService;
  const lineItems: LineItem[] = [];
  const warnings: Warning[] = [];
  const paid = new Array<number>(HOURS_PER_WEEK).fill(0);
  const units = new Array<number>(HOURS_PER_WEEK).fill(0);
  const burstable = new Map<string, string[]>();
  let peakInstances = 0;
  let instanceHours = 0;

  for (const s of p.services) {
    const chosen = s.service.vmInstanceType ?? settings.instanceType;
    const auto = chosen === 'auto';
    const candidates = auto
      ? p.plan.catalog.instanceTypes.filter((t) => t.memoryGiB * 1024 >= s.service.memoryMiB)
      : [instanceType(p, chosen)];
    let best: Fleet | undefined;
    for (const t of candidates) {
      const f = fleet(
        s,
        t,
        settings.targetUtilization,
        settings.scaling,
        p.hoursPerMonth,
        discounted(t.hourly, settings.discount),
      );
      // Cheapest wins; on a tie, the fleet with less vCPU, then the catalog's order.
      if (
        !best ||
        f.cost < best.cost - 1e-9 ||
        (Math.abs(f.cost - best.cost) <= 1e-9 &&
          f.type.vcpu * Math.max(...f.perHour) < best.type.vcpu * Math.max(...best.perHour))
      ) {
        best = f;
      }
    }
    if (!best) throw new Error(`no instance type in catalog "${p.plan.catalog.id}" fits ${s.service.name}`);
    const t = best.type;
    lineItems.push(
      line(
        s.service.name,
        `Instance hours (${t.name}${auto ? ', cheapest that fits' : ''})`,
        'hours',
        best.instanceHours,
        discounted(t.hourly, settings.discount),
      ),
    );
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      paid[h]! += best.perHour[h]! * t.vcpu;
      units[h]! += best.perHour[h]!;
    }
    instanceHours += best.instanceHours;
    if (isBurstable(t.name)) burstable.set(t.name, [...(burstable.get(t.name) ?? []), s.service.name]);
  }
  for (let h = 0; h < HOURS_PER_WEEK; h++) peakInstances = Math.max(peakInstances, units[h]!);
  for (const [type, services] of burstable) {
    warnings.push(burstableWarning(type, services, 'the model'));
  }

  return strategyReport('vm-per-service', {
    lineItems,
    services: serviceCosts(p, lineItems, () => []),
    warnings,
    utilization: utilization(p.totalCpu, paid),
    capacity: {
      instances: peakInstances,
      averageInstances: units.reduce((a, b) => a + b, 0) / HOURS_PER_WEEK,
      instanceHours,
      peakPaidVcpu: Math.max(0, ...paid),
    },
    week: { demand: p.totalCpu, capacity: paid, units, unit: 'vCPU' },
  });
}
