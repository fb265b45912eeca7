// Hostile input against the plan parser and the store: mutated plan files (text and structure) give a located
// error or a valid plan, never an exception, and a seeded store is byte-for-byte unchanged after every malformed
// file was offered to it. Also mutated "export all" files against Restore.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Dexie from 'dexie';
import { parsePlan, parsePlanText } from '../plan/index.ts';
import { openStore, StoreError, type StoreOptions } from './index.ts';
import { freshIdb } from './test-helpers.ts';
import type { PlanRecord } from './types.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';

export const PLAN_FUZZ_RUNS = 10_000;
const RESTORE_FUZZ_RUNS = 400;

const fixture = JSON.parse(readFileSync(new URL('./fixtures/v4.json', import.meta.url), 'utf8')) as {
  data: { plans: PlanRecord[] };
};
const seedPlans = fixture.data.plans;
const baseDocs = seedPlans.map((p) => p.document);

function validate(doc: unknown) {
  const r = parsePlan(doc);
  return r.ok ? [] : r.issues;
}

async function dump(o: StoreOptions): Promise<string> {
  const db = new Dexie(o.name!, { indexedDB: o.indexedDB!, IDBKeyRange: o.IDBKeyRange! });
  await db.open();
  const out: Record<string, unknown> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  db.close();
  return JSON.stringify(out);
}

// ---- mutations ----------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path in a JSON value, root first. */
function paths(
  v: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k]!, [...at, k], out);
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : structuredClone(value);
  let node = root as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = structuredClone(value);
  return root;
}

const nasty: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined), // delete
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 5e-324, 1e9 + 1, 2 ** 53, 23, 24, 25, 167, 168, 169),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    'aws-us-east-1',
    'auto',
    '=cmd|calc',
    '\u0000',
  ),
  fc.constant<Json>({ __proto__: { polluted: true } } as unknown as Json),
  fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.string({ maxLength: 3 })), { maxLength: 30 }),
  fc.constant<Json>(new Array(168).fill(1)),
  fc.dictionary(
    fc.constantFrom('name', 'x', '__proto__', 'format', 'services'),
    fc.oneof(fc.integer(), fc.string()),
  ),
);

const structural = fc
  .record({
    doc: fc.nat(baseDocs.length - 1),
    edits: fc.array(fc.tuple(fc.nat(), nasty), { minLength: 1, maxLength: 4 }),
  })
  .map(({ doc, edits }) => {
    let v = structuredClone(baseDocs[doc]) as Json;
    for (const [pick, value] of edits) {
      const all = paths(v);
      v = setAt(v, all[pick % all.length]!, value);
    }
    return JSON.stringify(v);
  });

const textual = fc
  .record({
    doc: fc.nat(baseDocs.length - 1),
    ops: fc.array(
      fc.tuple(
        fc.constantFrom('insert', 'delete', 'replace', 'truncate', 'duplicate'),
        fc.nat(),
        fc.constantFrom(...'{}[]",:0123456789.-eE \n\t\\ntruefalsnul\u0000\uFEFF\u2028é'.split('')),
      ),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ doc, ops }) => {
    let t = JSON.stringify(baseDocs[doc], null, doc % 2 === 0 ? 2 : 0);
    for (const [op, at, ch] of ops) {
      const i = at % (t.length + 1);
      if (op === 'insert') t = t.slice(0, i) + ch + t.slice(i);
      else if (op === 'delete') t = t.slice(0, i) + t.slice(i + 1);
      else if (op === 'replace') t = t.slice(0, i) + ch + t.slice(i + 1);
      else if (op === 'truncate') t = t.slice(0, i);
      else t = t.slice(0, i) + t.slice(Math.max(0, i - 20), i) + t.slice(i);
    }
    return t;
  });

const garbage = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '"x"',
    '1e999',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]',
  ),
  fc.nat(200).map((n) => '['.repeat(n * 50)),
);

const planText = fc.oneof(
  { weight: 5, arbitrary: structural },
  { weight: 4, arbitrary: textual },
  { weight: 1, arbitrary: garbage },
);

