// The open plan: its document as edited, undo/redo, problems, evaluation (report, then forecast), and saving.
// Every edit autosaves: a valid one as the plan's document, an invalid one as its draft (the plan as typed, with its
// problems), beside the last valid document, which stays stored and is what results show.
//
// Saving (docs/data-safety.md, "Saving edits"): the open document is compared with the one last committed
// (`#saved`); while they differ the indicator says so, from the keystroke until the store has committed. Writes go
// through one queue, each based on the revision last committed; a write refused as stale (another window saved
// first) keeps both versions. When the page goes away, the pending document is also written synchronously to the
// journal (journal.ts), which the next page replays once this one is gone: an IndexedDB write started then may
// never commit.
/* eslint-disable svelte/prefer-svelte-reactivity -- maps and dates here are built fresh and assigned to $state.raw
   fields (replaced wholesale, never mutated in place), or are not reactive at all. */
import type { Forecast, Plan, PlanIssue, Report } from '../model/index.ts';
import { isCalendarMonth, monthAfter } from '../model/index.ts';
import { ConflictError, StoreError } from '../db/errors.ts';
import type { HeadroomStore, PlanRecord, StoreStatus } from '../db/types.ts';
import type { EngineClient } from '../worker/client.ts';
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
  clearAt,
  duplicateService,
  issuesByPath,
  moveService,
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
import { Journal, type JournalStorage, type PageLocks } from './journal.ts';
import type { Notices } from './notices.svelte.ts';
import type { PlanLibrary } from './plan-library.svelte.ts';
import { knobsOf, type Scenarios, type ScenarioKnobs } from './scenarios.svelte.ts';
import type { ScenarioChange } from '../plan/scenario.ts';
import { messageOf, rowFor, typedDocument } from './records.ts';
import { PlanBands } from './range-bands.svelte.ts';

/** Shared empty lists (never changed): a derived value that stays empty keeps the same array, and stays equal. */
const NO_ISSUES: PlanIssue[] = [];
const NO_MESSAGES: readonly string[] = Object.freeze([]);

/** `draft`: what is on screen is committed, as a draft (it has problems); the last valid version is kept beside it. */
export type SaveState = 'saved' | 'draft' | 'saving' | 'error' | 'read-only';

/** The setting that remembers the plan last open, reopened at the next start. */
const LAST_PLAN = 'ui.lastPlanId';
const SAVE_DELAY_MS = 150;

/** What the open plan reads of the rest of the app (the root AppState passes itself). */
export interface OpenPlanDeps {
  readonly store: HeadroomStore;
  readonly engine: EngineClient;
  readonly storeStatus: StoreStatus;
  readonly notices: Pick<Notices, 'notify'>;
  readonly library: Pick<
    PlanLibrary,
    'plans' | 'upsert' | 'replaceAll' | 'saveCopy' | 'rememberSummary' | 'insert'
  >;
  readonly scenarios: Scenarios;
  readonly comparison: { retain(exists: (id: string) => boolean): void };
  /** The screen shown: the editor once a plan is opened, the plans list once none is. */
  view: 'plans' | 'editor' | 'compare' | 'data' | 'catalogs';
  /** The journal replays through this object's `plan.externalChange()`. */
  readonly plan: { externalChange(): Promise<void> };
}

export class OpenPlan {
  #currentId = $state<string | null>(null);
  #doc = $state.raw<Doc | null>(null);
  #issues = $state.raw<PlanIssue[]>([]);
  #evaluation = $state.raw<{ report: Report; forecast: Forecast | null } | null>(null);
  #forecastOptions = $state.raw<ForecastRequest>({ months: FORECAST_MONTHS, start: monthAfter(new Date()) });
  #evaluating = $state<boolean>(false);
  #canUndo = $state<boolean>(false);
  #canRedo = $state<boolean>(false);
  #reveal = $state.raw<{ path: string; seq: number } | null>(null);

