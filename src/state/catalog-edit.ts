// Pure helpers of the catalog editor (issue 13 §4): validation with located problems, the catalog's numeric fields
// listed generically by path, and the difference between two catalogs. Generic on purpose: a price another part of
// the catalog adds (GCP/Azure function and container prices, commitments) appears in the editor and in a diff
// without a change here.
import type { PlanIssue } from '../model/types.ts';
import { parsePlan } from '../plan/index.ts';
import { PLAN_FORMAT, PLAN_VERSION } from '../plan/limits.ts';
import { formatPath } from '../plan/json.ts';
import type { Path } from './doc.ts';

export type CatalogDoc = Record<string, unknown>;

/** The catalog's own text fields, edited as text; the instance types have their own table. */
export const CATALOG_TEXT_FIELDS = ['id', 'name', 'currency', 'asOf'] as const;
/** Top-level keys that are not listed as numeric fields (text, the sources, the instance types' table). */
const NOT_LISTED = new Set<string>([...CATALOG_TEXT_FIELDS, 'sources', 'instanceTypes']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The catalog's problems, each at its path inside the catalog (`instanceTypes[2].hourly`). The check is the plan's
 * own: the catalog is put in an otherwise empty plan and parsed, so the catalog schema (src/plan/schema.ts) and the
 * plan's cross-checks on catalogs (unique type names, tier order) both apply, in the words the plan editor uses.
 */
export function catalogIssues(catalog: unknown): PlanIssue[] {
  const probe = { format: PLAN_FORMAT, version: PLAN_VERSION, name: 'catalog check', catalog, services: [] };
  const r = parsePlan(probe);
  if (r.ok) return [];
  return r.issues.map((i) => ({
    path:
      i.path === 'catalog'
        ? '(catalog)'
        : i.path.startsWith('catalog.')
          ? i.path.slice(8)
          : i.path.replace(/^catalog/, ''),
    message: i.message,
  }));
}

/** A path inside a catalog as the problems name it (`serverless.gbSecond.x86_64[0].price`). */
export function catalogPathText(path: Path): string {
  return formatPath(path);
}

export interface NumericField {
  path: Path;
  /** A number, or the text typed where a number belongs (kept with its problem until corrected). */
  value: number | string;
}

/**
 * Every numeric leaf of the catalog outside the instance types and its text fields, in document order, by path;
 * `typed` adds the paths where text was typed in place of a number (so an invalid entry stays listed).
 */
export function numericFields(catalog: unknown, typed: readonly string[] = []): NumericField[] {
  const out: NumericField[] = [];
  const walk = (v: unknown, path: Path) => {
    if (typeof v === 'number') out.push({ path, value: v });
    else if (typeof v === 'string') {
      if (typed.includes(catalogPathText(path))) out.push({ path, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  if (isRecord(catalog)) for (const [k, v] of Object.entries(catalog)) if (!NOT_LISTED.has(k)) walk(v, [k]);
  return out;
}

export interface CatalogDiff {
  added: string[];
  removed: string[];
  /** Instance types in both whose figures differ: field → old and new. */
  changedTypes: { name: string; field: string; before: unknown; after: unknown }[];
  /** Other numeric fields by path: a value only on one side has `undefined` on the other. */
  changedFields: { path: string; before: number | string | undefined; after: number | string | undefined }[];
}

const TYPE_FIELDS = ['vcpu', 'memoryGiB', 'hourly', 'maxPods', 'architecture'] as const;

function typesOf(c: unknown): Map<string, Record<string, unknown>> {
  const list = isRecord(c) && Array.isArray(c.instanceTypes) ? c.instanceTypes : [];
  const out = new Map<string, Record<string, unknown>>();
  for (const t of list) if (isRecord(t) && typeof t.name === 'string' && !out.has(t.name)) out.set(t.name, t);
  return out;
}

/** What changes from catalog `a` to catalog `b`: types added and removed, figures changed (old → new). */
export function diffCatalogs(a: unknown, b: unknown): CatalogDiff {
  const ta = typesOf(a);
  const tb = typesOf(b);
  const added = [...tb.keys()].filter((n) => !ta.has(n));
  const removed = [...ta.keys()].filter((n) => !tb.has(n));
  const changedTypes: CatalogDiff['changedTypes'] = [];
  for (const [name, x] of ta) {
    const y = tb.get(name);
    if (y === undefined) continue;
    for (const f of TYPE_FIELDS)
      if (!Object.is(x[f], y[f])) changedTypes.push({ name, field: f, before: x[f], after: y[f] });
  }
  const fa = new Map(numericFields(a).map((f) => [catalogPathText(f.path), f.value]));
  const fb = new Map(numericFields(b).map((f) => [catalogPathText(f.path), f.value]));
  const changedFields: CatalogDiff['changedFields'] = [];
  for (const [path, before] of fa) {
    const after = fb.get(path);
    if (!Object.is(before, after)) changedFields.push({ path, before, after });
  }
  for (const [path, after] of fb) if (!fa.has(path)) changedFields.push({ path, before: undefined, after });
  return { added, removed, changedTypes, changedFields };
}
