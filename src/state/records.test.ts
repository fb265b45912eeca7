import { describe, expect, it } from 'vitest';
import type { PlanRecord } from '../db/types.ts';
import { PLAN_LIMITS } from '../plan/index.ts';
import { newPlanDoc } from './doc.ts';
import { conflictCopyName, newRecord, rowFor, sortPlans, typedDocument } from './records.ts';

const saved = (): PlanRecord => newRecord(newPlanDoc('Plan'), 'plan', null)!;

describe('stored rows', () => {
  it('a valid write stores the document and drops a draft; an invalid one keeps the last valid beside it', () => {
    const row = { ...saved(), draft: { name: 'old draft' } };
    const next = { ...(row.document as object), name: 'Renamed' };
    const valid = rowFor(row, next, false, 5);
    expect(valid).toMatchObject({ name: 'Renamed', document: next, updatedAt: 5 });
    expect('draft' in valid).toBe(false);
    const typed = { name: '', services: 'oops' };
    const draft = rowFor(row, typed, true, 6);
    expect(draft).toMatchObject({ name: 'Plan', document: row.document, draft: typed });
    expect(typedDocument(draft)).toBe(typed);
    expect(typedDocument(valid)).toBe(next);
  });

  it('a conflicting copy is named after the plan, unique and within the name limit', () => {
    const long = 'x'.repeat(PLAN_LIMITS.maxNameLength);
    const name = conflictCopyName(long, Date.UTC(2026, 0, 1, 12, 5), []);
    expect(name.length).toBeLessThanOrEqual(PLAN_LIMITS.maxNameLength);
    expect(name).toMatch(/\(conflicted copy, \d\d:\d\d\)$/);
    expect(conflictCopyName('A', 0, [conflictCopyName('A', 0, [])])).not.toBe(conflictCopyName('A', 0, []));
  });

  it('a new row exists only for a valid plan; the list is newest first, then by name', () => {
    expect(newRecord({ name: 'bad', services: 3 }, 'plan', null)).toBeNull();
    const [a, b, c] = [saved(), saved(), saved()].map((r, i) => ({
      ...r,
      name: 'cba'[i]!,
      updatedAt: i < 2 ? 1 : 2,
    }));
    expect(sortPlans([a!, b!, c!]).map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
});
