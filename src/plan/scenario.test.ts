// A scenario is its base plus recorded changes: applying them, reading them back from an edit, saying them in words,
// and following the base when it changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validPlanFile } from './arbitraries.ts';
import { PLAN_FIELDS, type FieldDecl } from './fields.ts';
import {
  applyChanges,
  changesFromEdit,
  changesIssues,
  describeChange,
  withKnobs,
  type ScenarioChange,
} from './scenario.ts';

type Obj = Record<string, unknown>;

const svc = (name: string, extra: Obj = {}): Obj => ({
  name,
  trafficRps: Array.from({ length: 24 }, (_, h) => (h === 12 ? 100 : 10)),
  growthPerMonth: 0,
  cpuMsPerRequest: 20,
  durationMs: 60,
  memoryMiB: 512,
  container: { cpuMillicores: 250, memoryMiB: 512 },
  ...extra,
});

const base = (): Obj => ({
  format: 'headroom-plan',
  version: 1,
  name: 'Shop',
  catalog: 'aws-us-east-1',
  services: [svc('checkout'), svc('search'), svc('images')],
  strategies: { vmPerService: { discount: 0, scaling: 'static' } },
});

const texts = (changes: readonly ScenarioChange[]) => changes.map(describeChange);

describe('applyChanges', () => {
  it('applies knobs, settings and overrides, and names the result after the scenario', () => {
    const changes: ScenarioChange[] = [
      { kind: 'traffic', factor: 1.5 },
      { kind: 'setting', path: ['strategies', 'vmPerService', 'discount'], value: 0.3 },
      { kind: 'service', service: 'checkout', path: ['memoryMiB'], value: 2048 },
    ];
    const { doc, outcomes } = applyChanges(base(), changes, 'Shop — what-if');
    expect(doc.name).toBe('Shop — what-if');
    const services = doc.services as Obj[];
    expect((services[1]!.trafficRps as number[])[12]).toBe(150);
    expect(services[0]!.memoryMiB).toBe(2048);
    expect((doc.strategies as { vmPerService: Obj }).vmPerService).toEqual({
      discount: 0.3,
      scaling: 'static',
    });
    expect(outcomes.map((o) => [o.text, o.notApplied])).toEqual([
      ['traffic ×1.5', null],
      ['VM discount 30%', null],
      ['checkout: memory 2048 MiB', null],
    ]);
  });

  it('names every strategy of the registry in its words, Fargate too', () => {
    const changes: ScenarioChange[] = [
      { kind: 'setting', path: ['strategies', 'serverlessContainers', 'discount'], value: 0.2 },
      { kind: 'setting', path: ['strategies', 'containerCluster', 'discount'], value: 0.1 },
    ];
    expect(applyChanges(base(), changes).outcomes.map((o) => o.text)).toEqual([
      'Fargate discount 20%',
      'cluster discount 10%',
    ]);
  });

  it('leaves the base untouched', () => {
    const b = base();
    const before = JSON.stringify(b);
    applyChanges(b, [
      { kind: 'traffic', factor: 2 },
      { kind: 'service', service: 'search', path: ['container', 'memoryMiB'], value: 1024 },
      { kind: 'remove-service', service: 'images' },
    ]);
    expect(JSON.stringify(b)).toBe(before);
  });

  it('reports a change whose service was renamed or removed in the base, and keeps it', () => {
    const changes: ScenarioChange[] = [
      { kind: 'service', service: 'checkout', path: ['memoryMiB'], value: 2048 },
      { kind: 'add-service', service: svc('search') },
    ];
    const renamed = { ...base(), services: [svc('pay'), svc('search')] };
    const { doc, outcomes } = applyChanges(renamed, changes);
    expect((doc.services as Obj[]).map((s) => s.memoryMiB)).toEqual([512, 512]);
    expect(outcomes.map((o) => o.notApplied)).toEqual([
      '“checkout” is no longer in the base plan',
      'the base plan now has a service named “search”',
    ]);
    // Kept through an edit of the scenario, so it applies again if the service comes back.
    const kept = changesFromEdit(renamed, changes, doc);
    expect(kept).toContainEqual(changes[0]);
  });
});

