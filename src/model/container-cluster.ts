// Service instance per container on a managed Kubernetes cluster, with overprovisioning headroom.
import { components } from './components.ts';
import { nodeAllocatable } from './kubernetes.ts';
import { productNames } from './provider.ts';
import { ceilClean, clean } from './money.ts';
import type { NodeShape, PodGroup } from './packing.ts';
import type { KeptPackings } from './packing.ts';
import { packNodes, packNodesPair, sortForPacking } from './packing.ts';
import type { Prepared } from './prepare.ts';
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
import { COMMITMENT_SCOPES, capacityPrice, isSpot, priceCommitment, spotWarnings } from './commitment.ts';
import { HOURS_PER_WEEK, allPeriod, doubleWeek, weekToPeriod } from './time.ts';
import type { LineItem, Reservation, Resilience, StrategyReport, Warning } from './types.ts';
import { SINGLE_ZONE, addedHours, fleetWithFloor, zonesMatter, zonesPhrase } from './zones.ts';

const CONTROL_PLANE_NAME: Record<Reservation, string> = {
  eks: 'EKS control plane hours',
  gke: 'GKE control plane hours',
  aks: 'AKS control plane hours',
  none: 'Kubernetes control plane hours',
};

/**
 * The control-plane fee's lines (issue 13 §1). A catalog with a monthly credit (GKE: $74.40 per billing account,
 * zonal and Autopilot clusters only) gets it on a single-zone plan's cluster, priced as a zonal cluster: the hours
 * the credit covers are a line at no cost, the rest at the fee. A plan over two zones or more is priced as a
 * regional cluster (a control plane that survives a zone), which the credit does not cover; a warning says which
 * case the plan is in. The credit is per billing account: one cluster gets it.
 */
function controlPlaneLines(
  p: Prepared,
  name: string,
  hourly: number,
): { lines: LineItem[]; warning: Warning | null } {
  const hours = allPeriod(1, p.hoursPerMonth);
  const credit = p.plan.catalog.kubernetes.freeCreditMonthly;
  if (!credit || credit.amount <= 0)
    return { lines: [line(null, name, 'hours', hours, hourly)], warning: null };
  const product = productNames(p.plan.catalog).kubernetes;
  const amount = `$${credit.amount.toFixed(2)}`;
  if (p.plan.resilience.zones > 1) {
    return {
      lines: [line(null, name, 'hours', hours, hourly)],
      warning: {
        service: null,
        code: 'kubernetes-credit',
        message: `${product}'s monthly credit of ${amount} (${credit.appliesTo}) is not applied: the plan spreads over ${p.plan.resilience.zones} zones, priced as a regional cluster, which the credit does not cover. A single-zone plan is priced as a zonal cluster and gets it.`,
      },
    };
  }
  const covered = Math.min(hours, clean(credit.amount / hourly));
  const lines = [line(null, `${name} covered by the monthly credit`, 'hours', covered, 0)];
  if (hours - covered > 0) lines.push(line(null, name, 'hours', clean(hours - covered), hourly));
  return {
    lines,
    warning: {
      service: null,
      code: 'kubernetes-credit',
      message: `Priced as a zonal cluster (the plan runs in one zone): ${product}'s monthly credit of ${amount} (${credit.appliesTo}) covers ${clean(covered)} of its ${clean(hours)} control-plane hours. The credit is per billing account: a second cluster in the same account pays the whole fee.`,
    },
  };
}

/**
 * Pods per hour = ⌈CPU demand ÷ (pod CPU request × target utilization)⌉ spread over the zones (surviving the loss of
 * one when asked), and at least minInstances spread over them (zones.ts `fleetWithFloor`). One zone:
 * max(minInstances, ⌈CPU demand ÷ (pod CPU request × target utilization)⌉). With a latency target, the pods it needs
 * each hour (`latency`, latency.ts) are demand too: the larger of the two, before zones and floor.
 */
export function podsPerHour(
  cpuVcpu: readonly number[],
  podMillicores: number,
  target: number,
  min: number,
  r: Resilience = SINGLE_ZONE,
  latency: readonly number[] | null = null,
): number[] {
  // A loop into an array made at its length (a simulation sizes every service's pods in every sample), a week of
  // doubles as every other week the sums read (time.ts `doubleWeek`): a sum reading arrays of small integers and of
  // doubles at one place boxed every double it read.
  const out = cpuVcpu.length === HOURS_PER_WEEK ? doubleWeek() : new Array<number>(cpuVcpu.length);
  for (let h = 0; h < cpuVcpu.length; h++) {
    out[h] = fleetWithFloor(
      Math.max(ceilClean((cpuVcpu[h]! * 1000) / (podMillicores * target)), latency ? latency[h]! : 0),
      min,
      r,
    );
  }
  return out;
}

