import { describe, expect, it } from 'vitest';
import { STALE_AFTER_DAYS, catalogAge, catalogAgeWarning } from './catalog-age.ts';

const at = (day: string, hour = 12) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

describe('catalogAge', () => {
  it('is not stale on day 180 and stale on day 181 (the boundary, both sides)', () => {
    // 2025-10-01 + 180 days = 2026-03-30.
    const on180 = catalogAge('2025-10-01', at('2026-03-30'));
    expect(on180).toEqual({ asOf: '2025-10-01', days: STALE_AFTER_DAYS, stale: false });
    expect(catalogAgeWarning(on180)).toBeNull();
    const on181 = catalogAge('2025-10-01', at('2026-03-31'));
    expect(on181).toEqual({ asOf: '2025-10-01', days: 181, stale: true });
    expect(catalogAgeWarning(on181)).toMatch(/5 months old \(181 days\)/);
  });

  it('counts whole UTC days whatever the hour', () => {
    expect(catalogAge('2025-10-01', at('2026-03-30', 0)).days).toBe(180);
    expect(catalogAge('2025-10-01', at('2026-03-30', 23)).days).toBe(180);
  });

  it('reads a date with a time after it, and never warns on what is not a date', () => {
    expect(catalogAge('2025-10-01T22:53:08Z', at('2026-10-01')).stale).toBe(true);
    for (const bad of ['', 'October 2025', '2025-02-30', '2025-13-01'])
      expect(catalogAge(bad, at('2030-01-01'))).toEqual({ asOf: null, days: null, stale: false });
  });

  it('a date in the future is not stale', () => {
    expect(catalogAge('2027-01-01', at('2026-01-01'))).toMatchObject({ days: -365, stale: false });
  });
});
