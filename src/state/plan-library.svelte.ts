// The plan library: every stored plan and scenario (the plans list), their summaries (services, cheapest strategy and
// its cost), and what is done to whole plans — create, duplicate, rename, delete (with Undo), scenarios, and the
// copies that keep a window's edits when another window saved the same plan first. The open plan's own edits and
// saving are OpenPlan's; this class only keeps its row in the list up to date.
/* eslint-disable svelte/prefer-svelte-reactivity -- maps, sets and dates here are built fresh and assigned to
   $state.raw fields (replaced wholesale, never mutated in place), or are not reactive at all. */
import { STRATEGY_NAMES, type Report, type StrategyId } from '../model/index.ts';
import { ConflictError, StoreError } from '../db/errors.ts';
import type { HeadroomStore, PlanRecord, StoreStatus } from '../db/types.ts';
import type { EngineClient } from '../worker/client.ts';
import { exportFileName, newPlanDoc, servicesOf, uniqueName, type Doc } from './doc.ts';
import { examplePlanDocument } from './example.ts';
import type { Exports } from './exports.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { Scenarios } from './scenarios.svelte.ts';
import type { OpenPlan } from './open-plan.svelte.ts';
import { conflictCopyName, isDoc, messageOf, newRecord, normalized, sortPlans } from './records.ts';

export interface PlanSummary {
  services: number;
  cheapest: StrategyId | null;
  cheapestName: string | null;
  cost: number | null;
  currency: string;
}

const SEEDED = 'ui.seededExample';

/** What the library reads of the rest of the app (the root AppState passes itself). */
export interface PlanLibraryDeps {
  readonly store: HeadroomStore;
  readonly engine: Pick<EngineClient, 'evaluate'>;
  readonly notices: Pick<Notices, 'notify'>;
  readonly exports: Pick<Exports, 'saveFile'>;
  readonly comparison: { retain(exists: (id: string) => boolean): void };
  readonly storeStatus: StoreStatus;
  readonly scenarios: Pick<Scenarios, 'changes' | 'resolve'>;
  readonly plan: Pick<
    OpenPlan,
    'currentId' | 'current' | 'doc' | 'valid' | 'open' | 'flush' | 'edit' | 'close' | 'externalChange'
  >;
}

export class PlanLibrary {
  readonly #app: PlanLibraryDeps;
  #plans = $state.raw<PlanRecord[]>([]);
  #summaries = $state.raw<Map<string, PlanSummary & { updatedAt: number }>>(new Map());

  constructor(app: PlanLibraryDeps) {
    this.#app = app;
  }

  /** Every stored plan and scenario, newest first. */
  get plans(): PlanRecord[] {
    return this.#plans;
  }

  get summaries(): Map<string, PlanSummary & { updatedAt: number }> {
    return this.#summaries;
  }

  /** The names in use (a new or copied plan gets one that is not). */
  names(): string[] {
    return this.#plans.map((p) => p.name);
  }

  /** Reads the plans; on first run stores the example plan (once: not again after it was deleted). */
  async load(): Promise<void> {
    const { store, storeStatus } = this.#app;
    let plans = await store.listPlans();
    if (plans.length === 0 && !(await store.getSetting<boolean>(SEEDED)) && !storeStatus.readOnly) {
      const record = newRecord(examplePlanDocument(), 'plan', null);
      if (record) {
        plans = [await store.putPlan(record)];
        await store.setSetting(SEEDED, true);
      }
    }
    this.#plans = sortPlans(plans);
  }

  /** Re-reads everything (after a restore replaced the plans); summaries are recomputed as needed. */
  async reload(): Promise<void> {
    this.#summaries = new Map();
    this.#plans = sortPlans(await this.#app.store.listPlans());
  }

  /** The list as another window left it. */
  replaceAll(rows: PlanRecord[]): void {
    this.#plans = sortPlans(rows);
  }

  /** Puts stored rows in the list, replacing the rows with their ids. */
  upsert(...rows: PlanRecord[]): void {
    const ids = new Set(rows.map((r) => r.id));
    this.#plans = sortPlans([...this.#plans.filter((p) => !ids.has(p.id)), ...rows]);
  }

