// Fargate task sizes (pricing-2.md §5): the valid sizes of the bundled catalog, the smallest valid size that holds a
// request, a service's task or pod size, and the located problems naming the valid sizes near an invalid one.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { isSizeProblem, isValidSize, sizesNear, smallestHolding, taskSizeOf } from './fargate.ts';
import { testService } from './testing.ts';

const sizes = awsUsEast1.fargate.taskSizes;

describe('Fargate task sizes', () => {
  it('are the table of pricing-2.md §5: 74 valid sizes from 0.25 vCPU / 0.5 GiB to 16 vCPU / 120 GiB', () => {
    expect(sizes.map((r) => [r.vcpu, r.memoryGiB[0], r.memoryGiB.at(-1), r.memoryGiB.length])).toEqual([
      [0.25, 0.5, 2, 3],
      [0.5, 1, 4, 4],
      [1, 2, 8, 7],
      [2, 4, 16, 13],
      [4, 8, 30, 23],
      [8, 16, 60, 12],
      [16, 32, 120, 12],
    ]);
    expect(isValidSize(sizes, { vcpu: 8, memoryGiB: 20 })).toBe(true);
    expect(isValidSize(sizes, { vcpu: 8, memoryGiB: 18 })).toBe(false);
    expect(isValidSize(sizes, { vcpu: 0.25, memoryGiB: 1.5 })).toBe(false);
  });

  it('the smallest valid size that holds a request: fewest vCPU, then least memory', () => {
    expect(smallestHolding(sizes, 0.25, 0.5)).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
    expect(smallestHolding(sizes, 0.1, 0.6)).toEqual({ vcpu: 0.25, memoryGiB: 1 });
    expect(smallestHolding(sizes, 0.25, 3)).toEqual({ vcpu: 0.5, memoryGiB: 3 });
    expect(smallestHolding(sizes, 4, 31)).toEqual({ vcpu: 8, memoryGiB: 32 });
    expect(smallestHolding(sizes, 8, 17)).toEqual({ vcpu: 8, memoryGiB: 20 });
    expect(smallestHolding(sizes, 16, 121)).toBeNull();
    expect(smallestHolding(sizes, 17, 1)).toBeNull();
  });

  it('a kept size is reused only for the same container requests, fargate sizes and memory (services share them)', () => {
    // A simulation's drawn service shares the plan service's container object; an edit may change its memory.
    const s = testService({ memoryMiB: 512, container: { cpuMillicores: 250, memoryMiB: 512 } });
    expect(taskSizeOf(s, 'ecs', sizes)).toEqual({
      request: { vcpu: 0.25, memoryGiB: 0.5 },
      billed: { vcpu: 0.25, memoryGiB: 0.5 },
    });
    expect(taskSizeOf({ ...s, durationMs: s.durationMs * 2 }, 'ecs', sizes)).toBe(
      taskSizeOf(s, 'ecs', sizes),
    );
    expect(taskSizeOf({ ...s, memoryMiB: 3072 }, 'ecs', sizes)).toEqual({
      request: { vcpu: 0.5, memoryGiB: 3 },
      billed: { vcpu: 0.5, memoryGiB: 3 },
    });
    expect(taskSizeOf({ ...s, fargate: { cpu: 1, memoryGiB: 2 } }, 'ecs', sizes)).toEqual({
      request: { vcpu: 1, memoryGiB: 2 },
      billed: { vcpu: 1, memoryGiB: 2 },
    });
    expect(taskSizeOf(s, 'eks', sizes)).toEqual({
      request: { vcpu: 0.25, memoryGiB: 0.5 },
      billed: { vcpu: 0.25, memoryGiB: 1 },
    });
    expect(taskSizeOf(s, 'ecs', sizes)).toEqual({
      request: { vcpu: 0.25, memoryGiB: 0.5 },
      billed: { vcpu: 0.25, memoryGiB: 0.5 },
    });
  });

  it('EKS bills a 1 vCPU + 8 GB pod request as 2 vCPU / 9 GB ($0.12097 an hour), the EKS user guide’s example', () => {
    const s = testService({ fargate: { cpu: 1, memoryGiB: 8 } });
    const sizing = taskSizeOf(s, 'eks', sizes);
    expect(sizing).toEqual({ request: { vcpu: 1, memoryGiB: 8 }, billed: { vcpu: 2, memoryGiB: 9 } });
    const f = awsUsEast1.fargate;
    const hourly = 2 * f.vcpuHourly.x86_64 + 9 * f.memoryGiBHourly.x86_64;
    expect(Math.round(hourly * 1e5) / 1e5).toBe(0.12097);
    // Without a fargate size, the pod's own requests: 250 millicores and 512 MiB + 256 MB → 0.25 vCPU / 1 GiB.
    expect(taskSizeOf(testService(), 'eks', sizes)).toMatchObject({ billed: { vcpu: 0.25, memoryGiB: 1 } });
  });

  it('ECS: the smallest valid size holding the service’s memory and its pod CPU request, or the size given', () => {
    expect(taskSizeOf(testService(), 'ecs', sizes)).toEqual({
      request: { vcpu: 0.25, memoryGiB: 0.5 },
      billed: { vcpu: 0.25, memoryGiB: 0.5 },
    });
    const big = testService({ memoryMiB: 3000, container: { cpuMillicores: 250 } });
    expect(taskSizeOf(big, 'ecs', sizes)).toMatchObject({ billed: { vcpu: 0.5, memoryGiB: 3 } });
    const cpu = testService({ memoryMiB: 3000, container: { cpuMillicores: 1500 } });
    expect(taskSizeOf(cpu, 'ecs', sizes)).toMatchObject({ billed: { vcpu: 2, memoryGiB: 4 } });
    // One dimension given: the other is the smallest that holds the service with it.
    const onlyCpu = testService({ memoryMiB: 3000, fargate: { cpu: 1 } });
    expect(taskSizeOf(onlyCpu, 'ecs', sizes)).toMatchObject({ billed: { vcpu: 1, memoryGiB: 3 } });
    const onlyMemory = testService({ fargate: { memoryGiB: 8 } });
    expect(taskSizeOf(onlyMemory, 'ecs', sizes)).toMatchObject({ billed: { vcpu: 1, memoryGiB: 8 } });
    const given = testService({ fargate: { cpu: 4, memoryGiB: 30, ephemeralStorageGiB: 50 } });
    expect(taskSizeOf(given, 'ecs', sizes)).toMatchObject({ billed: { vcpu: 4, memoryGiB: 30 } });
  });

  it('an invalid combination is a located problem naming the valid sizes near it', () => {
    const r = taskSizeOf(testService({ fargate: { cpu: 1, memoryGiB: 9 } }), 'ecs', sizes);
    expect(isSizeProblem(r)).toBe(true);
    expect(r).toEqual({
      path: 'fargate',
      message:
        '1 vCPU / 9 GiB is not a valid Fargate task size; valid sizes near it: 1 vCPU with 2–8 GiB in 1 GiB ' +
        'steps; 2 vCPU with 4–16 GiB in 1 GiB steps',
      fix: 'choose a valid size (the smallest that holds it is 2 vCPU / 9 GiB), or leave `fargate` out to get the smallest valid size that holds the service',
    });
    const odd = taskSizeOf(testService({ fargate: { cpu: 3 } }), 'ecs', sizes);
    expect(odd).toMatchObject({
      path: 'fargate.cpu',
      message: expect.stringContaining(
        'valid sizes near it: 2 vCPU with 4–16 GiB in 1 GiB steps; 4 vCPU with',
      ),
    });
    const small = taskSizeOf(testService({ fargate: { cpu: 0.25, memoryGiB: 3 } }), 'ecs', sizes);
    expect(small).toMatchObject({
      message: expect.stringContaining(
        '0.25 vCPU with 0.5, 1 or 2 GiB; 0.5 vCPU with 1–4 GiB in 1 GiB steps',
      ),
    });
    expect(sizesNear(sizes, { vcpu: 8, memoryGiB: 18 })).toBe('8 vCPU with 16–60 GiB in 4 GiB steps');
    const huge = taskSizeOf(testService({ memoryMiB: 200 * 1024 }), 'ecs', sizes);
    expect(huge).toMatchObject({
      path: 'memoryMiB',
      message: 'no Fargate task holds 0.25 vCPU and 200 GiB: the largest Fargate task is 16 vCPU / 120 GiB',
    });
    // EKS rounds a request up, so only one larger than the largest size is a problem.
    expect(taskSizeOf(testService({ fargate: { cpu: 1, memoryGiB: 9 } }), 'eks', sizes)).toMatchObject({
      billed: { vcpu: 2, memoryGiB: 10 },
    });
    expect(
      isSizeProblem(taskSizeOf(testService({ fargate: { cpu: 16, memoryGiB: 120 } }), 'eks', sizes)),
    ).toBe(true);
  });
});
