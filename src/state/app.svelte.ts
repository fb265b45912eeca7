// The planner's state: plans and scenarios from the store, the open plan's document, its validation and its
// report. Components read this class and call its methods; only this layer wires the engine, the store and the
// platform together. Every edit autosaves: a valid one as the plan's document, an invalid one as its draft (the plan
// as typed, with its problems), beside the last valid document, which stays stored and is what results show.
//
// Saving (docs/data-safety.md, "Saving edits"): the open plan's document is compared with the one last committed
// (`#saved`); while they differ the indicator says so, from the keystroke until the store has committed. Writes go
// through one queue, each based on the revision last committed; a write refused as stale (another window saved
// first) keeps both versions. When the page goes away, the pending document is also written synchronously to a
// journal in localStorage, which the next page replays once this one is gone: an IndexedDB write started then may
// never commit.
/* eslint-disable svelte/prefer-svelte-reactivity -- maps and dates here are built fresh and assigned to $state.raw
   fields (replaced wholesale, never mutated in place), or are not reactive at all. */
import type { Forecast, Plan, PlanIssue, Report, StrategyId } from '../model/index.ts';
import { isCalendarMonth, monthAfter } from '../model/index.ts';
import { STRATEGY_NAMES } from '../model/index.ts';
import { parsePlanText, planToFile, parsePlan, PLAN_LIMITS } from '../plan/index.ts';
import {
  forecastToCsv,
  reportToCsv,
  servicesToCsv,
  type CsvText,
  type ExportOptions,
  withBom,
} from '../report/index.ts';
import { ConflictError, StoreError } from '../db/errors.ts';
import type { HeadroomStore, PlanKind, PlanRecord, StoreStatus } from '../db/types.ts';
import type { MenuCommand, Platform } from '../platform/types.ts';
import { OPEN_PLAN } from '../platform/file-requests.ts';
import { EngineClient } from '../worker/client.ts';
import {
  FORECAST_HORIZONS,
  FORECAST_MONTHS,
  type ForecastHorizon,
  type ForecastRequest,
  type PlanEvaluation,
} from '../worker/evaluate.ts';
import {
  addService,
  applyKnobs,
  duplicateService,
  exportFileName,
  issuesByPath,
  moveService,
  newPlanDoc,
  newService,
  removeService,
  servicesOf,
  setAt,
  uniqueName,
  type Doc,
  type Knobs,
  pathText,
  type Path,
} from './doc.ts';
import { History } from './history.ts';
import { examplePlanDocument } from './example.ts';

export type View = 'plans' | 'editor' | 'compare' | 'data';

export interface PlanSummary {
  services: number;
  cheapest: StrategyId | null;
  cheapestName: string | null;
  cost: number | null;
  currency: string;
}

export interface Notice {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** An action offered with the notice (Undo after a delete). */
  action?: { label: string; run: () => void } | undefined;
}

export interface ImportProblem {
  fileName: string;
  issues: PlanIssue[];
}

/** `draft`: what is on screen is committed, as a draft (it has problems); the last valid version is kept beside it. */
export type SaveState = 'saved' | 'draft' | 'saving' | 'error' | 'read-only';

/** Where the write-ahead journal lives: the page's localStorage, or a stand-in (tests). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * Web Locks (navigator.locks) as the journal uses them: each page holds a lock named after its journal key for as
 * long as it lives, so another page replays that journal entry only once its writer is gone.
 */
export interface PageLocks {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => T,
  ): Promise<Awaited<T>>;
}

export interface AppOptions {
  /** The write-ahead journal's storage; the page's localStorage by default, none where there is none. */
  journal?: JournalStorage | null;
  /** The page's Web Locks; navigator.locks by default. Without them an entry is replayed at the next start. */
  locks?: PageLocks | null;
}

/** A document written to the journal when the page went away: the record to save, based on its revision. */
interface JournalEntry {
  v: 1;
  at: number;
  record: PlanRecord;
}

const LAST_PLAN = 'ui.lastPlanId';
const SEEDED = 'ui.seededExample';
const SAVE_DELAY_MS = 150;
/** One journal key per page instance (`headroom.journal.<id>`), so windows never overwrite each other's. */
const JOURNAL_PREFIX = 'headroom.journal.';

function defaultJournal(): JournalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (a sandboxed frame, a privacy setting): no journal, IndexedDB only.
    return null;
  }
}

function defaultLocks(): PageLocks | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** The lock a page holds while it lives, named after its journal key. */
function pageLock(journalKey: string): string {
  return `headroom.page.${journalKey.slice(JOURNAL_PREFIX.length)}`;
}

function isJournalEntry(v: unknown): v is JournalEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<JournalEntry>;
  return e.v === 1 && typeof e.at === 'number' && typeof e.record === 'object' && e.record !== null;
}

