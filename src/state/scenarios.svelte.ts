// Scenarios that stay true (issue 9 §7): the open scenario's recorded changes, kept in step with its document, and
// the rows that make scenarios follow their base. AppState wires it in: it tells this class about every document
// shown or edited (`show`, `observe`), stamps each row it writes with the changes (`stamp`), and lets it follow a
// base that was saved (`follow`) or refresh a scenario before it is opened or compared (`resolvedRow`).
//
// The changes of a document are remembered per document object: undo and redo bring back the very objects they
// replaced, so a knob undone is undone in the changes too. An edit (a new object) keeps the knobs of the document
// it was made from and records every other difference from the base as a setting or an override.
import {
  applyChanges,
  changesFromEdit,
  sameJson,
  withKnobs as withKnobsApplied,
  type ChangeOutcome,
  type ScenarioChange,
} from '../plan/scenario.ts';
import { parsePlan } from '../plan/index.ts';
import { planToFile } from '../plan/to-file.ts';
import { LIMITS } from '../db/records.ts';
import type { PlanRecord } from '../db/types.ts';
import { STRATEGY_KEYS, type Doc, type Knobs } from './doc.ts';

/**
 * The quick knobs as the scenario panel sets them: `null` takes the knob away (the base's value again), `undefined`
 * leaves it as recorded. A setting without a value goes back to the base's.
 */
export interface ScenarioKnobs {
  trafficFactor?: number | null;
  growthPerMonth?: number | null;
  settings?: { path: string[]; value?: unknown }[];
}

/** The older knob form (null keeps what the scenario has) as scenario knobs. */
export function knobsOf(k: Knobs): ScenarioKnobs {
  const settings: { path: string[]; value?: unknown }[] = [];
  for (const key of STRATEGY_KEYS) {
    const d = k.discounts[key];
    if (d !== undefined && d !== null) settings.push({ path: ['strategies', key, 'discount'], value: d });
  }
  const types = [
    [k.sharedHostInstanceType, ['strategies', 'sharedHost', 'instanceType']],
    [k.vmInstanceType, ['strategies', 'vmPerService', 'instanceType']],
    [k.clusterNodeType, ['strategies', 'containerCluster', 'nodeType']],
  ] as const;
  for (const [value, path] of types) if (value) settings.push({ path: [...path], value });
  return {
    trafficFactor: k.trafficFactor === 1 ? undefined : k.trafficFactor,
    growthPerMonth: k.growthPerMonth ?? undefined,
    settings,
  };
}

/** The plan as typed in a row: its draft while it has problems, its document otherwise. */
const typed = (r: PlanRecord): unknown => (r.draft !== undefined ? r.draft : r.document);

/** A document with every default written out, or null when it is not a valid plan. */
function normalized(doc: unknown): Doc | null {
  const r = parsePlan(doc);
  return r.ok ? (planToFile(r.plan) as unknown as Doc) : null;
}

/**
 * The row that stores `doc` as scenario `row`'s document: as the document when it is a valid plan, otherwise as the
 * draft beside the last valid document (so nothing is lost and the row stays writable).
 */
function withDocument(row: PlanRecord, doc: Doc, changes: ScenarioChange[], now: number): PlanRecord {
  const { draft: _draft, ...rest } = row;
  const valid = normalized(doc);
  return valid
    ? { ...rest, document: valid, changes, updatedAt: now }
    : { ...rest, draft: doc, changes, updatedAt: now };
}

