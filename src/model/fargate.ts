// Fargate task sizes (issue 12 §2; pricing-2.md §5): which sizes are valid, the smallest valid size that holds a
// request, and a service's task (ECS) or pod (EKS) size, billed size included. Pure; the prices and the sizes come
// from the catalog. docs/cost-model.md "Serverless containers".
import { clean } from './money.ts';
import type { FargatePlatform, FargatePrices, Service } from './types.ts';

/** One task's vCPU and memory (GiB; Fargate's "GB"). */
export interface TaskSize {
  vcpu: number;
  memoryGiB: number;
}

/** The catalog's valid sizes, each vCPU value with its memory sizes. */
export type TaskSizes = FargatePrices['taskSizes'];

/** EKS on Fargate adds 256 MB to every pod's memory request for kubelet, kube-proxy and containerd (EKS user guide). */
export const EKS_POD_OVERHEAD_GIB = 0.25;

/** Comparisons of sizes ignore float noise (1.5 GiB from 1,536 MiB is exact, but a sum of requests may not be). */
const EPS = 1e-9;
const same = (a: number, b: number): boolean =>
  Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
const atLeast = (a: number, b: number): boolean => a >= b || same(a, b);

/** Whether `size` is one of the catalog's valid task sizes. */
export function isValidSize(sizes: TaskSizes, size: TaskSize): boolean {
  return sizes.some((r) => same(r.vcpu, size.vcpu) && r.memoryGiB.some((m) => same(m, size.memoryGiB)));
}

/**
 * The smallest valid size that holds `vcpu` and `memoryGiB`: the fewest vCPU, then the least memory. At Fargate's
 * prices (every vCPU and every GiB costs something, and a larger vCPU value never allows less memory) it is also the
 * cheapest. `null` when no valid size holds both.
 */
export function smallestHolding(sizes: TaskSizes, vcpu: number, memoryGiB: number): TaskSize | null {
  let best: TaskSize | null = null;
  for (const r of sizes) {
    if (!atLeast(r.vcpu, vcpu)) continue;
    const m = r.memoryGiB.find((x) => atLeast(x, memoryGiB));
    if (m === undefined) continue;
    if (best === null || r.vcpu < best.vcpu || (same(r.vcpu, best.vcpu) && m < best.memoryGiB))
      best = { vcpu: r.vcpu, memoryGiB: m };
  }
  return best;
}

const num = (x: number): string => String(clean(x));

/** "1 vCPU / 2 GiB". */
export function sizeText(s: TaskSize): string {
  return `${num(s.vcpu)} vCPU / ${num(s.memoryGiB)} GiB`;
}

/** A vCPU value's memory sizes in words: "0.5, 1 or 2 GiB", or "2–8 GiB in 1 GiB steps". */
function memoryText(list: readonly number[]): string {
  if (list.length === 1) return `${num(list[0]!)} GiB`;
  const step = list[1]! - list[0]!;
  const even = list.length > 3 && list.every((m, i) => i === 0 || same(m - list[i - 1]!, step));
  if (even) return `${num(list[0]!)}–${num(list.at(-1)!)} GiB in ${num(step)} GiB steps`;
  return `${list.slice(0, -1).map(num).join(', ')} or ${num(list.at(-1)!)} GiB`;
}

/**
 * The valid sizes near a requested one, in words, for a message: the rows of the vCPU value asked for and of the
 * value the memory would need, or the vCPU values just below and above one that is not valid.
 * "1 vCPU with 2–8 GiB in 1 GiB steps; 2 vCPU with 4–16 GiB in 1 GiB steps".
 */
export function sizesNear(sizes: TaskSizes, size: TaskSize): string {
  const rows = [...sizes].sort((a, b) => a.vcpu - b.vcpu);
  const at = rows.findIndex((r) => same(r.vcpu, size.vcpu));
  const picked = new Set<number>();
  if (at >= 0) {
    picked.add(at);
    const r = rows[at]!;
    if (size.memoryGiB > r.memoryGiB.at(-1)! && at + 1 < rows.length) picked.add(at + 1);
    if (size.memoryGiB < r.memoryGiB[0]! && at > 0) picked.add(at - 1);
  } else {
    const above = rows.findIndex((r) => r.vcpu > size.vcpu);
    if (above > 0) picked.add(above - 1);
    if (above >= 0) picked.add(above);
    else picked.add(rows.length - 1);
  }
  return [...picked]
    .sort((a, b) => a - b)
    .map((i) => `${num(rows[i]!.vcpu)} vCPU with ${memoryText(rows[i]!.memoryGiB)}`)
    .join('; ');
}