  /** Stores a new plan; one read from a file goes through the store's import (a backup first). */
  async insert(record: PlanRecord, open = true, fromFile = false): Promise<void> {
    const { store, notices } = this.#app;
    let stored: PlanRecord;
    try {
      stored = fromFile ? (await store.importPlans([record]))[0]! : await store.putPlan(record);
    } catch (error) {
      notices.notify(`Could not save: ${messageOf(error)}`, 'error');
      // Refused as stale: another window changed that plan; show what it has now.
      if (error instanceof ConflictError) void this.#app.plan.externalChange();
      return;
    }
    this.upsert(stored);
    if (open) await this.#app.plan.open(stored.id);
  }

  async createPlan(name = 'New plan'): Promise<void> {
    const doc = newPlanDoc(uniqueName(name, this.names()));
    const record = newRecord(doc, 'plan', null);
    if (record) await this.insert(record);
  }

  async openExample(): Promise<void> {
    const doc = examplePlanDocument();
    const named = { ...doc, name: uniqueName(String(doc.name), this.names()) };
    const record = newRecord(named, 'plan', null);
    if (record) await this.insert(record);
  }

  async duplicate(id: string): Promise<void> {
    await this.#app.plan.flush();
    const src = this.#plans.find((p) => p.id === id);
    if (!src) return;
    const name = uniqueName(`${src.name} copy`, this.names());
    const record = newRecord({ ...(src.document as Doc), name }, src.kind, src.baseId);
    if (!record) return;
    if (src.changes) record.changes = src.changes;
    // The copy is of the plan as typed: a draft is copied with it, beside the last valid version.
    if (isDoc(src.draft)) record.draft = { ...src.draft, name };
    await this.insert(record, false);
    this.#app.notices.notify(`Duplicated as “${name}”.`);
  }

