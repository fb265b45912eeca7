// Serverless containers on AWS Fargate (issue 12 §2): each service runs as tasks (ECS) or pods (EKS on Fargate),
// no nodes to manage or pack; each task is billed for its vCPU, its memory and its ephemeral storage above the 20 GiB
// included. Billing is per second with a one-minute minimum; at the engine's hourly resolution a task running in an
// hour is billed that hour. docs/cost-model.md "Serverless containers"; prices and sizes: pricing-2.md §5.
import { components } from './components.ts';
import { containerServiceProblems, containerServiceStrategy } from './container-service-billing.ts';
import type { TaskSize, TaskSizing } from './fargate.ts';
import { isSizeProblem, sizeText, taskSizeOf } from './fargate.ts';
import { latencySizing, preparedLatency, withLatency } from './latency.ts';
import { ceilClean } from './money.ts';
import type { Prepared, PreparedService } from './prepare.ts';
import { costsOnlyNow, discounted, line, serviceCosts, strategyReport, utilization } from './prepare.ts';
import { settingsKey } from './memo.ts';
import { aheadMaxKept, cpuAhead } from './scale-ahead.ts';
import {
  COMMITMENT_SCOPES,
  capacityPrice,
  isSpot,
  priceCommitment,
  spotWarnings,
  sumRows,
} from './commitment.ts';
import { HOURS_PER_WEEK, allPeriod, weekToPeriod } from './time.ts';
import type {
  CostingProblem,
  FargatePrices,
  LatencySizing,
  LineItem,
  Plan,
  Resilience,
  ServerlessContainersSettings,
  StrategyReport,
  Warning,
} from './types.ts';
import { SINGLE_ZONE, addedHours, fleetWithFloor, weekMembers, zonesMatter, zonesPhrase } from './zones.ts';

const ID = 'serverless-containers';

/**
 * Tasks per hour = ⌈CPU demand ÷ (task vCPU × target utilization)⌉ spread over the zones (surviving the loss of one
 * when asked), and at least minInstances spread over them (zones.ts `fleetWithFloor`, as VM instances and pods).
 * One zone: max(minInstances, ⌈CPU demand ÷ (task vCPU × target utilization)⌉). The task vCPU is the request's (on
 * EKS the pod's request, which the autoscaler's target utilization is relative to; the billed size may be larger).
 */
export function tasksPerHour(
  cpu: readonly number[],
  taskVcpu: number,
  target: number,
  min: number,
  r: Resilience = SINGLE_ZONE,
  latency: readonly number[] | null = null,
): number[] {
  return cpu.map((c, h) => tasksInHour(c, taskVcpu, target, min, r, latency?.[h] ?? 0));
}

/** One hour of `tasksPerHour`: CPU demand `c`, and `latency` tasks a latency target asks for that hour (0: none). */
function tasksInHour(
  c: number,
  taskVcpu: number,
  target: number,
  min: number,
  r: Resilience,
  latency: number,
): number {
  // A latency target's tasks that hour (latency.ts, Erlang C) are demand too, before zones and floor, as for VMs.
  return fleetWithFloor(Math.max(ceilClean(c / (taskVcpu * target)), latency), min, r);
}

/** One service's tasks: its size, its tasks each hour (static: the peak hour's count all week) and their sums. */
interface ServiceTasks {
  sizing: TaskSizing;
  perHour: number[];
  /** Task-hours in one week. */
  week: number;
  /** Task-hours in one week in one zone (what zones added is the difference). */
  weekOneZone: number;
  /** What a latency target decided (null without one). */
  latency: LatencySizing | null;
}