/** A service's task: what it asks for and what Fargate bills (EKS: the pod's request + 256 MB, rounded up). */
export interface TaskSizing {
  /** The task size (ECS), or the pod's request (EKS): what the target utilization applies to. */
  request: TaskSize;
  /** The size Fargate bills. */
  billed: TaskSize;
}

/** Why a service has no Fargate size, located relative to the service (`fargate.cpu`, `memoryMiB` …). */
export interface TaskSizeProblem {
  path: string;
  message: string;
  fix: string;
}

const LEAVE_OUT = 'or leave `fargate` out to get the smallest valid size that holds the service';

/**
 * A service's Fargate size under a platform (docs/cost-model.md "Serverless containers"):
 * - ECS: the service's `fargate.cpu` and `fargate.memoryGiB`, which must be a valid size together; a size left out
 *   is the smallest valid one that holds the service's memory (`memoryMiB`) and its pod CPU request
 *   (`container.cpuMillicores`). Billed as it is.
 * - EKS: the pod's request, `fargate.cpu` / `fargate.memoryGiB` or else the pod's own requests
 *   (`container.cpuMillicores`, `container.memoryMiB`), billed as the smallest valid size that holds the request
 *   plus 256 MB (a 1 vCPU + 8 GiB request is billed as 2 vCPU / 9 GiB).
 */
export function taskSizeOf(
  service: Service,
  platform: FargatePlatform,
  sizes: TaskSizes,
): TaskSizing | TaskSizeProblem {
  // Asked for every service on every evaluation (the costing problems, then the strategy) and of every sample of a
  // simulation: kept by the service's container requests object, with what else the size depends on (the fargate
  // sizes given, the memory), which an edit to another service leaves the same, and so does a simulation's draw
  // (it changes traffic and timings, not sizes: its services share their container object with the plan's).
  const kept = sizings.get(service.container);
  if (
    kept &&
    kept.platform === platform &&
    kept.sizes === sizes &&
    kept.fargate === service.fargate &&
    kept.memoryMiB === service.memoryMiB
  ) {
    return kept.result;
  }
  const result = sizeOf(service, platform, sizes);
  sizings.set(service.container, {
    platform,
    sizes,
    fargate: service.fargate,
    memoryMiB: service.memoryMiB,
    result,
  });
  return result;
}

const sizings = new WeakMap<
  Service['container'],
  {
    platform: FargatePlatform;
    sizes: TaskSizes;
    fargate: Service['fargate'];
    memoryMiB: number;
    result: TaskSizing | TaskSizeProblem;
  }
>();

