// The one database module: Dexie tables behind the HeadroomStore contract (src/db/types.ts). Every write is
// validated first and runs in one transaction, so a failure anywhere leaves the database as it was.
import Dexie, { type Middleware, type DBCore, type Table } from 'dexie';
import type { PlanIssue } from '../model/types.ts';
import { MESSAGES, StoreError, issuesText, toStoreError } from './errors.ts';
import {
  DATA_FORMAT,
  DB_NAME,
  SCHEMA_VERSIONS,
  type MetaRow,
  type SchemaVersion,
  type SettingRow,
} from './schema.ts';
import type { HeadroomStore, PlanRecord, StoreStatus } from './types.ts';

export { StoreError, isQuotaError, MESSAGES } from './errors.ts';
export { DATA_FORMAT, DB_NAME, SCHEMA_VERSIONS } from './schema.ts';
export type { HeadroomStore, PlanRecord, StoreStatus, PlanKind } from './types.ts';

export type Validate = (doc: unknown) => PlanIssue[];

export interface StoreOptions {
  /** Database name (tests use a fresh one each). */
  name?: string;
  /** The plan schema's validation (src/plan's parsePlan); an empty array means valid. */
  validate?: Validate;
  /** An IndexedDB implementation other than the global one (tests: fake-indexeddb's IDBFactory). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Called whenever status() changes (another window upgraded the database, an upgrade is blocked, …). */
  onStatusChange?: (status: StoreStatus) => void;
  /** Test seams: schema history and Dexie middleware (fault injection). */
  schemaVersions?: readonly SchemaVersion[];
  middleware?: Middleware<DBCore>[];
  dataFormat?: number;
}

/** Largest sizes the store accepts (docs/data-safety.md). */
export const LIMITS = {
  idLength: 200,
  nameLength: 500,
  plansPerWrite: 10_000,
} as const;

/** The store: the HeadroomStore contract plus what the data-safety screen needs. */
export interface DataStore extends HeadroomStore {
  /** Subscribe to status changes; returns an unsubscribe function. */
  onStatusChange(listener: (status: StoreStatus) => void): () => void;
}

const PLAN_KINDS = new Set(['plan', 'scenario']);

/** Checks the row around the document (the document itself is checked by `validate`). */
export function recordIssues(record: unknown, validate: Validate | undefined, at = ''): PlanIssue[] {
  const p = (field: string) => (at ? `${at}.${field}` : field);
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return [{ path: at, message: 'must be a plan record (an object)' }];
  }
  const r = record as Record<string, unknown>;
  const issues: PlanIssue[] = [];
  if (typeof r.id !== 'string' || r.id.length === 0 || r.id.length > LIMITS.idLength) {
    issues.push({
      path: p('id'),
      message: `must be a non-empty string of at most ${LIMITS.idLength} characters`,
    });
  }
  if (typeof r.name !== 'string' || r.name.length > LIMITS.nameLength) {
    issues.push({ path: p('name'), message: `must be a string of at most ${LIMITS.nameLength} characters` });
  }
  if (typeof r.kind !== 'string' || !PLAN_KINDS.has(r.kind)) {
    issues.push({ path: p('kind'), message: 'must be "plan" or "scenario"' });
  }
  if (r.baseId !== null && typeof r.baseId !== 'string') {
    issues.push({ path: p('baseId'), message: 'must be a plan id or null' });
  }
  for (const field of ['createdAt', 'updatedAt'] as const) {
    const v = r[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      issues.push({ path: p(field), message: 'must be a time in milliseconds (a finite number ≥ 0)' });
    }
  }
  if (!('document' in r) || r.document === undefined) {
    issues.push({ path: p('document'), message: 'is missing' });
  } else if (validate) {
    let docIssues: PlanIssue[];
    try {
      docIssues = validate(r.document);
    } catch (e) {
      docIssues = [
        { path: '', message: `could not be checked: ${e instanceof Error ? e.message : String(e)}` },
      ];
    }
    for (const i of docIssues) {
      const sub = i.path ? (i.path.startsWith('[') ? `document${i.path}` : `document.${i.path}`) : 'document';
      issues.push({ path: p(sub), message: i.message });
    }
  }
  return issues;
}

function invalidError(records: readonly unknown[], issues: PlanIssue[]): StoreError {
  const what =
    records.length === 1
      ? `The plan${nameOf(records[0])} is not valid and was not saved`
      : 'The plans are not valid; none was saved';
  return new StoreError('invalid', `${what}: ${issuesText(issues)}`, issues);
}