function serviceTasks(
  s: PreparedService,
  st: ServerlessContainersSettings,
  sizing: TaskSizing,
  r: Resilience,
): ServiceTasks {
  const ahead = st.scaling === 'hourly' ? st.scaleAheadHours : 0;
  const needed = preparedLatency(s);
  // A commitment needs the tasks each hour even then (its spend is priced hour by hour: commitment.ts).
  if (costsOnlyNow() && needed === null && !st.commitment) {
    // Costs only (prepare.ts `costsOnlyNow`), no latency target: the same count each hour as `tasksPerHour`
    // (static: the peak's; sized ahead: the kept week sized ahead), summed in the same order, without the week of
    // counts (nothing reads it). The one-zone count feeds the zones note and the latency sizing the per-service
    // figures: no line reads them.
    const min = s.service.minInstances;
    const vcpu = sizing.request.vcpu;
    // Static: the peak's count every hour (a whole number × 168: exact). Hourly: zones.ts `weekMembers`, the count
    // of tasksInHour each hour (the same division by vCPU × target), summed.
    const week =
      st.scaling === 'static'
        ? HOURS_PER_WEEK * tasksInHour(s.peakCpu, vcpu, st.targetUtilization, min, r, 0)
        : weekMembers(ahead > 0 ? cpuAhead(s, ahead) : s.cpu, vcpu * st.targetUtilization, min, r, null);
    return { sizing, perHour: [], week, weekOneZone: week, latency: null };
  }
  const demand =
    st.scaling === 'static'
      ? new Array<number>(HOURS_PER_WEEK).fill(s.peakCpu)
      : ahead > 0
        ? cpuAhead(s, ahead)
        : s.cpu;
  // A latency target's tasks each hour (each task serves concurrencyPerInstance requests), sized as the CPU is:
  // the peak all week when static, the hours ahead when scaling ahead.
  const latency =
    needed === null
      ? null
      : st.scaling === 'static'
        ? new Array<number>(HOURS_PER_WEEK).fill(Math.max(0, ...needed))
        : ahead > 0
          ? aheadMaxKept(needed, ahead)
          : needed;
  const count = (res: Resilience, l: readonly number[] | null = latency) =>
    tasksPerHour(demand, sizing.request.vcpu, st.targetUtilization, s.service.minInstances, res, l);
  const perHour = count(r);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const week = sum(perHour);
  // Costs only (prepare.ts `costsOnlyNow`): the one-zone count feeds the zones note and the latency sizing the
  // report's per-service figures; no line's cost reads either.
  if (costsOnlyNow()) return { sizing, perHour, week, weekOneZone: week, latency: null };
  return {
    sizing,
    perHour,
    week,
    weekOneZone: zonesMatter(r) ? sum(count(SINGLE_ZONE)) : week,
    latency: latency ? latencySizing(s.service, s.rps, perHour, count(r, null)) : null,
  };
}

/** Labels made lately, by the sizing they name (fargate.ts keeps one sizing object per size of a service). */
const labels = new WeakMap<TaskSizing, { platform: string; architecture: string; label: string }>();

/** `sizeLabel`, the same string again for the same sizing object and settings (every service of every sample). */
function sizeLabelKept(st: ServerlessContainersSettings, z: TaskSizing): string {
  const kept = labels.get(z);
  if (kept && kept.platform === st.platform && kept.architecture === st.architecture) return kept.label;
  const label = sizeLabel(st, z);
  labels.set(z, { platform: st.platform, architecture: st.architecture, label });
  return label;
}

/** "ECS on Fargate, x86_64, 1 vCPU / 2 GiB" or "EKS on Fargate, pod 1 vCPU / 8 GiB billed as 2 vCPU / 9 GiB". */
function sizeLabel(st: ServerlessContainersSettings, z: TaskSizing): string {
  if (st.platform === 'eks') {
    return `EKS on Fargate, pod ${sizeText(z.request)} billed as ${sizeText(z.billed)}`;
  }
  return `ECS on Fargate, ${st.architecture}, ${sizeText(z.billed)}`;
}

/**
 * A service's priced lines for `taskHours` task-hours of size `billed` (exported for the published examples): vCPU-
 * hours and GiB-hours at the discounted rates, and ephemeral storage above the included GiB (not discounted:
 * Savings Plans and Spot discount compute).
 */