/** The sum of `xs` from the left, as `xs.reduce((a, b) => a + b, 0)` adds them (a loop: no call per element). */
function sum(xs: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i]!;
  return total;
}

/** How zones raised a service's pods: before and after at the hour they rose most; null when they did not. */
function podsRaised(zoned: readonly number[], unzoned: readonly number[]): [number, number] | null {
  let at = -1;
  for (let h = 0; h < zoned.length; h++) {
    if (zoned[h]! > unzoned[h]! && (at < 0 || zoned[h]! - unzoned[h]! > zoned[at]! - unzoned[at]!)) at = h;
  }
  return at < 0 ? null : [unzoned[at]!, zoned[at]!];
}

/** Services listed by name in a zones note, at most. */
const NAMED = 3;

/**
 * "2 zones: 1 service runs more pods than its demand needs (at least one per zone): kitchen 2 instead of 1 at the
 * hour they rise most; each zone runs nodes for its own share of the pods: +730 node-hours a month over one pool."
 */
function zonesWarning(
  r: Resilience,
  raised: readonly [string, [number, number]][],
  nodeHoursAdded: number,
): Warning {
  const parts: string[] = [];
  const n = raised.length;
  if (n > 0) {
    const named = raised
      .slice(0, NAMED)
      .map(([name, [before, after]]) => `${name} ${after} instead of ${before}`);
    const more = n > NAMED ? `, and ${n - NAMED} more` : '';
    const why = r.surviveZoneLoss
      ? 'what is left after losing the fullest zone still meets demand'
      : 'at least one per zone';
    parts.push(
      `${n} ${n === 1 ? 'service runs' : 'services run'} more pods than ${n === 1 ? 'its' : 'their'} demand needs (${why}): ${named.join(', ')}${more} at the hour they rise most`,
    );
  }
  if (nodeHoursAdded > 0) {
    parts.push(
      `each zone runs nodes for its own share of the pods: +${addedHours(nodeHoursAdded)} node-hours a month over one pool`,
    );
  }
  return { service: null, code: 'zones', message: `${zonesPhrase(r)}: ${parts.join('; ')}.` };
}

/** packNodes, or the count kept packings (packing.ts) hold for the same groups and node shape. */
function packed(packs: KeptPackings | null, groups: readonly PodGroup[], shape: NodeShape): number {
  return packs ? packs.nodes(groups, shape) : packNodes(groups, shape);
}

