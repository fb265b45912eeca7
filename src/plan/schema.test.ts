/* eslint-disable @typescript-eslint/no-explicit-any -- these tests edit arbitrary JSON documents on purpose */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, planJsonSchemaText } from './index.ts';

describe('docs/plan.schema.json', () => {
  it('is exactly the schema generated from the zod schema (regenerate: npm run --silent cli -- schema > docs/plan.schema.json)', () => {
    expect(readFileSync('docs/plan.schema.json', 'utf8')).toBe(planJsonSchemaText());
  });

  it('is a strict draft 2020-12 schema with the documented ranges', () => {
    const s = planJsonSchema as Record<string, any>;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(['format', 'version', 'name', 'catalog', 'services']);
    const svc = s.properties.services.items;
    expect(svc.additionalProperties).toBe(false);
    expect(svc.properties.trafficRps.items).toEqual({ type: 'number', minimum: 0, maximum: 1e9 });
    expect(svc.properties.durationMs).toMatchObject({ exclusiveMinimum: 0, maximum: 1e8 });
    const cc = s.properties.strategies.properties.containerCluster.properties;
    expect(cc.targetUtilization).toMatchObject({ exclusiveMinimum: 0, maximum: 1 });
    expect(cc.discount).toMatchObject({ minimum: 0, exclusiveMaximum: 1 });
  });
});