export function taskLines(
  service: string,
  label: string,
  taskHours: number,
  billed: TaskSize,
  rates: { vcpuHourly: number; memoryGiBHourly: number },
  storage?: { perTaskGiB: number; prices: FargatePrices },
): LineItem[] {
  const out = [
    line(service, `Task vCPU-hours (${label})`, 'vCPU-hours', taskHours * billed.vcpu, rates.vcpuHourly),
    line(
      service,
      `Task memory GiB-hours (${label})`,
      'GiB-hours',
      taskHours * billed.memoryGiB,
      rates.memoryGiBHourly,
    ),
  ];
  if (storage && storage.perTaskGiB > storage.prices.includedStorageGiB) {
    const extra = storage.perTaskGiB - storage.prices.includedStorageGiB;
    out.push(
      line(
        service,
        `Ephemeral storage above ${storage.prices.includedStorageGiB} GiB (${storage.perTaskGiB} GiB a task)`,
        'GiB-hours',
        taskHours * extra,
        storage.prices.storageGiBHourly,
      ),
    );
  }
  return out;
}

/**
 * Why serverless containers cannot be costed for this plan, located (problems.ts adds them to the others'): a
 * catalog without Fargate prices, arm64 on EKS, a service without a valid task size, surviving a zone loss in one
 * zone. Independent of traffic, so one check serves every forecast month.
 */
export function serverlessContainersProblems(plan: Plan): CostingProblem[] {
  const st = plan.strategies.serverlessContainers;
  const f = plan.catalog.fargate;
  // A catalog without Fargate may price serverless containers by its own provider's rules (issue 13 §1).
  const other = plan.catalog.containerService;
  if (!f && other) return containerServiceProblems(plan, other);
  if (!f) {
    return [
      {
        path: 'catalog',
        service: null,
        message: `catalog "${plan.catalog.id}" has no Fargate prices`,
        fix: 'use a catalog with Fargate prices (the bundled "aws-us-east-1" has them), or add `fargate` to this catalog',
      },
    ];
  }
  const out: CostingProblem[] = [];
  if (st.platform === 'eks' && st.architecture === 'arm64') {
    out.push({
      path: 'strategies.serverlessContainers.architecture',
      service: null,
      message: 'EKS on Fargate runs x86_64 pods only',
      fix: 'choose x86_64, or the ECS platform for arm64 tasks',
    });
  }
  // Fargate Spot runs ECS tasks only (issue 13 §5; docs/cost-model.md "Spot capacity").
  if (st.platform === 'eks' && st.capacity === 'spot') {
    out.push({
      path: 'strategies.serverlessContainers.capacity',
      service: null,
      message: 'Fargate Spot runs ECS tasks only; EKS pods on Fargate run on demand',
      fix: 'choose on-demand capacity, or the ECS platform for Fargate Spot',
    });
  }
  if (plan.resilience.surviveZoneLoss && plan.resilience.zones < 2) {
    out.push({
      path: 'resilience.surviveZoneLoss',
      service: null,
      message: `surviving the loss of a zone needs at least 2 zones (the plan has ${plan.resilience.zones})`,
      fix: 'set resilience.zones to 2 or more, or turn off surviving the loss of a zone',
    });
  }
  plan.services.forEach((s, i) => {
    const z = taskSizeOf(s, st.platform, f.taskSizes);
    if (isSizeProblem(z)) out.push({ ...z, path: `services[${i}].${z.path}`, service: s.name });
  });
  return out;
}

/** One service's part of the strategy: its tasks, its priced lines and what the report reads of them. */
interface ServicePart {
  tasks: ServiceTasks;
  /** Task-hours in the billing period. */
  hours: number;
  /** Billed vCPU-hours in the billing period (the weights of the shared lines). */
  vcpuHours: number;
  lines: LineItem[];
  /** Billed vCPU each hour (empty under costs only). */
  paid: number[];
  /** Task-hours a month zones added, when they did (null under costs only). */
  raised: [string, number] | null;
  /** The stateful-service note (null under costs only). */
  stateful: Warning | null;
}

