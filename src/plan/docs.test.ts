import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_TABLES, fieldTable, startMark, withFieldTables } from './fields-doc.ts';
import { planJsonSchema, PLAN_LIMITS } from './index.ts';

type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

/** Every field name the schema defines, at any depth. */
function fieldNames(node: Node, out = new Set<string>()): Set<string> {
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    out.add(k);
    fieldNames(v, out);
  }
  if (node.items) fieldNames(node.items, out);
  for (const n of node.anyOf ?? []) fieldNames(n, out);
  return out;
}

describe('docs/plan-format.md', () => {
  const doc = readFileSync('docs/plan-format.md', 'utf8');

  it('documents every field of the schema', () => {
    const names = [...fieldNames(planJsonSchema as Node)];
    expect(names.length).toBeGreaterThan(50);
    const missing = names.filter((n) => !new RegExp(`\`[^\`\\n]*\\b${n}\\b[^\`\\n]*\``).test(doc));
    expect(missing).toEqual([]);
  });

  // The field tables are generated (npx tsx scripts/plan-fields-doc.ts): a table edited by hand, or a declaration
  // changed without regenerating, fails here, table by table.
  it.each(FIELD_TABLES.map((t) => t.id))(
    'has the %s field table as src/plan/fields.ts declares it (regenerate: npx tsx scripts/plan-fields-doc.ts)',
    (id) => {
      const from = doc.indexOf(startMark(id));
      expect(from, `the mark ${startMark(id)}`).toBeGreaterThan(-1);
      const body = doc.slice(from + startMark(id).length, doc.indexOf('<!-- end of fields -->', from));
      expect(body.trim()).toBe(fieldTable(id));
    },
  );

  it('changes nothing else when the field tables are regenerated', () => {
    expect(withFieldTables(doc)).toBe(doc);
  });

  it('states the limits', () => {
    const row = (label: string, value: string) =>
      expect(doc).toMatch(new RegExp(`\\|\\s*${label}\\s*\\|\\s*${value}[\\s|(,]`));
    expect(PLAN_LIMITS.maxFileBytes).toBe(32 * 1024 * 1024);
    row('file size', '32 MiB');
    row('services', PLAN_LIMITS.maxServices.toLocaleString('en-US'));
    row('problems listed', String(PLAN_LIMITS.maxIssues));
    row('nesting depth of objects and lists', String(PLAN_LIMITS.maxDepth));
    row('longest list', `${PLAN_LIMITS.maxListLength.toLocaleString('en-US')} items`);
    row('values in the whole file', PLAN_LIMITS.maxValues.toLocaleString('en-US'));
  });
});