  /**
   * Why a strategy cannot be costed, located at the field to change (a pod request larger than the node type): not a
   * problem with the plan, but shown at its field like one. Only while the report is the document's own (valid).
   */
  readonly costingIssues = $derived.by((): PlanIssue[] => {
    if (this.issues.length > 0 || !this.evaluation) return NO_ISSUES;
    const strategies = this.evaluation.report.strategies;
    // None (the usual case): the same empty array every time, so fieldIssues keeps its value after an edit.
    if (!strategies.some((s) => s.cannotCost && s.cannotCost.length > 0)) return NO_ISSUES;
    return strategies.flatMap((s) =>
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
  /** The open plan's row as listed (its name, kind, base). */
  readonly current = $derived.by(() => this.#app.library.plans.find((p) => p.id === this.currentId) ?? null);
  readonly valid = $derived(this.issues.length === 0);

  readonly #app: OpenPlanDeps;
  readonly #journal: Journal;
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
  #releasePageLock: () => void = () => {};
  #evalSeq = 0;

  /** The uncertainty bands of the plan on screen (issue 11 §3): they follow the forecast. */
  readonly #bands: PlanBands;

  constructor(app: OpenPlanDeps, journal: JournalStorage | null, locks: PageLocks | null) {
    this.#app = app;
    this.#journal = new Journal(app, journal, locks);
    this.#bands = new PlanBands(app.engine);
  }

  /** Each strategy's cost with every input low and high, now and per forecast month; `null` without ranges. */
  get bands(): PlanBands['current'] {
    return this.#bands.current;
  }

  /** The engine, under the name the evaluation code uses. */
  private get engine(): OpenPlanDeps['engine'] {
    return this.#app.engine;
  }

  /** The id of the open plan; null when none is open. */
  get currentId(): string | null {
    return this.#currentId;
  }

  private set currentId(value: string | null) {
    this.#currentId = value;
  }

  /** The open document as edited (possibly invalid). */
  get doc(): Doc | null {
    return this.#doc;
  }

  private set doc(value: Doc | null) {
    this.#doc = value;
  }

  /** Problems with `doc`; empty when it is valid (it may still have strategies that cannot be costed). */
  get issues(): PlanIssue[] {
    return this.#issues;
  }

  private set issues(value: PlanIssue[]) {
    // No problems before and none now: keep the same array, so nothing that reads the problems (every field of the
    // editor, through issueMap) reruns after an edit of a valid plan.
    if (value.length === 0 && this.#issues.length === 0) return;
    this.#issues = value;
  }

  /** The report and forecast of the last valid version of `doc` (`doc` itself when it is valid). */
  get evaluation(): { report: Report; forecast: Forecast | null } | null {
    return this.#evaluation;
  }

  private set evaluation(value: { report: Report; forecast: Forecast | null } | null) {
    this.#evaluation = value;
    // Nothing on screen (another plan opens): neither are the bands of the plan that was.
    if (value === null) this.#bands.clear();
  }

  /** The forecast's horizon and start month (`YYYY-MM`; by default the month after today). */
  get forecastOptions(): ForecastRequest {
    return this.#forecastOptions;
  }

  private set forecastOptions(value: ForecastRequest) {
    this.#forecastOptions = value;
  }

  /** True while a large plan is being evaluated in the worker. */
  get evaluating(): boolean {
    return this.#evaluating;
  }

  private set evaluating(value: boolean) {
    this.#evaluating = value;
  }

  get canUndo(): boolean {
    return this.#canUndo;
  }

  private set canUndo(value: boolean) {
    this.#canUndo = value;
  }

  get canRedo(): boolean {
    return this.#canRedo;
  }

  private set canRedo(value: boolean) {
    this.#canRedo = value;
  }

  /**
   * A problem picked in the problems summary: the editor opens its section (and a service's "Curve & details") and
   * moves focus to its field. `seq` tells one request from the next for the same path.
   */
  get reveal(): { path: string; seq: number } | null {
    return this.#reveal;
  }

  private set reveal(value: { path: string; seq: number } | null) {
    this.#reveal = value;
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
    if (this.#app.storeStatus.readOnly) return 'read-only';
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

  /** Records the open plan's summary for the plans list (from its evaluation). */
  #rememberSummary(id: string, report: Report, services: number, updatedAt: number): void {
    this.#app.library.rememberSummary(id, report, services, updatedAt);
  }

  /** At start-up: opens the plan open last time (or the newest); false when there is no plan to open. */
  async openLast(): Promise<boolean> {
    const plans = this.#app.library.plans;
    const last = await this.#app.store.getSetting<string>(LAST_PLAN);
    const target = plans.find((p) => p.id === last) ?? plans[0];
    if (!target) return false;
    await this.open(target.id);
    return true;
  }

  /** Nothing is open any more (the plan was deleted, here or elsewhere): the plans list is shown. */
  close(): void {
    clearTimeout(this.#saveTimer);
    this.currentId = null;
    this.#saved = null;
    this.doc = null;
    this.evaluation = null;
    this.issues = [];
    this.#syncHistoryFlags();
    this.#app.view = 'plans';
  }

  /**
   * The store's plans were replaced (a restore): the open document and every undo history are dropped unsaved (what
   * was pending was written before the replace: see `flush`, called first); `currentId` stays, to reopen that plan.
   */
  reset(): void {
    clearTimeout(this.#saveTimer);
    this.#saved = null;
    this.doc = null;
    this.#histories.clear();
  }

  async open(id: string): Promise<void> {
    await this.flush();
    let record = this.#app.library.plans.find((p) => p.id === id) ?? (await this.#app.store.getPlan(id));
    if (!record) return;
    record = await this.#followed(record);
    this.#show(record);
    this.#app.view = 'editor';
    await this.#evaluate(this.doc!);
    if (!this.#app.storeStatus.readOnly) this.#app.store.setSetting(LAST_PLAN, id).catch(() => {});
  }

  /** Puts a stored plan on screen as the open one (its document is then the committed one). */
  #show(record: PlanRecord): void {
    clearTimeout(this.#saveTimer);
    this.currentId = record.id;
    // Stored documents were normalized when written; re-normalizing a large plan would only cost time. A row with a
    // draft opens the draft (its problems are shown once evaluated); its last valid document gives the results.
    this.#saved = record;
    this.doc = typedDocument(record) as Doc;
    this.#app.scenarios.show(record, this.#app.library.plans);
    this.#lastValid = record.document as Doc;
    this.issues = [];
    this.#invalidDoc = null;
    this.#saveFailed = false;
    this.evaluation = null;
    this.#syncHistoryFlags();
  }

  /**
   * Sets quick knobs. On a scenario they are recorded as its changes (traffic ×1.5 stays "traffic ×1.5", not new
   * curves); on a scenario whose base is gone, and on a plan, they change the document.
   */
  applyKnobs(knobs: Knobs | ScenarioKnobs): void {
    if (!this.doc) return;
    const scenario = this.#app.scenarios.withKnobs('discounts' in knobs ? knobsOf(knobs) : knobs);
    if (scenario) this.setScenarioChanges(scenario);
    else if ('discounts' in knobs) this.replaceDoc(applyKnobs(this.doc, knobs), null);
  }

  /** Sets the open scenario's changes (knobs applied, a change removed): one undoable edit of its document. */
  setScenarioChanges(changes: ScenarioChange[]): void {
    if (!this.doc) return;
    const next = this.#app.scenarios.documentWith(changes, String(this.doc.name));
    if (next) this.replaceDoc(next, null);
  }

  /** Makes the open scenario a plan of its own: its document as it is now, no longer following its base. */
  async detach(): Promise<void> {
    await this.flush();
    const cur = this.current;
    if (!cur || cur.kind !== 'scenario') return;
    const row = this.#app.scenarios.detached(cur, this.#app.library.plans, Date.now());
    await this.#app.library.insert(row);
    this.#app.notices.notify(`“${row.name}” is now a plan of its own; it no longer follows its base.`);
  }

  /** A scenario as it should be now (its changes applied to its base), written if that changed anything. */
  async #followed(row: PlanRecord): Promise<PlanRecord> {
    const next = this.#app.storeStatus.readOnly
      ? null
      : this.#app.scenarios.resolvedRow(row, this.#app.library.plans, Date.now());
    if (!next) return row;
    try {
      const stored = await this.#app.store.putPlan(next);
      this.#histories.delete(row.id);
      this.#app.library.upsert(stored);
      return stored;
    } catch {
      return row; // another window wrote it first: it is shown as stored, and follows the next time
    }
  }

  /** `base` was saved: its scenarios re-apply their changes to it (their figures follow). */
  async #followBase(base: PlanRecord): Promise<void> {
    const rows = this.#app.scenarios.followers(base, this.#app.library.plans, Date.now());
    if (rows.length === 0) return;
    try {
      const stored = await this.#app.store.putPlans(rows);
      for (const r of stored) this.#histories.delete(r.id);
      this.#app.library.upsert(...stored);
    } catch {
      // Another window changed one of them: each follows again when it is next opened or compared.
    }
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
    // A cleared field may leave an empty range that means something else than none (see clearAt).
    const next = value === undefined ? clearAt(this.doc, path) : setAt(this.doc, path, value);
    this.replaceDoc(next, step ? null : path.join('.'));
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
    this.#app.scenarios.observe(next);
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
  issuesAt(path: Path | string): readonly string[] {
    const key = typeof path === 'string' ? path : pathKey(path);
    // The same empty list for every field without a problem: a field's problems stay equal after an edit elsewhere.
    return this.issueMap.get(key) ?? NO_MESSAGES;
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
      await this.#bands.refresh(key, plan, this.forecastOptions, stale);
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
    if (this.#app.storeStatus.readOnly || !this.#dirty()) return;
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
    if (this.#app.storeStatus.readOnly) return;
    const lastValid = this.#lastValid ?? saved.document;
    const scenarios = this.#app.scenarios;
    let record = scenarios.stamp(rowFor(saved, doc, this.#invalidDoc === doc, Date.now(), lastValid), doc);
    try {
      let stored: PlanRecord;
      try {
        stored = await this.#app.store.putPlan(record);
      } catch (error) {
        if (!(error instanceof StoreError && error.kind === 'invalid' && record.draft === undefined))
          throw error;
        this.#invalidDoc = doc;
        record = scenarios.stamp(rowFor(saved, doc, true, record.updatedAt, lastValid), doc);
        stored = await this.#app.store.putPlan(record);
      }
      this.#app.library.upsert(stored);
      if (this.#saved?.id === stored.id) {
        this.#saved = record.draft !== undefined ? { ...stored, draft: doc } : { ...stored, document: doc };
      }
      // The journal holds at most this document (or an older one): committed, it is no longer needed.
      if (this.doc === doc) this.#journal.clear();
      if (stored.kind === 'plan') await this.#followBase(stored);
    } catch (error) {
      if (error instanceof ConflictError) await this.#keepBoth(record, error.stored);
      else {
        this.#saveFailed = true;
        this.#app.notices.notify(`Your last change could not be saved: ${messageOf(error)}`, 'error');
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

  /**
   * A save of the open plan was refused because another window saved it first (`stored`). Both versions are kept:
   * the other window's stays under the plan's id; this window's edits become a copy, which stays open here with its
   * undo history, so what the user sees and keeps typing into does not change under them. The notice names both and
   * offers the other version.
   */
  async #keepBoth(attempted: PlanRecord, stored: PlanRecord): Promise<void> {
    let copy: PlanRecord;
    try {
      copy = await this.#app.library.saveCopy(attempted);
    } catch (error) {
      this.#saveFailed = true;
      this.#app.notices.notify(
        `“${stored.name}” was changed in another window, and your edits here could not be saved as a copy: ` +
          `${messageOf(error)}. They are still on screen.`,
        'error',
      );
      return;
    }
    this.#app.library.upsert(stored, copy);
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
      if (this.doc === copyDoc) this.#journal.clear();
      this.#app.store.setSetting(LAST_PLAN, copy.id).catch(() => {});
    }
    this.#app.notices.notify(
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
  externalChange(): Promise<void> {
    return this.#enqueue(async () => {
      let rows: PlanRecord[];
      try {
        rows = await this.#app.store.listPlans();
      } catch {
        return;
      }
      const before = new Map(this.#app.library.plans.map((p) => [p.id, p.revision ?? 0]));
      const fresh = new Map(rows.map((r) => [r.id, r]));
      for (const id of [...this.#histories.keys()]) {
        const row = fresh.get(id);
        if (id !== this.currentId && (!row || (row.revision ?? 0) !== before.get(id)))
          this.#histories.delete(id);
      }
      this.#app.library.replaceAll(rows);
      this.#app.comparison.retain((id) => fresh.has(id));
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
        this.close();
        this.#app.notices.notify(`“${saved.name}” was deleted in another window.`);
        return;
      }
      this.#show(row);
      this.#app.notices.notify(`“${row.name}” was changed in another window; this is its latest version.`);
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
    if (!doc || !saved || doc === typedDocument(saved)) return;
    if (this.#app.storeStatus.readOnly) return;
    const now = Date.now();
    // A document with problems is journaled as the draft it would be stored as.
    const asDraft = this.#invalidDoc === doc;
    const row = rowFor(saved, doc, asDraft, now, this.#lastValid ?? undefined);
    this.#journal.write(this.#app.scenarios.stamp(row, doc), now);
  }

  /**
   * Another page wrote a journal entry (the `storage` event: it is going away): once that page is gone, replay the
   * entry and show what it changed.
   */
  journalWritten(key: string | null): void {
    this.#journal.written(key);
  }

  /** At start-up: holds this page's lock while it lives, and replays what earlier pages journaled. */
  async start(): Promise<void> {
    this.#releasePageLock = this.#journal.holdPageLock();
    await this.#journal.replay();
  }

  /** Lets go of this page's lock (the page is being torn down). */
  dispose(): void {
    this.#releasePageLock();
  }
}

export function pathKey(path: Path): string {
  return pathText(path);
}
/** Resolves once the frame showing the current state has been painted (at once where nothing paints). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'undefined') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
