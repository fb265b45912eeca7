// Importing a provider's price list from the app (issue 13 §3): files chosen in the browser's picker (File objects,
// never read whole here), read in a worker with progress and cancel, then a summary (found, kept, skipped by
// reason, conflicts, price changes against the base) before the result is saved as a custom catalog.
import { DEFAULT_CATALOG_ID } from '../catalog/index.ts';
import type { Catalog } from '../model/types.ts';
import { PRICE_LIST_FORMATS } from '../worker/price-list-formats.ts';
import type { ImportSummary } from '../worker/price-list-formats.ts';
import { workerImport, type ImportRunner, type RunningImport } from '../worker/price-list-client.ts';
import type { CatalogLibrary } from './catalog-library.svelte.ts';
import type { CatalogEditor } from './catalog-editor.svelte.ts';

export interface PriceListImporterDeps {
  readonly catalogs: Pick<CatalogLibrary, 'choice' | 'save'>;
  readonly catalogEditor: Pick<CatalogEditor, 'open'>;
}

export type ImportStatus =
  | { state: 'idle' }
  | { state: 'running'; fileName: string; bytes: number; total: number }
  | { state: 'cancelled' }
  | { state: 'failed'; fileName: string; problem: string }
  | { state: 'done'; catalog: Catalog; summaries: ImportSummary[] };

export class PriceListImporter {
  readonly #app: PriceListImporterDeps;
  readonly #runner: ImportRunner;
  /** The file chosen for each format (by format id); a main format's file is required. */
  #files = $state.raw<Record<string, File | undefined>>({});
  #mainFormat = $state(PRICE_LIST_FORMATS.find((f) => f.main)!.id);
  region = $state('us-east-1');
  baseKey = $state(`bundled:${DEFAULT_CATALOG_ID}`);
  #status = $state.raw<ImportStatus>({ state: 'idle' });
  #running: RunningImport | null = null;

  constructor(app: PriceListImporterDeps, runner: ImportRunner = workerImport) {
    this.#app = app;
    this.#runner = runner;
  }

  get status(): ImportStatus {
    return this.#status;
  }
  get files(): Readonly<Record<string, File | undefined>> {
    return this.#files;
  }
  get mainFormat(): string {
    return this.#mainFormat;
  }
  set mainFormat(id: string) {
    if (PRICE_LIST_FORMATS.some((f) => f.id === id && f.main)) this.#mainFormat = id;
  }

  choose(formatId: string, file: File | undefined): void {
    this.#files = { ...this.#files, [formatId]: file };
  }

  /** Why the import cannot start yet, or null. */
  get missing(): string | null {
    if (this.#files[this.#mainFormat] === undefined) return 'Choose the price-list file first.';
    if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(this.region.trim())) return 'Give a region code such as us-east-1.';
    if (this.#app.catalogs.choice(this.baseKey) === undefined)
      return 'Choose the catalog the import starts from.';
    return null;
  }

  async start(): Promise<void> {
    if (this.missing !== null || this.#status.state === 'running') return;
    const base = this.#app.catalogs.choice(this.baseKey)!.catalog as unknown as Catalog;
    const steps = [
      this.#mainFormat,
      ...PRICE_LIST_FORMATS.filter((f) => !f.main && this.#files[f.id] !== undefined).map((f) => f.id),
    ].map((format) => {
      const file = this.#files[format]!;
      return { format, file, fileName: file.name };
    });
    this.#status = { state: 'running', fileName: steps[0]!.fileName, bytes: 0, total: steps[0]!.file.size };
    const run = this.#runner({ steps, region: this.region.trim(), base: structuredClone(base) }, (p) => {
      if (this.#running === run)
        this.#status = { state: 'running', fileName: p.fileName, bytes: p.bytes, total: p.total };
    });
    this.#running = run;
    const outcome = await run.done;
    if (this.#running !== run) return;
    this.#running = null;
    if ('cancelled' in outcome) this.#status = { state: 'cancelled' };
    else if (!outcome.ok)
      this.#status = { state: 'failed', fileName: outcome.fileName, problem: outcome.problem };
    else this.#status = { state: 'done', catalog: outcome.catalog, summaries: outcome.summaries };
  }

  cancel(): void {
    const run = this.#running;
    if (run === null) return;
    this.#running = null;
    run.cancel();
    this.#status = { state: 'cancelled' };
  }

  /** Saves the imported catalog as a custom catalog; true when saved. */
  async save(name: string): Promise<boolean> {
    const s = this.#status;
    if (s.state !== 'done') return false;
    return (await this.#app.catalogs.save(name, s.catalog as unknown as Record<string, unknown>)) !== null;
  }

  /** Opens the imported catalog in the editor (to look it over, change it, use it in the plan). */
  edit(): void {
    const s = this.#status;
    if (s.state === 'done')
      this.#app.catalogEditor.open(s.catalog, { kind: 'import', id: '', label: s.catalog.name });
  }
}
