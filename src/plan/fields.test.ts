// The field declarations against what the plan layer does: every schema field is declared, each declared range is
// the one validation enforces, and each declared default is the one a plan gets when the field is left out.
import { describe, expect, it } from 'vitest';
import { getAt } from '../state/doc.ts';
import { fieldAt, fieldKey, PLAN_FIELDS, type FieldDecl } from './fields.ts';
import { formatPath, parsePlan, planJsonSchema, planToFile } from './index.ts';

type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

/** Declaration keys of every field the JSON Schema defines, except inside the inline catalog. */
function schemaKeys(node: Node, prefix = '', out: string[] = []): string[] {
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (key === 'catalog') {
      out.push(key); // the inline catalog has a schema of its own
      continue;
    }
    // The four strategies' objects are the doc's headings; their fields are declared.
    if (prefix !== 'strategies') out.push(key);
    const list = v.items ?? v.anyOf?.find((n) => n.items?.properties)?.items;
    if (list?.properties) schemaKeys(list, `${key}[]`, out);
    else if (v.properties) schemaKeys(v, key, out);
    else for (const n of v.anyOf ?? []) if (n.properties) schemaKeys(n, key, out);
  }
  return out;
}

const entries = Object.entries(PLAN_FIELDS) as [string, FieldDecl][];
/** The document path of a declared field, for service 0. */
const pathOf = (key: string) =>
  key
    .replace(/\[\]/g, '.0')
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const minimal = {
  format: 'headroom-plan',
  version: 2,
  name: 'p',
  catalog: 'aws-us-east-1',
  services: [
    { name: 'a', trafficRps: Array(24).fill(1), cpuMsPerRequest: 10, durationMs: 50, memoryMiB: 512 },
  ],
};

describe('src/plan/fields.ts', () => {
  it('declares every field of the plan schema (outside the inline catalog), and nothing else', () => {
    expect(schemaKeys(planJsonSchema as Node).sort()).toEqual(Object.keys(PLAN_FIELDS).sort());
  });

  it('finds a declaration from a document path', () => {
    expect(fieldKey(['services', 3, 'container', 'cpuMillicores'])).toBe(
      'services[].container.cpuMillicores',
    );
    expect(fieldAt(['strategies', 'sharedHost', 'discount'])?.kind).toBe('percent');
    expect(fieldAt(['services', 0, 'nonsense'])).toBeUndefined();
  });

  it.each(entries.filter(([, f]) => f.kind === 'number' || f.kind === 'percent'))(
    '%s: validation enforces the declared range',
    (key, f) => {
      if (f.kind !== 'number' && f.kind !== 'percent') return;
      const r = f.range;
      const at = (v: number) => {
        const doc = structuredClone(minimal) as Record<string, unknown>;
        let cur = doc;
        const path = pathOf(key);
        path.slice(0, -1).forEach((seg) => {
          const next = (cur as Record<string | number, unknown>)[seg] ?? {};
          (cur as Record<string | number, unknown>)[seg] = next;
          cur = next as Record<string, unknown>;
        });
        (cur as Record<string | number, unknown>)[path[path.length - 1]!] = v;
        return parsePlan(doc);
      };
      const step = r.int ? 1 : Math.max(1e-9, Math.abs(r.max) * 1e-9);
      expect(at(r.min).ok, `${key} = ${r.min}`).toBe(!r.minExclusive);
      expect(at(r.max).ok, `${key} = ${r.max}`).toBe(!r.maxExclusive);
      expect(at(r.min - step).ok, `${key} below ${r.min}`).toBe(false);
      expect(at(r.max + step).ok, `${key} above ${r.max}`).toBe(false);
      if (r.int) expect(at(Math.floor((r.min + r.max) / 2) + 0.5).ok, `${key} must be whole`).toBe(false);
    },
  );

  it('each declared default is what a plan gets when the field is left out', () => {
    const parsed = parsePlan(minimal);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const file = planToFile(parsed.plan);
    const checked: string[] = [];
    for (const [key, f] of entries) {
      const d = f.default;
      if (d === undefined || (typeof d === 'object' && d !== null)) continue; // a rule, not a value
      expect(getAt(file, pathOf(key)) ?? null, key).toEqual(d);
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('says which fields the editor shows as percents: the fractions', () => {
    const percents = entries.filter(([, f]) => f.kind === 'percent').map(([k]) => k);
    expect(percents).toEqual([
      'services[].growthPerMonth',
      'services[].latency.percentile',
      'strategies.sharedHost.targetUtilization',
      'strategies.sharedHost.discount',
      'strategies.vmPerService.targetUtilization',
      'strategies.vmPerService.discount',
      'strategies.containerCluster.targetUtilization',
      'strategies.containerCluster.overprovisioning',
      'strategies.containerCluster.discount',
      'strategies.serverless.discount',
      'strategies.serverlessContainers.targetUtilization',
      'strategies.serverlessContainers.discount',
      'strategies.sharedHost.commitment.discount',
      'strategies.vmPerService.commitment.discount',
      'strategies.serverless.commitment.discount',
      'strategies.containerCluster.spotDiscount',
      'strategies.containerCluster.commitment.discount',
      'strategies.serverlessContainers.spotDiscount',
      'strategies.serverlessContainers.commitment.discount',
    ]);
  });

  it.each(entries.filter(([, f]) => (f.since ?? 1) > 1))(
    '%s: new in version 2, a located problem in a version 1 file',
    (key) => {
      const doc = structuredClone({ ...minimal, version: 1 }) as Record<string, unknown>;
      const path = pathOf(key);
      let cur: Record<string | number, unknown> = doc;
      for (const seg of path.slice(0, -1)) cur = (cur[seg] ??= {}) as Record<string | number, unknown>;
      const f = PLAN_FIELDS[key as keyof typeof PLAN_FIELDS] as FieldDecl;
      cur[path[path.length - 1]!] =
        f.kind === 'boolean'
          ? false
          : f.kind === 'choice'
            ? f.options[0]!.value
            : f.kind === 'number'
              ? f.range.min
              : f.kind === 'percent'
                ? 0.5
                : {};
      const r = parsePlan(doc);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.issues).toContainEqual({
          path: formatPath(path),
          message: 'needs "version": 2 (this file is version 1)',
        });
      expect(parsePlan({ ...doc, version: 2 }).ok, 'the same document as version 2').toBe(true);
    },
  );
});
