// Importing a provider's price list from the app (issue 13 §3): files chosen in the browser's picker (File objects,
// never read whole here), read in a worker with progress and cancel, then a summary (found, kept, skipped by
// reason, conflicts, price changes against the base) before the result is saved as a custom catalog.
import { DEFAULT_CATALOG_ID } from '../catalog/index.ts';
import type { Catalog } from '../model/types.ts';
import { PRICE_LIST_FORMATS } from '../worker/price-list-formats.ts';
import type { ImportSummary, PriceListFormat } from '../worker/price-list-formats.ts';
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
  /** The files chosen for each format (by format id), in the picker's order; a main format's are required. */
  #files = $state.raw<Record<string, readonly File[]>>({});
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
  get files(): Readonly<Record<string, readonly File[]>> {
    return this.#files;
  }
  get mainFormat(): string {
    return this.#mainFormat;
  }
  /** Choosing another format forgets the files chosen, puts its example region in the field and, when it is bundled,
   *  its default base as "Start from" (every price the files do not give comes from the base, so it should be the
   *  same provider's; docs/catalogs.md, "In the app"). */
  set mainFormat(id: string) {
    const f = PRICE_LIST_FORMATS.find((g) => g.id === id && g.main);
    if (f === undefined || id === this.#mainFormat) return;
    this.#mainFormat = id;
    // The screen shows new, empty pickers for the new format (and drops the old one's extras): a file chosen before
    // must not be imported unseen on a switch back.
    this.#files = {};
    this.region = f.region.example;
    const base = f.defaultBase === undefined ? undefined : `bundled:${f.defaultBase}`;
    if (base !== undefined && this.#app.catalogs.choice(base) !== undefined) this.baseKey = base;
  }
  /** The chosen main format. */
  get format(): PriceListFormat {
    return PRICE_LIST_FORMATS.find((f) => f.id === this.#mainFormat)!;
  }
  /** The extra files the chosen main format takes (the AWS Lambda offer file after an AWS one). */
  get extras(): PriceListFormat[] {
    return PRICE_LIST_FORMATS.filter((f) => !f.main && f.provider === this.format.provider);
  }

  /** The file or files chosen for a format (a FileList's files, in order); none clears the choice. */
  choose(formatId: string, files: File | readonly File[] | undefined): void {
    const list = files === undefined ? [] : files instanceof File ? [files] : [...files];
    this.#files = { ...this.#files, [formatId]: list };
  }

  /** Why the import cannot start yet, or null. */
  get missing(): string | null {
    const f = this.format;
    if ((this.#files[f.id] ?? []).length === 0)
      return f.multipleFiles ? 'Choose the price-list pages first.' : 'Choose the price-list file first.';
    if (!f.region.pattern.test(this.region.trim()))
      return `Give ${f.region.what} such as ${f.region.example}.`;
    if (this.#app.catalogs.choice(this.baseKey) === undefined)
      return 'Choose the catalog the import starts from.';
    return null;
  }

  async start(): Promise<void> {
    if (this.missing !== null || this.#status.state === 'running') return;
    const base = this.#app.catalogs.choice(this.baseKey)!.catalog as unknown as Catalog;
    const steps = [this.format, ...this.extras]
      .map((f) => ({
        format: f.id,
        files: (this.#files[f.id] ?? []).map((file) => ({ file, fileName: file.name })),
      }))
      .filter((s) => s.files.length > 0);
    const first = steps[0]!.files[0]!;
    this.#status = { state: 'running', fileName: first.fileName, bytes: 0, total: first.file.size };
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
