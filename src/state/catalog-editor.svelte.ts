// The catalog being edited (issue 13 §4): a copy of a bundled, custom or the plan's own catalog, changed field by
// field. What is typed is kept as typed: a value that is not a number stays in the draft as text, with the catalog
// schema's problem at its path (as in the plan editor), so no keystroke is ever lost. "Use in this plan" puts the
// catalog inline in the plan (the plan file then carries every price it was costed with).
import { bundledCatalog } from '../catalog/index.ts';
import type { PlanIssue } from '../model/types.ts';
import type { Platform } from '../platform/types.ts';
import {
  catalogIssues,
  catalogPathText,
  numericFields,
  type CatalogDoc,
  type NumericField,
} from './catalog-edit.ts';
import type { CatalogLibrary } from './catalog-library.svelte.ts';
import { setAt, typedNumber, type Doc, type Path } from './doc.ts';
import type { Notices } from './notices.svelte.ts';
import type { OpenPlan } from './open-plan.svelte.ts';

export interface CatalogEditorDeps {
  readonly platform: Pick<Platform, 'saveFile'>;
  readonly notices: Pick<Notices, 'notify'>;
  readonly plan: Pick<OpenPlan, 'doc' | 'edit'>;
  readonly catalogs: Pick<CatalogLibrary, 'save' | 'choice'>;
}

export interface EditorSource {
  kind: 'plan' | 'bundled' | 'custom' | 'import';
  /** The custom catalog's row id (saving writes over it), else ''. */
  id: string;
  label: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class CatalogEditor {
  readonly #app: CatalogEditorDeps;
  #draft = $state.raw<CatalogDoc | null>(null);
  #source = $state.raw<EditorSource>({ kind: 'plan', id: '', label: '' });
  /** Paths (as text) where text was typed in place of a number: they stay listed while they hold it. */
  #typed = $state.raw<readonly string[]>([]);
  #changed = $state(false);
  readonly issues = $derived.by((): PlanIssue[] => (this.#draft === null ? [] : catalogIssues(this.#draft)));
  readonly fields = $derived.by((): NumericField[] => numericFields(this.#draft, this.#typed));

  constructor(app: CatalogEditorDeps) {
    this.#app = app;
  }

  get draft(): CatalogDoc | null {
    return this.#draft;
  }
  get source(): EditorSource {
    return this.#source;
  }
  /** True once anything was edited since the catalog was opened or saved. */
  get changed(): boolean {
    return this.#changed;
  }
  get valid(): boolean {
    return this.#draft !== null && this.issues.length === 0;
  }

  get instanceTypes(): Record<string, unknown>[] {
    const list = this.#draft?.instanceTypes;
    return Array.isArray(list) ? list.filter(isRecord) : [];
  }

  issuesAt(path: Path): string[] {
    const key = catalogPathText(path);
    return this.issues.filter((i) => i.path === key).map((i) => i.message);
  }

  /** Opens a catalog for editing: a copy, so nothing changes until it is saved or used. */
  open(catalog: unknown, source: EditorSource): void {
    this.#draft = isRecord(catalog) ? (structuredClone(catalog) as CatalogDoc) : null;
    this.#source = source;
    this.#typed = [];
    this.#changed = false;
  }

  /** Opens the open plan's catalog: the bundled one it names, or the one it carries inline. */
  openPlanCatalog(): void {
    const c = this.#app.plan.doc?.catalog;
    if (typeof c === 'string') {
      const b = bundledCatalog(c);
      this.open(b, { kind: 'bundled', id: '', label: b ? b.name : c });
    } else
      this.open(c, {
        kind: 'plan',
        id: '',
        label: isRecord(c) && typeof c.name === 'string' ? c.name : 'inline catalog',
      });
  }

  /** Opens one of the library's catalogs by its choice key. */
  openChoice(key: string): void {
    const c = this.#app.catalogs.choice(key);
    if (!c) return;
    this.open(c.catalog, {
      kind: c.kind,
      id: c.kind === 'custom' ? key.slice('custom:'.length) : '',
      label: c.label,
    });
  }

  #set(path: Path, value: unknown): void {
    if (this.#draft === null) return;
    this.#draft = setAt(this.#draft, path, value);
    this.#changed = true;
  }

  /** A number typed into a field: a number when it reads as one, else the text as typed (shown with its problem). */
  setNumber(path: Path, text: string): void {
    const v = typedNumber(text);
    const key = catalogPathText(path);
    const listed = this.#typed.includes(key);
    if (typeof v === 'string' && !listed) this.#typed = [...this.#typed, key];
    else if (typeof v !== 'string' && listed) this.#typed = this.#typed.filter((k) => k !== key);
    this.#set(path, v);
  }

  setText(path: Path, text: string): void {
    this.#set(path, text);
  }

  /** An optional field of an instance type (maxPods, architecture): removed when left empty. */
  setOptional(path: Path, value: string, asNumber: boolean): void {
    if (value.trim() === '') this.#set(path, undefined);
    else if (asNumber) this.setNumber(path, value);
    else this.#set(path, value);
  }

  addType(): void {
    const types = this.instanceTypes;
    this.#set(['instanceTypes'], [...types, { name: '', vcpu: 2, memoryGiB: 8, hourly: '' }]);
  }

  removeType(index: number): void {
    this.#set(
      ['instanceTypes'],
      this.instanceTypes.filter((_, i) => i !== index),
    );
  }

  /** Saves the draft as a custom catalog named `name` (over the custom catalog it was opened from, if any). */
  async save(name: string, asNew = false): Promise<boolean> {
    const draft = this.#ready('saved');
    if (draft === null) return false;
    const id = await this.#app.catalogs.save(
      name,
      draft,
      asNew || this.#source.kind !== 'custom' ? undefined : this.#source.id,
    );
    if (id === null) return false;
    this.#source = { kind: 'custom', id, label: name.trim() };
    this.#changed = false;
    return true;
  }

  /** Puts the draft into the open plan, inline (one undoable step). */
  useInPlan(): boolean {
    const draft = this.#ready('used');
    if (draft === null) return false;
    if (!this.#app.plan.doc) {
      this.#app.notices.notify('Open a plan first: there is no plan to use the catalog in.', 'error');
      return false;
    }
    this.#app.plan.edit(['catalog'], structuredClone(draft) as Doc, true);
    this.#app.notices.notify(
      `The plan now uses the catalog “${String(draft.name)}” (carried inline in the plan).`,
    );
    return true;
  }

  async exportJson(): Promise<void> {
    const draft = this.#ready('exported');
    if (draft === null) return;
    const base = String(draft.id || draft.name || 'catalog')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    const r = await this.#app.platform.saveFile({
      suggestedName: `${base || 'catalog'}.json`,
      mimeType: 'application/json',
      contents: `${JSON.stringify(draft, null, 2)}\n`,
    });
    if (r.saved) this.#app.notices.notify(r.path ? `Saved ${r.path}.` : `Saved ${base}.json.`);
    else if (r.error) this.#app.notices.notify(r.error, 'error');
  }

  /** The draft when it is valid; else a notice saying why nothing was `what`. */
  #ready(what: string): CatalogDoc | null {
    if (this.#draft === null) {
      this.#app.notices.notify('No catalog is open.', 'error');
      return null;
    }
    const n = this.issues.length;
    if (n > 0) {
      this.#app.notices.notify(
        `The catalog has ${n} problem${n === 1 ? '' : 's'} and was not ${what}: fix the marked fields first.`,
        'error',
      );
      return null;
    }
    return this.#draft;
  }
}
