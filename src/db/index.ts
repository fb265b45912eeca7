// The one database module: Dexie tables behind the HeadroomStore contract (src/db/types.ts). Every write is
// validated first and runs in one transaction, so a failure anywhere leaves the database as it was.
import Dexie, { type DBCore, type Middleware, type Table } from 'dexie';
import type { PlanIssue } from '../model/types.ts';
import { ConflictError, MESSAGES, StoreError, issuesText, toStoreError } from './errors.ts';
import { catalogRowIssues, MAX_CATALOGS } from './catalogs.ts';
import { parseExport, serializeExport } from './export.ts';
import { LIMITS, detachSnapshots, recordIssues, upgradeRecord, type Validate } from './records.ts';
import { requestPersistence } from './persistence.ts';
import { backupsToPrune } from './retention.ts';
import {
  DATA_FORMAT,
  DB_NAME,
  SCHEMA_VERSIONS,
  type BackupReason,
  type BackupRow,
  type CatalogRow,
  type MetaRow,
  type QuarantineRow,
  type SchemaVersion,
  type SettingRow,
} from './schema.ts';
import type { HeadroomStore, PlanRecord, StoreStatus } from './types.ts';

export { ConflictError, StoreError, isQuotaError, MESSAGES, type StoreErrorKind } from './errors.ts';
export { DATA_FORMAT, DB_NAME, SCHEMA_VERSIONS, type BackupReason } from './schema.ts';
export {
  LIMITS,
  detachSnapshot,
  detachSnapshots,
  draftIssues,
  recordIssues,
  type Validate,
} from './records.ts';
export { EXPORT_LIMITS, parseExport } from './export.ts';
export { RETENTION } from './retention.ts';
export { requestPersistence, type PersistenceState } from './persistence.ts';
export type { HeadroomStore, PlanRecord, StoreStatus, PlanKind, CatalogRecord } from './types.ts';
export { MAX_CATALOGS, planAroundCatalog } from './catalogs.ts';

/** How often, while edits happen, a periodic backup is taken (at the first write after this long). */
export const PERIODIC_BACKUP_MS = 10 * 60 * 1000;

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
  /** Clock (ms since the epoch); tests pass their own. */
  now?: () => number;
  /** Test seams: schema history, data format and Dexie middleware (fault injection). */
  schemaVersions?: readonly SchemaVersion[];
  dataFormat?: number;
  middleware?: Middleware<DBCore>[];
  /** Ask the browser to keep the data under storage pressure (navigator.storage.persist()). Default true. */
  requestPersistence?: boolean;
  /**
   * Tell other windows on this database about committed changes (a BroadcastChannel named after the database).
   * Default true where BroadcastChannel exists.
   */
  broadcast?: boolean;
}

/** What a store posts on its channel after a committed change (a hint: receivers re-read what they show). */
interface ChangeMessage {
  type: 'changed';
}

function channelName(dbName: string): string {
  return `headroom-db:${dbName}`;
}

export interface BackupSummary {
  id: number;
  createdAt: number;
  reason: BackupReason;
  planCount: number;
  /** Its size estimated as the UTF-8 length of its plans and settings in JSON (IndexedDB may store it smaller). */
  bytes: number;
  /** An undo the user has not dismissed refers to it (Undo restore): kept whatever the retention says. */
  pinned: boolean;
}

export interface QuarantineEntry {
  id: number;
  quarantinedAt: number;
  /** The row's name and id when it has them, for the list. */
  label: string;
  issues: PlanIssue[];
}

export type RestoreResult =
  { ok: true; undoBackupId: number; plans: number } | { ok: false; issues: PlanIssue[] };

