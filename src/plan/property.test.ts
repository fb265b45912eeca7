import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, parsePlanText, planToFile, type ParseResult } from './index.ts';

// `+ 0` turns -0 into 0: JSON writes -0 as 0, so a -0 cannot survive a trip through a file.
const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
const curve = (max: number) =>
  fc.oneof(
    fc.array(finite(0, max), { minLength: 24, maxLength: 24 }),
    fc.array(finite(0, max), { minLength: 168, maxLength: 168 }),
  );

const service = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 20 }),
    trafficRps: curve(500),
    growthPerMonth: finite(-0.99, 10),
    cpuMsPerRequest: finite(0, 200),
    durationMs: finite(0.5, 5000),
    memoryMiB: finite(1, 4000),
    minInstances: fc.integer({ min: 0, max: 10 }),
    stateful: fc.boolean(),
    vmInstanceType: fc.constantFrom('t3.medium', 'm6i.2xlarge', 'r6i.large', null),
    container: fc.record(
      { cpuMillicores: finite(1, 2000), memoryMiB: finite(1, 4096) },
      { requiredKeys: [] },
    ),
    serverless: fc.record(
      {
        memoryMiB: fc.integer({ min: 128, max: 10_240 }),
        architecture: fc.constantFrom('x86_64', 'arm64'),
        ephemeralStorageMiB: fc.integer({ min: 512, max: 10_240 }),
        provisionedConcurrency: fc.oneof(finite(0, 50), curve(50)),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['name', 'trafficRps', 'cpuMsPerRequest', 'durationMs', 'memoryMiB'] },
);

/** Valid plan files: values inside every range; memory small enough to fit the default hosts. */
export const validPlanFile = fc.record(
  {
    format: fc.constant('headroom-plan'),
    version: fc.constant(1),
    name: fc.string({ minLength: 1, maxLength: 30 }),
    hoursPerMonth: finite(1, 8928),
    catalog: fc.constant('aws-us-east-1'),
    services: fc.uniqueArray(service, { maxLength: 5, selector: (s) => s.name }),
    strategies: fc.record(
      {
        sharedHost: fc.record(
          {
            targetUtilization: finite(0.05, 1),
            minHosts: fc.integer({ min: 1, max: 5 }),
            discount: finite(0, 0.9),
          },
          { requiredKeys: [] },
        ),
        vmPerService: fc.record(
          {
            instanceType: fc.constantFrom('auto', 'r6i.2xlarge'),
            scaling: fc.constantFrom('static', 'hourly'),
            discount: finite(0, 0.9),
          },
          { requiredKeys: [] },
        ),
        containerCluster: fc.record(
          {
            nodeType: fc.constantFrom('m6i.xlarge', 'm6i.4xlarge'),
            reservation: fc.constantFrom('eks', 'gke', 'aks', 'none'),
            overprovisioning: finite(0, 10),
            scaling: fc.constantFrom('static', 'hourly'),
          },
          { requiredKeys: [] },
        ),
        serverless: fc.record(
          { freeTier: fc.boolean(), apiGateway: fc.constantFrom('none', 'http', 'rest') },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['format', 'version', 'name', 'catalog', 'services'] },
);

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

describe('parsePlan properties', () => {
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
