// Checks on a stored row around its plan document (the document itself is checked by the injected validate).
import { FILE_LIMITS, utf8ByteLength } from '../limits/files.ts';
import type { PlanIssue } from '../model/types.ts';
import { PLAN_LIMITS } from '../plan/limits.ts';
import { changesIssues } from '../plan/scenario.ts';
import { isVersion1Plan, upgradePlanDocument, upgradeScenarioChanges } from '../plan/upgrade.ts';
import type { PlanRecord } from './types.ts';

export type Validate = (doc: unknown) => PlanIssue[];

/** Largest sizes the store accepts (docs/data-safety.md). */
export const LIMITS = {
  idLength: 200,
  nameLength: 500,
  noteLength: 2000,
  plansPerWrite: 10_000,
} as const;

/**
 * Problems with a draft (the plan as typed, kept while it has problems): it need not be a valid plan, only a value
 * that survives JSON (plain objects and lists, text, finite numbers, true/false, null) within the plan file's size
 * limits (depth, number of values, bytes), so an export of it is a file Restore and Import read back.
 */
export function draftIssues(draft: unknown, at = 'draft'): PlanIssue[] {
  const stack: { v: unknown; depth: number }[] = [{ v: draft, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    count += 1;
    if (count > PLAN_LIMITS.maxValues) {
      return [{ path: at, message: `holds more than ${PLAN_LIMITS.maxValues} values; it is too large` }];
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) continue;
      return [{ path: at, message: 'must hold only finite numbers' }];
    }
    if (typeof v !== 'object') return [{ path: at, message: `must hold only JSON values, not ${typeof v}` }];
    if (depth >= PLAN_LIMITS.maxDepth) {
      return [{ path: at, message: `is nested more than ${PLAN_LIMITS.maxDepth} levels deep` }];
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1 });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      return [{ path: at, message: 'must hold only plain objects and lists' }];
    }
    for (const key of Object.keys(v))
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1 });
  }
  if (utf8ByteLength(JSON.stringify(draft)) > FILE_LIMITS.planBytes) {
    return [{ path: at, message: `is larger than ${FILE_LIMITS.planBytes / 1024 / 1024} MiB as JSON` }];
  }
  return [];
}

const PLAN_KINDS = new Set(['plan', 'scenario']);

/**
 * A plan's createdAt/updatedAt: whole milliseconds from 2000-01-01 to the end of 9999 (UTC). Fixed bounds, not
 * "now + slack": a row's validity must not depend on the clock of the machine reading it. Anything in range
 * formats as a date; `1e308` passed the old "finite" check and made the Plans list throw.
 */
