import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validPlanFile } from './arbitraries.ts';
import { parsePlan, parsePlanText, planToFile, type ParseResult } from './index.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';

function expectWellFormed(r: ParseResult): void {
  if (r.ok) return;
  expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(i.path.length).toBeGreaterThan(0);
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.message).not.toMatch(/internal error|Invalid input|expected .* received/);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** Replace, delete or add a value somewhere in the document (a path chosen by the random numbers). */
function mutateAt(doc: Json, picks: number[], action: number, value: Json, key: string): Json {
  const root = structuredClone(doc);
  let cur: Json = root;
  for (const pick of picks) {
    if (Array.isArray(cur) && cur.length > 0) {
      const next: Json = cur[pick % cur.length]!;
      if (typeof next !== 'object' || next === null || pick % 3 === 0) {
        if (action === 0) cur[pick % cur.length] = value;
        else if (action === 1) cur.splice(pick % cur.length, 1);
        else cur.push(value);
        return root;
      }
      cur = next;
    } else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) {
      const keys = Object.keys(cur);
      if (keys.length === 0) break;
      const k = keys[pick % keys.length]!;
      const next: Json = cur[k]!;
      if (typeof next !== 'object' || next === null || pick % 3 === 0) {
        if (action === 0) cur[k] = value;
        else if (action === 1) delete cur[k];
        else cur[key] = value;
        return root;
      }
      cur = next;
    } else break;
  }
  return root;
}

// Generous time limit: thousands of runs on a busy 2-core CI machine.
describe('parsePlan properties', CPU_BOUND, () => {
  it('every generated valid plan parses and round-trips (parse → file → parse gives the same plan)', () => {
    fc.assert(
      fc.property(validPlanFile, (file) => {
        const r = parsePlan(file);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const viaFile = parsePlan(JSON.parse(JSON.stringify(r.file)));
        expect(viaFile.ok && viaFile.plan).toEqual(r.plan);
        const viaPlan = parsePlan(JSON.parse(JSON.stringify(planToFile(r.plan))));
        expect(viaPlan.ok && viaPlan.plan).toEqual(r.plan);
      }),
      { numRuns: 300 },
    );
  });

  it('thousands of mutated valid plans never throw: either ok or located problems', () => {
    fc.assert(
      fc.property(
        validPlanFile,
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom('__proto__', 'constructor', 'extra', 'name', 'toString', 'memoryMiB'),
        (file, picks, action, value, key) => {
          const mutated = mutateAt(file as unknown as Json, picks, action, value as Json, key);
          const text = JSON.stringify(mutated);
          const r = parsePlanText(text);
          expectWellFormed(r);
          expect(({} as Record<string, unknown>).extra).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random JSON and random text never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) =>
            JSON.stringify({
              format: 'headroom-plan',
              version: 1,
              ...(typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { v }),
            }),
          ),
        ),
        (text) => {
          const r = parsePlanText(text);
          expectWellFormed(r);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random JS values (not only JSON) never throw', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withNullPrototype: true,
          withSparseArray: true,
        }),
        (v) => {
          expectWellFormed(parsePlan(v));
          expectWellFormed(
            parsePlan({
              format: 'headroom-plan',
              version: 1,
              name: 'x',
              catalog: 'aws-us-east-1',
              services: [v],
            }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