function servicePart(
  s: PreparedService,
  st: ServerlessContainersSettings,
  f: FargatePrices,
  r: Resilience,
  rates: { vcpuHourly: number; memoryGiBHourly: number },
  hpm: number,
  costs: boolean,
): ServicePart {
  const z = taskSizeOf(s.service, st.platform, f.taskSizes);
  // costingProblems reports a service without a valid size before any strategy runs: reaching here is a bug.
  if (isSizeProblem(z)) throw new Error(`${s.service.name}: ${z.message}`);
  const tasks = serviceTasks(s, st, z, r);
  const name = s.service.name;
  const { billed } = z;
  const hours = weekToPeriod(tasks.week, hpm);
  const storageGiB = s.service.fargate?.ephemeralStorageGiB ?? f.includedStorageGiB;
  return {
    tasks,
    hours,
    vcpuHours: hours * billed.vcpu,
    lines: taskLines(name, sizeLabelKept(st, z), hours, billed, rates, { perTaskGiB: storageGiB, prices: f }),
    paid: costs ? [] : tasks.perHour.map((n) => n * billed.vcpu),
    raised:
      !costs && tasks.week > tasks.weekOneZone
        ? [name, weekToPeriod(tasks.week - tasks.weekOneZone, hpm)]
        : null,
    stateful:
      !costs && s.service.stateful
        ? {
            service: name,
            code: 'stateful-task',
            message: `${name} is stateful: a Fargate task can hold a volume (EFS, or an EBS volume attached at launch), but its ephemeral storage goes with the task, and a replaced task starts empty; the volume is not priced here.`,
          }
        : null,
  };
}

/** Services listed by name in a zones note, at most. */
const NAMED = 3;

