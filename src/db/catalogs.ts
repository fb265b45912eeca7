// Checks on a custom catalog row (data format 5). The catalog itself is checked by the injected plan validation: it
// is put, as a plan file carries it inline, into an otherwise empty plan, so the store needs no schema of its own.
import type { PlanIssue } from '../model/types.ts';
import { LIMITS, type Validate } from './records.ts';

/** At most this many custom catalogs are stored (each is at most a plan file's size). */
export const MAX_CATALOGS = 500;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plan a catalog is checked in: the catalog inline, no services (docs/plan-format.md). */
export function planAroundCatalog(catalog: unknown): Record<string, unknown> {
  return { format: 'headroom-plan', version: 2, name: 'catalog', catalog, services: [] };
}

export function catalogRowIssues(row: unknown, validate: Validate | undefined, at = ''): PlanIssue[] {
  const p = (k: string) => (at ? `${at}.${k}` : k);
  if (!isRecord(row)) return [{ path: at, message: 'must be a catalog row (an object)' }];
  const issues: PlanIssue[] = [];
  if (typeof row.id !== 'string' || row.id.length === 0 || row.id.length > LIMITS.idLength)
    issues.push({ path: p('id'), message: `must be an id of 1 to ${LIMITS.idLength} characters` });
  if (typeof row.name !== 'string' || row.name.trim() === '' || row.name.length > LIMITS.nameLength)
    issues.push({ path: p('name'), message: `must be a name of 1 to ${LIMITS.nameLength} characters` });
  for (const k of ['createdAt', 'updatedAt'] as const)
    if (typeof row[k] !== 'number' || !Number.isFinite(row[k]))
      issues.push({ path: p(k), message: 'must be a time' });
  if (!isRecord(row.catalog)) issues.push({ path: p('catalog'), message: 'must be a catalog object' });
  else if (validate) {
    for (const i of validate(planAroundCatalog(row.catalog)))
      if (i.path === 'catalog' || i.path.startsWith('catalog.') || i.path.startsWith('catalog['))
        issues.push({ path: at ? `${at}.${i.path}` : i.path, message: i.message });
  }
  return issues;
}
