// Lambda's CPU scales with its memory (issue 10 §7.6): "At 1,769 MB, a function has the equivalent of one vCPU"
// (AWS Lambda developer guide; pricing-2.md §3). A request that needs c CPU-ms at m MB cannot finish before
// c ÷ min(1, m ÷ 1,769) ms; single-threaded work gains nothing above one vCPU. docs/cost-model.md "Lambda CPU".
import { LAMBDA_MEMORY_MIB } from './defaults.ts';
import type { Service, Warning } from './types.ts';

/** Memory (MB) at which a function has one full vCPU. */
export const LAMBDA_MB_PER_VCPU = 1769;

/** The share of one vCPU a function gets at `memoryMiB` (capped at 1: one thread uses at most one vCPU). */
export function lambdaCpuShare(memoryMiB: number): number {
  return Math.min(1, memoryMiB / LAMBDA_MB_PER_VCPU);
}

/** The duration a request really takes on Lambda: its measured duration, or longer when the CPU share stretches it. */
export function lambdaDurationMs(durationMs: number, cpuMsPerRequest: number, memoryMiB: number): number {
  return Math.max(durationMs, cpuMsPerRequest / lambdaCpuShare(memoryMiB));
}

/**
 * `memoryMiB: "auto"`: the smallest memory (whole MB, at least the service's own and Lambda's minimum, at most its
 * maximum) at which the function is not stretched. When the CPU work is longer than the duration even a full vCPU
 * stretches it: then the memory that gives one vCPU (more would not help), and `stretched` says so.
 */
export function autoLambdaMemory(
  durationMs: number,
  cpuMsPerRequest: number,
  serviceMemoryMiB: number,
  limits: { min: number; max: number },
): { memoryMiB: number; stretched: boolean } {
  const unstretched =
    durationMs > 0 ? Math.ceil((LAMBDA_MB_PER_VCPU * cpuMsPerRequest) / durationMs) : Infinity;
  const wanted = Math.min(LAMBDA_MB_PER_VCPU, unstretched);
  let memoryMiB = Math.min(limits.max, Math.max(limits.min, Math.ceil(serviceMemoryMiB), wanted));
  // The product above can land a hair under the whole MB that is needed; one more MB then settles it.
  while (
    memoryMiB < Math.min(limits.max, LAMBDA_MB_PER_VCPU) &&
    lambdaDurationMs(durationMs, cpuMsPerRequest, memoryMiB) > durationMs
  ) {
    memoryMiB++;
  }
  return { memoryMiB, stretched: lambdaDurationMs(durationMs, cpuMsPerRequest, memoryMiB) > durationMs };
}

/** The memory (MB) a service's function runs with: its own setting, or the one `"auto"` picks. */
export function lambdaMemoryOf(s: Service): number {
  const m = s.serverless.memoryMiB;
  if (m !== 'auto') return m;
  return autoLambdaMemory(s.durationMs, s.cpuMsPerRequest, s.memoryMiB, LAMBDA_MEMORY_MIB).memoryMiB;
}

/**
 * What `memoryMiB: "auto"` picked for a service, said in its report (the figure is not in any line: Lambda's
 * duration lines are shared by every function); `null` when the service names its memory.
 */
export function autoMemoryNote(s: Service): Warning | null {
  if (s.serverless.memoryMiB !== 'auto') return null;
  const { memoryMiB, stretched } = autoLambdaMemory(
    s.durationMs,
    s.cpuMsPerRequest,
    s.memoryMiB,
    LAMBDA_MEMORY_MIB,
  );
  const fmt = (x: number): string => x.toLocaleString('en-US');
  const own = Math.max(LAMBDA_MEMORY_MIB.min, Math.ceil(s.memoryMiB));
  const why =
    memoryMiB <= own
      ? stretched
        ? 'its own memory, a full vCPU already'
        : "its own memory, at which Lambda's CPU share does not slow its requests"
      : stretched
        ? `one full vCPU: ${fmt(s.cpuMsPerRequest)} CPU-ms per request take longer than its ${fmt(s.durationMs)} ms at any memory, and more would not make it faster`
        : `the smallest above its own ${fmt(own)} MB at which Lambda's CPU share does not slow its requests`;
  return {
    service: s.name,
    code: 'auto-memory',
    message: `${s.name}: memory "auto" picked ${fmt(memoryMiB)} MB for its Lambda function (${why}).`,
  };
}
