// The plan format's per-service `latency` (issue 12 §3): validated with located problems, resolved into the engine's
// Service with its defaults (absent: no key, and the figures of before), written back by planToFile.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../model/index.ts';
import { createPlanParser } from './parse-cache.ts';
import { formatIssue, parsePlan, planToFile, type PlanFile } from './index.ts';

const day = (v: number) => Array<number>(24).fill(v);

function file(service: Record<string, unknown> = {}, version = 2): PlanFile {
  return {
    format: 'headroom-plan',
    version,
    name: 'Latency',
    catalog: 'aws-us-east-1',
    services: [
      {
        name: 'orders',
        trafficRps: day(200),
        cpuMsPerRequest: 5,
        durationMs: 50,
        memoryMiB: 512,
        ...service,
      },
      { name: 'kitchen', trafficRps: day(5), cpuMsPerRequest: 8, durationMs: 40, memoryMiB: 256 },
    ],
  } as PlanFile;
}

function problems(input: unknown): string[] {
  const r = parsePlan(input);
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.issues.map(formatIssue);
}

describe('plan format: latency', () => {
  it('resolves a service’s target, each field it leaves out at its default', () => {
    const r = parsePlan(file({ latency: { targetWaitMs: 20, concurrencyPerInstance: 8 } }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan.services[0]!.latency).toEqual({
      targetWaitMs: 20,
      percentile: 0.95,
      concurrencyPerInstance: 8,
    });
    expect(r.plan.services[1]!).not.toHaveProperty('latency');
    const empty = parsePlan(file({ latency: {} }));
    if (!empty.ok) throw new Error(JSON.stringify(empty.issues));
    expect(empty.plan.services[0]!.latency).toEqual({
      targetWaitMs: 50,
      percentile: 0.95,
      concurrencyPerInstance: 1,
    });
  });

  it('refuses values out of range, with their paths', () => {
    expect(
      problems(file({ latency: { targetWaitMs: -1, percentile: 1, concurrencyPerInstance: 0.5, p: 2 } })),
    ).toEqual(
      expect.arrayContaining([
        'services[0].latency.targetWaitMs: must be a number >= 0',
        'services[0].latency.percentile: must be a number <= 0.9999',
        'services[0].latency.concurrencyPerInstance: must be a whole number >= 1 and <= 100000',
        'services[0].latency.p: unknown field',
      ]),
    );
  });

  it('is a version 2 field: a version 1 file that gives it is refused, located', () => {
    expect(problems(file({ latency: { targetWaitMs: 20 } }, 1))).toEqual([
      'services[0].latency: needs "version": 2 (this file is version 1)',
    ]);
  });

  it('survives planToFile and the app’s cached parser', () => {
    const f = file({ latency: { targetWaitMs: 20, percentile: 0.99, concurrencyPerInstance: 4 } });
    const r = parsePlan(f);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const again = parsePlan(planToFile(r.plan));
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.plan).toEqual(r.plan);
    const cached = createPlanParser().parse(f);
    if (!cached.ok) throw new Error(JSON.stringify(cached.issues));
    expect(cached.plan).toEqual(r.plan);
  });

  it('absent: the figures of before; given: VM per service sized for it', () => {
    const plain = parsePlan(file());
    const target = parsePlan(file({ latency: { targetWaitMs: 5, percentile: 0.99 } }));
    if (!plain.ok || !target.ok) throw new Error('expected valid plans');
    const vm = (p: typeof plain.plan) => evaluate(p).strategies.find((s) => s.id === 'vm-per-service')!;
    // 200 rps × 50 ms: A = 10. CPU: 1 vCPU on the default type at 60% → far fewer instances than 99% within 5 ms needs.
    expect(vm(plain.plan).services[0]).not.toHaveProperty('latency');
    expect(vm(target.plan).services[0]!.latency?.sizedBy).toBe('latency');
    const peak = (p: typeof plain.plan) => Math.max(...vm(p).week.units);
    expect(peak(target.plan)).toBeGreaterThan(peak(plain.plan));
  });
});