function nameOf(r: unknown): string {
  const name = typeof r === 'object' && r !== null ? (r as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name ? ` "${name}"` : '';
}

class DexieStore implements DataStore {
  readonly db: Dexie;
  readonly #validate: Validate | undefined;
  #status: StoreStatus = { readOnly: false, message: null };
  readonly #listeners = new Set<(status: StoreStatus) => void>();

  constructor(db: Dexie, validate: Validate | undefined) {
    this.db = db;
    this.#validate = validate;
  }

  get plans(): Table<PlanRecord, string> {
    return this.db.table('plans');
  }
  get settings(): Table<SettingRow, string> {
    return this.db.table('settings');
  }
  get meta(): Table<MetaRow, string> {
    return this.db.table('meta');
  }

  status(): StoreStatus {
    return { ...this.#status };
  }

  setStatus(status: StoreStatus): void {
    this.#status = status;
    for (const l of this.#listeners) l(this.status());
  }

  onStatusChange(listener: (status: StoreStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs a write: refused while read-only; any failure becomes a StoreError with a message for the user. */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#status.readOnly) {
      throw new StoreError(
        this.db.isOpen() ? 'read-only' : 'closed',
        this.#status.message ?? MESSAGES.closed,
      );
    }
    try {
      return await fn();
    } catch (e) {
      throw toStoreError(e);
    }
  }

  checkRecords(records: readonly unknown[]): void {
    if (records.length > LIMITS.plansPerWrite) {
      throw new StoreError('invalid', `At most ${LIMITS.plansPerWrite} plans can be written at once.`);
    }
    const issues: PlanIssue[] = [];
    const ids = new Set<string>();
    records.forEach((r, i) => {
      const at = records.length === 1 ? '' : `[${i}]`;
      issues.push(...recordIssues(r, this.#validate, at));
      const id = (r as { id?: unknown } | null)?.id;
      if (typeof id === 'string') {
        if (ids.has(id)) issues.push({ path: at ? `${at}.id` : 'id', message: `repeats the id "${id}"` });
        ids.add(id);
      }
    });
    if (issues.length > 0) throw invalidError(records, issues);
  }

  async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const err = toStoreError(e);
      throw err.kind === 'failed'
        ? new StoreError('failed', err.message.replace('Saving', 'Reading'), [], e)
        : err;
    }
  }

  listPlans(): Promise<PlanRecord[]> {
    return this.read(() => this.plans.toArray());
  }

  getPlan(id: string): Promise<PlanRecord | undefined> {
    return this.read(() => this.plans.get(id));
  }

  putPlan(record: PlanRecord): Promise<void> {
    return this.write(async () => {
      this.checkRecords([record]);
      await this.db.transaction('rw', this.plans, async () => {
        await this.plans.put(record);
      });
    });
  }

  putPlans(records: PlanRecord[]): Promise<void> {
    return this.write(async () => {
      this.checkRecords(records);
      await this.db.transaction('rw', this.plans, async () => {
        // One put per row inside one transaction: a failure at any row aborts them all.
        for (const r of records) await this.plans.put(r);
      });
    });
  }

  deletePlan(id: string): Promise<PlanRecord | undefined> {
    return this.write(() =>
      this.db.transaction('rw', this.plans, async () => {
        const row = await this.plans.get(id);
        if (row) await this.plans.delete(id);
        return row;
      }),
    );
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const row = await this.read(() => this.settings.get(key));
    return row?.value as T | undefined;
  }

  setSetting(key: string, value: unknown): Promise<void> {
    return this.write(async () => {
      if (typeof key !== 'string' || key.length === 0 || key.length > LIMITS.idLength) {
        throw new StoreError('invalid', 'A setting needs a name of 1 to 200 characters.');
      }
      await this.settings.put({ key, value });
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Declares every schema version on a Dexie instance, oldest first. */
export function declareSchema(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    const upgrade = v.upgrade;
    if (upgrade) declared.upgrade((tx) => upgrade(tx));
  }
}

/**
 * Opens (creating or upgrading) the Headroom database. A database written by a newer Headroom opens read-only;
 * another window upgrading it closes this connection and status() asks the user to reload.
 */
export async function openStore(options: StoreOptions = {}): Promise<DataStore> {
  const dexieOptions: ConstructorParameters<typeof Dexie>[1] = {};
  if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
  const db = new Dexie(options.name ?? DB_NAME, dexieOptions);
  declareSchema(db, options.schemaVersions ?? SCHEMA_VERSIONS);
  for (const m of options.middleware ?? []) db.use(m);

  const store = new DexieStore(db, options.validate);
  if (options.onStatusChange) store.onStatusChange(options.onStatusChange);

  db.on('versionchange', () => {
    // Let the other window upgrade; this one stops writing and asks for a reload.
    db.close();
    store.setStatus({ readOnly: true, message: MESSAGES.versionChange });
    return false;
  });
  db.on('blocked', () => {
    store.setStatus({ readOnly: true, message: MESSAGES.blocked });
  });

  await db.open();
  if (store.status().message === MESSAGES.blocked) store.setStatus({ readOnly: false, message: null });

  const format = options.dataFormat ?? DATA_FORMAT;
  const marker = await store.meta.get('format');
  if (marker && (typeof marker.value !== 'number' || marker.value > format)) {
    // A marker this build does not understand: a newer Headroom wrote it.
    store.setStatus({ readOnly: true, message: MESSAGES.newer });
  } else if (!marker || marker.value !== format) {
    await store.meta.put({ key: 'format', value: format });
  }
  return store;
}
