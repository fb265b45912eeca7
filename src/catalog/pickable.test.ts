// The catalog pickers (the scenario knob, the catalog editor's lists): no two entries read the same.
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOGS, catalogLabel, pickableCatalogs } from './index.ts';

describe('catalog labels for pickers', () => {
  it('offers every bundled catalog once, the alias left out, each dated snapshot with its date', () => {
    const choices = pickableCatalogs();
    expect(choices.map((c) => c.id)).not.toContain('aws-us-east-1');
    expect(choices.map((c) => c.id)).toContain('aws-us-east-1@2025-10');
    const labels = choices.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('AWS us-east-1, on-demand (2025-10)');
  });

  it('says which snapshot an alias is, so every bundled entry reads differently', () => {
    const labels = [...BUNDLED_CATALOGS.entries()].map(([id, c]) => catalogLabel(id, c));
    expect(new Set(labels).size).toBe(labels.length);
    expect(catalogLabel('aws-us-east-1', BUNDLED_CATALOGS.get('aws-us-east-1')!)).toBe(
      'AWS us-east-1, on-demand (aws-us-east-1: the 2025-10 prices)',
    );
  });
});
