/* eslint-disable @typescript-eslint/no-explicit-any -- these tests edit arbitrary JSON documents on purpose */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, planJsonSchema, planJsonSchemaText } from './index.ts';
import { validPlanFile } from './arbitraries.ts';

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

describe('the JSON Schema accepts what parsePlan accepts (checked with Ajv, draft 2020-12)', () => {
  // Ajv 8 is in node_modules through the build tooling; it checks here that the shipped schema is usable as is.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(planJsonSchema);

  it.each(['food-delivery.json', 'internal-tools.json'])('examples/%s is valid', (file) => {
    const doc: unknown = JSON.parse(readFileSync(`examples/${file}`, 'utf8'));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('generated valid plans are valid against the schema (property)', () => {
    fc.assert(
      fc.property(validPlanFile, (file) => {
        expect(parsePlan(file).ok).toBe(true);
        expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects unknown fields, out-of-range numbers and wrong curve lengths', () => {
    const base = JSON.parse(readFileSync('examples/food-delivery.json', 'utf8')) as Record<string, any>;
    const bad = [
      (p: any) => (p.colour = 1),
      (p: any) => (p.services[0].extra = 1),
      (p: any) => (p.services[0].trafficRps[0] = -1),
      (p: any) => p.services[0].trafficRps.pop(),
      (p: any) => (p.strategies.sharedHost.targetUtilization = 0),
      (p: any) => (p.strategies.serverless.discount = 1),
      (p: any) => (p.version = 3),
      // What version 2 added, in a version 1 file.
      (p: any) => (p.frontDoor = { kind: 'alb' }),
      (p: any) => (p.strategies.serverless.apiGateway = 'alb'),
      (p: any) => (p.strategies.vmPerService.scaleAheadHours = 1),
      (p: any) => (p.services[0].serverless = { memoryMiB: 'auto' }),
    ];
    for (const f of bad) {
      const p = structuredClone(base);
      f(p);
      expect(validate(p)).toBe(false);
      expect(parsePlan(p).ok).toBe(false);
    }
  });

  it('accepts what version 2 added in a version 2 file', () => {
    const p = JSON.parse(readFileSync('examples/food-delivery.json', 'utf8')) as Record<string, any>;
    p.version = 2;
    p.frontDoor = { kind: 'alb' };
    p.strategies.serverless.apiGateway = 'alb';
    p.strategies.vmPerService.scaleAheadHours = 1;
    p.services[0].serverless = { memoryMiB: 'auto' };
    expect(validate(p)).toBe(true);
    expect(parsePlan(p).ok).toBe(true);
    expect(validate(JSON.parse(readFileSync('examples/equal-terms.json', 'utf8')))).toBe(true);
  });
});