describe('fuzz: plan files and the store', CPU_BOUND, () => {
  it(`${PLAN_FUZZ_RUNS} mutated plan files: located error or valid plan, never a throw; the store is unchanged`, async () => {
    const o: StoreOptions = { name: 'fuzz', validate, ...freshIdb() };
    const store = await openStore(o);
    await store.putPlans(seedPlans);
    const before = await dump(o);
    const counts = { valid: 0, invalid: 0, refusedWrites: 0 };

    const cases = fc.sample(planText, PLAN_FUZZ_RUNS);
    for (const [n, text] of cases.entries()) {
      let r: ReturnType<typeof parsePlanText>;
      try {
        r = parsePlanText(text);
      } catch (e) {
        throw new Error(`parsePlanText threw on case ${n}: ${String(e)}\n${text.slice(0, 500)}`);
      }
      if (r.ok) {
        counts.valid++;
        continue;
      }
      counts.invalid++;
      expect(r.issues.length, text).toBeGreaterThan(0);
      for (const issue of r.issues) {
        expect(typeof issue.path === 'string' && issue.path.length > 0, JSON.stringify(issue)).toBe(true);
        expect(issue.message.length).toBeGreaterThan(0);
      }
      // Offer it to the store over an existing plan: the document as parsed, or the raw text when it is not JSON.
      let doc: unknown = text;
      try {
        doc = JSON.parse(text);
      } catch {
        // keep the text
      }
      if (validate(doc).length === 0) continue; // valid once parsed (e.g. a size rule only the text reader sees)
      const target = seedPlans[n % seedPlans.length]!;
      const err = await store.putPlan({ ...target, document: doc }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).kind).toBe('invalid');
      counts.refusedWrites++;
    }
    store.close();
    expect(await dump(o)).toBe(before);
    expect(counts.invalid).toBeGreaterThan(PLAN_FUZZ_RUNS / 2);
    expect(counts.refusedWrites).toBeGreaterThan(PLAN_FUZZ_RUNS / 3);
    console.info(
      `plan fuzz: ${PLAN_FUZZ_RUNS} cases, ${counts.valid} valid, ${counts.invalid} located errors, ${counts.refusedWrites} writes refused`,
    );
  });

  it(`${RESTORE_FUZZ_RUNS} mutated "export all" files: Restore refuses or applies whole, never half`, async () => {
    const o: StoreOptions = { name: 'fuzz-restore', validate, ...freshIdb() };
    const store = await openStore(o);
    await store.putPlans(seedPlans);
    const exported = JSON.parse(await store.exportAll()) as Json;
    const before = await dump(o);
    const mutated = fc.array(fc.tuple(fc.nat(), nasty), { minLength: 1, maxLength: 3 }).map((edits) => {
      let v = structuredClone(exported);
      for (const [pick, value] of edits) {
        const all = paths(v);
        v = setAt(v, all[pick % all.length]!, value);
      }
      return JSON.stringify(v);
    });
    let refused = 0;
    for (const text of fc.sample(fc.oneof(mutated, garbage), RESTORE_FUZZ_RUNS)) {
      const r = await store.restoreFromExport(text);
      if (r.ok) {
        // A mutation that kept the file valid: everything was replaced; undo it to get back to the seed.
        await store.restoreBackup(r.undoBackupId);
        continue;
      }
      refused++;
      expect(r.issues.length).toBeGreaterThan(0);
    }
    expect(refused).toBeGreaterThan(RESTORE_FUZZ_RUNS / 2);
    const after = JSON.parse(await dump(o)) as { plans: PlanRecord[]; settings: unknown };
    const seed = JSON.parse(before) as { plans: PlanRecord[]; settings: unknown };
    // Each restore (and its undo) raises the revisions; everything else is as it was.
    const content = (rows: PlanRecord[]) => rows.map((p) => ({ ...p, revision: undefined }));
    expect(content(after.plans)).toEqual(content(seed.plans));
    expect(after.settings).toEqual(seed.settings);
    store.close();
  });
});
