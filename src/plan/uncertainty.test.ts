// The plan format's `uncertainty` (issue 11 §3): validated with located problems, resolved into the engine's Plan and
// Service (absent: no key), written back by planToFile, and never read by the engine's figures.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../model/index.ts';
import { createPlanParser } from './parse-cache.ts';
import { formatIssue, parsePlan, planToFile, type PlanFile } from './index.ts';

const day = (v: number) => Array<number>(24).fill(v);

function file(extra: Record<string, unknown> = {}, service: Record<string, unknown> = {}): PlanFile {
  return {
    format: 'headroom-plan',
    version: 2,
    name: 'Uncertain',
    catalog: 'aws-us-east-1',
    services: [
      {
        name: 'orders',
        trafficRps: day(20),
        cpuMsPerRequest: 12,
        durationMs: 80,
        memoryMiB: 512,
        ...service,
      },
      { name: 'kitchen', trafficRps: day(5), cpuMsPerRequest: 8, durationMs: 40, memoryMiB: 256 },
    ],
    ...extra,
  } as PlanFile;
}

function problems(input: unknown): string[] {
  const r = parsePlan(input);
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.issues.map(formatIssue);
}

describe('plan format: uncertainty', () => {
  it('resolves the plan-wide ranges and a service’s own, a side left out at 1', () => {
    const r = parsePlan(
      file(
        { uncertainty: { trafficRps: { low: 0.7, high: 1.5 }, durationMs: { high: 2 } } },
        { uncertainty: { cpuMsPerRequest: { low: 0.5 } } },
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan.uncertainty).toEqual({
      trafficRps: { low: 0.7, high: 1.5 },
      durationMs: { low: 1, high: 2 },
    });
    expect(r.plan.services[0]!.uncertainty).toEqual({ cpuMsPerRequest: { low: 0.5, high: 1 } });
    expect(r.plan.services[1]!).not.toHaveProperty('uncertainty');
  });

  it('absent: no uncertainty key on the plan or its services', () => {
    const r = parsePlan(file());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan).not.toHaveProperty('uncertainty');
    for (const s of r.plan.services) expect(s).not.toHaveProperty('uncertainty');
  });

  it('refuses a range that does not hold the typical value, with its path', () => {
    expect(
      problems(
        file(
          { uncertainty: { trafficRps: { low: 1.2, high: 0.9 }, memoryMiB: { low: 0.5 } } },
          { uncertainty: { durationMs: { low: 0, high: 101 } } },
        ),
      ),
    ).toEqual(
      expect.arrayContaining([
        'uncertainty.trafficRps.low: must be a number <= 1',
        'uncertainty.trafficRps.high: must be a number >= 1',
        'uncertainty.memoryMiB: unknown field',
        'services[0].uncertainty.durationMs.low: must be a number > 0',
        'services[0].uncertainty.durationMs.high: must be a number <= 100',
      ]),
    );
  });

  it('is a version 2 field: a version 1 file that gives it is refused, located', () => {
    expect(
      problems({
        ...file({ uncertainty: { trafficRps: { low: 0.5 } } }, { uncertainty: {} }),
        version: 1,
      }),
    ).toEqual([
      'uncertainty: needs "version": 2 (this file is version 1)',
      'services[0].uncertainty: needs "version": 2 (this file is version 1)',
    ]);
  });

  it('survives planToFile and the app’s cached parser', () => {
    const f = file(
      { uncertainty: { trafficRps: { low: 0.7, high: 1.5 } } },
      { uncertainty: { durationMs: { low: 0.9, high: 3 } } },
    );
    const r = parsePlan(f);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const again = parsePlan(planToFile(r.plan));
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.plan).toEqual(r.plan);
    const cached = createPlanParser().parse(f);
    if (!cached.ok) throw new Error(JSON.stringify(cached.issues));
    expect(cached.plan).toEqual(r.plan);
  });

  it('never changes the engine’s figures', () => {
    const plain = parsePlan(file());
    const ranged = parsePlan(
      file(
        { uncertainty: { trafficRps: { low: 0.1, high: 10 } } },
        { uncertainty: { cpuMsPerRequest: { low: 0.2, high: 5 } } },
      ),
    );
    if (!plain.ok || !ranged.ok) throw new Error('expected valid plans');
    expect({ ...evaluate(ranged.plan), plan: '' }).toEqual({ ...evaluate(plain.plan), plan: '' });
  });
});