describe('changesFromEdit', () => {
  it('records edits as overrides in words, and an edit back to the base removes them', () => {
    const b = base();
    const edited = structuredClone(b);
    (edited.services as Obj[])[0]!.memoryMiB = 2048;
    ((edited.services as Obj[])[1]!.container as Obj).cpuMillicores = 500;
    (edited.strategies as { vmPerService: Obj }).vmPerService.scaling = 'hourly';
    const changes = changesFromEdit(b, [], edited);
    expect(texts(changes)).toEqual([
      'VM scaling hourly',
      'checkout: memory 2048 MiB',
      'search: pod CPU 500 mCPU',
    ]);
    expect(changesFromEdit(b, changes, b)).toEqual([]);
  });

  it('keeps the knobs and records only what differs from the base with them applied', () => {
    const b = base();
    const knobs: ScenarioChange[] = [{ kind: 'traffic', factor: 1.5 }];
    const resolved = applyChanges(b, knobs).doc;
    expect(changesFromEdit(b, knobs, resolved)).toEqual(knobs);
  });

  it('records a rename, an added and a left-out service', () => {
    const b = base();
    const edited = { ...b, services: [{ ...svc('checkout'), name: 'pay' }, svc('search'), svc('ads')] };
    const changes = changesFromEdit(b, [], edited);
    expect(texts(changes)).toEqual(['“checkout” renamed to “pay”', '“images” renamed to “ads”']);
    const fewer = { ...b, services: [svc('search'), svc('images'), svc('ads')] };
    expect(texts(changesFromEdit(b, [], fewer))).toEqual([
      'leaves out the service “checkout”',
      'adds the service “ads”',
    ]);
  });

  it('says what a draft typed, as typed', () => {
    const b = base();
    const edited = structuredClone(b);
    (edited.services as Obj[])[2]!.memoryMiB = 'lots';
    expect(texts(changesFromEdit(b, [], edited))).toEqual(['images: memory “lots”']);
  });
});

describe('the version 2 components in a scenario (issue 10)', () => {
  const v2 = (): Obj => ({
    ...base(),
    version: 2,
    resilience: { zones: 2, surviveZoneLoss: false },
    frontDoor: { kind: 'alb', perService: false },
    operations: { hourlyRate: 100, hoursPerMonth: { sharedHost: 10, vmPerService: 5 } },
  });

  it('records a component’s field, not the whole component, and follows the base’s other fields', () => {
    const b = v2();
    const edited = structuredClone(b);
    (edited.resilience as Obj).zones = 3;
    ((edited.operations as Obj).hoursPerMonth as Obj).sharedHost = 20;
    const changes = changesFromEdit(b, [], edited);
    expect(changes).toEqual([
      { kind: 'setting', path: ['resilience', 'zones'], value: 3 },
      { kind: 'setting', path: ['operations', 'hoursPerMonth', 'sharedHost'], value: 20 },
    ]);
    expect(texts(changes)).toEqual(['availability zones 3', 'shared hosts 20 person-hours a month']);
    // The base turns on zone-loss survival: the scenario follows it and keeps its own zones.
    const next = { ...b, resilience: { zones: 2, surviveZoneLoss: true } };
    expect(applyChanges(next, changes).doc.resilience).toEqual({ zones: 3, surviveZoneLoss: true });
  });

  it('words every declared plan setting from its declaration, never as a raw field name', () => {
    const sample = (f: FieldDecl): unknown =>
      f.kind === 'boolean'
        ? true
        : f.kind === 'choice'
          ? f.options.at(-1)!.value
          : f.kind === 'number' || f.kind === 'percent'
            ? f.range.max
            : 'x';
    const keys = (Object.entries(PLAN_FIELDS) as [string, FieldDecl][]).filter(
      ([key, f]) => key.includes('.') && !key.startsWith('services[]') && f.kind !== 'shape',
    );
    expect(keys.length).toBeGreaterThan(30);
    for (const [key, f] of keys) {
      const path = key.split('.');
      const field = path.at(-1)!;
      for (const c of [
        { kind: 'setting', path, value: sample(f) },
        { kind: 'setting', path },
      ] satisfies ScenarioChange[]) {
        const text = describeChange(c);
        expect(text, key).not.toContain(key);
        // A camel-case name (`rootVolumeGiB`, `scaleAheadHours`) is the file's, not a person's, word.
        if (/[a-z][A-Z]/.test(field)) expect(text, key).not.toContain(field);
      }
    }
  });
});