/** The store: the HeadroomStore contract plus what the data-safety screen and imports need. */
export interface DataStore extends HeadroomStore {
  listBackups(): Promise<BackupSummary[]>;
  /** Take a backup now (reason `manual`); returns its id. */
  backupNow(): Promise<number>;
  /**
   * Replace all plans and settings with a backup's; returns the id of the backup taken first. That backup is
   * pinned for "Undo restore" unless `offerUndo` is false (the restore is itself an undo); any older pin goes.
   */
  restoreBackup(id: number, options?: { offerUndo?: boolean }): Promise<number>;
  /** Delete one backup (works with storage full: it only frees space). */
  deleteBackup(id: number): Promise<void>;
  /** The undo referring to this backup was dismissed: retention may prune it once it is a day old. */
  unpinBackup(id: number): Promise<void>;
  /** Every plan, scenario and setting as one JSON document. */
  exportAll(): Promise<string>;
  /** Replace everything with an export file's contents, if the whole file is valid; itself undoable. */
  restoreFromExport(text: string): Promise<RestoreResult>;
  /** Rows moved aside at start-up because they failed validation. */
  listQuarantine(): Promise<QuarantineEntry[]>;
  exportQuarantine(): Promise<string>;
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

function labelOf(row: unknown): string {
  if (typeof row !== 'object' || row === null) return '(unreadable row)';
  const r = row as { id?: unknown; name?: unknown };
  const name = typeof r.name === 'string' && r.name ? r.name : '(no name)';
  return typeof r.id === 'string' ? `${name} (${r.id})` : name;
}

class DexieStore implements DataStore {
  readonly db: Dexie;
  readonly #validate: Validate | undefined;
  readonly #now: () => number;
  readonly #format: number;
  #status: StoreStatus = { readOnly: false, message: null };
  readonly #listeners = new Set<(status: StoreStatus) => void>();
  readonly #channel: BroadcastChannel | null;
  readonly #externalListeners = new Set<() => void>();

