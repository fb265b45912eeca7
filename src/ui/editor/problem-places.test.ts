import { describe, expect, it } from 'vitest';
import { pathAndAncestors, problemPlace, problemWhere, serviceWithHiddenProblem } from './problem-places.ts';

describe('problem places (issue 9 §1: each problem at its field)', () => {
  it('tells table fields from fields under “Curve & details”, and the section of the rest', () => {
    expect(problemPlace('services[3].container.memoryMiB')).toEqual({
      section: 'services',
      service: 3,
      details: true,
    });
    expect(problemPlace('services[0].trafficRps[17]')).toEqual({
      section: 'services',
      service: 0,
      details: true,
    });
    expect(problemPlace('services[2].memoryMiB')).toEqual({
      section: 'services',
      service: 2,
      details: false,
    });
    expect(problemPlace('services')).toEqual({ section: 'services', service: null, details: false });
    expect(problemPlace('strategies.sharedHost.targetUtilization').section).toBe('strategies');
    expect(problemPlace('(plan)').section).toBe('plan');
    // The plan-wide components (issue 10) are edited in their own section; a name that only starts alike is not.
    expect(problemPlace('frontDoor.rules').section).toBe('planWide');
    expect(problemPlace('operations.hoursPerMonth.serverless').section).toBe('planWide');
    expect(problemPlace('resilience').section).toBe('planWide');
    expect(problemPlace('logsExtra').section).toBe('plan');
    expect(problemWhere('frontDoor.rules', () => undefined)).toBe('Plan-wide › frontDoor.rules');
  });

  it('looks for a field at the path, then at each enclosing path', () => {
    expect(pathAndAncestors('services[2].trafficRps[30]')).toEqual([
      'services[2].trafficRps[30]',
      'services[2].trafficRps',
      'services[2]',
      'services',
    ]);
    expect(pathAndAncestors('(plan)')).toEqual(['(plan)']);
  });

  it('finds the first service whose hidden section holds a problem', () => {
    expect(
      serviceWithHiddenProblem([
        { path: 'name', message: 'x' },
        { path: 'services[1].memoryMiB', message: 'x' },
        { path: 'services[3].container.memoryMiB', message: 'x' },
      ]),
    ).toBe(3);
    expect(serviceWithHiddenProblem([{ path: 'services[1].memoryMiB', message: 'x' }])).toBeNull();
  });

  it('names where a problem is in words', () => {
    const names = ['api', 'db'];
    expect(problemWhere('services[1].container.memoryMiB', (i) => names[i])).toBe(
      'Service “db” › container.memoryMiB',
    );
    expect(problemWhere('services[5]', (i) => names[i])).toBe('Service 6');
    expect(problemWhere('strategies.sharedHost.discount', () => undefined)).toBe(
      'Strategy settings › sharedHost.discount',
    );
  });
});
