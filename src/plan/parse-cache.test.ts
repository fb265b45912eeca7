// The parse cache (createPlanParser) against the reference (parsePlan): after any sequence of edits made as the app
// makes them (the objects along the edited path are copied, every other object is shared), valid or not, the two
// give equal results.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';
import { validPlanFile } from './arbitraries.ts';
import { createPlanParser } from './parse-cache.ts';
import { parsePlan } from './parse.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

type Doc = Record<string, unknown>;
type Edit = (doc: Doc) => Doc;

const servicesOf = (doc: Doc): Doc[] => (Array.isArray(doc.services) ? (doc.services as Doc[]) : []);

/** A copy of the document with services[at] replaced by `change` of it (nothing else copied). */
const onService =
  (at: number, change: (s: Doc, all: Doc[]) => Doc): Edit =>
  (doc) => {
    const list = servicesOf(doc);
    if (list.length === 0) return doc;
    const i = at % list.length;
    return { ...doc, services: list.map((s, j) => (j === i ? change(s, list) : s)) };
  };

/** A value for a service field: mostly valid, sometimes not (so both paths are taken). */
const fieldValue = fc.oneof(
  fc.record({
    key: fc.constant('cpuMsPerRequest'),
    value: fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constant(-1)),
  }),
  fc.record({
    key: fc.constant('durationMs'),
    value: fc.oneof(fc.double({ min: 1, max: 5000, noNaN: true }), fc.constant(0)),
  }),
  fc.record({
    key: fc.constant('memoryMiB'),
    value: fc.oneof(fc.integer({ min: 64, max: 4000 }), fc.constant('512')),
  }),
  fc.record({
    key: fc.constant('minInstances'),
    value: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(1.5)),
  }),
  fc.record({ key: fc.constant('stateful'), value: fc.boolean() }),
  fc.record({
    key: fc.constant('vmInstanceType'),
    value: fc.constantFrom(null, 'm6i.2xlarge', 'no-such-type', undefined),
  }),
  fc.record({
    key: fc.constant('trafficRps'),
    value: fc.oneof(
      fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 24, maxLength: 24 }),
      fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 23, maxLength: 23 }),
    ),
  }),
  fc.record({ key: fc.constant('unknownField'), value: fc.constantFrom(1, undefined) }),
  // Version 2 only: a located problem in a version 1 document.
  fc.record({
    key: fc.constant('serverless'),
    value: fc.constantFrom({ memoryMiB: 'auto' }, { memoryMiB: 1024 }, undefined),
  }),
  fc.record({
    key: fc.constant('container'),
    value: fc.constantFrom({ memoryMiB: 8192 }, { cpuMillicores: 300 }, undefined),
  }),
);

