import { describe, expect, it } from 'vitest';
import { NEW_PLAN_DEFAULTS } from '../model/index.ts';
import { parsePlan } from '../plan/index.ts';
import { normalized } from './records.ts';
import {
  NO_KNOBS,
  addService,
  applyKnobs,
  clearAt,
  duplicateService,
  exportFileName,
  getAt,
  issuesByPath,
  moveService,
  newPlanDoc,
  newService,
  pathText,
  removeService,
  setAt,
  typedNumber,
  uniqueName,
} from './doc.ts';
import { History } from './history.ts';

describe('setAt / getAt', () => {
  it('replaces a nested value, copying only the path', () => {
    const doc = { a: { b: [1, 2, 3] }, c: { d: 1 } };
    const next = setAt(doc, ['a', 'b', 1], 9);
    expect(next).toEqual({ a: { b: [1, 9, 3] }, c: { d: 1 } });
    expect(doc.a.b[1]).toBe(2);
    expect(next.c).toBe(doc.c);
    expect(getAt(next, ['a', 'b', 1])).toBe(9);
  });
  it('creates missing objects and removes keys set to undefined', () => {
    expect(setAt({}, ['strategies', 'serverless', 'discount'], 0.1)).toEqual({
      strategies: { serverless: { discount: 0.1 } },
    });
    expect(setAt({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  });
  it('never reads through the prototype', () => {
    expect(getAt({}, ['constructor'])).toBeUndefined();
  });
});

describe('plan documents', () => {
  it('a new plan is a valid plan file with no services', () => {
    expect(parsePlan(newPlanDoc('Mine')).ok).toBe(true);
    expect(newPlanDoc('Mine').services).toEqual([]);
  });

  it('a new plan names the newest catalog snapshot explicitly, never the bare id (issue 13: catalog versions)', () => {
    expect(newPlanDoc('Mine').catalog).toBe('aws-us-east-1@2026-11');
  });

  it('a new plan’s file has each new-plan default written out, and keeps it once normalized for storage', () => {
    const doc = newPlanDoc('Mine');
    expect(doc.version).toBe(2);
    const stored = normalized(doc)!;
    const d = NEW_PLAN_DEFAULTS;
    for (const key of ['frontDoor', 'resilience', 'storage', 'network', 'logs', 'operations'] as const) {
      expect(doc[key], key).toEqual(d[key]);
      expect(stored[key], key).toEqual(d[key]);
    }
    for (const [strategy, settings] of Object.entries(d.strategies)) {
      expect(getAt(doc, ['strategies', strategy]), strategy).toMatchObject(settings);
      expect(getAt(stored, ['strategies', strategy]), strategy).toMatchObject(settings);
    }
  });

  it('a service added to a new plan gets version 2’s pod request: 1 vCPU per 4 GiB of its memory, at least 250', () => {
    const service = { ...newService('batch'), memoryMiB: 3072 };
    const r = parsePlan(addService(addService(newPlanDoc('P'), newService('api')), service));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.plan.services.map((s) => s.container.cpuMillicores)).toEqual([250, 750]);
  });

  it('a new service has a week-long curve, as services added from a preset have', () => {
    expect((newService('web').trafficRps as number[]).length).toBe(168);
  });

  it('adds, duplicates (unique name), moves and removes services', () => {
    let doc = addService(newPlanDoc('P'), newService('api'));
    doc = addService(doc, newService('web'));
    doc = duplicateService(doc, 1);
    const names = () => (doc.services as { name: string }[]).map((s) => s.name);
    expect(names()).toEqual(['api', 'web', 'web copy']);
    doc = moveService(doc, 2, 0);
    expect(names()).toEqual(['web copy', 'api', 'web']);
    doc = removeService(doc, 1);
    expect(names()).toEqual(['web copy', 'web']);
    expect(parsePlan(doc).ok).toBe(true);
    expect(moveService(doc, 0, 5)).toBe(doc);
  });

  it('unique names', () => {
    expect(uniqueName('a', ['b'])).toBe('a');
    expect(uniqueName('a', ['a', 'a 2'])).toBe('a 3');
    expect(uniqueName('a 2', ['a 2'])).toBe('a 3');
  });

  it('issues grouped by path, paths written like the CLI', () => {
    const m = issuesByPath([
      { path: 'services[0].name', message: 'x' },
      { path: 'services[0].name', message: 'y' },
    ]);
    expect(m.get('services[0].name')).toEqual(['x', 'y']);
    expect(pathText(['services', 2, 'trafficRps', 30])).toBe('services[2].trafficRps[30]');
  });

  it('an invalid typed value is located with the CLI wording', () => {
    const doc = setAt(
      addService(newPlanDoc('P'), newService('api')),
      ['services', 0, 'cpuMsPerRequest'],
      typedNumber('-3'),
    );
    const r = parsePlan(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('services[0].cpuMsPerRequest');
  });
});

describe('scenario knobs', () => {
  it('scale traffic, set growth, discounts and instance types', () => {
    const base = addService(newPlanDoc('P'), newService('api'));
    const out = applyKnobs(base, {
      ...NO_KNOBS,
      trafficFactor: 2,
      growthPerMonth: 0.05,
      discounts: { vmPerService: 0.3 },
      clusterNodeType: 'm6i.2xlarge',
    });
    const before = (base.services as { trafficRps: number[] }[])[0]!.trafficRps;
    const after = (out.services as { trafficRps: number[]; growthPerMonth: number }[])[0]!;
    expect(after.trafficRps[20]).toBeCloseTo(before[20]! * 2, 3);
    expect(after.growthPerMonth).toBe(0.05);
    expect(getAt(out, ['strategies', 'vmPerService', 'discount'])).toBe(0.3);
    expect(getAt(out, ['strategies', 'containerCluster', 'nodeType'])).toBe('m6i.2xlarge');
    expect(parsePlan(out).ok).toBe(true);
    expect(applyKnobs(base, NO_KNOBS)).toBe(base);
  });
});

describe('helpers', () => {
  it('export file names from the plan name and the local date', () => {
    expect(exportFileName('Food Delivery Platform!', new Date(2026, 10, 2), 'csv')).toBe(
      'food-delivery-platform-2026-11-02.csv',
    );
    expect(exportFileName('***', new Date(2026, 0, 1), 'json')).toBe('plan-2026-01-01.json');
  });
  it('typed numbers', () => {
    expect(typedNumber(' 12.5 ')).toBe(12.5);
    expect(typedNumber('1e3')).toBe(1000);
    expect(typedNumber('12abc')).toBe('12abc');
    expect(typedNumber('')).toBe('');
    expect(typedNumber('Infinity')).toBe('Infinity');
  });
});

describe('History', () => {
  it('undo and redo whole states', () => {
    const h = new History<number>();
    h.record(1, null, 0);
    h.record(2, null, 10);
    expect(h.undo(3)).toBe(2);
    expect(h.undo(2)).toBe(1);
    expect(h.undo(1)).toBeUndefined();
    expect(h.redo(1)).toBe(2);
    expect(h.canRedo).toBe(true);
    h.record(2, null, 20);
    expect(h.canRedo).toBe(false);
  });
  it('merges quick edits of the same field into one step', () => {
    const h = new History<string>({ mergeMs: 1000 });
    h.record('a', 'name', 0);
    h.record('ab', 'name', 300);
    h.record('abc', 'name', 600);
    expect(h.undo('abcd')).toBe('a');
    expect(h.canUndo).toBe(false);
    h.record('x', 'name', 5000);
    h.record('xy', 'name', 7000);
    expect(h.undo('xyz')).toBe('xy');
  });
  it('an edit that is a step of its own (no key) ends a run of merged edits', () => {
    const h = new History<string>({ mergeMs: 1000 });
    h.record('a', 'curve', 0);
    h.record('b', null, 100);
    h.record('c', 'curve', 200);
    h.record('d', 'curve', 300);
    expect(h.undo('e')).toBe('c');
    expect(h.undo('c')).toBe('b');
    expect(h.undo('b')).toBe('a');
  });

  it('is bounded', () => {
    const h = new History<number>({ limit: 3 });
    for (let i = 0; i < 10; i++) h.record(i, null, i * 5000);
    expect(h.undo(10)).toBe(9);
    expect(h.undo(9)).toBe(8);
    expect(h.undo(8)).toBe(7);
    expect(h.undo(7)).toBeUndefined();
  });
});

describe('clearAt', () => {
  const doc = {
    services: [{ name: 'a', uncertainty: { trafficRps: { low: 0.5, high: 2 }, durationMs: { low: 0.9 } } }],
  };

  it('keeps the other end of a range, and the other ranges', () => {
    expect(clearAt(doc, ['services', 0, 'uncertainty', 'trafficRps', 'low'])).toEqual({
      services: [{ name: 'a', uncertainty: { trafficRps: { high: 2 }, durationMs: { low: 0.9 } } }],
    });
  });

  it('removes a range left empty, and the service’s ranges when none is left', () => {
    const once = clearAt(doc, ['services', 0, 'uncertainty', 'durationMs', 'low']);
    expect(once).toEqual({ services: [{ name: 'a', uncertainty: { trafficRps: { low: 0.5, high: 2 } } }] });
    const low = clearAt(once, ['services', 0, 'uncertainty', 'trafficRps', 'low']);
    expect(clearAt(low, ['services', 0, 'uncertainty', 'trafficRps', 'high'])).toEqual({
      services: [{ name: 'a' }],
    });
    expect(
      clearAt({ uncertainty: { cpuMsPerRequest: { high: 1.5 } } }, [
        'uncertainty',
        'cpuMsPerRequest',
        'high',
      ]),
    ).toEqual({});
  });

  it('elsewhere is setAt(…, undefined)', () => {
    const other = { services: [{ name: 'a', container: { cpuMillicores: 250 } }] };
    const path = ['services', 0, 'container', 'cpuMillicores'];
    expect(clearAt(other, path)).toEqual(setAt(other, path, undefined));
  });
});
