// Version 1 → 2 (src/plan/upgrade.ts): same figures, nothing added, anything else untouched.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../model/index.ts';
import { validPlanFileV1, validPlanFileV2 } from './arbitraries.ts';
import { parsePlan } from './parse.ts';
import { applyChanges, type ScenarioChange } from './scenario.ts';
import { upgradePlanDocument, upgradeScenarioChanges } from './upgrade.ts';

const day = (v: number) => new Array<number>(24).fill(v);
const resolved = (doc: unknown) => {
  const r = parsePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
};

describe('upgradePlanDocument', () => {
  it('a version 1 file becomes version 2 with the pod request written out and nothing else added', () => {
    const v1 = {
      format: 'headroom-plan',
      version: 1,
      name: 'p',
      catalog: 'aws-us-east-1',
      services: [
        { name: 'batch', trafficRps: day(3), cpuMsPerRequest: 50, durationMs: 200, memoryMiB: 3072 },
        {
          name: 'pods',
          trafficRps: day(3),
          cpuMsPerRequest: 5,
          durationMs: 20,
          memoryMiB: 512,
          container: { memoryMiB: 8192 },
        },
      ],
    };
    const v2 = upgradePlanDocument(v1);
    expect(v2).toEqual({
      ...v1,
      version: 2,
      services: [
        { ...v1.services[0], container: { cpuMillicores: 250 } },
        { ...v1.services[1], container: { memoryMiB: 8192, cpuMillicores: 250 } },
      ],
    });
    expect(resolved(v2)).toEqual(resolved(v1));
  });

  it('every bundled example and every generated version 1 file resolves to the same plan (so the same figures)', () => {
    for (const f of ['examples/food-delivery.json', 'examples/internal-tools.json']) {
      const doc: unknown = JSON.parse(readFileSync(f, 'utf8'));
      expect(resolved(upgradePlanDocument(doc))).toEqual(resolved(doc));
      expect(evaluate(resolved(upgradePlanDocument(doc)))).toEqual(evaluate(resolved(doc)));
    }
    fc.assert(
      fc.property(validPlanFileV1, (file) => {
        expect(resolved(upgradePlanDocument(file))).toEqual(resolved(file));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves version 2 documents and anything that is not a plan as they are (the same object)', () => {
    fc.assert(
      fc.property(validPlanFileV2, (file) => {
        expect(upgradePlanDocument(file)).toBe(file);
      }),
      { numRuns: 50 },
    );
    for (const v of [
      null,
      3,
      'x',
      [],
      { format: 'other', version: 1 },
      { format: 'headroom-plan', version: 3 },
    ]) {
      expect(upgradePlanDocument(v)).toBe(v);
    }
    // A version 1 draft with problems is upgraded as far as its shape allows.
    expect(
      upgradePlanDocument({ format: 'headroom-plan', version: 1, services: [3, { container: 'x' }] }),
    ).toEqual({ format: 'headroom-plan', version: 2, services: [3, { container: 'x' }] });
  });
});

describe('upgradeScenarioChanges', () => {
  it('keeps what a scenario’s changes meant on a version 1 base', () => {
    const base = {
      format: 'headroom-plan',
      version: 1,
      name: 'b',
      catalog: 'aws-us-east-1',
      services: [
        {
          name: 'a',
          trafficRps: day(5),
          cpuMsPerRequest: 10,
          durationMs: 50,
          memoryMiB: 4096,
          container: { cpuMillicores: 900 },
        },
      ],
    };
    const changes: ScenarioChange[] = [
      { kind: 'traffic', factor: 2 },
      { kind: 'service', service: 'a', path: ['container', 'cpuMillicores'] },
      {
        kind: 'add-service',
        service: { name: 'new', trafficRps: day(1), cpuMsPerRequest: 5, durationMs: 20, memoryMiB: 8192 },
      },
    ];
    const upgraded = upgradeScenarioChanges(changes);
    expect(upgraded[0]).toBe(changes[0]);
    expect(upgraded[1]).toEqual({ ...changes[1], value: 250 });
    const pods = (doc: unknown) => resolved(doc).services.map((s) => s.container.cpuMillicores);
    expect(pods(applyChanges(base, changes).doc)).toEqual([250, 250]);
    expect(pods(applyChanges(upgradePlanDocument(base), upgraded).doc)).toEqual([250, 250]);
    // Nothing to change: the same list.
    const plain: ScenarioChange[] = [{ kind: 'traffic', factor: 1.5 }];
    expect(upgradeScenarioChanges(plain)).toBe(plain);
    // Entries that are not changes (a damaged row) stay as they are.
    const junk = [null, 3, { kind: 'service', path: 'x' }];
    expect(upgradeScenarioChanges(junk)).toBe(junk);
  });
});
