// The planner's state, as components reach it through context (src/ui/context.ts): a thin root that builds one
// object per concern and wires them together (docs/architecture-notes.md lists what each owns):
//   plan        the open plan: document, undo/redo, problems, evaluation, saving, write-ahead journal (OpenPlan)
//   library     every stored plan and scenario, summaries, create/duplicate/rename/delete, copies (PlanLibrary)
//   comparison  the plans compared and their reports (Comparison)
//   exports     files in and out: CSV and JSON exports, plan import (Exports)
//   notices     the messages at the bottom of the window (Notices)
//   scenarios   the open scenario's recorded changes, and scenarios following their base (Scenarios)
//   catalogs    bundled and saved custom price catalogs (CatalogLibrary); catalogEditor the one being edited
//               (CatalogEditor); priceListImport a provider's price list read into a catalog (PriceListImporter)
// Each reaches the others through this root, by the narrow interface it declares (its `…Deps`). This layer is the
// only one that wires the engine, the store and the platform together.
import type { HeadroomStore, StoreStatus } from '../db/types.ts';
import type { MenuCommand, Platform } from '../platform/types.ts';
import { EngineClient } from '../worker/client.ts';
import { CatalogEditor } from './catalog-editor.svelte.ts';
import { PriceListImporter } from './catalog-import.svelte.ts';
import { CatalogLibrary } from './catalog-library.svelte.ts';
import { Comparison } from './comparison.svelte.ts';
import { Exports } from './exports.svelte.ts';
import { defaultJournal, defaultLocks, type JournalStorage, type PageLocks } from './journal.ts';
import { Notices } from './notices.svelte.ts';
import { OpenPlan } from './open-plan.svelte.ts';
import { PlanLibrary } from './plan-library.svelte.ts';
import { Scenarios } from './scenarios.svelte.ts';
import { help } from './help.svelte.ts';

export type { Notice } from './notices.svelte.ts';
export type { ImportProblem } from './exports.svelte.ts';
export type { PlanSummary } from './plan-library.svelte.ts';
export type { SaveState } from './open-plan.svelte.ts';
export type { JournalStorage, PageLocks } from './journal.ts';
export { pathKey } from './open-plan.svelte.ts';
export { conflictCopyName, typedDocument } from './records.ts';

export type View = 'plans' | 'editor' | 'compare' | 'data' | 'catalogs';

export interface AppOptions {
  /** The write-ahead journal's storage; the page's localStorage by default, none where there is none. */
  journal?: JournalStorage | null;
  /** The page's Web Locks; navigator.locks by default. Without them an entry is replayed at the next start. */
  locks?: PageLocks | null;
  /** The clock (ms since the epoch) for what depends on today's date, such as the age of a catalog's prices. */
  now?: () => number;
}

export class AppState {
  readonly store: HeadroomStore;
  readonly platform: Platform;
  readonly engine: EngineClient;
  /** Today, for date-dependent display (catalog age); tests pass their own. */
  readonly now: () => number;

  view = $state<View>('editor');
  /** Set by the menu's open-guide / about commands. */
  dialog = $state<'guide' | 'about' | null>(null);
  storeStatus = $state.raw<StoreStatus>({ readOnly: false, message: null });

  readonly notices = new Notices();
  /** The open scenario's recorded changes, and scenarios following their base (issue 9 §7). */
  readonly scenarios = new Scenarios();
  readonly exports: Exports = new Exports(this);
  readonly comparison: Comparison = new Comparison(this);
  readonly library: PlanLibrary = new PlanLibrary(this);
  readonly plan: OpenPlan;
  readonly catalogs: CatalogLibrary = new CatalogLibrary(this);
  readonly catalogEditor: CatalogEditor = new CatalogEditor(this);
  readonly priceListImport: PriceListImporter = new PriceListImporter(this);

  #offs: (() => void)[] = [];

  constructor(
    store: HeadroomStore,
    platform: Platform,
    engine = new EngineClient(),
    options: AppOptions = {},
  ) {
    this.store = store;
    this.platform = platform;
    this.engine = engine;
    this.now = options.now ?? Date.now;
    this.plan = new OpenPlan(
      this,
      options.journal === undefined ? defaultJournal() : options.journal,
      options.locks === undefined ? defaultLocks() : options.locks,
    );
  }

  /** Loads the plans; on first run stores and opens the example plan; reopens the last plan otherwise. */
  async init(): Promise<void> {
    this.storeStatus = this.store.status();
    this.#offs.push(this.store.onExternalChange(() => void this.plan.externalChange()));
    await this.plan.start();
    await this.library.load();
    await this.catalogs.load();
    if (!(await this.plan.openLast())) this.view = 'plans';
  }

  /** The catalog editor, on the open plan's catalog (the "Prices" line, the menu). */
  showCatalogs(): void {
    if (this.catalogEditor.draft === null || !this.catalogEditor.changed)
      this.catalogEditor.openPlanCatalog();
    this.view = 'catalogs';
  }

  /** Re-reads everything from the store (after a restore replaced the plans). */
  async reload(): Promise<void> {
    const stayOnData = this.view === 'data';
    this.plan.reset();
    await this.library.reload();
    await this.catalogs.load();
    const plans = this.library.plans;
    const target = plans.find((p) => p.id === this.plan.currentId) ?? plans[0];
    if (target) await this.plan.open(target.id);
    else this.plan.close();
    if (stayOnData) this.view = 'data';
  }

  /** Switches to the comparison screen (the comparison's own state is in `comparison`). */
  showComparison(): void {
    this.view = 'compare';
  }

  /** Stops listening to other windows and lets go of this page's lock (the page is being torn down). */
  dispose(): void {
    for (const off of this.#offs.splice(0)) off();
    this.plan.dispose();
  }

  async command(cmd: MenuCommand): Promise<void> {
    switch (cmd) {
      case 'new-plan':
        return this.library.createPlan();
      case 'open-plan':
        this.view = 'plans';
        return;
      case 'import':
        return this.exports.importPlan();
      case 'save-plan-as':
        return this.exports.exportJson();
      case 'export-csv':
        return this.exports.exportCsv();
      case 'undo':
        return this.plan.undo();
      case 'redo':
        return this.plan.redo();
      case 'open-guide':
        help.show(); // the full guide, inside the app (src/ui/help)
        return;
      case 'about':
        this.dialog = 'about';
        return;
      case 'edit-catalogs':
        this.showCatalogs();
        return;
    }
  }
}
