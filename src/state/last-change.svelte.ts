// What the last edit of the open plan did to its costs, for the summary strip (issue 9 §2): the report shown before
// the edit is remembered, and when the next report of the same plan arrives the two are compared by the engine's
// `reportChange`, and the two documents they were made from tell where the plan changed. Reports arrive after their
// edit (at once for small plans, from the worker for large ones), and an edit that leaves the plan with problems
// brings no report at all: the change is then measured from the last report shown, across every edit since.
import { reportChange, type Report, type ReportChange } from '../model/index.ts';
import type { Doc, Segment } from './doc.ts';

/** Where two plan documents differ: the deepest path that holds every difference. */
export interface EditPlace {
  /** `['services', 2, 'cpuMsPerRequest']`; `[]` when differences are spread over the whole document. */
  path: Segment[];
  /** A value changed there (`count` of its parts, 1 for a single value), or items were added to or removed from the list there. */
  kind: 'changed' | 'added' | 'removed';
  /** `changed`: how many parts of the value at `path` differ (1 for a plain value); `added`/`removed`: how many items. */
  count: number;
  /** `added`/`removed`: the first index where the lists differ (in the longer list). */
  index: number;
}

export interface LastEdit {
  change: ReportChange;
  /** Where the plan changed between the two reports; `null` when the documents are equal (an edit and its undo). */
  place: EditPlace | null;
  /** The documents the two reports were made from. */
  before: Doc;
  after: Doc;
  /** Counts edits, so each one can be told from the previous one with the same figures. */
  seq: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of two JSON values (documents share unchanged parts, so this runs on differing ones only). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return false;
}

/**
 * Where `after` differs from `before`: descends while exactly one part differs, and stops at the value whose parts
 * differ in several places, or at a list whose length changed. `null` when the two are equal.
 */
export function editPlace(before: unknown, after: unknown): EditPlace | null {
  const path: Segment[] = [];
  let a = before;
  let b = after;
  for (;;) {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        const longer = a.length > b.length ? a : b;
        const shorter = longer === a ? b : a;
        let index = 0;
        while (index < shorter.length && same(shorter[index], longer[index])) index++;
        return {
          path,
          kind: b.length > a.length ? 'added' : 'removed',
          count: longer.length - shorter.length,
          index,
        };
      }
      const differ: number[] = [];
      for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) differ.push(i);
      if (differ.length === 0) return null;
      if (differ.length > 1) return { path, kind: 'changed', count: differ.length, index: differ[0]! };
      const i = differ[0]!;
      path.push(i);
      a = a[i];
      b = b[i];
      continue;
    }
    if (isRecord(a) && isRecord(b)) {
      const ra = a;
      const rb = b;
      const keys = [...Object.keys(ra), ...Object.keys(rb).filter((k) => !Object.hasOwn(ra, k))];
      const differ = keys.filter((k) => !same(ra[k], rb[k]));
      if (differ.length === 0) return null;
      if (differ.length > 1) return { path, kind: 'changed', count: differ.length, index: 0 };
      const k = differ[0]!;
      path.push(k);
      a = ra[k];
      b = rb[k];
      continue;
    }
    return same(a, b) ? null : { path, kind: 'changed', count: 1, index: 0 };
  }
}

/**
 * Remembers the report last shown for the open plan and, when another report of the same plan arrives, what
 * changed. Opening another plan (or a report going away) starts over: there is no "last edit" across plans.
 */
export class LastChange {
  #plan: string | null = null;
  #report: Report | null = null;
  #doc: Doc | null = null;
  #seq = 0;
  #last = $state.raw<LastEdit | null>(null);

  /** What the last edit did, or `null` before the first edit of the open plan. */
  get last(): LastEdit | null {
    return this.#last;
  }

  /**
   * Called with the open plan's id, the report on screen and the document on screen, whenever one of them changes.
   * A new report counts as the effect of the edits since the previous one; a document without a new report (an
   * edit being evaluated, or one that left the plan with problems) waits for one.
   */
  observe(plan: string | null, report: Report | null, doc: Doc | null): void {
    if (plan !== this.#plan || report === null || doc === null) {
      this.#plan = plan;
      this.#report = report;
      this.#doc = report ? doc : null;
      this.#last = null;
      return;
    }
    if (report === this.#report) return;
    const before = this.#report;
    const beforeDoc = this.#doc;
    this.#report = report;
    this.#doc = doc;
    if (!before || !beforeDoc) return;
    this.#last = {
      change: reportChange(before, report),
      place: editPlace(beforeDoc, doc),
      before: beforeDoc,
      after: doc,
      seq: ++this.#seq,
    };
  }
}
