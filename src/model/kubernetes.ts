// What a Kubernetes node can give to pods (see ../shared/reference/pricing.md, "Node allocatable").
import type { InstanceType, Reservation } from './types.ts';

/** The kubelet's default hard eviction threshold (memory.available < 100Mi), on every platform. */
export const EVICTION_THRESHOLD_MIB = 100;
export const GKE_MAX_PODS = 110;
/** AKS's default for new clusters (Azure CNI Overlay). */
export const AKS_MAX_PODS = 250;
/** Kubernetes' own default, used when no reservation model applies and the catalog has no maxPods. */
export const DEFAULT_MAX_PODS = 110;

/**
 * CPU kube-reserved on EKS and GKE, in millicores: 6% of the first core, 1% of the second, 0.5% of cores 3 and 4,
 * 0.25% of every core above 4 (1 → 60m, 2 → 70m, 4 → 80m, 8 → 90m, 16 → 110m, 32 → 150m).
 */
export function tieredCpuReservedMillicores(vcpu: number): number {
  const bands: [number, number][] = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Infinity, 0.0025],
  ];
  let left = vcpu;
  let reserved = 0;
  for (const [cores, share] of bands) {
    const take = Math.min(left, cores);
    reserved += take * share * 1000;
    left -= take;
    if (left <= 0) break;
  }
  return reserved;
}

/** EKS kube-reserved memory (MiB) = 11 × maxPods + 255. */
export function eksReservedMemoryMiB(maxPods: number): number {
  return 11 * maxPods + 255;
}

/**
 * GKE kube-reserved memory (MiB): 255 MiB below 1 GiB; otherwise 25% of the first 4 GiB, 20% of the next 4,
 * 10% of the next 8, 6% of the next 112 and 2% of everything above 128 GiB.
 */
export function gkeReservedMemoryMiB(memoryGiB: number): number {
  if (memoryGiB < 1) return 255;
  const bands: [number, number][] = [
    [4, 0.25],
    [4, 0.2],
    [8, 0.1],
    [112, 0.06],
    [Infinity, 0.02],
  ];
  let left = memoryGiB;
  let reservedGiB = 0;
  for (const [size, share] of bands) {
    const take = Math.min(left, size);
    reservedGiB += take * share;
    left -= take;
    if (left <= 0) break;
  }
  return reservedGiB * 1024;
}

const AKS_CPU_TABLE: [number, number][] = [
  [1, 60],
  [2, 100],
  [4, 140],
  [8, 180],
  [16, 260],
  [32, 420],
  [64, 740],
];

/** AKS kube-reserved CPU by core count (table from Microsoft's docs); linear between and beyond listed counts. */
export function aksReservedCpuMillicores(vcpu: number): number {
  const first = AKS_CPU_TABLE[0]!;
  if (vcpu <= first[0]) return first[1];
  for (let i = 1; i < AKS_CPU_TABLE.length; i++) {
    const [c1, m1] = AKS_CPU_TABLE[i]!;
    const [c0, m0] = AKS_CPU_TABLE[i - 1]!;
    if (vcpu <= c1) return m0 + ((vcpu - c0) * (m1 - m0)) / (c1 - c0);
  }
  const [cl, ml] = AKS_CPU_TABLE[AKS_CPU_TABLE.length - 1]!;
  const [cp, mp] = AKS_CPU_TABLE[AKS_CPU_TABLE.length - 2]!;
  return ml + ((vcpu - cl) * (ml - mp)) / (cl - cp);
}

/**
 * AKS kube-reserved memory = min(20 MB × maxPods + 50 MB, 25% of memory). Microsoft writes MB; the engine counts
 * MiB (slightly more conservative).
 */
export function aksReservedMemoryMiB(maxPods: number, memoryMiB: number): number {
  return Math.min(20 * maxPods + 50, 0.25 * memoryMiB);
}

/**
 * Pods per node: EKS's per instance type (the catalog's `maxPods`); GKE's and AKS's the platform default, or the
 * catalog's `kubernetes.maxPodsPerNode` when it gives one (issue 13 §1).
 */
export function maxPodsFor(
  node: InstanceType,
  reservation: Reservation,
  platformMaxPods?: number,
): number | undefined {
  switch (reservation) {
    case 'eks':
      return node.maxPods;
    case 'gke':
      return platformMaxPods ?? GKE_MAX_PODS;
    case 'aks':
      return platformMaxPods ?? AKS_MAX_PODS;
    case 'none':
      return node.maxPods ?? DEFAULT_MAX_PODS;
  }
}

export interface Reserved {
  cpuMillicores: number;
  memoryMiB: number;
}

/** kube-reserved (and system-reserved) by platform; the eviction threshold is separate. */
export function kubeReserved(node: InstanceType, reservation: Reservation, maxPods: number): Reserved {
  const memoryMiB = node.memoryGiB * 1024;
  switch (reservation) {
    case 'eks':
      return {
        cpuMillicores: tieredCpuReservedMillicores(node.vcpu),
        memoryMiB: eksReservedMemoryMiB(maxPods),
      };
    case 'gke':
      return {
        cpuMillicores: tieredCpuReservedMillicores(node.vcpu),
        memoryMiB: gkeReservedMemoryMiB(node.memoryGiB),
      };
    case 'aks':
      return {
        cpuMillicores: aksReservedCpuMillicores(node.vcpu),
        memoryMiB: aksReservedMemoryMiB(maxPods, memoryMiB),
      };
    case 'none':
      return { cpuMillicores: 0, memoryMiB: 0 };
  }
}

export interface Allocatable {
  cpuMillicores: number;
  memoryMiB: number;
  pods: number;
  reserved: Reserved;
}

/**
 * Allocatable = capacity − kube-reserved − eviction threshold − DaemonSet overhead; at most maxPods pods, of which
 * the DaemonSet pods (aws-node and kube-proxy on EKS) take their slots (issue 10 §7.3).
 */
export function nodeAllocatable(
  node: InstanceType,
  reservation: Reservation,
  daemonSet: { cpuMillicores: number; memoryMiB: number; pods?: number },
  platformMaxPods?: number,
): Allocatable | undefined {
  const maxPods = maxPodsFor(node, reservation, platformMaxPods);
  if (maxPods === undefined) return undefined;
  // kube-reserved follows the node's max pods (the EKS formula), DaemonSets included.
  const reserved = kubeReserved(node, reservation, maxPods);
  return {
    cpuMillicores: node.vcpu * 1000 - reserved.cpuMillicores - daemonSet.cpuMillicores,
    memoryMiB: node.memoryGiB * 1024 - reserved.memoryMiB - EVICTION_THRESHOLD_MIB - daemonSet.memoryMiB,
    pods: maxPods - (daemonSet.pods ?? 0),
    reserved,
  };
}