/** Stored documents are structured clones of what was written, so their JSON is equal when their content is. */
function sameDocument(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The plan as typed in a stored row: its draft when it has one, its (valid) document otherwise. */
export function typedDocument(record: PlanRecord): unknown {
  return record.draft !== undefined ? record.draft : record.document;
}

/** A row's name for a typed document: its own name when that is one a row can carry, the fallback otherwise. */
function rowName(doc: unknown, fallback: string): string {
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
function rowFor(
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

function isDoc(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A plan document with every default written out, so each field can be edited at its path. */
function normalized(doc: unknown): Doc | null {
  const r = parsePlan(doc);
  return r.ok ? (planToFile(r.plan) as unknown as Doc) : null;
}

export class AppState {
  readonly store: HeadroomStore;
  readonly platform: Platform;
  readonly engine: EngineClient;

  view = $state<View>('editor');
  plans = $state.raw<PlanRecord[]>([]);
  currentId = $state<string | null>(null);
  /** The open document as edited (possibly invalid). */
  doc = $state.raw<Doc | null>(null);
  /** Problems with `doc`; empty when it is valid (it may still have strategies that cannot be costed). */
  issues = $state.raw<PlanIssue[]>([]);
  /** The report and forecast of the last valid version of `doc` (`doc` itself when it is valid). */
  evaluation = $state.raw<{ report: Report; forecast: Forecast | null } | null>(null);
  /** The forecast's horizon and start month (`YYYY-MM`; by default the month after today). */
  forecastOptions = $state.raw<ForecastRequest>({ months: FORECAST_MONTHS, start: monthAfter(new Date()) });
  /** True while a large plan is being evaluated in the worker. */
  evaluating = $state(false);
  storeStatus = $state.raw<StoreStatus>({ readOnly: false, message: null });
  notices = $state.raw<Notice[]>([]);
  importProblem = $state.raw<ImportProblem | null>(null);
  summaries = $state.raw<Map<string, PlanSummary & { updatedAt: number }>>(new Map());
  canUndo = $state(false);
  canRedo = $state(false);
  /** Entries picked for comparison (ids), the first plan being the base unless `compareBase` says otherwise. */
  compareIds = $state.raw<string[]>([]);
  compareBase = $state<string | null>(null);
  compareReports = $state.raw<Map<string, Report>>(new Map());
  /** Set by the menu's open-guide / about commands. */
  dialog = $state<'guide' | 'about' | null>(null);
  /**
   * A problem picked in the problems summary: the editor opens its section (and a service's "Curve & details") and
   * moves focus to its field. `seq` tells one request from the next for the same path.
   */
  reveal = $state.raw<{ path: string; seq: number } | null>(null);

  /**
   * Why a strategy cannot be costed, located at the field to change (a pod request larger than the node type): not a
   * problem with the plan, but shown at its field like one. Only while the report is the document's own (valid).
   */
  readonly costingIssues = $derived.by((): PlanIssue[] => {
    if (this.issues.length > 0 || !this.evaluation) return [];
    return this.evaluation.report.strategies.flatMap((s) =>
      (s.cannotCost ?? []).map((p) => ({
        path: p.path,
        message: `${s.name} cannot be costed: ${p.message}; ${p.fix}`,
      })),
    );
  });
  /** Everything shown at a field: the plan's problems, then the strategies' costing problems. */
  readonly fieldIssues = $derived(
    this.costingIssues.length > 0 ? [...this.issues, ...this.costingIssues] : this.issues,
  );
  readonly issueMap = $derived(issuesByPath(this.fieldIssues));
  readonly report = $derived(this.evaluation?.report ?? null);
  readonly forecast = $derived(this.evaluation?.forecast ?? null);
  readonly current = $derived(this.plans.find((p) => p.id === this.currentId) ?? null);
  readonly valid = $derived(this.issues.length === 0);

  #histories = new Map<string, History<Doc>>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The open plan as last committed (or read): its document is the one `doc` is compared with. */
  #saved = $state.raw<PlanRecord | null>(null);
  /** A document known to be invalid (by evaluation or the store's check): written as a draft, never as the plan. */
  #invalidDoc = $state.raw<Doc | null>(null);
  /** The newest valid version of the open plan known here: what "Go back to the last valid version" restores. */
  #lastValid: Doc | null = null;
  /** The last write of the open plan failed (other than invalid or stale); cleared by the next edit. */
  #saveFailed = $state(false);
  /** Writes and reactions to other windows' changes run one at a time, in order. */
  #queue: Promise<void> = Promise.resolve();
  readonly #journal: JournalStorage | null;
  readonly #journalKey = JOURNAL_PREFIX + newId();
  readonly #locks: PageLocks | null;
  /** Journal keys of live pages this page waits on, to replay their entry once they are gone. */
  readonly #awaitedJournals = new Set<string>();
  #offs: (() => void)[] = [];
  #noticeId = 0;
  #evalSeq = 0;

  constructor(
    store: HeadroomStore,
    platform: Platform,
    engine = new EngineClient(),
    options: AppOptions = {},
  ) {
    this.store = store;
    this.platform = platform;
    this.engine = engine;
    this.#journal = options.journal === undefined ? defaultJournal() : options.journal;
    this.#locks = options.locks === undefined ? defaultLocks() : options.locks;
  }

  /**
   * What the save indicator says. "saved" only when the document on screen is the one last committed; from the
   * moment of an edit until its write has committed it is "saving" (also while a large plan is evaluated).
   */
  get saveState(): SaveState {
    const doc = this.doc;
    const saved = this.#saved;
    if (!doc || !saved) return 'saved';
    if (doc === typedDocument(saved)) return saved.draft !== undefined ? 'draft' : 'saved';
    if (this.storeStatus.readOnly) return 'read-only';
    if (this.#saveFailed) return 'error';
    return 'saving';
  }

  /** True while the open plan's stored row carries a draft (the plan as typed has problems; its last valid version is kept). */
  get hasDraft(): boolean {
    return this.#saved?.draft !== undefined;
  }

  /** True while the document on screen differs from the one last committed (as the document or the draft). */
  #dirty(): boolean {
    return this.doc !== null && this.#saved !== null && this.doc !== typedDocument(this.#saved);
  }

  /** Loads the plans; on first run stores and opens the example plan; reopens the last plan otherwise. */
  async init(): Promise<void> {
    this.storeStatus = this.store.status();
    this.#offs.push(this.store.onExternalChange(() => void this.#externalChange()));
    this.#holdPageLock();
    await this.#replayJournal();
    let plans = await this.store.listPlans();
    if (plans.length === 0 && !(await this.store.getSetting<boolean>(SEEDED)) && !this.storeStatus.readOnly) {
      const record = this.#record(examplePlanDocument(), 'plan', null);
      if (record) {
        plans = [await this.store.putPlan(record)];
        await this.store.setSetting(SEEDED, true);
      }
    }
    this.plans = sortPlans(plans);
    const last = await this.store.getSetting<string>(LAST_PLAN);
    const target = plans.find((p) => p.id === last) ?? this.plans[0];
    if (target) await this.open(target.id);
    else this.view = 'plans';
  }

  /** Re-reads everything from the store (after a restore replaced the plans). */
  async reload(): Promise<void> {
    // Whatever was pending was written before the replace (see `flush`, called first); nothing may follow it.
    clearTimeout(this.#saveTimer);
    this.#saved = null;
    this.doc = null;
    const stayOnData = this.view === 'data';
    this.#histories.clear();
    this.summaries = new Map();
    this.plans = sortPlans(await this.store.listPlans());
    const target = this.plans.find((p) => p.id === this.currentId) ?? this.plans[0];
    if (target) await this.open(target.id);
    else {
      this.currentId = null;
      this.doc = null;
      this.evaluation = null;
      this.view = 'plans';
    }
    if (stayOnData) this.view = 'data';
  }

  // ---------- notices ----------

  notify(text: string, kind: Notice['kind'] = 'info', action?: Notice['action']): void {
    const notice: Notice = { id: ++this.#noticeId, text, kind, action };
    this.notices = [...this.notices.slice(-2), notice];
    setTimeout(() => this.dismiss(notice.id), action ? 12_000 : 6_000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  // ---------- plans ----------

  #record(doc: unknown, kind: PlanKind, baseId: string | null): PlanRecord | null {
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

  /** Stores a new plan; one read from a file goes through the store's import (a backup first). */
  async #insert(record: PlanRecord, open = true, fromFile = false): Promise<void> {
    let stored: PlanRecord;
    try {
      stored = fromFile ? (await this.store.importPlans([record]))[0]! : await this.store.putPlan(record);
    } catch (error) {
      this.notify(`Could not save: ${messageOf(error)}`, 'error');
      // Refused as stale: another window changed that plan; show what it has now.
      if (error instanceof ConflictError) void this.#externalChange();
      return;
    }
    this.plans = sortPlans([...this.plans.filter((p) => p.id !== stored.id), stored]);
    if (open) await this.open(stored.id);
  }

  async open(id: string): Promise<void> {
    await this.flush();
    const record = this.plans.find((p) => p.id === id) ?? (await this.store.getPlan(id));
    if (!record) return;
    this.#show(record);
    this.view = 'editor';
    await this.#evaluate(this.doc!);
    if (!this.storeStatus.readOnly) this.store.setSetting(LAST_PLAN, id).catch(() => {});
  }

  /** Puts a stored plan on screen as the open one (its document is then the committed one). */
  #show(record: PlanRecord): void {
    clearTimeout(this.#saveTimer);
    this.currentId = record.id;
    // Stored documents were normalized when written; re-normalizing a large plan would only cost time. A row with a
    // draft opens the draft (its problems are shown once evaluated); its last valid document gives the results.
    this.#saved = record;
    this.doc = typedDocument(record) as Doc;
    this.#lastValid = record.document as Doc;
    this.issues = [];
    this.#invalidDoc = null;
    this.#saveFailed = false;
    this.evaluation = null;
    this.#syncHistoryFlags();
  }

  async createPlan(name = 'New plan'): Promise<void> {
    const doc = newPlanDoc(
      uniqueName(
        name,
        this.plans.map((p) => p.name),
      ),
    );
    const record = this.#record(doc, 'plan', null);
    if (record) await this.#insert(record);
  }

  async openExample(): Promise<void> {
    const doc = examplePlanDocument();
    const named = {
      ...doc,
      name: uniqueName(
        String(doc.name),
        this.plans.map((p) => p.name),
      ),
    };
    const record = this.#record(named, 'plan', null);
    if (record) await this.#insert(record);
  }

  async duplicate(id: string): Promise<void> {
    await this.flush();
    const src = this.plans.find((p) => p.id === id);
    if (!src) return;
    const name = uniqueName(
      `${src.name} copy`,
      this.plans.map((p) => p.name),
    );
    const record = this.#record({ ...(src.document as Doc), name }, src.kind, src.baseId);
    if (!record) return;
    // The copy is of the plan as typed: a draft is copied with it, beside the last valid version.
    if (isDoc(src.draft)) record.draft = { ...src.draft, name };
    await this.#insert(record, false);
    this.notify(`Duplicated as “${name}”.`);
  }

  async rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (!trimmed) return false;
    if (id === this.currentId && this.doc) {
      this.edit(['name'], trimmed);
      return this.valid;
    }
    const src = this.plans.find((p) => p.id === id);
    if (!src) return false;
    const document = { ...(src.document as Doc), name: trimmed };
    if (normalized(document) === null) return false;
    const record: PlanRecord = { ...src, name: trimmed, document, updatedAt: Date.now() };
    // A draft is renamed with it, so the plan as typed keeps the new name when it is opened.
    if (isDoc(src.draft)) record.draft = { ...src.draft, name: trimmed };
    await this.#insert(record, false);
    return true;
  }

  /**
   * Deletes a plan, after a periodic backup when one is due. With storage full there may be no room for that
   * backup: then nothing is deleted yet and the notice asks to delete without one (a second, explicit action, not
   * a silent fallback); the Undo that follows still works, as it keeps the row in memory.
   */
  async remove(id: string, options: { backup?: boolean } = {}): Promise<void> {
    await this.flush();
    let deleted: PlanRecord | undefined;
    try {
      deleted = await this.store.deletePlan(id, options);
    } catch (error) {
      const name = this.plans.find((p) => p.id === id)?.name ?? 'the plan';
      if (options.backup !== false && error instanceof Error && 'kind' in error && error.kind === 'quota') {
        this.notify(
          `“${name}” was not deleted: storage is full, so there is no room for a backup first. Delete it without a ` +
            'backup? Undo still works right after (or, if the plan no longer fits, offers it as a file).',
          'error',
          { label: 'Delete without backup', run: () => void this.remove(id, { backup: false }) },
        );
      } else this.notify(`Could not delete: ${messageOf(error)}`, 'error');
      return;
    }
    if (!deleted) return;
    const record = deleted;
    this.plans = this.plans.filter((p) => p.id !== id);
    this.compareIds = this.compareIds.filter((c) => c !== id);
    if (this.currentId === id) {
      this.currentId = null;
      this.doc = null;
      this.evaluation = null;
      this.issues = [];
      this.view = 'plans';
    }
    const how = options.backup === false ? ' without a backup' : '';
    this.notify(`Deleted “${record.name}”${how}.`, 'info', {
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
    try {
      await this.store.undeletePlan(record);
    } catch (error) {
      this.notify(`Could not put “${record.name}” back: ${messageOf(error)}`, 'error', {
        label: 'Save it as a file',
        run: () =>
          void this.#save(
            exportFileName(record.name, new Date(), 'json'),
            'application/json',
            `${JSON.stringify(record.document, null, 2)}\n`,
          ),
      });
      return;
    }
    this.plans = sortPlans([...this.plans.filter((p) => p.id !== record.id), record]);
    this.notify(`Restored “${record.name}”.`);
  }

  async createScenario(): Promise<void> {
    const base = this.current;
    if (!base || !this.doc || !this.valid) return;
    await this.flush();
    const baseId = base.kind === 'scenario' && base.baseId ? base.baseId : base.id;
    const name = uniqueName(
      `${base.name} — what-if`,
      this.plans.map((p) => p.name),
    );
    const record = this.#record({ ...this.doc, name }, 'scenario', baseId);
    if (record) {
      await this.#insert(record);
      this.notify(`Scenario “${name}” created from “${base.name}”.`);
    }
  }

  applyKnobs(knobs: Knobs): void {
    if (!this.doc) return;
    this.replaceDoc(applyKnobs(this.doc, knobs), null);
  }

  // ---------- editing ----------

  #history(): History<Doc> | null {
    if (!this.currentId) return null;
    let h = this.#histories.get(this.currentId);
    if (!h) {
      h = new History<Doc>();
      this.#histories.set(this.currentId, h);
    }
    return h;
  }

  #syncHistoryFlags(): void {
    const h = this.currentId ? this.#histories.get(this.currentId) : undefined;
    this.canUndo = h?.canUndo ?? false;
    this.canRedo = h?.canRedo ?? false;
  }

  /**
   * Sets one field; edits to the same field in quick succession are one undo step (typing, dragging) unless `step`
   * says this edit is a step of its own (a preset, a paste, a change of curve length).
   */
  edit(path: Path, value: unknown, step = false): void {
    if (!this.doc) return;
    this.replaceDoc(setAt(this.doc, path, value), step ? null : path.join('.'));
  }

  replaceDoc(next: Doc, mergeKey: string | null): void {
    if (!this.doc || next === this.doc) return;
    this.#history()?.record(this.doc, mergeKey);
    this.#syncHistoryFlags();
    this.#changed(next);
  }

  /** The open document changed (an edit, undo or redo): evaluate it and save it soon. */
  #changed(next: Doc): void {
    this.doc = next;
    this.#saveFailed = false;
    void this.#evaluate(next);
    this.#scheduleSave();
  }

  addService(service?: Doc): number {
    if (!this.doc) return -1;
    const names = servicesOf(this.doc).map((s) => String(s.name));
    const s = service ?? newService('service');
    this.replaceDoc(addService(this.doc, { ...s, name: uniqueName(String(s.name), names) }), null);
    return servicesOf(this.doc).length - 1;
  }

  duplicateService(index: number): void {
    if (this.doc) this.replaceDoc(duplicateService(this.doc, index), null);
  }

  removeService(index: number): void {
    if (this.doc) this.replaceDoc(removeService(this.doc, index), null);
  }

  moveService(from: number, to: number): void {
    if (this.doc) this.replaceDoc(moveService(this.doc, from, to), null);
  }

  undo(): void {
    const h = this.#history();
    if (!h || !this.doc) return;
    const prev = h.undo(this.doc);
    if (!prev) return;
    this.#syncHistoryFlags();
    this.#changed(prev);
  }

  redo(): void {
    const h = this.#history();
    if (!h || !this.doc) return;
    const next = h.redo(this.doc);
    if (!next) return;
    this.#syncHistoryFlags();
    this.#changed(next);
  }

  /** Asks the editor to show the field of a problem (its section opened) and move focus to it. */
  revealProblem(path: string): void {
    this.reveal = { path, seq: (this.reveal?.seq ?? 0) + 1 };
  }

  /** Problems reported at exactly this path. */
  issuesAt(path: Path | string): string[] {
    const key = typeof path === 'string' ? path : pathKey(path);
    return this.issueMap.get(key) ?? [];
  }

  /**
   * Validates and evaluates an edited document. It is parsed once, here (the parse cache re-validates only what the
   * edit changed), and the parsed plan goes to the engine: on this thread for small plans, so results change in the
   * same frame as the keystroke; in the worker for large ones, where it is evaluated incrementally. The forecast,
   * which costs one evaluation per month, follows once the report is on screen, from the worker.
   */
  async #evaluate(doc: Doc): Promise<void> {
    const seq = ++this.#evalSeq;
    const id = this.currentId;
    const key = id ?? 'default';
    const stale = () => seq !== this.#evalSeq || id !== this.currentId;
    const parsed = this.engine.parse(doc);
    let result: PlanEvaluation | null;
    if (!parsed.ok) result = parsed;
    else if (this.engine.isLarge(parsed.plan)) {
      this.evaluating = true;
      result = await this.engine.evaluatePlan(parsed.plan, { key });
      if (!stale()) this.evaluating = false;
    } else {
      result = this.engine.evaluatePlanNow(parsed.plan, key);
    }
    if (result === null || stale()) return;
    if (!result.ok || !parsed.ok || !result.report) {
      this.issues = result.ok ? [] : result.issues;
      this.#invalidDoc = doc;
      // Opened as a draft: nothing is shown yet, so show the last valid version's results (labelled as such).
      const lastValid = this.#lastValid;
      if (!this.evaluation && lastValid && lastValid !== doc) {
        const last = await this.engine.evaluate(lastValid, `last-valid:${key}`, this.forecastOptions, true);
        if (last?.ok && !stale() && !this.evaluation) {
          this.evaluation = { report: last.report, forecast: last.forecast };
        }
      }
      return;
    }
    this.issues = [];
    this.#lastValid = doc;
    this.evaluation = { report: result.report, forecast: this.evaluation?.forecast ?? null };
    const now = Date.now();
    if (id) this.#rememberSummary(id, result.report, parsed.plan.services.length, now);
    // After the report is painted: the forecast must never delay it (and an edit meanwhile makes it stale).
    await afterPaint();
    if (!stale()) await this.#runForecast(parsed.plan, stale);
  }

  /** The forecast of the last valid plan, with the current options; it follows the report (worker). */
  async #runForecast(plan: Plan, stale: () => boolean): Promise<void> {
    const key = this.currentId ?? 'default';
    const full = await this.engine.evaluatePlan(plan, {
      key,
      channel: `forecast:${key}`,
      report: false,
      forecast: this.forecastOptions,
      inWorker: true,
    });
    if (full?.ok && !stale() && this.evaluation) {
      this.evaluation = { report: this.evaluation.report, forecast: full.forecast };
    }
  }

  /** Changes the forecast's horizon (12, 24 or 36 months) or start month (`YYYY-MM`) and re-runs it. */
  async setForecastOptions(next: Partial<ForecastRequest>): Promise<void> {
    const months = next.months ?? this.forecastOptions.months;
    const start = next.start ?? this.forecastOptions.start;
    if (!FORECAST_HORIZONS.some((h: ForecastHorizon) => h === months) || !isCalendarMonth(start)) return;
    this.forecastOptions = { months, start };
    const doc = this.#lastValid;
    const parsed = doc ? this.engine.parse(doc) : null;
    if (!parsed?.ok) return;
    const seq = this.#evalSeq;
    const id = this.currentId;
    await this.#runForecast(parsed.plan, () => seq !== this.#evalSeq || id !== this.currentId);
  }

  /** Saves the open document a moment after the last edit (typing is one write, not one per keystroke). */
  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    if (this.storeStatus.readOnly || !this.#dirty()) return;
    this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Runs `task` after everything queued before it (writes never overlap or overtake each other). */
  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  /**
   * Writes the open document now if it differs from the one committed, including an edit whose evaluation has not
   * finished (the store validates every write itself). Resolves once that write has committed, or failed (which
   * the indicator and a notice then say). The desktop app calls this before a window closes.
   */
  flush(): Promise<void> {
    clearTimeout(this.#saveTimer);
    return this.#enqueue(() => this.#commit());
  }

  /**
   * In the queue: write the open document, based on the revision last committed. A valid one becomes the plan's
   * document (and drops any draft); one with problems is written as the draft beside the last valid document, so
   * nothing typed is lost. A document not evaluated yet is tried as the plan first: the store's own check refuses it
   * if it is invalid, and it is then written as the draft.
   */
  async #commit(): Promise<void> {
    const doc = this.doc;
    const saved = this.#saved;
    if (!doc || !saved || saved.id !== this.currentId || doc === typedDocument(saved)) return;
    if (this.storeStatus.readOnly) return;
    const lastValid = this.#lastValid ?? saved.document;
    let record = rowFor(saved, doc, this.#invalidDoc === doc, Date.now(), lastValid);
    try {
      let stored: PlanRecord;
      try {
        stored = await this.store.putPlan(record);
      } catch (error) {
        if (!(error instanceof StoreError && error.kind === 'invalid' && record.draft === undefined))
          throw error;
        this.#invalidDoc = doc;
        record = rowFor(saved, doc, true, record.updatedAt, lastValid);
        stored = await this.store.putPlan(record);
      }
      this.plans = sortPlans([...this.plans.filter((p) => p.id !== stored.id), stored]);
      if (this.#saved?.id === stored.id) {
        this.#saved = record.draft !== undefined ? { ...stored, draft: doc } : { ...stored, document: doc };
      }
      // The journal holds at most this document (or an older one): committed, it is no longer needed.
      if (this.doc === doc) this.#clearJournal();
    } catch (error) {
      if (error instanceof ConflictError) await this.#keepBoth(record, error.stored);
      else {
        this.#saveFailed = true;
        this.notify(`Your last change could not be saved: ${messageOf(error)}`, 'error');
      }
    }
  }

  /**
   * Puts the last valid version of the open plan back on screen (one undoable edit), dropping what was typed since;
   * it is then saved as the plan, which clears the draft.
   */
  restoreLastValid(): void {
    const last = this.#lastValid;
    if (!last || !this.doc || this.doc === last) return;
    this.replaceDoc(last, null);
  }

  /** Stores `attempted`'s document as a new plan named as a conflicting copy; returns the stored copy. */
  async #saveCopy(attempted: PlanRecord, taken = this.plans.map((p) => p.name)): Promise<PlanRecord> {
    const name = conflictCopyName(attempted.name, Date.now(), taken);
    const copy = this.#record({ ...(attempted.document as Doc), name }, attempted.kind, attempted.baseId);
    if (!copy) throw new StoreError('invalid', 'The edits are not a valid plan.');
    // A draft travels with its copy (under the copy's name), beside the last valid version.
    if (isDoc(attempted.draft)) copy.draft = { ...attempted.draft, name };
    else if (attempted.draft !== undefined) copy.draft = attempted.draft;
    return this.store.putPlan(copy);
  }

  /**
   * A save of the open plan was refused because another window saved it first (`stored`). Both versions are kept:
   * the other window's stays under the plan's id; this window's edits become a copy, which stays open here with its
   * undo history, so what the user sees and keeps typing into does not change under them. The notice names both and
   * offers the other version.
   */
  async #keepBoth(attempted: PlanRecord, stored: PlanRecord): Promise<void> {
    let copy: PlanRecord;
    try {
      copy = await this.#saveCopy(attempted);
    } catch (error) {
      this.#saveFailed = true;
      this.notify(
        `“${stored.name}” was changed in another window, and your edits here could not be saved as a copy: ` +
          `${messageOf(error)}. They are still on screen.`,
        'error',
      );
      return;
    }
    this.plans = sortPlans([
      ...this.plans.filter((p) => p.id !== stored.id && p.id !== copy.id),
      stored,
      copy,
    ]);
    const history = this.#histories.get(attempted.id);
    this.#histories.delete(attempted.id);
    if (history) this.#histories.set(copy.id, history);
    if (this.currentId === attempted.id) {
      const current = this.doc;
      const copyDoc = typedDocument(copy) as Doc;
      this.currentId = copy.id;
      this.#saved = copy;
      this.#lastValid = copy.document as Doc;
      this.#syncHistoryFlags();
      // Edits made while the copy was written follow it (under the copy's name).
      if (current === typedDocument(attempted) || !current) {
        this.doc = copyDoc;
        void this.#evaluate(copyDoc);
      } else this.#changed({ ...current, name: copy.name });
      if (this.doc === copyDoc) this.#clearJournal();
      this.store.setSetting(LAST_PLAN, copy.id).catch(() => {});
    }
    this.notify(
      `“${stored.name}” was also changed in another window. Both versions are kept: the other window’s as ` +
        `“${stored.name}”, your edits as “${copy.name}” (open now).`,
      'info',
      { label: 'Open the other version', run: () => void this.open(stored.id) },
    );
  }

  /**
   * Another window committed a change (a write, delete or restore): re-read the plans. The open plan, if changed
   * there, is reloaded when nothing is pending here (its undo history goes: it would bring back the version that
   * was replaced); with an edit pending, that edit is saved, which the store refuses as stale: both are kept.
   */
  #externalChange(): Promise<void> {
    return this.#enqueue(async () => {
      let rows: PlanRecord[];
      try {
        rows = await this.store.listPlans();
      } catch {
        return;
      }
      const before = new Map(this.plans.map((p) => [p.id, p.revision ?? 0]));
      const fresh = new Map(rows.map((r) => [r.id, r]));
      for (const id of [...this.#histories.keys()]) {
        const row = fresh.get(id);
        if (id !== this.currentId && (!row || (row.revision ?? 0) !== before.get(id)))
          this.#histories.delete(id);
      }
      this.plans = sortPlans(rows);
      this.compareIds = this.compareIds.filter((id) => fresh.has(id));
      const saved = this.#saved;
      if (!this.currentId || !saved || saved.id !== this.currentId) return;
      const row = fresh.get(saved.id);
      if (row && (row.revision ?? 0) === (saved.revision ?? 0)) return;
      if (this.#dirty()) {
        // Written now (a plan deleted elsewhere comes back; a changed one is kept as a copy), or, if invalid,
        // when it is next valid: either way based on the old revision, never over the other window's.
        await this.#commit();
        return;
      }
      this.#histories.delete(saved.id);
      if (!row) {
        this.currentId = null;
        this.#saved = null;
        this.doc = null;
        this.evaluation = null;
        this.issues = [];
        this.#syncHistoryFlags();
        this.view = 'plans';
        this.notify(`“${saved.name}” was deleted in another window.`);
        return;
      }
      this.#show(row);
      this.notify(`“${row.name}” was changed in another window; this is its latest version.`);
      void this.#evaluate(this.doc!);
    });
  }

  // ---------- write-ahead journal ----------

  /**
   * The page is going away (pagehide): write the pending document to the journal synchronously, then start the
   * IndexedDB write (which may not commit before the page is gone; the journal is replayed at the next start).
   */
  pageHidden(): void {
    this.#writeJournal();
    void this.flush();
  }

  #writeJournal(): void {
    const doc = this.doc;
    const saved = this.#saved;
    if (!this.#journal || !doc || !saved || doc === typedDocument(saved)) return;
    if (this.storeStatus.readOnly) return;
    const now = Date.now();
    // A document with problems is journaled as the draft it would be stored as.
    const asDraft = this.#invalidDoc === doc;
    const entry: JournalEntry = {
      v: 1,
      at: now,
      record: rowFor(saved, doc, asDraft, now, this.#lastValid ?? undefined),
    };
    try {
      this.#journal.setItem(this.#journalKey, JSON.stringify(entry));
    } catch {
      // Too large for localStorage (about 5 MB for the whole origin) or storage disabled: the IndexedDB write
      // started next is the only chance. An older entry must not be replayed instead.
      this.#clearJournal();
    }
  }

  #clearJournal(): void {
    try {
      this.#journal?.removeItem(this.#journalKey);
    } catch {
      // Nothing to clear where storage is disabled.
    }
  }

  /** Holds this page's lock until the page is gone (or disposed), so no other page replays its journal early. */
  #holdPageLock(): void {
    if (!this.#locks || !this.#journal) return;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.#offs.push(release);
    void this.#locks.request(pageLock(this.#journalKey), {}, () => held).catch(() => {});
  }

  /**
   * At start-up: replays what earlier pages journaled but may not have committed, oldest first, each only once the
   * page that wrote it is gone (a reload or a closed tab may still be on its way out, and may still commit it); for
   * a page still there, the entry is replayed when it goes. Without Web Locks, everything is replayed now.
   */
  async #replayJournal(): Promise<void> {
    const journal = this.#journal;
    if (!journal || this.storeStatus.readOnly) return;
    const entries: { key: string; at: number }[] = [];
    try {
      for (let i = 0; i < journal.length; i++) {
        const key = journal.key(i);
        if (key?.startsWith(JOURNAL_PREFIX)) entries.push({ key, at: this.#journalEntry(key)?.at ?? 0 });
      }
    } catch {
      return;
    }
    entries.sort((a, b) => a.at - b.at);
    for (const { key } of entries) {
      if (!this.#locks) {
        await this.#replayEntry(key);
        continue;
      }
      const done = await this.#locks.request(pageLock(key), { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await this.#replayEntry(key);
        return true;
      });
      if (!done) this.#replayWhenGone(key);
    }
  }

  /**
   * Another page wrote a journal entry (the `storage` event: it is going away) or was still there at start-up:
   * once its lock is free (the page is gone), replay the entry and show what it changed.
   */
  journalWritten(key: string | null): void {
    if (key?.startsWith(JOURNAL_PREFIX) && key !== this.#journalKey) this.#replayWhenGone(key);
  }

  #replayWhenGone(key: string): void {
    const locks = this.#locks;
    if (!locks || this.#awaitedJournals.has(key)) return;
    this.#awaitedJournals.add(key);
    void locks
      .request(pageLock(key), {}, async () => {
        this.#awaitedJournals.delete(key);
        if (await this.#replayEntry(key)) await this.#externalChange();
      })
      .catch(() => this.#awaitedJournals.delete(key));
  }

  #journalEntry(key: string): JournalEntry | null {
    try {
      const entry: unknown = JSON.parse(this.#journal?.getItem(key) ?? 'null');
      return isJournalEntry(entry) ? entry : null;
    } catch {
      return null;
    }
  }

  /**
   * Writes one journal entry (its page is gone); true if that changed a plan. An entry whose document is already
   * stored is dropped; one based on a revision that is no longer the stored one is kept as a copy (never written
   * over the newer version); an invalid one is dropped (it was never going to be saved). An entry that could not
   * be written (storage full) stays for the next start.
   */
  async #replayEntry(key: string): Promise<boolean> {
    const journal = this.#journal;
    if (!journal || this.storeStatus.readOnly) return false;
    const drop = () => journal.removeItem(key);
    if (journal.getItem(key) === null) return false;
    const entry = this.#journalEntry(key);
    if (!entry) {
      drop();
      return false;
    }
    let record = entry.record;
    try {
      const stored = await this.store.getPlan(record.id);
      if (stored && sameDocument(typedDocument(stored), typedDocument(record))) {
        drop();
        return false;
      }
      try {
        await this.store.putPlan(record);
      } catch (error) {
        // Journaled before its evaluation said it was invalid: it is kept as the draft beside the stored version.
        if (!(
          error instanceof StoreError &&
          error.kind === 'invalid' &&
          record.draft === undefined &&
          stored
        )) {
          throw error;
        }
        record = {
          ...record,
          name: rowName(record.document, stored.name),
          document: stored.document,
          draft: record.document,
        };
        await this.store.putPlan(record);
      }
      drop();
      this.notify(`Recovered your last change to “${record.name}”, made just before Headroom was closed.`);
      return true;
    } catch (error) {
      if (
        error instanceof ConflictError &&
        sameDocument(typedDocument(error.stored), typedDocument(record))
      ) {
        // The page's own write committed after all (IndexedDB finished it while this page started).
        drop();
      } else if (error instanceof ConflictError) {
        try {
          const taken = (await this.store.listPlans()).map((p) => p.name);
          const copy = await this.#saveCopy(record, taken);
          drop();
          this.notify(
            `Your last change to “${record.name}” before Headroom was closed was not saved, and the plan has ` +
              `changed since. Both are kept: the plan as “${error.stored.name}”, your change as “${copy.name}”.`,
          );
          return true;
        } catch (copyError) {
          this.notify(`An unsaved change could not be recovered yet: ${messageOf(copyError)}`, 'error');
        }
      } else if (error instanceof StoreError && error.kind === 'invalid') drop();
      else this.notify(`An unsaved change could not be recovered yet: ${messageOf(error)}`, 'error');
      return false;
    }
  }

  /** Stops listening to other windows and lets go of this page's lock (the page is being torn down). */
  dispose(): void {
    for (const off of this.#offs.splice(0)) off();
  }

  // ---------- summaries (plans list) and comparison ----------

  #rememberSummary(id: string, report: Report, services: number, updatedAt: number): void {
    const cheapest = report.cheapest;
    const s = cheapest ? report.strategies.find((x) => x.id === cheapest) : undefined;
    const next = new Map(this.summaries);
    next.set(id, {
      services,
      cheapest,
      cheapestName: cheapest ? STRATEGY_NAMES[cheapest] : null,
      cost: s?.monthlyCost ?? null,
      currency: report.currency,
      updatedAt,
    });
    this.summaries = next;
  }

  /** Evaluates every plan whose summary is missing or older than the plan (for the plans list). */
  async refreshSummaries(): Promise<void> {
    for (const p of this.plans) {
      const known = this.summaries.get(p.id);
      if (known && known.updatedAt >= p.updatedAt) continue;
      const r = await this.engine.evaluate(p.document, `summary:${p.id}`, null);
      if (r?.ok) this.#rememberSummary(p.id, r.report, servicesOf(p.document).length, p.updatedAt);
    }
  }

  /** Opens the comparison with the given plans (2–4); the base defaults to the first plan that is not a scenario. */
  async compare(ids: string[], baseId?: string): Promise<void> {
    await this.flush();
    const picked = ids.filter((id) => this.plans.some((p) => p.id === id)).slice(0, 4);
    this.compareIds = picked;
    this.compareBase =
      baseId && picked.includes(baseId)
        ? baseId
        : (picked.find((id) => this.plans.find((p) => p.id === id)?.kind === 'plan') ?? picked[0] ?? null);
    this.view = 'compare';
    const reports = new Map<string, Report>();
    for (const id of picked) {
      const p = this.plans.find((x) => x.id === id)!;
      const doc = id === this.currentId && this.doc && this.valid ? this.doc : p.document;
      const r = await this.engine.evaluate(doc, `compare:${id}`, null);
      if (r?.ok) reports.set(id, r.report);
    }
    this.compareReports = reports;
  }

  /** Compare the open scenario with its base (or the open plan with its scenarios). */
  async compareCurrent(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    const baseId = cur.kind === 'scenario' && cur.baseId ? cur.baseId : cur.id;
    const family = this.plans.filter((p) => p.id === baseId || p.baseId === baseId).map((p) => p.id);
    const ids = [baseId, ...family.filter((id) => id !== baseId)];
    if (!ids.includes(cur.id)) ids.push(cur.id);
    await this.compare(ids.slice(0, 4), baseId);
  }

  // ---------- export and import ----------

  /** Spreadsheet CSV: a byte order mark and the `#` header block, stamped with this clock's time. */
  #csvOptions(now: Date): ExportOptions {
    return { bom: true, meta: { generatedAt: now.toISOString() } };
  }

  /**
   * Why the open plan cannot be exported now, or null. While the plan as typed has problems the only report is the
   * last valid version's: exporting it would hand a spreadsheet figures that are not what is on screen, with nothing
   * in the file to say so once it is opened elsewhere. So exports are refused, saying why and how to get one (issue 9
   * §1); a refusal cannot be mistaken for current figures, a marked file can once the mark is cropped or renamed away.
   */
  exportBlocked(what: 'the CSV report' | 'the plan file'): string | null {
    if (!this.doc) return 'No plan is open.';
    if (this.valid) return null;
    const n = this.issues.length;
    const first = this.issues[0];
    return (
      `Not exported: this plan has ${n} problem${n === 1 ? '' : 's'} (first: ${first?.path}: ${first?.message}), so ` +
      `${what} would show the last valid version, not what is on screen. Fix the problems, or go back to the last ` +
      'valid version, and export again.'
    );
  }

  /**
   * Every CSV export of the open plan goes this way: refused while the plan has problems (exportBlocked), otherwise
   * written as a spreadsheet file named after the plan and `what`, stamped with this clock's time.
   */
  async #exportReportCsv(
    what: string | null,
    make: (report: Report, options: ExportOptions) => CsvText | null,
  ) {
    const blocked = this.exportBlocked('the CSV report');
    if (blocked) {
      this.notify(blocked, 'error');
      return;
    }
    const report = this.report;
    if (!report) return;
    const now = new Date();
    const csv = make(report, this.#csvOptions(now));
    if (csv === null) return;
    await this.#save(
      exportFileName(what ? `${report.plan} ${what}` : report.plan, now, 'csv'),
      'text/csv',
      csv,
    );
  }

  /** The line items of every strategy (the report's rows). */
  exportCsv(): Promise<void> {
    return this.#exportReportCsv(null, reportToCsv);
  }

  /** The cost-per-service table (services × strategies). */
  exportServicesCsv(): Promise<void> {
    return this.#exportReportCsv('cost per service', servicesToCsv);
  }

  /** The forecast as shown (horizon, start month, leader, totals). */
  exportForecastCsv(): Promise<void> {
    const forecast = this.forecast;
    return this.#exportReportCsv('forecast', (report, options) =>
      forecast ? forecastToCsv(report, forecast, options) : null,
    );
  }

  async exportJson(): Promise<void> {
    const blocked = this.exportBlocked('the plan file');
    if (blocked || !this.doc) {
      this.notify(blocked ?? 'No plan is open.', 'error');
      return;
    }
    await this.#save(
      exportFileName(String(this.doc.name), new Date(), 'json'),
      'application/json',
      `${JSON.stringify(this.doc, null, 2)}\n`,
    );
  }

  async exportComparison(csv: CsvText): Promise<void> {
    const names = this.compareIds.map((id) => this.plans.find((p) => p.id === id)?.name ?? '').join(' vs ');
    const name = exportFileName(`comparison ${names}`.slice(0, 80), new Date(), 'csv');
    await this.#save(name, 'text/csv', withBom(csv));
  }

  /** A CSV file's contents must come from toCsv (CsvText), so every CSV written is formula-safe. */
  async #save(
    name: string,
    ...[mimeType, contents]: ['text/csv', CsvText] | ['application/json', string]
  ): Promise<void> {
    const r = await this.platform.saveFile({ suggestedName: name, mimeType, contents });
    if (r.saved) this.notify(r.path ? `Saved ${r.path}.` : `Saved ${name}.`);
    else if (r.error) this.notify(r.error, 'error');
  }

  /** Asks for a plan file and imports it as a new plan if (and only if) the whole file is valid. */
  async importPlan(): Promise<void> {
    let file;
    try {
      file = await this.platform.openFile(OPEN_PLAN);
    } catch (error) {
      this.importProblem = { fileName: '', issues: [{ path: '(file)', message: messageOf(error) }] };
      return;
    }
    if (!file) return;
    await this.importText(file.name, file.contents);
  }

  async importText(fileName: string, text: string): Promise<boolean> {
    const r = parsePlanText(text);
    if (!r.ok) {
      this.importProblem = { fileName, issues: r.issues };
      return false;
    }
    this.importProblem = null;
    const doc = planToFile(r.plan) as unknown as Doc;
    const name = uniqueName(
      String(doc.name),
      this.plans.map((p) => p.name),
    );
    const record = this.#record({ ...doc, name }, 'plan', null);
    if (!record) return false;
    await this.#insert(record, true, true);
    this.notify(`Imported “${name}” from ${fileName}.`);
    return true;
  }

  // ---------- menu ----------

  async command(cmd: MenuCommand): Promise<void> {
    switch (cmd) {
      case 'new-plan':
        return this.createPlan();
      case 'open-plan':
        this.view = 'plans';
        return;
      case 'import':
        return this.importPlan();
      case 'save-plan-as':
        return this.exportJson();
      case 'export-csv':
        return this.exportCsv();
      case 'undo':
        return this.undo();
      case 'redo':
        return this.redo();
      case 'open-guide':
        this.dialog = 'guide';
        return;
      case 'about':
        this.dialog = 'about';
        return;
    }
  }
}

export function pathKey(path: Path): string {
  return pathText(path);
}

function sortPlans(plans: PlanRecord[]): PlanRecord[] {
  return [...plans].sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
}

/** Resolves once the frame showing the current state has been painted (at once where nothing paints). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'undefined') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
