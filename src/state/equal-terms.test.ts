import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../model/index.ts';
import { flat } from '../model/testing.ts';
import { parsePlan } from '../plan/index.ts';
import { normalized } from './records.ts';
import { getAt, setAt, type Doc } from './doc.ts';
import { equalScaling, scalingNotice } from './equal-terms.ts';

/**
 * A normalized plan document with VM per service and containers on the given scaling, and Fargate (the third elastic
 * strategy) on `fargate`, by default the containers' own.
 */
function docWith(vm: [string, number], containers: [string, number], fargate = containers): Doc {
  let doc = normalized({
    format: 'headroom-plan',
    version: 1,
    name: 'terms',
    catalog: 'aws-us-east-1',
    services: [{ name: 'api', trafficRps: flat(50), cpuMsPerRequest: 20, durationMs: 60, memoryMiB: 512 }],
  })!;
  doc = setAt(doc, ['strategies', 'vmPerService', 'scaling'], vm[0]);
  doc = setAt(doc, ['strategies', 'vmPerService', 'scaleAheadHours'], vm[1]);
  doc = setAt(doc, ['strategies', 'containerCluster', 'scaling'], containers[0]);
  doc = setAt(doc, ['strategies', 'containerCluster', 'scaleAheadHours'], containers[1]);
  doc = setAt(doc, ['strategies', 'serverlessContainers', 'scaling'], fargate[0]);
  doc = setAt(doc, ['strategies', 'serverlessContainers', 'scaleAheadHours'], fargate[1]);
  return doc;
}

function reportOf(doc: Doc): Report {
  const r = parsePlan(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return evaluate(r.plan);
}

describe('scaling notice (issue 10 §5)', () => {
  it('says nothing when both elastic strategies scale hourly with the same scale-ahead', () => {
    expect(scalingNotice(reportOf(docWith(['hourly', 1], ['hourly', 1])))).toBeNull();
    expect(scalingNotice(reportOf(docWith(['hourly', 0], ['hourly', 0])))).toBeNull();
  });

  it('says so when VMs are static and containers hourly (the v1 defaults), and offers hourly for all the elastic ones', () => {
    const n = scalingNotice(reportOf(docWith(['static', 0], ['hourly', 0])));
    expect(n).not.toBeNull();
    expect(n!.text).toContain('VM per service: Static (peak all month)');
    expect(n!.text).toContain('Containers: Hourly, no scale-ahead');
    // Containers are already hourly: the fix keeps their scale-ahead and changes only VM per service.
    expect(n!.aheadHours).toBe(0);
    expect(n!.action).toBe('Scale all 3 hourly, no scale-ahead');
  });

  it('keeps the scale-ahead of the one already hourly, the larger when both are', () => {
    const a = scalingNotice(reportOf(docWith(['static', 0], ['hourly', 2])))!;
    expect(a.aheadHours).toBe(2);
    expect(a.action).toBe('Scale all 3 hourly, 2 h ahead');
    const b = scalingNotice(reportOf(docWith(['hourly', 1], ['hourly', 3])))!;
    expect(b.text).toContain('Hourly, 1 h ahead');
    expect(b.text).toContain('Hourly, 3 h ahead');
    expect(b.aheadHours).toBe(3);
  });

  it('counts Fargate among the elastic strategies: it alone on other terms is a notice naming all three', () => {
    const n = scalingNotice(reportOf(docWith(['hourly', 1], ['hourly', 1], ['hourly', 0])))!;
    expect(n.keys).toEqual(['vmPerService', 'containerCluster', 'serverlessContainers']);
    expect(n.text).toContain('Fargate: Hourly, no scale-ahead');
    expect(n.action).toBe('Scale all 3 hourly, 1 h ahead');
  });

  it('when both are static, offers the scale-ahead a new plan gets', () => {
    const n = scalingNotice(reportOf(docWith(['static', 0], ['static', 0])))!;
    expect(n).not.toBeNull();
    expect(n.aheadHours).toBe(1);
  });

  it('the one-click change puts both on the same terms, and nothing else in the document changes', () => {
    const doc = docWith(['static', 0], ['hourly', 2]);
    const n = scalingNotice(reportOf(doc))!;
    expect([n.keys, n.names]).toEqual([
      ['vmPerService', 'containerCluster', 'serverlessContainers'],
      'VM per service, Containers and Fargate',
    ]);
    const next = equalScaling(doc, n);
    expect(getAt(next, ['strategies', 'vmPerService'])).toMatchObject({
      scaling: 'hourly',
      scaleAheadHours: 2,
    });
    expect(getAt(next, ['strategies', 'containerCluster'])).toMatchObject({
      scaling: 'hourly',
      scaleAheadHours: 2,
    });
    expect(scalingNotice(reportOf(next))).toBeNull();
    const back = setAt(
      setAt(next, ['strategies', 'vmPerService', 'scaling'], 'static'),
      ['strategies', 'vmPerService', 'scaleAheadHours'],
      0,
    );
    expect(back).toEqual(doc);
  });
});
