import { describe, expect, it } from 'vitest';
import { parsePlan } from '../plan/index.ts';
import food from '../../examples/food-delivery.json';
import { catalogUpdate, withCatalog } from './catalog-version.ts';
import { newPlanDoc, type Doc } from './doc.ts';

const doc = (catalog: unknown): Doc => ({ ...(structuredClone(food) as Doc), catalog });

describe('a newer price catalog (issue 13: catalog versions)', () => {
  it('is offered to a plan naming the bare id or an older snapshot', () => {
    for (const id of ['aws-us-east-1', 'aws-us-east-1@2025-10']) {
      const u = catalogUpdate(doc(id));
      expect(u, id).toMatchObject({ from: id, to: 'aws-us-east-1@2026-11', asOf: '2026-07-20' });
      expect(u!.text).toContain('2025-10-01');
      expect(u!.text).toContain('2026-07-20');
      expect(u!.action).toBe('Use the 2026-11 prices');
    }
  });

  it('is not offered to the newest snapshot, a new plan, an inline catalog, an unknown id or no plan', () => {
    expect(catalogUpdate(doc('aws-us-east-1@2026-11'))).toBeNull();
    expect(catalogUpdate(newPlanDoc('New'))).toBeNull();
    expect(catalogUpdate(doc({ id: 'aws-us-east-1', name: 'mine' }))).toBeNull();
    expect(catalogUpdate(doc('gcp-mars-1'))).toBeNull();
    expect(catalogUpdate(null)).toBeNull();
    expect(catalogUpdate(42)).toBeNull();
  });

  it('switching is one edit of the catalog id, nothing else; the plan stays valid', () => {
    const before = doc('aws-us-east-1');
    const after = withCatalog(before, 'aws-us-east-1@2026-11');
    expect(after).toEqual({ ...before, catalog: 'aws-us-east-1@2026-11' });
    expect(before.catalog).toBe('aws-us-east-1');
    expect(parsePlan(after).ok).toBe(true);
  });
});
