// The evaluator's per-service memo: a kept result is returned only for the same service object and the same
// dependencies, whatever order the services are asked for in (the position of the last pass is only a guess).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceMemo, settingsKey } from './memo.ts';
import { testService } from './testing.ts';
import type { Service } from './types.ts';

const service = (name: string): Service => ({ ...testService(), name });

describe('serviceMemo', () => {
  it('returns only results computed for the same service and dependencies, and keeps the latest of each', () => {
    // Each pass asks for a sequence of (service, dependency) pairs drawn from a small pool, possibly reordered,
    // repeated or missing. Every value returned must have been computed for that service object and an equal
    // dependency (Object.is: NaN is NaN, 0 is not −0); and when the latest computed for the service has that
    // dependency, nothing is computed (the memo keeps at least the latest entry per service and slot).
    const pool = Array.from({ length: 6 }, (_, i) => service(`s${i}`));
    const dep = fc.constantFrom(0, -0, 1, Number.NaN, 'a', null);
    const pass = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), dep), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(pass, { minLength: 1, maxLength: 8 }), fc.boolean(), (passes, twoLanes) => {
        const kept = serviceMemo();
        const lanes = [kept.lane(), kept.lane()];
        const madeFor: { service: Service; dep: unknown }[] = [];
        const latest = new Map<Service, unknown>();
        passes.forEach((asks, k) => {
          const lane = lanes[twoLanes ? k % 2 : 0]!;
          lane.begin();
          for (const [i, d] of asks) {
            const s = pool[i]!;
            const before = madeFor.length;
            const value = lane.memo(s, 'slot', [d], () => {
              madeFor.push({ service: s, dep: d });
              return madeFor.length - 1;
            });
            expect(madeFor[value]!.service).toBe(s);
            expect(Object.is(madeFor[value]!.dep, d)).toBe(true);
            if (latest.has(s) && Object.is(latest.get(s), d)) expect(madeFor.length).toBe(before);
            if (madeFor.length > before) latest.set(s, d);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps slots apart and recomputes for a new object of the same service', () => {
    const lane = serviceMemo().lane();
    const a = service('a');
    let n = 0;
    lane.begin();
    expect(lane.memo(a, 'x', [1], () => ++n)).toBe(1);
    expect(lane.memo(a, 'y', [1], () => ++n)).toBe(2);
    lane.begin();
    expect(lane.memo(a, 'x', [1], () => ++n)).toBe(1);
    expect(lane.memo({ ...a }, 'x', [1], () => ++n)).toBe(3);
  });
});

describe('settingsKey', () => {
  it('hands back an equal array only (Object.is, element by element), the same object for the same settings', () => {
    const dep = fc.constantFrom(0, -0, 1, Number.NaN, 'a', null);
    let run = 0;
    fc.assert(
      fc.property(fc.array(fc.array(dep, { maxLength: 3 }), { minLength: 1, maxLength: 12 }), (asks) => {
        const slot = `test ${run++}`;
        for (const deps of asks) {
          const key = settingsKey(slot, [...deps]);
          expect(key.length).toBe(deps.length);
          key.forEach((x, i) => expect(Object.is(x, deps[i])).toBe(true));
          // Asked again at once: the same object (what makes a per-service comparison one identity check).
          expect(settingsKey(slot, [...deps])).toBe(key);
        }
      }),
    );
  });
});
