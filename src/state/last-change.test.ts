import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, type Report } from '../model/index.ts';
import { testPlan, testService } from '../model/testing.ts';
import { addService, newPlanDoc, newService, removeService, setAt, type Doc } from './doc.ts';
import { editPlace, LastChange } from './last-change.svelte.ts';

const plan = (): Doc =>
  addService(addService(newPlanDoc('p'), newService('api')), { ...newService('db'), stateful: true });

const sampleReport = (): Report => evaluate(testPlan(awsUsEast1, [testService({ name: 'api' })]));

/** The sample report with one strategy's monthly cost replaced. */
function withCost(base: Report, id: Report['strategies'][number]['id'], cost: number): Report {
  return { ...base, strategies: base.strategies.map((s) => (s.id === id ? { ...s, monthlyCost: cost } : s)) };
}

describe('editPlace: where a document changed', () => {
  it('names the one field edited, down to an hour of a curve', () => {
    const a = plan();
    expect(editPlace(a, setAt(a, ['services', 1, 'cpuMsPerRequest'], 45))).toEqual({
      path: ['services', 1, 'cpuMsPerRequest'],
      kind: 'changed',
      count: 1,
      index: 0,
    });
    expect(editPlace(a, setAt(a, ['services', 0, 'trafficRps', 17], 3))?.path).toEqual([
      'services',
      0,
      'trafficRps',
      17,
    ]);
  });

  it('stops where several parts changed, and tells an added or removed service by its index', () => {
    const a = plan();
    const two = setAt(setAt(a, ['services', 0, 'memoryMiB'], 1024), ['services', 1, 'memoryMiB'], 1024);
    expect(editPlace(a, two)).toMatchObject({ path: ['services'], kind: 'changed', count: 2 });
    const added = addService(a, newService('search'));
    expect(editPlace(a, added)).toEqual({ path: ['services'], kind: 'added', count: 1, index: 2 });
    expect(editPlace(a, removeService(a, 0))).toEqual({
      path: ['services'],
      kind: 'removed',
      count: 1,
      index: 0,
    });
  });

  it('finds no change between equal documents, shared or copied', () => {
    const a = plan();
    expect(editPlace(a, a)).toBeNull();
    expect(editPlace(a, structuredClone(a))).toBeNull();
    // A value set back to what it was (an edit, then its opposite) is no change either.
    const back = setAt(setAt(a, ['hoursPerMonth'], 700), ['hoursPerMonth'], a.hoursPerMonth);
    expect(editPlace(a, back)).toBeNull();
  });
});

describe('LastChange: the effect of the last edit on the costs', () => {
  it('compares each new report with the one shown before it, and says where the plan changed', () => {
    const last = new LastChange();
    const doc = plan();
    const r1 = sampleReport();
    last.observe('p1', r1, doc);
    expect(last.last).toBeNull();
    const edited = setAt(doc, ['services', 0, 'cpuMsPerRequest'], 40);
    const r2 = withCost(r1, 'container-cluster', r1.strategies[2]!.monthlyCost + 34.2);
    last.observe('p1', r2, edited);
    expect(last.last?.change.largest).toBe('container-cluster');
    expect(last.last?.change.strategies[2]!.delta).toBe(34.2);
    expect(last.last?.place?.path).toEqual(['services', 0, 'cpuMsPerRequest']);
    expect(last.last?.seq).toBe(1);
  });

  it('waits for the report of an edit (worker, or a draft with problems) and measures from the last report shown', () => {
    const last = new LastChange();
    const doc = plan();
    const r1 = sampleReport();
    last.observe('p1', r1, doc);
    // An invalid value: the document changes, the report on screen stays the last valid one.
    const invalid = setAt(doc, ['services', 1, 'memoryMiB'], -5);
    last.observe('p1', r1, invalid);
    expect(last.last).toBeNull();
    // Fixed with another value: the change is measured against the report before the invalid edit.
    const fixed = setAt(doc, ['services', 1, 'memoryMiB'], 4096);
    const r2 = withCost(r1, 'shared-host', r1.strategies[0]!.monthlyCost - 10);
    last.observe('p1', r2, fixed);
    expect(last.last?.before).toBe(doc);
    expect(last.last?.after).toBe(fixed);
    expect(last.last?.place?.path).toEqual(['services', 1, 'memoryMiB']);
    expect(last.last?.change.strategies[0]!.delta).toBe(-10);
  });

  it('starts over when another plan is opened: its first report is not an edit', () => {
    const last = new LastChange();
    const r1 = sampleReport();
    last.observe('p1', r1, plan());
    last.observe('p1', withCost(r1, 'serverless', 1), setAt(plan(), ['name'], 'q'));
    expect(last.last).not.toBeNull();
    last.observe('p2', null, plan());
    expect(last.last).toBeNull();
    last.observe('p2', sampleReport(), plan());
    expect(last.last).toBeNull();
  });
});