export const PLAN_TIME = { min: Date.UTC(2000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;
const PLAN_TIME_MESSAGE = 'must be a time in whole milliseconds between 2000-01-01 and 9999-12-31 (UTC)';

export function isPlanTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= PLAN_TIME.min && v <= PLAN_TIME.max;
}

/** Checks the row around the document (the document itself is checked by `validate`). */
export function recordIssues(record: unknown, validate: Validate | undefined, at = ''): PlanIssue[] {
  const p = (field: string) => (at ? `${at}.${field}` : field);
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return [{ path: at, message: 'must be a plan record (an object)' }];
  }
  const r = record as Record<string, unknown>;
  const issues: PlanIssue[] = [];
  if (typeof r.id !== 'string' || r.id.length === 0 || r.id.length > LIMITS.idLength) {
    issues.push({
      path: p('id'),
      message: `must be a non-empty string of at most ${LIMITS.idLength} characters`,
    });
  }
  if (typeof r.name !== 'string' || r.name.length > LIMITS.nameLength) {
    issues.push({ path: p('name'), message: `must be a string of at most ${LIMITS.nameLength} characters` });
  }
  if (typeof r.kind !== 'string' || !PLAN_KINDS.has(r.kind)) {
    issues.push({ path: p('kind'), message: 'must be "plan" or "scenario"' });
  }
  if (r.baseId !== null && typeof r.baseId !== 'string') {
    issues.push({ path: p('baseId'), message: 'must be a plan id or null' });
  }
  if (r.kind === 'scenario') {
    // A scenario is its base plus its changes (data format 3): without them it could not follow its base.
    if (typeof r.baseId !== 'string')
      issues.push({ path: p('baseId'), message: 'must be the id of the scenario’s base plan' });
    if (r.changes === undefined)
      issues.push({ path: p('changes'), message: 'is missing (a scenario records its changes)' });
    else {
      const found = changesIssues(r.changes, p('changes'));
      issues.push(...(found.length > 0 ? found : draftIssues(r.changes, p('changes'))));
    }
  } else if (r.changes !== undefined) {
    issues.push({ path: p('changes'), message: 'must be absent: only a scenario records changes' });
  }
  if (r.note !== undefined && (typeof r.note !== 'string' || r.note.length > LIMITS.noteLength)) {
    issues.push({ path: p('note'), message: `must be text of at most ${LIMITS.noteLength} characters` });
  }
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (!isPlanTime(r[field])) issues.push({ path: p(field), message: PLAN_TIME_MESSAGE });
  }
  if (r.revision !== undefined && !(Number.isSafeInteger(r.revision) && (r.revision as number) >= 0)) {
    issues.push({ path: p('revision'), message: 'must be a whole number ≥ 0 (or absent)' });
  }
  if (r.draft !== undefined) issues.push(...draftIssues(r.draft, p('draft')));
  if (!('document' in r) || r.document === undefined) {
    issues.push({ path: p('document'), message: 'is missing' });
  } else if (validate) {
    let docIssues: PlanIssue[];
    try {
      docIssues = validate(r.document);
    } catch (e) {
      docIssues = [
        { path: '', message: `could not be checked: ${e instanceof Error ? e.message : String(e)}` },
      ];
    }
    for (const i of docIssues) {
      const sub = i.path ? (i.path.startsWith('[') ? `document${i.path}` : `document.${i.path}`) : 'document';
      issues.push({ path: p(sub), message: i.message });
    }
  }
  return issues;
}

/**
 * A scenario stored before data format 3 was a snapshot: a copy of its base as it was, which never followed the base
 * again. It cannot become "base plus changes" (what was changed on purpose and what the base changed since cannot be
 * told apart), so it becomes a plan of its own, under its name, with a note saying where it came from. Rows that are
 * not snapshot scenarios come back as they are.
 */
export function detachSnapshot(row: PlanRecord, baseName: string | undefined): PlanRecord {
  if (row.kind !== 'scenario' || row.changes !== undefined) return row;
  const from = baseName === undefined ? 'a plan since deleted' : `“${baseName}”`;
  return {
    ...row,
    kind: 'plan',
    baseId: null,
    note:
      `Detached from ${from} when scenarios began to record their changes: it was a copy made before, so it does ` +
      'not follow that plan.',
  };
}

/** `detachSnapshot` over a whole set of rows (a migration, an older backup or export), bases looked up among them. */
export function detachSnapshots(rows: readonly PlanRecord[]): PlanRecord[] {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return rows.map((r) => detachSnapshot(r, r.baseId === null ? undefined : names.get(r.baseId)));
}

/**
 * A row whose plan documents (its document, its draft) are version 1, as version 2 with the same figures, and its
 * recorded scenario changes read the same against them (src/plan/upgrade.ts). Any other row comes back as it is, the
 * same object: the data-format-4 migration, an older backup or an export restored, all use this one function.
 */
export function upgradeRecord(row: PlanRecord): PlanRecord {
  const document = upgradePlanDocument(row.document);
  const draft = row.draft === undefined ? undefined : upgradePlanDocument(row.draft);
  // A scenario's changes were recorded against a version 1 base only when its own documents are version 1.
  const wasV1 = isVersion1Plan(row.document) || isVersion1Plan(row.draft);
  const changes = wasV1 && Array.isArray(row.changes) ? upgradeScenarioChanges(row.changes) : row.changes;
  if (document === row.document && draft === row.draft && changes === row.changes) return row;
  return {
    ...row,
    document,
    ...(draft === undefined ? {} : { draft }),
    ...(changes === undefined ? {} : { changes }),
  };
}
