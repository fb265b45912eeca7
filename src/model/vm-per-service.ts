// Service instance per VM: each service on its own instances, sized for CPU at the target utilization.
import { components, rootVolumePerInstanceHour } from './components.ts';
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
import type {
  Architecture,
  InstanceType,
  Service,
  LineItem,
  Scaling,
  StrategyReport,
  Warning,
} from './types.ts';

/** Instances for one hour's CPU demand = max(minInstances, ⌈demand ÷ (vCPU × target utilization)⌉). */
function instancesFor(cpu: number, perInstance: number, min: number): number {
  return Math.max(min, ceilClean(cpu / perInstance));
}

/** Instances running each hour of the week: static holds the peak hour's count all week. */
function fleet(s: PreparedService, type: InstanceType, target: number, scaling: Scaling): number[] {
  const perInstance = type.vcpu * target;
  const min = s.service.minInstances;
  if (scaling === 'static')
    return new Array<number>(HOURS_PER_WEEK).fill(instancesFor(s.peakCpu, perInstance, min));
  return s.cpu.map((c) => instancesFor(c, perInstance, min));
}

/** Instance-hours in the billing period for one type, without building the hourly series (hot path). */
function fleetHours(
  s: PreparedService,
  type: InstanceType,
  target: number,
  scaling: Scaling,
  hpm: number,
): number {
  const perInstance = type.vcpu * target;
  const min = s.service.minInstances;
  if (scaling === 'static') return allPeriod(instancesFor(s.peakCpu, perInstance, min), hpm);
  let sum = 0;
  for (const c of s.cpu) sum += instancesFor(c, perInstance, min);
  return weekToPeriod(sum, hpm);
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
export function autoCandidates(types: readonly InstanceType[], service: Service): InstanceType[] {
  const arch = service.serverless.architecture;
  const fitting = types.filter(
    (t) => t.memoryGiB * 1024 >= service.memoryMiB && typeArchitecture(t) === arch,
  );
  const steady = fitting.filter((t) => !isBurstable(t.name));
  return steady.length > 0 ? steady : fitting;
}

/** One service's cheapest fleet under the strategy's settings, its instances each hour and its priced line. */
function serviceFleet(
  p: Prepared,
  s: PreparedService,
  prices: ReadonlyMap<string, number>,
  volumeHourly: number,
): { t: InstanceType; hours: number; perHour: number[]; item: LineItem; burstable: boolean } {
  const settings = p.plan.strategies.vmPerService;
  const chosen = s.service.vmInstanceType ?? settings.instanceType;
  const auto = chosen === 'auto';
  const candidates = auto
    ? autoCandidates(p.plan.catalog.instanceTypes, s.service)
    : [instanceType(p, chosen)];
  // Cheapest wins; on a tie, the fleet with less vCPU at its peak, then the catalog's order.
  let best: { type: InstanceType; hours: number; cost: number; vcpu: number } | undefined;
  for (const t of candidates) {
    const hours = fleetHours(s, t, settings.targetUtilization, settings.scaling, p.hoursPerMonth);
    // Each instance carries its root volume: `auto` compares whole costs, so more traffic never costs less.
    const cost = hours * (prices.get(t.name)! + volumeHourly);
    const vcpu =
      t.vcpu * instancesFor(s.peakCpu, t.vcpu * settings.targetUtilization, s.service.minInstances);
    if (!best || cost < best.cost - 1e-9 || (Math.abs(cost - best.cost) <= 1e-9 && vcpu < best.vcpu)) {
      best = { type: t, hours, cost, vcpu };
    }
  }
  if (!best) throw new Error(`no instance type in catalog "${p.plan.catalog.id}" fits ${s.service.name}`);
  const t = best.type;
  const item = line(
    s.service.name,
    `Instance hours (${t.name}${auto ? ', cheapest that fits' : ''})`,
    'hours',
    best.hours,
    prices.get(t.name)!,
  );
  return {
    t,
    hours: best.hours,
    perHour: fleet(s, t, settings.targetUtilization, settings.scaling),
    item,
    burstable: isBurstable(t.name),
  };
}

export function vmPerService(p: Prepared): StrategyReport {
  const settings = p.plan.strategies.vmPerService;
  const lineItems: LineItem[] = [];
  const warnings: Warning[] = [];
  const paidRows: number[][] = [];
  const unitRows: number[][] = [];
  const burstable = new Map<string, string[]>();
  let peakInstances = 0;
  let instanceHours = 0;
  // One discounted price per type, used to choose the type and to price its line (computed once: hot path).
  const prices = new Map(
    p.plan.catalog.instanceTypes.map((t) => [t.name, discounted(t.hourly, settings.discount)]),
  );
  const volumeHourly = rootVolumePerInstanceHour(p, 'vm-per-service');
  const serviceHours: number[] = [];

  for (const s of p.services) {
    // The service's own fleet and line: they depend on its week (`s`), the settings and the catalog only.
    const {
      t,
      hours,
      perHour,
      item,
      burstable: isBurst,
    } = p.memo(
      s.service,
      'vm-per-service',
      [
        s,
        settings.instanceType,
        settings.targetUtilization,
        settings.scaling,
        settings.discount,
        p.hoursPerMonth,
        p.plan.catalog,
        volumeHourly,
      ],
      () => serviceFleet(p, s, prices, volumeHourly),
    );
    serviceHours.push(hours);
    lineItems.push(item);
    unitRows.push(perHour);
    paidRows.push(p.memo(s.service, 'vm-paid', [perHour, t.vcpu], () => perHour.map((n) => n * t.vcpu)));
    instanceHours += hours;
    if (isBurst) burstable.set(t.name, [...(burstable.get(t.name) ?? []), s.service.name]);
  }
  // Whole numbers: exact in any order; through the evaluator's kept sums (an edit recomputes one path).
  const paid = p.sums('vm paid vCPU', paidRows);
  const units = p.sums('vm instances', unitRows);
  for (let h = 0; h < HOURS_PER_WEEK; h++) peakInstances = Math.max(peakInstances, units[h]!);
  for (const [type, services] of burstable) {
    warnings.push(burstableWarning(type, services, 'the model'));
  }

  // Front door, a root volume per instance, NAT, logs, operations (components.ts).
  const extra = components(p, 'vm-per-service', { serviceInstanceHours: serviceHours });
  lineItems.push(...extra.lineItems);
  warnings.push(...extra.warnings);

  return strategyReport(p.plan, 'vm-per-service', {
    lineItems,
    services: serviceCosts(p, lineItems, (l) => extra.weights.get(l) ?? []),
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
