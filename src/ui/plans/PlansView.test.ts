// The Plans list renders any stored row without throwing: a row whose times are out of range (a restore file once
// let `updatedAt: 1e308` through) or not numbers at all shows a placeholder instead of breaking every visit.
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { PlanRecord } from '../../db/types.ts';
import type { AppState } from '../../state/app.svelte.ts';
import { dateTime } from '../format.ts';

const row = (id: string, updatedAt: number): PlanRecord => ({
  id,
  name: `Plan ${id}`,
  kind: 'plan',
  baseId: null,
  document: { name: `Plan ${id}`, services: [] },
  createdAt: updatedAt,
  updatedAt,
});

const plans = [row('ok', Date.UTC(2026, 10, 22, 12)), row('huge', 1e308), row('nan', NaN)];
// Only what the list reads; the component gets it through the app context.
const fakeApp = {
  library: { plans, summaries: new Map(), refreshSummaries: async () => undefined },
  plan: { currentId: null },
} satisfies {
  library: Pick<AppState['library'], 'plans' | 'summaries' | 'refreshSummaries'>;
  plan: Pick<AppState['plan'], 'currentId'>;
};

vi.mock('../context.ts', () => ({ useApp: () => fakeApp }));

const text = (html: string) =>
  html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('PlansView', () => {
  it('renders rows with out-of-range or invalid times, showing a placeholder for the time', async () => {
    const { default: PlansView } = await import('./PlansView.svelte');
    const body = text(render(PlansView).body);
    for (const p of plans) expect(body).toContain(p.name);
    expect(body).toContain(dateTime(plans[0]!.updatedAt));
    expect(body.match(/ — /g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('dateTime never throws: a placeholder for anything that is not a representable time', () => {
    for (const bad of [1e308, NaN, Infinity, -Infinity, 8.64e15 + 1, undefined, null]) {
      expect(dateTime(bad)).toBe('—');
    }
    expect(dateTime(Date.UTC(2026, 0, 5))).toMatch(/2026/);
  });
});