  constructor(
    db: Dexie,
    validate: Validate | undefined,
    now: () => number,
    format: number,
    channel: BroadcastChannel | null,
  ) {
    this.db = db;
    this.#validate = validate;
    this.#now = now;
    this.#format = format;
    this.#channel = channel;
    if (channel) {
      channel.onmessage = (event: MessageEvent<unknown>) => {
        const data = event.data as Partial<ChangeMessage> | null;
        if (data?.type !== 'changed') return;
        for (const l of this.#externalListeners) l();
      };
    }
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
  get backups(): Table<BackupRow, number> {
    return this.db.table('backups');
  }
  get quarantine(): Table<QuarantineRow, number> {
    return this.db.table('quarantine');
  }
  get catalogs(): Table<CatalogRow, string> {
    return this.db.table('catalogs');
  }

  hasTable(name: string): boolean {
    return this.db.tables.some((t) => t.name === name);
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

  onExternalChange(listener: () => void): () => void {
    this.#externalListeners.add(listener);
    return () => this.#externalListeners.delete(listener);
  }

  /**
   * Runs a write: refused while read-only; any failure becomes a StoreError with a message for the user. Once it
   * has committed, other windows are told (unless `announce` is false: a setting nobody else shows).
   */
  async write<T>(fn: () => Promise<T>, announce = true): Promise<T> {
    if (this.#status.readOnly) {
      throw new StoreError(
        this.db.isOpen() ? 'read-only' : 'closed',
        this.#status.message ?? MESSAGES.closed,
      );
    }
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      throw toStoreError(e);
    }
    if (announce) this.#announce();
    return result;
  }

  #announce(): void {
    try {
      this.#channel?.postMessage({ type: 'changed' } satisfies ChangeMessage);
    } catch {
      // A closed channel (the store was closed meanwhile): nobody is listening through it any more.
    }
  }

  /**
   * Inside a rw transaction on plans: checks every record's revision against the stored row's (a missing one is 0)
   * and refuses the whole write with a ConflictError if any differs; returns the rows to write, each with the next
   * revision. A row that no longer exists is written back (nothing is overwritten).
   */
  async nextRevisions(records: readonly PlanRecord[]): Promise<PlanRecord[]> {
    const stored = await this.plans.bulkGet(records.map((r) => r.id));
    return records.map((r, i) => {
      const row = stored[i];
      const base = r.revision ?? 0;
      if (row && (row.revision ?? 0) !== base) throw new ConflictError(r, row);
      return { ...r, revision: base + 1 };
    });
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

  checkRecords(records: readonly unknown[]): void {
    if (!Array.isArray(records)) throw new StoreError('invalid', 'Expected a list of plans.');
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

  /**
   * Inside a rw transaction on plans, settings and backups: copy everything, then prune old backups. `pin` marks
   * the copy as the one an undo refers to (see retention.ts).
   */
  async takeBackup(reason: BackupReason, pin = false): Promise<number> {
    const now = this.#now();
    const plans = await this.plans.toArray();
    const settings = await this.settings.toArray();
    const row: BackupRow = {
      createdAt: now,
      reason,
      format: this.#format,
      planCount: plans.length,
      plans,
      settings,
    };
    if (this.hasTable('catalogs')) row.catalogs = await this.catalogs.toArray();
    if (pin) row.pinned = true;
    const id = await this.backups.add(row);
    const all = await this.backups.toArray();
    const prune = backupsToPrune(
      all.map((b) => ({
        id: b.id as number,
        createdAt: b.createdAt,
        reason: b.reason,
        pinned: b.pinned,
        planCount: b.planCount,
      })),
      now,
    );
    const stale = prune.filter((p) => p !== id);
    if (stale.length > 0) await this.backups.bulkDelete(stale);
    return id;
  }

  /**
   * Inside a rw transaction: a backup the app takes by itself (before an import, while editing). Never one of an
   * empty database: the first save of a new profile used to leave "1 backup, 0 plans" as the only backup, which
   * looks like a safety net and restores nothing. A manual backup, and one before a restore (an undo goes back to
   * exactly what was there, empty or not), go through takeBackup and are always taken.
   */
  async automaticBackup(reason: 'periodic' | 'import'): Promise<void> {
    if ((await this.plans.count()) === 0) return;
    await this.takeBackup(reason);
  }

  /** Inside a rw transaction: a periodic backup when the newest one is older than PERIODIC_BACKUP_MS. */
  async periodicBackup(): Promise<void> {
    const newest = await this.backups.orderBy('createdAt').last();
    if (!newest || this.#now() - newest.createdAt >= PERIODIC_BACKUP_MS)
      await this.automaticBackup('periodic');
  }

  /** Every table a write with a backup touches (the catalogs from data format 5: a backup holds them too). */
  get writeTables(): Table[] {
    return this.hasTable('catalogs')
      ? [this.plans, this.settings, this.backups, this.catalogs]
      : [this.plans, this.settings, this.backups];
  }

  listPlans(): Promise<PlanRecord[]> {
    return this.read(() => this.plans.toArray());
  }

  getPlan(id: string): Promise<PlanRecord | undefined> {
    return this.read(() => this.plans.get(id));
  }

  /**
   * Inside a rw transaction, before a restore replaces the plans: each restored row gets a revision above both its
   * own and the replaced row's, so revisions only ever rise and a save based on any earlier read is refused.
   */
  async restoredRevisions(plans: readonly PlanRecord[]): Promise<PlanRecord[]> {
    const current = await this.plans.bulkGet(plans.map((p) => p.id));
    return plans.map((p, i) => ({
      ...p,
      revision: Math.max(p.revision ?? 0, current[i]?.revision ?? 0) + 1,
    }));
  }

  async putPlan(record: PlanRecord): Promise<PlanRecord> {
    const [stored] = await this.putPlans([record]);
    return stored!;
  }

  putPlans(records: PlanRecord[]): Promise<PlanRecord[]> {
    return this.write(async () => {
      this.checkRecords(records);
      return this.db.transaction('rw', this.writeTables, async () => {
        const rows = await this.nextRevisions(records);
        await this.periodicBackup();
        // One put per row inside one transaction: a failure at any row aborts them all.
        for (const r of rows) await this.plans.put(r);
        return rows;
      });
    });
  }

  importPlans(records: PlanRecord[]): Promise<PlanRecord[]> {
    return this.write(async () => {
      this.checkRecords(records);
      return this.db.transaction('rw', this.writeTables, async () => {
        const rows = await this.nextRevisions(records);
        await this.automaticBackup('import');
        for (const r of rows) await this.plans.put(r);
        return rows;
      });
    });
  }

  deletePlan(id: string, options: { backup?: boolean } = {}): Promise<PlanRecord | undefined> {
    const backup = options.backup ?? true;
    return this.write(async () => {
      try {
        return await this.db.transaction('rw', this.writeTables, async () => {
          const row = await this.plans.get(id);
          if (row) {
            if (backup) await this.periodicBackup();
            await this.plans.delete(id);
          }
          return row;
        });
      } catch (e) {
        // A delete only frees space: a full disk here means the backup before it found no room.
        const err = toStoreError(e);
        if (backup && err.kind === 'quota') throw new StoreError('quota', MESSAGES.noRoomForBackup, [], e);
        throw err;
      }
    });
  }

  undeletePlan(record: PlanRecord): Promise<void> {
    return this.write(async () => {
      this.checkRecords([record]);
      await this.db.transaction('rw', this.plans, async () => {
        if ((await this.plans.get(record.id)) !== undefined) {
          throw new StoreError(
            'invalid',
            `A plan with the id "${record.id}" exists again, so the deleted${nameOf(record)} was not put back.`,
          );
        }
        await this.plans.add(record);
      });
    });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const row = await this.read(() => this.settings.get(key));
    return row?.value as T | undefined;
  }

  setSetting(key: string, value: unknown): Promise<void> {
    return this.write(async () => {
      if (typeof key !== 'string' || key.length === 0 || key.length > LIMITS.idLength) {
        throw new StoreError('invalid', `A setting needs a name of 1 to ${LIMITS.idLength} characters.`);
      }
      await this.settings.put({ key, value });
    }, false);
  }

  listCatalogs(): Promise<CatalogRow[]> {
    return this.read(async () =>
      this.hasTable('catalogs')
        ? (await this.catalogs.toArray()).sort((a, b) => a.name.localeCompare(b.name))
        : [],
    );
  }

  putCatalog(record: CatalogRow): Promise<void> {
    return this.write(async () => {
      const issues = catalogRowIssues(record, this.#validate);
      if (issues.length > 0)
        throw new StoreError(
          'invalid',
          `The catalog${nameOf(record)} is not valid and was not saved: ${issuesText(issues)}`,
          issues,
        );
      await this.db.transaction('rw', this.catalogs, async () => {
        if (
          (await this.catalogs.get(record.id)) === undefined &&
          (await this.catalogs.count()) >= MAX_CATALOGS
        )
          throw new StoreError(
            'invalid',
            `At most ${MAX_CATALOGS} catalogs can be stored; delete one first.`,
          );
        await this.catalogs.put(structuredClone(record));
      });
    });
  }

  deleteCatalog(id: string): Promise<void> {
    return this.write(() => this.catalogs.delete(id));
  }

  listBackups(): Promise<BackupSummary[]> {
    return this.read(async () => {
      if (!this.hasTable('backups')) return [];
      const rows = await this.backups.orderBy('createdAt').reverse().toArray();
      return rows.map((b) => ({
        id: b.id as number,
        createdAt: b.createdAt,
        reason: b.reason,
        planCount: b.planCount,
        bytes: utf8Length(JSON.stringify({ plans: b.plans, settings: b.settings })),
        pinned: b.pinned === true,
      }));
    });
  }

  deleteBackup(id: number): Promise<void> {
    // Its own small transaction on backups only: nothing is added, so it works with storage full.
    return this.write(() => this.backups.delete(id));
  }

  unpinBackup(id: number): Promise<void> {
    return this.write(async () => {
      await this.backups.update(id, { pinned: false });
    });
  }

  backupNow(): Promise<number> {
    return this.write(() => this.db.transaction('rw', this.writeTables, () => this.takeBackup('manual')));
  }

  /**
   * Inside a rw transaction: back up, then replace every plan and setting. Returns the backup's id, pinned when
   * the restore offers an undo. Only the latest restore is offered for undo, so older pins go.
   */
  async replaceAll(
    plans: PlanRecord[],
    settings: SettingRow[],
    offerUndo: boolean,
    catalogs?: CatalogRow[],
  ): Promise<number> {
    await this.backups.filter((b) => b.pinned === true).modify({ pinned: false });
    const undoId = await this.takeBackup('restore', offerUndo);
    const rows = await this.restoredRevisions(plans);
    await this.plans.clear();
    await this.settings.clear();
    for (const p of rows) await this.plans.put(p);
    for (const s of settings) await this.settings.put(s);
    // A backup or export from before data format 5 has no catalogs: the ones stored stay.
    if (catalogs !== undefined && this.hasTable('catalogs')) {
      await this.catalogs.clear();
      for (const c of catalogs) await this.catalogs.put(c);
    }
    return undoId;
  }

  restoreBackup(id: number, options: { offerUndo?: boolean } = {}): Promise<number> {
    return this.write(() =>
      this.db.transaction('rw', this.writeTables, async () => {
        const backup = await this.backups.get(id);
        if (!backup) throw new StoreError('invalid', 'That backup no longer exists.');
        if (backup.format > this.#format) {
          throw new StoreError(
            'invalid',
            'That backup was made by a newer Headroom and cannot be restored here.',
          );
        }
        // A backup from before data format 3 holds snapshot scenarios: they come back as plans of their own.
        const detached = backup.format < 3 ? detachSnapshots(backup.plans) : backup.plans;
        // A backup from before data format 4 holds version 1 plan documents: they come back as version 2.
        const plans = backup.format < 4 ? detached.map(upgradeRecord) : detached;
        const issues = plans.flatMap((p, i) => recordIssues(p, this.#validate, `plans[${i}]`));
        if (issues.length > 0) throw invalidError(plans, issues);
        return this.replaceAll(plans, backup.settings, options.offerUndo ?? true, backup.catalogs);
      }),
    );
  }

  exportAll(): Promise<string> {
    const catalogs = this.hasTable('catalogs') ? [this.catalogs] : [];
    return this.read(() =>
      this.db.transaction('r', [this.plans, this.settings, ...catalogs], async () =>
        serializeExport(
          await this.plans.toArray(),
          await this.settings.toArray(),
          this.#now(),
          catalogs.length > 0 ? await this.catalogs.toArray() : [],
        ),
      ),
    );
  }

  restoreFromExport(text: string): Promise<RestoreResult> {
    return this.write(async () => {
      const parsed = parseExport(text, this.#validate);
      if (!parsed.ok) return parsed;
      const { plans, settings, catalogs } = parsed.data;
      const undoBackupId = await this.db.transaction('rw', this.writeTables, () =>
        this.replaceAll(plans, settings, true, catalogs),
      );
      return { ok: true, undoBackupId, plans: plans.length };
    });
  }

  listQuarantine(): Promise<QuarantineEntry[]> {
    return this.read(async () =>
      (this.hasTable('quarantine') ? await this.quarantine.toArray() : []).map((q) => ({
        id: q.id as number,
        quarantinedAt: q.quarantinedAt,
        label: labelOf(q.row),
        issues: q.issues,
      })),
    );
  }

  exportQuarantine(): Promise<string> {
    return this.read(async () => {
      const rows = this.hasTable('quarantine') ? await this.quarantine.toArray() : [];
      return JSON.stringify({ kind: 'headroom-quarantine', version: 1, rows }, null, 2) + '\n';
    });
  }

  /** Start-up check: rows that fail validation move, whole, to the quarantine in one transaction. */
  async quarantineInvalid(): Promise<number> {
    if (!this.#validate || this.#status.readOnly) return 0;
    return this.db.transaction('rw', [this.plans, this.quarantine], async () => {
      const bad: QuarantineRow[] = [];
      const badKeys: string[] = [];
      await this.plans.toCollection().each((row, cursor) => {
        const issues = recordIssues(row, this.#validate);
        if (issues.length > 0) {
          bad.push({ quarantinedAt: this.#now(), table: 'plans', row, issues });
          badKeys.push(cursor.primaryKey as string);
        }
      });
      if (bad.length === 0) return 0;
      for (const q of bad) await this.quarantine.add(q);
      await this.plans.bulkDelete(badKeys);
      return bad.length;
    });
  }

  close(): void {
    this.db.close();
    this.#channel?.close();
  }
}

/** UTF-8 bytes of a string, counted without encoding it (backups can be megabytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (
      c >= 0xd800 &&
      c < 0xdc00 &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isNewer(marker: unknown, format: number): boolean {
  return marker !== undefined && (typeof marker !== 'number' || marker > format);
}

/** Reads the data-format marker without declaring a schema (nothing changes); undefined when there is none. */
async function peekMarker(
  name: string,
  dexieOptions: ConstructorParameters<typeof Dexie>[1],
): Promise<unknown> {
  const probe = new Dexie(name, dexieOptions);
  try {
    await probe.open();
    if (!probe.tables.some((t) => t.name === 'meta')) return undefined;
    return ((await probe.table('meta').get('format')) as MetaRow | undefined)?.value;
  } catch {
    // No database yet (NoSuchDatabaseError), or unreadable: the normal open decides.
    return undefined;
  } finally {
    probe.close();
  }
}

/** Declares every schema version on a Dexie instance, oldest first. */
export function declareSchema(db: Dexie, versions: readonly SchemaVersion[], now: () => number): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    const upgrade = v.upgrade;
    if (upgrade) declared.upgrade((tx) => upgrade(tx, { now: now() }));
  }
}

/**
 * Opens (creating or upgrading) the Headroom database. A database written by a newer Headroom opens read-only;
 * another window upgrading it closes this connection and status() asks the user to reload. A failed upgrade
 * rejects (with a StoreError) and leaves the data as it was.
 */
export async function openStore(options: StoreOptions = {}): Promise<DataStore> {
  const now = options.now ?? Date.now;
  const dexieOptions: ConstructorParameters<typeof Dexie>[1] = {};
  if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
  const name = options.name ?? DB_NAME;
  const format = options.dataFormat ?? DATA_FORMAT;
  // Data from a newer Headroom is opened as it is, with no schema declared, so not even its structure changes.
  const newer = isNewer(await peekMarker(name, dexieOptions), format);
  const db = new Dexie(name, dexieOptions);
  if (!newer) declareSchema(db, options.schemaVersions ?? SCHEMA_VERSIONS, now);
  for (const m of options.middleware ?? []) db.use(m);

  const channel =
    options.broadcast !== false && typeof BroadcastChannel !== 'undefined'
      ? new BroadcastChannel(channelName(name))
      : null;
  // In Node (tests, tools) an open channel would keep the process alive; a browser has no unref.
  if (channel && 'unref' in channel && typeof channel.unref === 'function') channel.unref();
  const store = new DexieStore(db, options.validate, now, format, channel);
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

  try {
    await db.open();
  } catch (e) {
    db.close();
    channel?.close();
    const err = toStoreError(e);
    throw new StoreError(
      err.kind === 'quota' ? 'quota' : 'failed',
      `Headroom could not open or update its data; nothing was changed. ${err.kind === 'quota' ? MESSAGES.quotaOnOpen : (e as Error).message}`,
      [],
      e,
    );
  }
  if (store.status().message === MESSAGES.blocked) store.setStatus({ readOnly: false, message: null });

  const marker = store.hasTable('meta') ? await store.meta.get('format') : undefined;
  if (newer || (marker && isNewer(marker.value, format))) {
    // A marker this build does not understand: a newer Headroom wrote it.
    store.setStatus({ readOnly: true, message: MESSAGES.newer });
  } else {
    if (!marker || marker.value !== format) await store.meta.put({ key: 'format', value: format });
    await store.quarantineInvalid();
  }
  // Asked once at start-up; the answer (shown in settings) never blocks opening.
  if (options.requestPersistence !== false) void requestPersistence().catch(() => undefined);
  return store;
}