/** `2026-11-30`: the day of a time in ms (UTC), as a note states it. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class Scenarios {
  /** The open row when it is a scenario, and its base's last valid document (null: no base, or not a scenario). */
  #open = $state.raw<{ row: PlanRecord; base: PlanRecord | null } | null>(null);
  /** The changes of each document the open scenario has had. */
  #known = new WeakMap<object, ScenarioChange[]>();
  /** The changes of the document on screen. */
  #changes = $state.raw<ScenarioChange[]>([]);

  /** The open scenario's base, or null (not a scenario, or its base was deleted). */
  get base(): PlanRecord | null {
    return this.#open?.base ?? null;
  }

  /** The open scenario's changes, as the document on screen has them. */
  get changes(): ScenarioChange[] {
    return this.#changes;
  }

  /** The open scenario's changes in words, each saying whether it applies to the base as it is now. */
  readonly outcomes = $derived.by((): ChangeOutcome[] => {
    const open = this.#open;
    if (!open?.base) return [];
    return applyChanges(open.base.document, this.#changes).outcomes;
  });

  /** `changes` applied to `base`, named `name` (a new scenario's first document). */
  resolve(base: unknown, changes: readonly ScenarioChange[], name: string): Doc {
    const doc = applyChanges(base, changes, name).doc;
    this.#known.set(doc, [...changes]);
    return doc;
  }

  /** A stored row was put on screen (opened, reloaded): its recorded changes are the ones of its document. */
  show(row: PlanRecord, plans: readonly PlanRecord[]): void {
    if (row.kind !== 'scenario') {
      this.#open = null;
      this.#changes = [];
      return;
    }
    const base = plans.find((p) => p.id === row.baseId) ?? null;
    this.#open = { row, base };
    this.#changes = row.changes ?? [];
    const doc = typed(row);
    if (typeof doc === 'object' && doc !== null) this.#known.set(doc, this.#changes);
  }

  /** The document on screen changed (an edit, undo, redo): its changes, remembered with it. */
  observe(doc: Doc): ScenarioChange[] {
    const open = this.#open;
    if (!open) return [];
    let changes = this.#known.get(doc);
    if (!changes) {
      // With no base to compare with (it was deleted), the recorded changes stay as they were.
      changes = open.base ? changesFromEdit(open.base.document, this.#changes, doc) : this.#changes;
      this.#known.set(doc, changes);
    }
    this.#changes = changes;
    return changes;
  }

  /** The open scenario's changes with `knobs` set (null when there is no base to apply them to). */
  withKnobs(knobs: ScenarioKnobs): ScenarioChange[] | null {
    const base = this.#open?.base;
    return base ? withKnobsApplied(base.document, this.#changes, knobs) : null;
  }

  /** The document with `changes` applied to the open scenario's base (remembered with them), or null. */
  documentWith(changes: ScenarioChange[], name: string): Doc | null {
    const base = this.#open?.base;
    if (!base) return null;
    const doc = applyChanges(base.document, changes, name).doc;
    this.#known.set(doc, changes);
    return doc;
  }

  /** A row of the open scenario about to be written with `doc`: with the changes of that document. */
  stamp(row: PlanRecord, doc: Doc): PlanRecord {
    // Always the open document's row (a conflicting copy of the open scenario included, whose id is new).
    if (row.kind !== 'scenario' || !this.#open) return row;
    return { ...row, changes: this.#known.get(doc) ?? this.observe(doc) };
  }

  /**
   * `row` as it should be now: a scenario with its changes applied to its base's current (last valid) document, or
   * `base` when given (the base as edited on screen). Null when nothing differs (or it is not a scenario, or its base
   * is gone).
   */
  resolvedRow(row: PlanRecord, plans: readonly PlanRecord[], now: number): PlanRecord | null {
    if (row.kind !== 'scenario' || !row.changes) return null;
    const base = plans.find((p) => p.id === row.baseId);
    if (!base) return null;
    const name = typeof typed(row) === 'object' ? String((typed(row) as Doc).name ?? row.name) : row.name;
    const doc = applyChanges(base.document, row.changes, name).doc;
    if (sameJson(doc, typed(row)) || sameJson(normalized(doc), typed(row))) return null;
    return withDocument(row, doc, row.changes, now);
  }

  /** The rows of `base`'s scenarios that change now that `base` was saved: each re-applies its changes. */
  followers(base: PlanRecord, plans: readonly PlanRecord[], now: number): PlanRecord[] {
    const updated = plans.map((p) => (p.id === base.id ? base : p));
    return plans
      .filter((p) => p.kind === 'scenario' && p.baseId === base.id)
      .map((p) => this.resolvedRow(p, updated, now))
      .filter((r): r is PlanRecord => r !== null);
  }

  /** The document a scenario is costed with in a comparison: its changes applied to `baseDoc`, or its own. */
  documentFor(row: PlanRecord, plans: readonly PlanRecord[], baseDoc?: unknown): unknown {
    if (row.kind !== 'scenario' || !row.changes) return row.document;
    const base = baseDoc ?? plans.find((p) => p.id === row.baseId)?.document;
    if (base === undefined) return row.document;
    const doc = applyChanges(base, row.changes, row.name).doc;
    // A draft's changes may not make a valid plan: then its last valid document is what can be costed.
    return normalized(doc) ? doc : row.document;
  }

  /** A scenario's changes in words, against its base as it is now (none for a plan or a scenario without a base). */
  outcomesOf(row: PlanRecord, plans: readonly PlanRecord[], baseDoc?: unknown): ChangeOutcome[] {
    if (row.kind !== 'scenario' || !row.changes) return [];
    const base = baseDoc ?? plans.find((p) => p.id === row.baseId)?.document;
    return base === undefined ? [] : applyChanges(base, row.changes).outcomes;
  }

  /**
   * A scenario's changes in words for a comparison (those that no longer apply saying so); undefined for a plan.
   */
  wordsOf(row: PlanRecord, plans: readonly PlanRecord[], baseDoc?: unknown): string[] | undefined {
    if (row.kind !== 'scenario') return undefined;
    return this.outcomesOf(row, plans, baseDoc).map((o) =>
      o.notApplied ? `${o.text} (does not apply: ${o.notApplied})` : o.text,
    );
  }

  /** The row of a scenario made a plan of its own: its document as it is, no base, no changes, a note saying so. */
  detached(row: PlanRecord, plans: readonly PlanRecord[], now: number): PlanRecord {
    const { changes: _changes, ...rest } = row;
    const base = plans.find((p) => p.id === row.baseId);
    const words = this.outcomesOf(row, plans).map((o) => o.text);
    const from = base ? `“${base.name}”` : 'a plan since deleted';
    let note =
      `Detached from ${from} on ${isoDay(now)}` +
      (words.length > 0 ? `, with its changes: ${words.join('; ')}.` : '.');
    if (note.length > LIMITS.noteLength) note = `${note.slice(0, LIMITS.noteLength - 1)}…`;
    return {
      ...rest,
      kind: 'plan',
      baseId: null,
      note,
      updatedAt: now,
    };
  }
}