function sizeOf(service: Service, platform: FargatePlatform, sizes: TaskSizes): TaskSizing | TaskSizeProblem {
  const given = service.fargate ?? {};
  // Words for a message only (a problem is rare; sizes are found on the hot path without them).
  const maxText = (): string => {
    const largest = [...sizes].sort((a, b) => b.vcpu - a.vcpu)[0];
    return largest
      ? `the largest Fargate task is ${sizeText({ vcpu: largest.vcpu, memoryGiB: largest.memoryGiB.at(-1)! })}`
      : 'the catalog lists no task size';
  };
  if (platform === 'eks') {
    const request = {
      vcpu: given.cpu ?? service.container.cpuMillicores / 1000,
      memoryGiB: given.memoryGiB ?? service.container.memoryMiB / 1024,
    };
    const billed = smallestHolding(sizes, request.vcpu, request.memoryGiB + EKS_POD_OVERHEAD_GIB);
    if (billed) return { request, billed };
    const path = given.memoryGiB !== undefined || given.cpu !== undefined ? 'fargate' : 'container.memoryMiB';
    return {
      path,
      message: `a pod requesting ${sizeText(request)} (+256 MB on EKS) fits no Fargate size: ${maxText()}`,
      fix: 'request less CPU or memory for this service’s pod, or use ECS or another strategy',
    };
  }

  const cpuNeed = service.container.cpuMillicores / 1000;
  const memoryNeed = service.memoryMiB / 1024;
  const { cpu, memoryGiB } = given;
  if (cpu !== undefined && memoryGiB !== undefined) {
    const size = { vcpu: cpu, memoryGiB };
    if (isValidSize(sizes, size)) return { request: size, billed: size };
    const up = smallestHolding(sizes, cpu, memoryGiB);
    return {
      path: 'fargate',
      message: `${sizeText(size)} is not a valid Fargate task size; valid sizes near it: ${sizesNear(sizes, size)}`,
      fix: `choose a valid size${up ? ` (the smallest that holds it is ${sizeText(up)})` : ''}, ${LEAVE_OUT}`,
    };
  }
  if (cpu !== undefined) {
    const row = sizes.find((r) => same(r.vcpu, cpu));
    if (!row) {
      return {
        path: 'fargate.cpu',
        message: `${num(cpu)} vCPU is not a Fargate task size; valid sizes near it: ${sizesNear(sizes, { vcpu: cpu, memoryGiB: memoryNeed })}`,
        fix: `choose one of ${sizes.map((r) => num(r.vcpu)).join(', ')} vCPU, ${LEAVE_OUT}`,
      };
    }
    const m = row.memoryGiB.find((x) => atLeast(x, memoryNeed));
    if (m !== undefined) return { request: { vcpu: cpu, memoryGiB: m }, billed: { vcpu: cpu, memoryGiB: m } };
    const up = smallestHolding(sizes, cpu, memoryNeed);
    return {
      path: 'fargate.cpu',
      message: `a ${num(cpu)} vCPU task holds at most ${num(row.memoryGiB.at(-1)!)} GiB, less than the service’s ${num(memoryNeed)} GiB; valid sizes near it: ${sizesNear(sizes, { vcpu: cpu, memoryGiB: memoryNeed })}`,
      fix: `choose more vCPU${up ? ` (${sizeText(up)} holds it)` : ''}, give \`fargate.memoryGiB\`, ${LEAVE_OUT}`,
    };
  }
  if (memoryGiB !== undefined) {
    const fits = sizes
      .filter((r) => atLeast(r.vcpu, cpuNeed) && r.memoryGiB.some((x) => same(x, memoryGiB)))
      .sort((a, b) => a.vcpu - b.vcpu)[0];
    if (fits) {
      const size = { vcpu: fits.vcpu, memoryGiB };
      return { request: size, billed: size };
    }
    const up = smallestHolding(sizes, cpuNeed, memoryGiB);
    return {
      path: 'fargate.memoryGiB',
      message: `no Fargate task of at least ${num(cpuNeed)} vCPU (the pod CPU request) has ${num(memoryGiB)} GiB; valid sizes near it: ${sizesNear(sizes, { vcpu: up?.vcpu ?? cpuNeed, memoryGiB })}`,
      fix: `choose a memory size its vCPU allows${up ? ` (${sizeText(up)} holds it)` : ''}, ${LEAVE_OUT}`,
    };
  }
  const size = smallestHolding(sizes, cpuNeed, memoryNeed);
  if (size) return { request: size, billed: size };
  const cpuTooBig = !sizes.some((r) => atLeast(r.vcpu, cpuNeed));
  return {
    path: cpuTooBig ? 'container.cpuMillicores' : 'memoryMiB',
    message: `no Fargate task holds ${num(cpuNeed)} vCPU and ${num(memoryNeed)} GiB: ${maxText()}`,
    fix: 'give the service less memory or a smaller pod CPU request, or use another strategy',
  };
}

/** Whether a sizing is a problem rather than a size. */
export function isSizeProblem(x: TaskSizing | TaskSizeProblem): x is TaskSizeProblem {
  return 'path' in x;
}
