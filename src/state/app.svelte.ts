// The planner's state: plans and scenarios from the store, the open plan's document, its validation and its
// report. Components read this class and call its methods; only this layer wires the engine, the store and the
// platform together. Every valid edit autosaves; an invalid one is shown with its problems and never saved.
/* eslint-disable svelte/prefer-svelte-reactivity -- maps and dates here are built fresh and assigned to $state.raw
   fields (replaced wholesale, never mutated in place), or are not reactive at all. */
import type { ForecastMonth, PlanIssue, Report, StrategyId } from '../model/index.ts';
import { STRATEGY_NAMES } from '../model/index.ts';
import { parsePlanText, planToFile, PLAN_LIMITS, parsePlan } from '../plan/index.ts';
import { reportToCsv, type CsvText } from '../report/index.ts';
import type { HeadroomStore, PlanKind, PlanRecord, StoreStatus } from '../db/types.ts';
import type { MenuCommand, Platform } from '../platform/types.ts';
import { EngineClient } from '../worker/client.ts';
import { FORECAST_MONTHS, type Evaluation } from '../worker/evaluate.ts';
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

const LAST_PLAN = 'ui.lastPlanId';
const SEEDED = 'ui.seededExample';
const SAVE_DELAY_MS = 150;

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
  /** Problems with `doc`; empty when it is valid. */
  issues = $state.raw<PlanIssue[]>([]);
  /** The report and forecast of the last valid version of `doc`. */
  evaluation = $state.raw<{ report: Report; forecast: ForecastMonth[] } | null>(null);
  /** True while a large plan is being evaluated in the worker. */
  evaluating = $state(false);
  saveState = $state<'saved' | 'saving' | 'unsaved' | 'error' | 'read-only'>('saved');
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

  readonly issueMap = $derived(issuesByPath(this.issues));
  readonly report = $derived(this.evaluation?.report ?? null);
  readonly forecast = $derived(this.evaluation?.forecast ?? []);
  readonly current = $derived(this.plans.find((p) => p.id === this.currentId) ?? null);
  readonly valid = $derived(this.issues.length === 0);

  #histories = new Map<string, History<Doc>>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingSave: PlanRecord | null = null;
  #noticeId = 0;
  #evalSeq = 0;

  constructor(store: HeadroomStore, platform: Platform, engine = new EngineClient()) {
    this.store = store;
    this.platform = platform;
    this.engine = engine;
  }

  /** Loads the plans; on first run stores and opens the example plan; reopens the last plan otherwise. */
  async init(): Promise<void> {
    this.storeStatus = this.store.status();
    let plans = await this.store.listPlans();
    if (plans.length === 0 && !(await this.store.getSetting<boolean>(SEEDED)) && !this.storeStatus.readOnly) {
      const record = this.#record(examplePlanDocument(), 'plan', null);
      if (record) {
        await this.store.putPlan(record);
        await this.store.setSetting(SEEDED, true);
        plans = [record];
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
    this.#pendingSave = null;
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
    try {
      if (fromFile) await this.store.importPlans([record]);
      else await this.store.putPlan(record);
    } catch (error) {
      this.notify(`Could not save: ${messageOf(error)}`, 'error');
      return;
    }
    this.plans = sortPlans([...this.plans.filter((p) => p.id !== record.id), record]);
    if (open) await this.open(record.id);
  }

  async open(id: string): Promise<void> {
    await this.flush();
    const record = this.plans.find((p) => p.id === id) ?? (await this.store.getPlan(id));
    if (!record) return;
    this.currentId = id;
    // Stored documents were normalized when written; re-normalizing a large plan would only cost time.
    const doc = record.document as Doc;
    this.doc = doc;
    this.issues = [];
    this.evaluation = null;
    this.#syncHistoryFlags();
    this.view = 'editor';
    await this.#evaluate(doc, false);
    if (!this.storeStatus.readOnly) this.store.setSetting(LAST_PLAN, id).catch(() => {});
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
    if (record) await this.#insert(record, false);
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
    const record = { ...src, name: trimmed, document, updatedAt: Date.now() };
    await this.#insert(record, false);
    return true;
  }

  async remove(id: string): Promise<void> {
    await this.flush();
    let deleted: PlanRecord | undefined;
    try {
      deleted = await this.store.deletePlan(id);
    } catch (error) {
      this.notify(`Could not delete: ${messageOf(error)}`, 'error');
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
    this.notify(`Deleted “${record.name}”.`, 'info', {
      label: 'Undo',
      run: () => void this.#restoreDeleted(record),
    });
  }

  async #restoreDeleted(record: PlanRecord): Promise<void> {
    await this.#insert(record, false);
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
    this.doc = next;
    void this.#evaluate(next, true);
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
    this.doc = prev;
    this.#syncHistoryFlags();
    void this.#evaluate(prev, true);
  }

  redo(): void {
    const h = this.#history();
    if (!h || !this.doc) return;
    const next = h.redo(this.doc);
    if (!next) return;
    this.doc = next;
    this.#syncHistoryFlags();
    void this.#evaluate(next, true);
  }

  /** Problems reported at exactly this path. */
  issuesAt(path: Path | string): string[] {
    const key = typeof path === 'string' ? path : pathKey(path);
    return this.issueMap.get(key) ?? [];
  }

  /**
   * Validates and evaluates an edited document. The report comes first (on this thread for small plans, so results
   * change in the same frame as the keystroke; in the worker for large ones); the 12-month forecast, which costs one
   * evaluation per month, always follows from the worker.
   */
  async #evaluate(doc: Doc, save: boolean): Promise<void> {
    const seq = ++this.#evalSeq;
    const id = this.currentId;
    const key = id ?? 'default';
    const stale = () => seq !== this.#evalSeq || id !== this.currentId;
    let result: Evaluation | null;
    if (this.engine.isLarge(doc)) {
      this.evaluating = true;
      result = await this.engine.evaluate(doc, key, 0, true);
      if (!stale()) this.evaluating = false;
    } else {
      result = this.engine.evaluateNow(doc);
    }
    if (result === null || stale()) return;
    if (!result.ok) {
      this.issues = result.issues;
      this.saveState = 'unsaved';
      return;
    }
    this.issues = [];
    this.evaluation = { report: result.report, forecast: this.evaluation?.forecast ?? [] };
    const now = Date.now();
    if (id) this.#rememberSummary(id, result.report, servicesOf(doc).length, now);
    if (save && id) this.#scheduleSave(id, doc, now);
    const full = await this.engine.evaluate(doc, `forecast:${key}`, FORECAST_MONTHS, true);
    if (full?.ok && !stale()) this.evaluation = { report: result.report, forecast: full.forecast };
  }

  #scheduleSave(id: string, doc: Doc, now: number): void {
    const src = this.plans.find((p) => p.id === id);
    if (!src) return;
    if (this.storeStatus.readOnly) {
      this.saveState = 'read-only';
      return;
    }
    const record: PlanRecord = { ...src, name: String(doc.name), document: doc, updatedAt: now };
    this.plans = sortPlans(this.plans.map((p) => (p.id === id ? record : p)));
    this.#pendingSave = record;
    this.saveState = 'saving';
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Writes a pending autosave now. */
  async flush(): Promise<void> {
    clearTimeout(this.#saveTimer);
    const record = this.#pendingSave;
    if (!record) return;
    this.#pendingSave = null;
    try {
      await this.store.putPlan(record);
      if (!this.#pendingSave) this.saveState = this.valid ? 'saved' : 'unsaved';
    } catch (error) {
      this.saveState = 'error';
      this.notify(`Your last change could not be saved: ${messageOf(error)}`, 'error');
    }
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
      const r = await this.engine.evaluate(p.document, `summary:${p.id}`, 0);
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
      const r = await this.engine.evaluate(doc, `compare:${id}`, 0);
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

  async exportCsv(): Promise<void> {
    const report = this.report;
    if (!report) return;
    await this.#save(exportFileName(report.plan, new Date(), 'csv'), 'text/csv', reportToCsv(report));
  }

  async exportJson(): Promise<void> {
    if (!this.doc || !this.valid) {
      this.notify('Fix the problems in this plan before saving it as a file.', 'error');
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
    await this.#save(exportFileName(`comparison ${names}`.slice(0, 80), new Date(), 'csv'), 'text/csv', csv);
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
      file = await this.platform.openFile({ extensions: ['json'], maxBytes: PLAN_LIMITS.maxFileBytes });
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