describe('withKnobs', () => {
  it('replaces a knob rather than stacking it, and drops a setting equal to the base', () => {
    const b = base();
    let changes = withKnobs(b, [], { trafficFactor: 1.5 });
    changes = withKnobs(b, changes, { trafficFactor: 2, growthPerMonth: 0.05 });
    changes = withKnobs(b, changes, {
      settings: [
        { path: ['strategies', 'vmPerService', 'discount'], value: 0.3 },
        { path: ['strategies', 'vmPerService', 'scaling'], value: 'static' },
      ],
    });
    expect(texts(changes)).toEqual(['traffic ×2', 'growth 5% a month, every service', 'VM discount 30%']);
    expect(withKnobs(b, changes, { trafficFactor: null, growthPerMonth: null })).toEqual([changes[2]]);
  });
});

describe('changesIssues', () => {
  it('accepts what the functions above produce and locates each problem', () => {
    expect(
      changesIssues([
        { kind: 'traffic', factor: 1.5 },
        { kind: 'remove-service', service: 'x' },
      ]),
    ).toEqual([]);
    expect(
      changesIssues([
        { kind: 'traffic', factor: -1 },
        { kind: 'nope' },
        { kind: 'service', path: [], extra: 1 },
      ]),
    ).toEqual([
      { path: 'changes[0].factor', message: 'must be a number >= 0 and <= 1000' },
      { path: 'changes[1].kind', message: expect.stringMatching(/^must be one of "traffic"/) },
      { path: 'changes[2].extra', message: 'is not a field of this change' },
      { path: 'changes[2].path', message: 'must be a list of 1 to 4 field names' },
      { path: 'changes[2].service', message: 'must be a service name' },
    ]);
    expect(changesIssues('x')).toEqual([{ path: 'changes', message: 'must be a list of changes' }]);
  });
});

// ---------- properties ----------

