// Pure helpers on stored plan rows, shared by the open plan, the plan library and the write-ahead journal: which
// document a row holds as typed, the row that stores the next version, names for copies, ordering.
import { parsePlan, planToFile, PLAN_LIMITS } from '../plan/index.ts';
import type { PlanKind, PlanRecord } from '../db/types.ts';
import { uniqueName, type Doc } from './doc.ts';

/** The plan as typed in a stored row: its draft when it has one, its (valid) document otherwise. */
export function typedDocument(record: PlanRecord): unknown {
  return record.draft !== undefined ? record.draft : record.document;
}

/** A row's name for a typed document: its own name when that is one a row can carry, the fallback otherwise. */
export function rowName(doc: unknown, fallback: string): string {
  const name = typeof doc === 'object' && doc !== null ? (doc as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() !== '' && name.length <= PLAN_LIMITS.maxNameLength
    ? name
    : fallback;
}

/**
 * The row that stores `doc` as the open plan's next version, based on `saved` (the row last committed): `doc` as the
 * document when it is valid, or as the draft beside `lastValid` (the newest valid version known, the stored one by
 * default). A valid write drops any draft.
 */
export function rowFor(
  saved: PlanRecord,
  doc: Doc,
  asDraft: boolean,
  now: number,
  lastValid: unknown = saved.document,
): PlanRecord {
  const { draft: _previous, ...base } = saved;
  if (!asDraft) return { ...base, name: String(doc.name), document: doc, updatedAt: now };
  const name = rowName(lastValid, saved.name);
  return { ...base, name: rowName(doc, name), document: lastValid, draft: doc, updatedAt: now };
}

/** "23:41": the local time a conflicting copy is named after. */
function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The name of the copy that keeps this window's edits when another window saved the plan first. */
export function conflictCopyName(name: string, at: number, taken: Iterable<string>): string {
  const suffix = ` (conflicted copy, ${clockTime(at)})`;
  return uniqueName(name.slice(0, PLAN_LIMITS.maxNameLength - suffix.length - 4) + suffix, taken);
}

/** Stored documents are structured clones of what was written, so their JSON is equal when their content is. */
export function sameDocument(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isDoc(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A plan document with every default written out, so each field can be edited at its path. */
export function normalized(doc: unknown): Doc | null {
  const r = parsePlan(doc);
  return r.ok ? (planToFile(r.plan) as unknown as Doc) : null;
}

/** A new row for `doc` (normalized), or null when `doc` is not a valid plan. */
export function newRecord(doc: unknown, kind: PlanKind, baseId: string | null): PlanRecord | null {
  const document = normalized(doc);
  if (!document) return null;
  const now = Date.now();
  return {
    id: newId(),
    name: String(document.name),
    kind,
    baseId,
    document,
    createdAt: now,
    updatedAt: now,
  };
}

/** Newest first, then by name: the order of the plans list. */
export function sortPlans(plans: PlanRecord[]): PlanRecord[] {
  return [...plans].sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