export function containerCluster(p: Prepared): StrategyReport {
  const st = p.plan.strategies.containerCluster;
  const node = instanceType(p, st.nodeType);
  const alloc = nodeAllocatable(
    node,
    st.reservation,
    {
      cpuMillicores: st.daemonSetCpuMillicores,
      pods: st.daemonSetPods,
      memoryMiB: st.daemonSetMemoryMiB,
    },
    p.plan.catalog.kubernetes.maxPodsPerNode,
  );
  if (!alloc || alloc.cpuMillicores <= 0 || alloc.memoryMiB <= 0 || alloc.pods < 1) {
    throw new Error(`node type ${node.name} has nothing allocatable`);
  }
  const shape = { cpu: alloc.cpuMillicores, memory: alloc.memoryMiB, pods: alloc.pods };
  const key = (cpu: number, memory: number): number =>
    Math.max(cpu / shape.cpu, memory / shape.memory, 1 / shape.pods);

  // Each service's pods per hour and their weekly sum depend on its week, the target utilization, the hours sized
  // ahead (hourly scaling only: static pays the peak, which looking ahead does not change) and the zones.
  const r = p.plan.resilience;
  const zones = r.zones;
  const ahead = st.scaling === 'hourly' ? st.scaleAheadHours : 0;
  // Costs only (prepare.ts `costsOnlyNow`): what zones raised, the latency sizing, the pods total, the requests per
  // hour, the warnings and the per-service shares are not assembled (no line's cost reads them).
  const costs = costsOnlyNow();
  const packs = p.packs;
  // The settings as one key (memo.ts `settingsKey`): each service's look-up compares two things (hot path).
  const shared = settingsKey('container-cluster', [st.targetUtilization, ahead, zones, r.surviveZoneLoss]);
  const own = p.services.map((s) =>
    p.memo(s.service, 'container-cluster', [s, shared], () => {
      const c = s.service.container;
      // Its pod size's name among the sizes (made once per service, not on every evaluation).
      const size = `${c.cpuMillicores}/${c.memoryMiB}`;
      const demand = ahead > 0 ? cpuAhead(s, ahead) : s.cpu;
      const need = preparedLatency(s);
      const latency = need && ahead > 0 ? aheadMaxKept(need, ahead) : need;
      const pods = (res: Resilience, forLatency: readonly number[] | null = latency) =>
        podsPerHour(
          demand,
          s.service.container.cpuMillicores,
          st.targetUtilization,
          s.service.minInstances,
          res,
          forLatency,
        );
      const perHour = pods(r);
      // The week's pods weigh the shared lines among services: not under costs only (0 there).
      if (costs) return { size, perHour, week: 0, raised: null, latency: null };
      return {
        size,
        perHour,
        week: sum(perHour),
        raised: zonesMatter(r) ? podsRaised(perHour, pods(SINGLE_ZONE)) : null,
        latency: latency ? latencySizing(s.service, s.rps, perHour, pods(r, null)) : null,
      };
    }),
  );
  const pods = own.map((o) => o.perHour);
  // Pods of the same size are interchangeable: pack one group per distinct (CPU, memory) request, in
  // first-fit-decreasing order fixed for the whole week (requests do not change by hour).
  const sizeIndex = new Map<string, number>();
  const sizes: { cpu: number; memory: number; k: number }[] = [];
  const sizeOf = p.services.map((s, i) => {
    const c = s.service.container;
    const id = own[i]!.size;
    let at = sizeIndex.get(id);
    if (at === undefined) {
      at = sizes.length;
      sizeIndex.set(id, at);
      sizes.push({ cpu: c.cpuMillicores, memory: c.memoryMiB, k: key(c.cpuMillicores, c.memoryMiB) });
    }
    return at;
  });
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b]!.k - sizes[a]!.k || a - b);

  const workloadNodes = new Array<number>(HOURS_PER_WEEK).fill(0);
  const totalNodes = new Array<number>(HOURS_PER_WEEK).fill(0);
  const requestedCpu = new Array<number>(HOURS_PER_WEEK).fill(0);
  const requestedMem = new Array<number>(HOURS_PER_WEEK).fill(0);
  // The same pods in one pool, with headroom, per hour (zones only): what node groups per zone add, for the note.
  const poolNodes = zones > 1 ? new Array<number>(HOURS_PER_WEEK).fill(0) : null;
  // Pods of each size in each hour, and of every size (whole numbers: exact in any order), through the evaluator's
  // kept sums: an edit recomputes one path of each tree.
  const rowsBySize = sizes.map((): number[][] => []);
  for (let i = 0; i < pods.length; i++) rowsBySize[sizeOf[i]!]!.push(pods[i]!);
  const bySize = sizes.map((z, k) => p.sums(`pods ${z.cpu} ${z.memory}`, rowsBySize[k]!));
  const podsWeek = costs ? [] : p.sums('pods', pods);
  /**
   * The pods of hour h in packing order, `share` of them: a zone's share, or every pod. Pods spread evenly over the
   * zones, and each zone runs a node group of its own of the same size (as cluster-autoscaler's
   * balance-similar-node-groups keeps them): every zone is sized for the fullest, which holds ⌈n ÷ zones⌉ of the n
   * pods of each size.
   */
  // The groups are scratch, made again for every hour (two or four packings an hour, every sample of a simulation):
  // read them before the next call. Packing reads them and keeps nothing of them (kept packings copy the figures).
  const hourGroups: PodGroup[] = [];
  const hourKeys: number[] = [];
  const groupOfSize = sizes.map((z): PodGroup => ({ cpu: z.cpu, memory: z.memory, count: 0 }));
  const placeholder: PodGroup = { cpu: 0, memory: 0, count: 0 };
  const groupsOf = (h: number, share: number): { groups: PodGroup[]; keys: number[]; count: number } => {
    hourGroups.length = 0;
    hourKeys.length = 0;
    let count = 0;
    for (const si of order) {
      const z = sizes[si]!;
      const n = Math.ceil(bySize[si]![h]! / share);
      if (n === 0) continue;
      const g = groupOfSize[si]!;
      g.count = n;
      hourGroups.push(g);
      hourKeys.push(z.k);
      count += n;
    }
    return { groups: hourGroups, keys: hourKeys, count };
  };
  /** Nodes for hour h's pods (`share` of them), without and with the overprovisioning headroom. */
  const nodesOf = (h: number, share: number): { forPods: number; withHeadroom: number } => {
    const { groups, keys, count } = groupsOf(h, share);
    // Overprovisioning: placeholder pods the size of the average pod, as many as that fraction of the pods, keep
    // their share of requests free as headroom for spikes (the cluster-overprovisioner pattern).
    const placeholders = count > 0 ? ceilClean(st.overprovisioning * count) : 0;
    if (placeholders === 0) {
      const forPods = packed(packs, groups, shape);
      return { forPods, withHeadroom: forPods };
    }
    let cpu = 0;
    let memory = 0;
    for (const g of groups) {
      cpu += g.count * g.cpu;
      memory += g.count * g.memory;
    }
    const ph = placeholder;
    ph.cpu = cpu / count;
    ph.memory = memory / count;
    ph.count = placeholders;
    const k = key(ph.cpu, ph.memory);
    let at = keys.findIndex((x) => x < k);
    if (at < 0) at = groups.length;
    // Without kept packings (costs only: a simulation's samples), the two packings as one up to the placeholders'
    // place (packing.ts `packNodesPair`: the same counts).
    let forPods: number;
    let withPlaceholders: number;
    if (packs === null) {
      [forPods, withPlaceholders] = packNodesPair(groups, at, ph, shape);
    } else {
      forPods = packs.nodes(groups, shape);
      groups.splice(at, 0, ph);
      withPlaceholders = packs.nodes(groups, shape);
    }
    // First-fit decreasing is not monotone in rare cases; headroom never removes a node.
    return { forPods, withHeadroom: Math.max(forPods, withPlaceholders) };
  };
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    for (const si of costs ? [] : order) {
      const z = sizes[si]!;
      const n = bySize[si]![h]!;
      requestedCpu[h]! += n * z.cpu;
      requestedMem[h]! += n * z.memory;
    }
    const zone = nodesOf(h, zones);
    workloadNodes[h] = zone.forPods * zones;
    totalNodes[h] = zone.withHeadroom * zones;
    if (zones > 1) {
      // Node groups per zone never need fewer nodes than the same pods in one pool (first-fit decreasing is not
      // monotone in rare cases, with placeholders of the average pod's size especially): zones never remove a node.
      const pool = nodesOf(h, 1);
      workloadNodes[h] = Math.max(workloadNodes[h]!, pool.forPods);
      totalNodes[h] = Math.max(totalNodes[h]!, pool.withHeadroom, workloadNodes[h]!);
      poolNodes![h] = pool.withHeadroom;
    }
  }

  const hpm = p.hoursPerMonth;
  let workloadNodeHours: number;
  let headroomNodeHours: number;
  let paidNodes: number[];
  if (st.scaling === 'static') {
    const peakWorkload = Math.max(0, ...workloadNodes);
    const peakTotal = Math.max(0, ...totalNodes);
    workloadNodeHours = allPeriod(peakWorkload, hpm);
    headroomNodeHours = allPeriod(peakTotal - peakWorkload, hpm);
    paidNodes = new Array<number>(HOURS_PER_WEEK).fill(peakTotal);
  } else {
    workloadNodeHours = weekToPeriod(
      workloadNodes.reduce((a, b) => a + b, 0),
      hpm,
    );
    headroomNodeHours = weekToPeriod(
      totalNodes.reduce((a, b, h) => a + (b - workloadNodes[h]!), 0),
      hpm,
    );
    paidNodes = totalNodes;
  }

  const price = discounted(capacityPrice(node.hourly, st), st.discount);
  const lineItems: LineItem[] = [line(null, `Node hours (${node.name})`, 'hours', workloadNodeHours, price)];
  const headroomLine =
    headroomNodeHours > 0
      ? line(
          null,
          `Node hours for overprovisioning headroom (${node.name})`,
          'hours',
          headroomNodeHours,
          price,
        )
      : null;
  if (headroomLine) lineItems.push(headroomLine);
  const warnings: Warning[] = [];
  if (st.controlPlaneHourly > 0) {
    const cp = controlPlaneLines(p, CONTROL_PLANE_NAME[st.reservation], st.controlPlaneHourly);
    lineItems.push(...cp.lines);
    if (cp.warning && !costs) warnings.push(cp.warning);
  }

  // A savings-plan commitment (issue 13 §5; commitment.ts): the nodes' hours at on-demand are the spend (Spot nodes:
  // none; Savings Plans do not cover Spot). Shared among services as the node-hours are.
  const commit = priceCommitment({
    commitment: st.commitment,
    spend: isSpot(st) ? null : paidNodes.map((n) => n * node.hourly),
    hoursPerMonth: hpm,
    negotiated: st.discount,
    scope: COMMITMENT_SCOPES['container-cluster'],
    costsOnly: costs,
  });
  lineItems.push(...commit.lines);

  warnings.push(...spotWarnings(p, st, 'nodes'));
  if (costs) {
    const extra = components(p, 'container-cluster', {
      sharedInstanceHours: workloadNodeHours + headroomNodeHours,
      computeWeights: [],
    });
    lineItems.push(...extra.lineItems);
    return strategyReport(p.plan, 'container-cluster', {
      lineItems,
      services: serviceCosts(p, lineItems, () => []),
      warnings,
      utilization: { cpuAverage: null, cpuPeak: null },
      capacity: {},
      week: { demand: p.totalCpu, capacity: [], units: [], unit: 'vCPU' },
      commitment: commit.report,
    });
  }
  if (isBurstable(node.name)) warnings.push(burstableWarning(node.name, [], 'every node'));
  // Memory decides the nodes when, at the busiest hour, the same pods packed for CPU and pod slots alone would need
  // fewer (the shared host's `memory-bound` warning; issue 10 §5).
  let busiest = 0;
  for (let h = 1; h < HOURS_PER_WEEK; h++) if (workloadNodes[h]! > workloadNodes[busiest]!) busiest = h;
  if (workloadNodes[busiest]! > 0) {
    const cpuOnly = sortForPacking(
      groupsOf(busiest, zones).groups.map((g) => ({ ...g, memory: 0 })),
      shape,
    );
    const forCpu = packed(packs, cpuOnly, shape) * zones;
    if (workloadNodes[busiest]! > forCpu) {
      warnings.push({
        service: null,
        code: 'memory-bound',
        message: `Memory decides the cluster: at its busiest hour the pods request ${clean(requestedCpu[busiest]! / 1000)} vCPU and ${clean(requestedMem[busiest]! / 1024)} GiB; their CPU (and pod slots) would fit ${forCpu} ${node.name} node(s), but memory needs ${workloadNodes[busiest]!}. A memory-optimised node type, or smaller memory requests, would need fewer nodes.`,
      });
    }
  }
  const raised = own.flatMap((o, i): [string, [number, number]][] =>
    o.raised ? [[p.services[i]!.service.name, o.raised]] : [],
  );
  let nodeHoursAdded = 0;
  if (poolNodes) {
    nodeHoursAdded =
      st.scaling === 'static'
        ? allPeriod(Math.max(0, ...paidNodes) - Math.max(0, ...poolNodes), hpm)
        : weekToPeriod(sum(paidNodes) - sum(poolNodes), hpm);
  }
  if (raised.length > 0 || nodeHoursAdded > 0) warnings.push(zonesWarning(r, raised, nodeHoursAdded));

  const paidVcpu = paidNodes.map((n) => n * node.vcpu);
  const paidNodeWeek = sum(paidNodes);
  const requestWeights = own.map((o, i) => o.week * p.services[i]!.service.container.cpuMillicores);
  // Front door, root volumes on every node, NAT, logs, operations (components.ts).
  const extra = components(p, 'container-cluster', {
    sharedInstanceHours: workloadNodeHours + headroomNodeHours,
    computeWeights: requestWeights,
  });
  lineItems.push(...extra.lineItems);
  warnings.push(...extra.warnings);

  return strategyReport(p.plan, 'container-cluster', {
    lineItems,
    services: withLatency(
      serviceCosts(p, lineItems, (l) => extra.weights.get(l) ?? requestWeights),
      own.map((o) => o.latency),
    ),
    warnings,
    utilization: utilization(p.totalCpu, paidVcpu),
    capacity: {
      peakNodes: Math.max(0, ...paidNodes),
      averageNodes: paidNodeWeek / HOURS_PER_WEEK,
      nodeHours: workloadNodeHours + headroomNodeHours,
      headroomNodeHours,
      headroomMonthlyCost: headroomLine?.cost ?? 0,
      peakPods: Math.max(0, ...podsWeek),
      // Allocation efficiency: pod requests ÷ what the paid nodes can allocate.
      cpuAllocation: paidNodeWeek > 0 ? sum(requestedCpu) / (paidNodeWeek * shape.cpu) : 0,
      memoryAllocation: paidNodeWeek > 0 ? sum(requestedMem) / (paidNodeWeek * shape.memory) : 0,
      allocatableMillicoresPerNode: shape.cpu,
      allocatableMiBPerNode: shape.memory,
      maxPodsPerNode: shape.pods,
      ...(zonesMatter(r) ? { zones } : {}),
    },
    week: { demand: p.totalCpu, capacity: paidVcpu, units: paidNodes, unit: 'vCPU' },
    commitment: commit.report,
  });
}