/** Random edits a person can make to a plan in the editor, applied to `doc`. */
const edit = fc.oneof(
  fc.record({
    op: fc.constant('field'),
    i: fc.nat(),
    field: fc.constantFrom('memoryMiB', 'cpuMsPerRequest', 'durationMs'),
    v: fc.integer({ min: 1, max: 4000 }),
  }),
  fc.record({ op: fc.constant('curve'), i: fc.nat(), h: fc.nat(23), v: fc.integer({ min: 0, max: 900 }) }),
  fc.record({ op: fc.constant('pod'), i: fc.nat(), v: fc.integer({ min: 1, max: 4000 }) }),
  fc.record({ op: fc.constant('rename'), i: fc.nat(), v: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('remove'), i: fc.nat() }),
  fc.record({ op: fc.constant('add'), v: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('discount'), v: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
  fc.record({ op: fc.constant('hours'), v: fc.integer({ min: 1, max: 8928 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(doc: Obj, e: Edit): Obj {
  const out = structuredClone(doc);
  const services = (out.services as Obj[]) ?? [];
  const names = new Set(services.map((s) => s.name));
  const at = 'i' in e && services.length > 0 ? e.i % services.length : -1;
  const s = services[at];
  switch (e.op) {
    case 'field':
      if (s) s[e.field] = e.v;
      break;
    case 'curve':
      if (s && Array.isArray(s.trafficRps)) (s.trafficRps as number[])[e.h % s.trafficRps.length] = e.v;
      break;
    case 'pod':
      if (s) s.container = { ...(s.container as Obj), memoryMiB: e.v };
      break;
    case 'rename':
      if (s && !names.has(e.v)) s.name = e.v;
      break;
    case 'remove':
      if (s) services.splice(at, 1);
      break;
    case 'add':
      if (!names.has(e.v)) services.push(svc(e.v));
      break;
    case 'discount':
      out.strategies = { ...(out.strategies as Obj), sharedHost: { discount: e.v } };
      break;
    case 'hours':
      out.hoursPerMonth = e.v;
      break;
  }
  return out;
}

/** Services follow the base's order (moving one is not a change): compare documents with services sorted. */
const byNameOrder = (d: Obj): Obj => ({
  ...d,
  services: [...((d.services as Obj[]) ?? [])].sort((a, b) => String(a.name).localeCompare(String(b.name))),
});

const plan = validPlanFile as fc.Arbitrary<Obj>;
const knobs = fc.record({
  trafficFactor: fc.option(fc.constantFrom(0.5, 1.5, 2), { nil: null }),
  growthPerMonth: fc.option(fc.constantFrom(0, 0.05), { nil: null }),
});

describe('properties', () => {
  it('the recorded changes applied to the base give back the edited document', () => {
    fc.assert(
      fc.property(plan, knobs, fc.array(edit, { maxLength: 8 }), (b, k, edits) => {
        const start = withKnobs(b, [], k);
        let doc = applyChanges(b, start, String(b.name)).doc;
        let changes = start;
        for (const e of edits) {
          doc = applyEdit(doc, e);
          changes = changesFromEdit(b, changes, doc);
          expect(changesIssues(JSON.parse(JSON.stringify(changes)))).toEqual([]);
          expect(byNameOrder(applyChanges(b, changes, String(doc.name)).doc)).toEqual(byNameOrder(doc));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('after the base changes, the scenario has the new base wherever it did not change it', () => {
    const fieldEdit = edit.filter(
      (e) => e.op === 'field' || e.op === 'curve' || e.op === 'pod' || e.op === 'hours',
    );
    fc.assert(
      fc.property(
        plan,
        fc.array(edit, { maxLength: 5 }),
        fc.array(fieldEdit, { maxLength: 5 }),
        (b, mine, theirs) => {
          let doc = applyChanges(b, [], String(b.name)).doc;
          for (const e of mine) doc = applyEdit(doc, e);
          const changes = changesFromEdit(b, [], doc);
          let next = b;
          for (const e of theirs) next = applyEdit(next, e);
          const { doc: followed } = applyChanges(next, changes, String(doc.name));
          const byName = (d: Obj) => new Map(((d.services as Obj[]) ?? []).map((s) => [s.name, s]));
          const [was, mineBy, nextBy, out] = [byName(b), byName(doc), byName(next), byName(followed)];
          for (const [name, s] of out) {
            const [w, m, n] = [was.get(name), mineBy.get(name), nextBy.get(name)];
            if (!w || !m || !n) continue;
            for (const f of ['memoryMiB', 'cpuMsPerRequest', 'durationMs', 'trafficRps', 'container']) {
              // A field the scenario left as the base had it follows the base; one it changed keeps its value.
              expect(s[f]).toEqual(JSON.stringify(m[f]) === JSON.stringify(w[f]) ? n[f] : m[f]);
            }
          }
          expect(followed.hoursPerMonth).toEqual(
            doc.hoursPerMonth === b.hoursPerMonth ? next.hoursPerMonth : doc.hoursPerMonth,
          );
          const again = changesFromEdit(next, changes, followed);
          // Re-applying is stable: the changes read back give the same document (services in any order).
          expect(byNameOrder(applyChanges(next, again, String(doc.name)).doc)).toEqual(byNameOrder(followed));
        },
      ),
      { numRuns: 150 },
    );
  });
});