export function serverlessContainers(p: Prepared): StrategyReport {
  const plan = p.plan;
  const st = plan.strategies.serverlessContainers;
  const f = plan.catalog.fargate;
  // Cloud Run, Container Apps (issue 13 §1): their own billing, in container-service-billing.ts.
  const other = plan.catalog.containerService;
  if (!f && other) return containerServiceStrategy(p, other);
  // costingProblems reports these before any strategy runs: reaching here without them is a bug.
  if (!f) throw new Error(`catalog "${plan.catalog.id}" has no Fargate prices`);
  const r = plan.resilience;
  const hpm = p.hoursPerMonth;
  const rates = {
    vcpuHourly: discounted(capacityPrice(f.vcpuHourly[st.architecture], st), st.discount),
    memoryGiBHourly: discounted(capacityPrice(f.memoryGiBHourly[st.architecture], st), st.discount),
  };
  // Each service's on-demand vCPU and memory spend each hour, for a savings-plan commitment (issue 13 §5).
  const spendRows: number[][] = [];

  const lineItems: LineItem[] = [];
  const warnings: Warning[] = [];
  const unitRows: number[][] = [];
  const paidRows: number[][] = [];
  const vcpuHours: number[] = [];
  const raised: [string, number][] = [];
  const latency: (LatencySizing | null)[] = [];
  let taskHours = 0;
  // Costs only: the paid vCPU, the week sums, the warnings and the per-service shares are not assembled (no line's
  // cost reads them); the lines are the same.
  const costs = costsOnlyNow();
  // What every service's part depends on besides its week: one array for the same settings from one evaluation to
  // the next (memo.ts `settingsKey`), so each service's look-up compares two things (hot path: the edit path).
  const shared = settingsKey(ID, [
    st.platform,
    st.architecture,
    st.targetUtilization,
    st.scaling,
    st.scaleAheadHours,
    f,
    r.zones,
    r.surviveZoneLoss,
    rates.vcpuHourly,
    rates.memoryGiBHourly,
    hpm,
    st.commitment !== undefined,
  ]);
  for (const s of p.services) {
    // The service's tasks, lines, paid vCPU and note depend on its week (`s`, which holds the service) and the
    // shared settings only: kept between evaluations by an evaluator, so an edit re-costs the edited service alone.
    const own = p.memo(s.service, ID, [s, shared], () => servicePart(s, st, f, r, rates, hpm, costs));
    if (st.commitment) {
      const { billed } = own.tasks.sizing;
      const perTask =
        billed.vcpu * f.vcpuHourly[st.architecture] + billed.memoryGiB * f.memoryGiBHourly[st.architecture];
      spendRows.push(own.tasks.perHour.map((n) => n * perTask));
    }
    taskHours += own.hours;
    vcpuHours.push(own.vcpuHours);
    for (const l of own.lines) lineItems.push(l);
    if (costs) continue;
    unitRows.push(own.tasks.perHour);
    paidRows.push(own.paid);
    latency.push(own.tasks.latency);
    if (own.raised !== null) raised.push(own.raised);
    if (own.stateful !== null) warnings.push(own.stateful);
  }
  if (st.platform === 'eks' && st.controlPlaneHourly > 0) {
    lineItems.push(line(null, 'EKS control plane hours', 'hours', allPeriod(1, hpm), st.controlPlaneHourly));
  }
  // A Compute Savings Plan commitment (issue 13 §5; commitment.ts): the tasks' vCPU and memory at on-demand are the
  // spend (Fargate Spot: none; Savings Plans do not cover Spot). Shared among services by their vCPU-hours.
  const commit = priceCommitment({
    commitment: st.commitment,
    spend: isSpot(st) ? null : sumRows(spendRows),
    hoursPerMonth: hpm,
    negotiated: st.discount,
    scope: COMMITMENT_SCOPES['serverless-containers'],
    costsOnly: costs,
  });
  lineItems.push(...commit.lines);
  warnings.push(...spotWarnings(p, st, 'tasks'));
  if (costs) {
    const extra = components(p, ID, {});
    lineItems.push(...extra.lineItems);
    return strategyReport(plan, ID, {
      lineItems,
      services: serviceCosts(p, lineItems, () => vcpuHours),
      warnings,
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: { demand: p.totalCpu, capacity: [], units: [], unit: 'vCPU' },
      commitment: commit.report,
    });
  }
  if (raised.length > 0) {
    const n = raised.length;
    const named = raised.slice(0, NAMED).map(([name]) => name);
    const more = n > NAMED ? `, and ${n - NAMED} more` : '';
    const why = r.surviveZoneLoss
      ? 'what is left after losing the fullest zone still meets demand'
      : 'at least one per zone';
    const added = addedHours(raised.reduce((a, [, h]) => a + h, 0));
    warnings.push({
      service: null,
      code: 'zones',
      message: `${zonesPhrase(r)}: ${n} ${n === 1 ? 'service runs' : 'services run'} more tasks than ${n === 1 ? 'its' : 'their'} demand needs (${why}): ${named.join(', ')}${more}; +${added} task-hours a month.`,
    });
  }

  // Front door, NAT, logs, operations (components.ts); Fargate has no root volumes of the plan's.
  const extra = components(p, ID, {});
  lineItems.push(...extra.lineItems);
  warnings.push(...extra.warnings);

  const units = p.sums('fargate tasks', unitRows);
  const paid = p.sums('fargate paid vCPU', paidRows);
  let peakTasks = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) peakTasks = Math.max(peakTasks, units[h]!);
  return strategyReport(plan, ID, {
    lineItems,
    // The control plane is shared by the services' vCPU-hours (what the cluster runs for each).
    services: withLatency(
      serviceCosts(p, lineItems, (l) => extra.weights.get(l) ?? vcpuHours),
      latency,
    ),
    warnings,
    utilization: utilization(p.totalCpu, paid),
    capacity: {
      peakTasks,
      averageTasks: units.reduce((a, b) => a + b, 0) / HOURS_PER_WEEK,
      taskHours,
      peakPaidVcpu: Math.max(0, ...paid),
      ...(zonesMatter(r) ? { zones: r.zones } : {}),
    },
    week: { demand: p.totalCpu, capacity: paid, units, unit: 'vCPU' },
    commitment: commit.report,
  });
}