  async rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (!trimmed) return false;
    if (id === this.#app.plan.currentId && this.#app.plan.doc) {
      this.#app.plan.edit(['name'], trimmed);
      return this.#app.plan.valid;
    }
    const src = this.#plans.find((p) => p.id === id);
    if (!src) return false;
    const document = { ...(src.document as Doc), name: trimmed };
    if (normalized(document) === null) return false;
    const record: PlanRecord = { ...src, name: trimmed, document, updatedAt: Date.now() };
    // A draft is renamed with it, so the plan as typed keeps the new name when it is opened.
    if (isDoc(src.draft)) record.draft = { ...src.draft, name: trimmed };
    await this.insert(record, false);
    return true;
  }

  /**
   * Deletes a plan, after a periodic backup when one is due. With storage full there may be no room for that
   * backup: then nothing is deleted yet and the notice asks to delete without one (a second, explicit action, not
   * a silent fallback); the Undo that follows still works, as it keeps the row in memory.
   */
  async remove(id: string, options: { backup?: boolean } = {}): Promise<void> {
    const { store, notices } = this.#app;
    await this.#app.plan.flush();
    let deleted: PlanRecord | undefined;
    try {
      deleted = await store.deletePlan(id, options);
    } catch (error) {
      const name = this.#plans.find((p) => p.id === id)?.name ?? 'the plan';
      if (options.backup !== false && error instanceof Error && 'kind' in error && error.kind === 'quota') {
        notices.notify(
          `“${name}” was not deleted: storage is full, so there is no room for a backup first. Delete it without a ` +
            'backup? Undo still works right after (or, if the plan no longer fits, offers it as a file).',
          'error',
          { label: 'Delete without backup', run: () => void this.remove(id, { backup: false }) },
        );
      } else notices.notify(`Could not delete: ${messageOf(error)}`, 'error');
      return;
    }
    if (!deleted) return;
    const record = deleted;
    this.#plans = this.#plans.filter((p) => p.id !== id);
    this.#app.comparison.retain((c) => c !== id);
    if (this.#app.plan.currentId === id) this.#app.plan.close();
    const how = options.backup === false ? ' without a backup' : '';
    notices.notify(`Deleted “${record.name}”${how}.`, 'info', {
      label: 'Undo',
      run: () => void this.#restoreDeleted(record),
    });
  }

  /**
   * Undo of a delete: the row goes back as it was, with no backup first (so it works where the delete made room).
   * Browsers may release a deleted row's space only later (Chromium's storage compacts when it chooses), so with
   * storage full even that can fail: then the plan is offered as a file, which "Import plan file…" reads back.
   */
  async #restoreDeleted(record: PlanRecord): Promise<void> {
    const { store, notices } = this.#app;
    try {
      await store.undeletePlan(record);
    } catch (error) {
      notices.notify(`Could not put “${record.name}” back: ${messageOf(error)}`, 'error', {
        label: 'Save it as a file',
        run: () =>
          void this.#app.exports.saveFile(
            exportFileName(record.name, new Date(), 'json'),
            'application/json',
            `${JSON.stringify(record.document, null, 2)}\n`,
          ),
      });
      return;
    }
    this.upsert(record);
    notices.notify(`Restored “${record.name}”.`);
  }

  async createScenario(): Promise<void> {
    const base = this.#app.plan.current;
    const doc = this.#app.plan.doc;
    if (!base || !doc || !this.#app.plan.valid) return;
    await this.#app.plan.flush();
    const baseId = base.kind === 'scenario' && base.baseId ? base.baseId : base.id;
    const name = uniqueName(`${base.name} — what-if`, this.names());
    const baseRow = this.#plans.find((p) => p.id === baseId);
    // A scenario of a scenario starts from the same changes to the same base.
    const scenarios = this.#app.scenarios;
    const changes = base.kind === 'scenario' ? scenarios.changes : [];
    const scenarioDoc = (baseRow && scenarios.resolve(baseRow.document, changes, name)) ?? { ...doc, name };
    const record = newRecord(scenarioDoc, 'scenario', baseId);
    if (record) {
      record.changes = changes;
      await this.insert(record);
      this.#app.notices.notify(`Scenario “${name}” created from “${base.name}”.`);
    }
  }

  /**
   * Stores `attempted`'s document as a new plan named as a conflicting copy (another window saved that plan first);
   * returns the stored copy. `taken`: the names in use, this list's by default.
   */
  async saveCopy(attempted: PlanRecord, taken = this.names()): Promise<PlanRecord> {
    const name = conflictCopyName(attempted.name, Date.now(), taken);
    const copy = newRecord({ ...(attempted.document as Doc), name }, attempted.kind, attempted.baseId);
    if (!copy) throw new StoreError('invalid', 'The edits are not a valid plan.');
    if (attempted.changes) copy.changes = attempted.changes;
    // A draft travels with its copy (under the copy's name), beside the last valid version.
    if (isDoc(attempted.draft)) copy.draft = { ...attempted.draft, name };
    else if (attempted.draft !== undefined) copy.draft = attempted.draft;
    return this.#app.store.putPlan(copy);
  }

  /** Records a plan's summary for the plans list, from its report. */
  rememberSummary(id: string, report: Report, services: number, updatedAt: number): void {
    const cheapest = report.cheapest;
    const s = cheapest ? report.strategies.find((x) => x.id === cheapest) : undefined;
    const next = new Map(this.#summaries);
    next.set(id, {
      services,
      cheapest,
      cheapestName: cheapest ? STRATEGY_NAMES[cheapest] : null,
      cost: s?.monthlyCost ?? null,
      currency: report.currency,
      updatedAt,
    });
    this.#summaries = next;
  }

  /** Evaluates every plan whose summary is missing or older than the plan (for the plans list). */
  async refreshSummaries(): Promise<void> {
    for (const p of this.#plans) {
      const known = this.#summaries.get(p.id);
      if (known && known.updatedAt >= p.updatedAt) continue;
      const r = await this.#app.engine.evaluate(p.document, `summary:${p.id}`, null);
      if (r?.ok) this.rememberSummary(p.id, r.report, servicesOf(p.document).length, p.updatedAt);
    }
  }
}
