// Service instance per container on a managed Kubernetes cluster, with overprovisioning headroom.
import { nodeAllocatable } from './kubernetes.ts';
import { ceilClean } from './money.ts';
import type { NodeShape, PodGroup } from './packing.ts';
import { packNodes } from './packing.ts';
import type { Prepared } from './prepare.ts';
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
import type { LineItem, Reservation, StrategyReport, Warning } from './types.ts';

const CONTROL_PLANE_NAME: Record<Reservation, string> = {
  eks: 'EKS control plane hours',
  gke: 'GKE control plane hours',
  aks: 'AKS control plane hours',
  none: 'Kubernetes control plane hours',
};

/** Pods per hour = max(minInstances, ⌈CPU demand ÷ (pod CPU request × target utilization)⌉). */
export function podsPerHour(
  cpuVcpu: readonly number[],
  podMillicores: number,
  target: number,
  min: number,
): number[] {
  return cpuVcpu.map((c) => Math.max(min, ceilClean((c * 1000) / (podMillicores * target))));
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** packNodes, or the count the evaluator's kept packings (packing.ts) hold for the same groups and node shape. */
function packed(p: Prepared, groups: readonly PodGroup[], shape: NodeShape): number {
  return p.packs ? p.packs.nodes(groups, shape) : packNodes(groups, shape);
}

export function containerCluster(p: Prepared): StrategyReport {
  const st = p.plan.strategies.containerCluster;
  const node = instanceType(p, st.nodeType);
  const alloc = nodeAllocatable(node, st.reservation, {
    cpuMillicores: st.daemonSetCpuMillicores,
    pods: st.daemonSetPods,
    memoryMiB: st.daemonSetMemoryMiB,
  });
  if (!alloc || alloc.cpuMillicores <= 0 || alloc.memoryMiB <= 0 || alloc.pods < 1) {
    throw new Error(`node type ${node.name} has nothing allocatable`);
  }
  const shape = { cpu: alloc.cpuMillicores, memory: alloc.memoryMiB, pods: alloc.pods };
  const key = (cpu: number, memory: number): number =>
    Math.max(cpu / shape.cpu, memory / shape.memory, 1 / shape.pods);

  // Each service's pods per hour and their weekly sum depend on its week and the target utilization only.
  const own = p.services.map((s) =>
    p.memo(s.service, 'container-cluster', [s, st.targetUtilization], () => {
      const perHour = podsPerHour(
        s.cpu,
        s.service.container.cpuMillicores,
        st.targetUtilization,
        s.service.minInstances,
      );
      return { perHour, week: sum(perHour) };
    }),
  );
  const pods = own.map((o) => o.perHour);
  // Pods of the same size are interchangeable: pack one group per distinct (CPU, memory) request, in
  // first-fit-decreasing order fixed for the whole week (requests do not change by hour).
  const sizeIndex = new Map<string, number>();
  const sizes: { cpu: number; memory: number; k: number }[] = [];
  const sizeOf = p.services.map((s) => {
    const c = s.service.container;
    const id = `${c.cpuMillicores}/${c.memoryMiB}`;
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
  // Pods of each size in each hour, and of every size (whole numbers: exact in any order), through the evaluator's
  // kept sums: an edit recomputes one path of each tree.
  const rowsBySize = sizes.map((): number[][] => []);
  for (let i = 0; i < pods.length; i++) rowsBySize[sizeOf[i]!]!.push(pods[i]!);
  const bySize = sizes.map((z, k) => p.sums(`pods ${z.cpu} ${z.memory}`, rowsBySize[k]!));
  const podsWeek = p.sums('pods', pods);
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const count = podsWeek[h]!;
    const groups: PodGroup[] = [];
    const keys: number[] = [];
    for (const si of order) {
      const z = sizes[si]!;
      const n = bySize[si]![h]!;
      if (n === 0) continue;
      groups.push({ cpu: z.cpu, memory: z.memory, count: n });
      keys.push(z.k);
      requestedCpu[h]! += n * z.cpu;
      requestedMem[h]! += n * z.memory;
    }
    const forPods = packed(p, groups, shape);
    // Overprovisioning: placeholder pods the size of the average pod, as many as that fraction of the pods, keep
    // their share of requests free as headroom for spikes (the cluster-overprovisioner pattern).
    const placeholders = count > 0 ? ceilClean(st.overprovisioning * count) : 0;
    let withHeadroom = forPods;
    if (placeholders > 0) {
      const ph = { cpu: requestedCpu[h]! / count, memory: requestedMem[h]! / count, count: placeholders };
      const k = key(ph.cpu, ph.memory);
      let at = keys.findIndex((x) => x < k);
      if (at < 0) at = groups.length;
      groups.splice(at, 0, ph);
      // First-fit decreasing is not monotone in rare cases; headroom never removes a node.
      withHeadroom = Math.max(forPods, packed(p, groups, shape));
    }
    workloadNodes[h] = forPods;
    totalNodes[h] = withHeadroom;
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

  const price = discounted(node.hourly, st.discount);
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
  if (st.controlPlaneHourly > 0) {
    lineItems.push(
      line(null, CONTROL_PLANE_NAME[st.reservation], 'hours', allPeriod(1, hpm), st.controlPlaneHourly),
    );
  }

  const warnings: Warning[] = [];
  if (isBurstable(node.name)) warnings.push(burstableWarning(node.name, [], 'every node'));

  const paidVcpu = paidNodes.map((n) => n * node.vcpu);
  const paidNodeWeek = sum(paidNodes);
  const requestWeights = own.map((o, i) => o.week * p.services[i]!.service.container.cpuMillicores);

  return strategyReport(p.plan, 'container-cluster', {
    lineItems,
    services: serviceCosts(p, lineItems, () => requestWeights),
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
    },
    week: { demand: p.totalCpu, capacity: paidVcpu, units: paidNodes, unit: 'vCPU' },
  });
}
