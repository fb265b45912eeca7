// The catalogs a plan can use: the bundled ones and the custom ones the user saved (stored in IndexedDB, data
// format 5). One list for the editor's picker and the diff (issue 13 §4).
import { BUNDLED_CATALOGS, catalogLabel } from '../catalog/index.ts';
import type { CatalogRecord, HeadroomStore } from '../db/types.ts';
import type { Notices } from './notices.svelte.ts';
import type { CatalogDoc } from './catalog-edit.ts';

export interface CatalogChoice {
  /** `bundled:<id>` or `custom:<row id>`. */
  key: string;
  kind: 'bundled' | 'custom';
  label: string;
  catalog: CatalogDoc;
}

export interface CatalogLibraryDeps {
  readonly store: Pick<HeadroomStore, 'listCatalogs' | 'putCatalog' | 'deleteCatalog'>;
  readonly notices: Pick<Notices, 'notify'>;
  readonly now: () => number;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class CatalogLibrary {
  readonly #app: CatalogLibraryDeps;
  #custom = $state.raw<CatalogRecord[]>([]);

  constructor(app: CatalogLibraryDeps) {
    this.#app = app;
  }

  get custom(): readonly CatalogRecord[] {
    return this.#custom;
  }

  /**
   * Bundled catalogs first, then the custom ones by name. Derived: made on first read and again only when the saved
   * catalogs change (every picker and every check of the import's base reads it; each read copied every bundled
   * catalog). Readers copy a catalog before they change it (the editor, the import).
   */
  readonly choices: CatalogChoice[] = $derived([
    ...[...BUNDLED_CATALOGS.entries()].map(([id, c]) => ({
      key: `bundled:${id}`,
      kind: 'bundled' as const,
      label: `${catalogLabel(id, c)}, bundled`,
      catalog: structuredClone(c) as unknown as CatalogDoc,
    })),
    ...this.#custom.map((r) => ({
      key: `custom:${r.id}`,
      kind: 'custom' as const,
      label: r.name,
      catalog: r.catalog as CatalogDoc,
    })),
  ]);

  choice(key: string): CatalogChoice | undefined {
    return this.choices.find((c) => c.key === key);
  }

  async load(): Promise<void> {
    try {
      this.#custom = await this.#app.store.listCatalogs();
    } catch (e) {
      this.#app.notices.notify(`The saved catalogs could not be read: ${messageOf(e)}`, 'error');
    }
  }

  /**
   * Saves `catalog` under `name`: over the custom catalog `id` when given, else as a new one. Returns the row's id,
   * or null when the store refused it (the notice says why).
   */
  async save(name: string, catalog: CatalogDoc, id?: string): Promise<string | null> {
    const t = this.#app.now();
    const existing = id === undefined ? undefined : this.#custom.find((c) => c.id === id);
    const row: CatalogRecord = {
      id: existing?.id ?? `catalog-${t.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      name: name.trim(),
      catalog: structuredClone(catalog),
      createdAt: existing?.createdAt ?? t,
      updatedAt: t,
    };
    try {
      await this.#app.store.putCatalog(row);
    } catch (e) {
      this.#app.notices.notify(messageOf(e), 'error');
      return null;
    }
    await this.load();
    this.#app.notices.notify(`Saved the catalog “${row.name}”.`);
    return row.id;
  }

  async remove(id: string): Promise<void> {
    const row = this.#custom.find((c) => c.id === id);
    try {
      await this.#app.store.deleteCatalog(id);
    } catch (e) {
      this.#app.notices.notify(messageOf(e), 'error');
      return;
    }
    await this.load();
    if (row)
      this.#app.notices.notify(`Deleted the catalog “${row.name}”.`, 'info', {
        label: 'Undo',
        run: () => void this.#restore(row),
      });
  }

  /** Undo of a delete: the row goes back as it was (same id, name, dates and prices). */
  async #restore(row: CatalogRecord): Promise<void> {
    try {
      await this.#app.store.putCatalog(row);
    } catch (e) {
      this.#app.notices.notify(`Could not put “${row.name}” back: ${messageOf(e)}`, 'error');
      return;
    }
    await this.load();
    this.#app.notices.notify(`Put the catalog “${row.name}” back.`);
  }
}