const setField = (s: Doc, key: string, value: unknown): Doc => {
  const next = { ...s };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
};

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.nat(), fieldValue)
      .map(([at, { key, value }]) => onService(at, (s) => setField(s, key, value))),
  },
  {
    weight: 1,
    // A name taken from another service (a duplicate) or a fresh one.
    arbitrary: fc
      .tuple(fc.nat(), fc.nat(), fc.boolean())
      .map(([at, other, dup]) =>
        onService(at, (s, all) => ({ ...s, name: dup ? all[other % all.length]!.name : `fresh ${other}` })),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.nat().map((at): Edit => (doc) => ({
      ...doc,
      services: servicesOf(doc).filter((_, i) => i !== at % Math.max(1, servicesOf(doc).length)),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([from, to]): Edit => (doc) => {
      const list = servicesOf(doc).slice();
      if (list.length === 0) return doc;
      const [moved] = list.splice(from % list.length, 1);
      list.splice(to % list.length, 0, moved!);
      return { ...doc, services: list };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.nat().map((n): Edit => (doc) => ({
      ...doc,
      services: [
        ...servicesOf(doc),
        {
          name: `added ${n}`,
          trafficRps: new Array<number>(24).fill(n % 50),
          cpuMsPerRequest: 5,
          durationMs: 40,
          memoryMiB: 256,
        },
      ],
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.record({ key: fc.constant('name'), value: fc.constantFrom('Renamed', '') }),
        fc.record({ key: fc.constant('hoursPerMonth'), value: fc.constantFrom(730, 720, -1) }),
        fc.record({ key: fc.constant('catalog'), value: fc.constantFrom('aws-us-east-1', 'nowhere') }),
        fc.record({
          key: fc.constant('strategies'),
          value: fc.constantFrom(
            {},
            { vmPerService: { instanceType: 'm6i.xlarge' } },
            { sharedHost: { minHosts: 3, discount: 0.2 } },
            { containerCluster: { nodeType: 'no-such-node' } },
          ),
        }),
        fc.record({ key: fc.constant('format'), value: fc.constantFrom('headroom-plan', 'other') }),
        // The same services under another version mean something else (pod request default, allowed fields).
        fc.record({ key: fc.constant('version'), value: fc.constantFrom(1, 2, 3) }),
      )
      .map(({ key, value }): Edit => (doc) => ({ ...doc, [key]: value })),
  },
  // The same document again, and a shallow copy of it (same parts, new object).
  { weight: 1, arbitrary: fc.constant<Edit>((doc) => doc) },
  { weight: 1, arbitrary: fc.constant<Edit>((doc) => ({ ...doc })) },
);

describe('createPlanParser', CPU_BOUND, () => {
  it('gives the same result as parsePlan after any sequence of edits, valid or not', () => {
    fc.assert(
      fc.property(validPlanFile, fc.array(editArb, { minLength: 1, maxLength: 15 }), (file, edits) => {
        const parser = createPlanParser();
        let doc = file as Doc;
        expect(parser.parse(doc)).toEqual(parsePlan(doc));
        for (const edit of edits) {
          doc = edit(doc);
          expect(parser.parse(doc)).toEqual(parsePlan(doc));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps the Service object of every service an edit did not touch', () => {
    const parser = createPlanParser();
    const service = (name: string) => ({
      name,
      trafficRps: new Array<number>(24).fill(5),
      cpuMsPerRequest: 5,
      durationMs: 40,
      memoryMiB: 256,
    });
    const a: Doc = {
      format: 'headroom-plan',
      version: 1,
      name: 'P',
      catalog: 'aws-us-east-1',
      services: [service('a'), service('b'), service('c')],
    };
    const b: Doc = { ...a, services: servicesOf(a).map((s, i) => (i === 1 ? { ...s, durationMs: 41 } : s)) };
    const ra = parser.parse(a);
    const rb = parser.parse(b);
    if (!ra.ok || !rb.ok) throw new Error('both documents are valid');
    expect(rb.plan.services[0]).toBe(ra.plan.services[0]);
    expect(rb.plan.services[2]).toBe(ra.plan.services[2]);
    expect(rb.plan.services[1]).not.toBe(ra.plan.services[1]);
    expect(rb.plan.services[1]!.durationMs).toBe(41);
    // The rest of the plan (its catalog and settings) is the same object too while it does not change.
    expect(rb.plan.strategies).toBe(ra.plan.strategies);
    expect(rb.plan.catalog).toBe(ra.plan.catalog);
    expect(rb).toEqual(parsePlan(b));
  });

  it('never reuses a service’s defaults under another version: the same object gets the pod request of each', () => {
    const parser = createPlanParser();
    const batch = {
      name: 'batch',
      trafficRps: new Array<number>(24).fill(5),
      cpuMsPerRequest: 5,
      durationMs: 40,
      memoryMiB: 3072,
    };
    const v1: Doc = {
      format: 'headroom-plan',
      version: 1,
      name: 'P',
      catalog: 'aws-us-east-1',
      services: [batch],
    };
    const v2: Doc = { ...v1, version: 2 };
    const pod = (doc: Doc) => {
      const r = parser.parse(doc);
      if (!r.ok) throw new Error('valid');
      expect(r).toEqual(parsePlan(doc));
      return r.plan.services[0]!.container.cpuMillicores;
    };
    expect(pod(v1)).toBe(250);
    expect(pod(v2)).toBe(750);
    expect(pod(v1)).toBe(250);
    // A version-2-only value in the same object: accepted under version 2, a problem under version 1.
    const auto = { ...batch, serverless: { memoryMiB: 'auto' } };
    expect(parser.parse({ ...v2, services: [auto] }).ok).toBe(true);
    expect(parser.parse({ ...v1, services: [auto] })).toEqual(parsePlan({ ...v1, services: [auto] }));
    expect(parser.parse({ ...v1, services: [auto] }).ok).toBe(false);
  });
});
