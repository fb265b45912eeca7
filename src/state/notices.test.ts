import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Notices } from './notices.svelte.ts';

describe('Notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the three newest, oldest first', () => {
    const notices = new Notices();
    for (const text of ['a', 'b', 'c', 'd']) notices.notify(text);
    expect(notices.items.map((n) => n.text)).toEqual(['b', 'c', 'd']);
    expect(new Set(notices.items.map((n) => n.id)).size).toBe(3);
  });

  it('dismisses one by id, and each goes by itself: 6 s, or 12 s with an action', () => {
    const notices = new Notices();
    notices.notify('plain');
    notices.notify('with undo', 'info', { label: 'Undo', run: () => {} });
    notices.notify('failed', 'error');
    notices.dismiss(notices.items[2]!.id);
    expect(notices.items.map((n) => n.text)).toEqual(['plain', 'with undo']);
    vi.advanceTimersByTime(6_000);
    expect(notices.items.map((n) => n.text)).toEqual(['with undo']);
    vi.advanceTimersByTime(6_000);
    expect(notices.items).toEqual([]);
  });
});
