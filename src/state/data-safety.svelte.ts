// The data-safety screen's state: storage persistence, backups (list with sizes, restore, undo, delete), export
// all, restore from a file, and the quarantine. Components read the fields and call the methods; nothing here
// touches the DOM.
import {
  requestPersistence,
  type BackupReason,
  type BackupSummary,
  type DataStore,
  type PersistenceState,
  type QuarantineEntry,
  type StoreStatus,
} from '../db/index.ts';
import type { PlanIssue } from '../model/types.ts';
import type { PersistenceInfo } from '../db/persistence.ts';
import type { Platform } from '../platform/types.ts';
import { OPEN_RESTORE } from '../platform/file-requests.ts';

export type { BackupReason, BackupSummary, PersistenceInfo, PersistenceState, QuarantineEntry, StoreStatus };

export interface DataSafetyDeps {
  store: () => Promise<DataStore>;
  platform: () => Platform;
  persistence?: () => Promise<PersistenceInfo>;
  now?: () => number;
  /** Called after plans were replaced (restore, undo), so the rest of the app reloads them. */
  onReplaced?: () => void;
  /** Called before plans are replaced, so an edit still waiting to autosave is written (and backed up) first. */
  beforeReplace?: () => Promise<void>;
}

/** A restore asked for and not yet confirmed: what would replace the `currentPlans` plans stored now. */
export type RestoreRequest =
  | { kind: 'backup'; backup: BackupSummary; currentPlans: number }
  | { kind: 'file'; name: string; contents: string; currentPlans: number };

export interface DataMessage {
  kind: 'info' | 'error';
  text: string;
}

export const BACKUP_REASONS: Record<BackupReason, string> = {
  migration: 'Before an update of the data format',
  import: 'Before an import',
  restore: 'Before a restore',
  periodic: 'While editing',
  manual: 'Made by you',
};

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** `2026-11-22` for a time in ms (UTC). */
export function isoDay(ms: number): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off format, not reactive state
  return new Date(ms).toISOString().slice(0, 10);
}

/** A backup's time as the user reads it; never throws (the screen must render whatever is stored). */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'an unknown time';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** `12.3 KB` for a byte count; `unknown` when there is none. */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return 'unknown';
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function dataFileName(now: number): string {
  return `headroom-data-${isoDay(now)}.json`;
}

export class DataSafetyState {
  status = $state<StoreStatus>({ readOnly: false, message: null });
  persistence = $state<PersistenceInfo | null>(null);
  backups = $state.raw<BackupSummary[]>([]);
  quarantine = $state.raw<QuarantineEntry[]>([]);
  busy = $state(false);
  loaded = $state(false);
  message = $state<DataMessage | null>(null);
  /** A restore waiting for the user's answer (the screen shows it as a confirm dialog). */
  pendingRestore = $state.raw<RestoreRequest | null>(null);
  /** Problems found in the last file offered to Restore (nothing was changed). */
  restoreIssues = $state.raw<PlanIssue[]>([]);
  /**
   * The backup taken by the last restore, while its "Undo restore" is offered: restoring it undoes that restore.
   * Read from the store's pin, so the offer survives leaving the screen and reloading until it is dismissed (and
   * retention keeps the backup as long as it is offered). Getters, not $derived: this state outlives the
   * component that first created it, and a $derived would be owned (and torn down) by that component.
   */
  get undoBackup(): BackupSummary | null {
    return this.backups.find((b) => b.pinned) ?? null;
  }
  get undoBackupId(): number | null {
    return this.undoBackup?.id ?? null;
  }

  readonly #deps: DataSafetyDeps;
  #unsubscribe: (() => void) | undefined;

  constructor(deps: DataSafetyDeps) {
    this.#deps = deps;
  }

  get #now(): number {
    return (this.#deps.now ?? Date.now)();
  }

  async load(): Promise<void> {
    try {
      const store = await this.#deps.store();
      this.status = store.status();
      this.#unsubscribe ??= store.onStatusChange((s) => (this.status = s));
      await this.refresh();
    } catch (e) {
      this.message = { kind: 'error', text: errorText(e) };
    }
    await this.#readPersistence();
    this.loaded = true;
  }

  async #readPersistence(): Promise<void> {
    try {
      this.persistence = await (this.#deps.persistence ?? (() => requestPersistence()))();
    } catch {
      this.persistence = { state: 'unsupported', usage: null, quota: null };
    }
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  async refresh(): Promise<void> {
    const store = await this.#deps.store();
    this.backups = await store.listBackups();
    this.quarantine = await store.listQuarantine();
  }

  /** Runs one action at a time, turning any failure into a message. */
  async #run(action: (store: DataStore) => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action(await this.#deps.store());
    } catch (e) {
      this.message = { kind: 'error', text: errorText(e) };
    } finally {
      this.busy = false;
      await this.refresh().catch(() => undefined);
    }
  }

  exportAll(): Promise<void> {
    return this.#run(async (store) => {
      const contents = await store.exportAll();
      const saved = await this.#deps
        .platform()
        .saveFile({ suggestedName: dataFileName(this.#now), mimeType: 'application/json', contents });
      if (saved.error) this.message = { kind: 'error', text: saved.error };
      else if (saved.saved) {
        this.message = { kind: 'info', text: `All data exported${saved.path ? ` to ${saved.path}` : ''}.` };
      }
    });
  }

  backupNow(): Promise<void> {
    return this.#run(async (store) => {
      await store.backupNow();
      this.message = { kind: 'info', text: 'Backup made.' };
    });
  }

  /**
   * Restore replaces every plan and setting: it is asked first (issue 9 §11), even though it can be undone. Choose
   * the file, then `pendingRestore` holds the question until `confirmRestore` or `cancelRestore`.
   */
  askRestoreFile(): Promise<void> {
    return this.#run(async (store) => {
      this.restoreIssues = [];
      const file = await this.#deps.platform().openFile(OPEN_RESTORE);
      if (!file) return;
      const currentPlans = (await store.listPlans()).length;
      this.pendingRestore = { kind: 'file', name: file.name, contents: file.contents, currentPlans };
    });
  }

  /** Asks before restoring one backup from the list (see askRestoreFile). */
  askRestoreBackup(id: number): Promise<void> {
    return this.#run(async (store) => {
      const backup = this.backups.find((b) => b.id === id);
      if (!backup) throw new Error('That backup no longer exists.');
      const currentPlans = (await store.listPlans()).length;
      this.pendingRestore = { kind: 'backup', backup, currentPlans };
    });
  }

  cancelRestore(): void {
    this.pendingRestore = null;
  }

  /** The user said yes: the restore asked for runs (after a backup of what is here, so it can be undone). */
  confirmRestore(): Promise<void> {
    const request = this.pendingRestore;
    this.pendingRestore = null;
    if (request === null) return Promise.resolve();
    return request.kind === 'file'
      ? this.#restoreFile(request.name, request.contents)
      : this.#restoreBackup(request.backup);
  }

  #restoreFile(name: string, contents: string): Promise<void> {
    return this.#run(async (store) => {
      this.restoreIssues = [];
      await this.#deps.beforeReplace?.();
      const result = await store.restoreFromExport(contents);
      if (!result.ok) {
        this.restoreIssues = result.issues;
        this.message = {
          kind: 'error',
          text: `"${name}" was not restored (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}); nothing was changed.`,
        };
        return;
      }
      this.message = {
        kind: 'info',
        text: `Restored ${result.plans} plan${result.plans === 1 ? '' : 's'} from "${name}". Your previous data was backed up first.`,
      };
      this.#deps.onReplaced?.();
    });
  }

  #restoreBackup(backup: BackupSummary): Promise<void> {
    return this.#run(async (store) => {
      await this.#deps.beforeReplace?.();
      await store.restoreBackup(backup.id);
      this.message = {
        kind: 'info',
        text: `Restored the backup from ${formatTime(backup.createdAt)}. Your previous data was backed up first.`,
      };
      this.#deps.onReplaced?.();
    });
  }

  undoRestore(): Promise<void> {
    const id = this.undoBackupId;
    if (id === null) return Promise.resolve();
    return this.#run(async (store) => {
      await this.#deps.beforeReplace?.();
      // No undo of the undo is offered: the restore's own backup (held a day by retention) is in the list.
      await store.restoreBackup(id, { offerUndo: false });
      this.message = { kind: 'info', text: 'The restore was undone.' };
      this.#deps.onReplaced?.();
    });
  }

  /** The user no longer wants "Undo restore": its backup becomes an ordinary one (kept at least a day). */
  dismissUndo(): Promise<void> {
    const id = this.undoBackupId;
    if (id === null) return Promise.resolve();
    return this.#run(async (store) => {
      await store.unpinBackup(id);
      this.message = null;
    });
  }

  /** Deletes one backup (the screen confirms first); works with storage full, so it is a way to free space. */
  deleteBackup(id: number): Promise<void> {
    return this.#run(async (store) => {
      const backup = this.backups.find((b) => b.id === id);
      await store.deleteBackup(id);
      this.message = {
        kind: 'info',
        // Not "freed": browsers may release the space only when they next compact their storage.
        text: `Backup deleted${backup ? ` (about ${formatBytes(backup.bytes)})` : ''}.`,
      };
      await this.#readPersistence();
    });
  }

  exportQuarantine(): Promise<void> {
    return this.#run(async (store) => {
      const contents = await store.exportQuarantine();
      const stamp = isoDay(this.#now);
      const saved = await this.#deps.platform().saveFile({
        suggestedName: `headroom-quarantine-${stamp}.json`,
        mimeType: 'application/json',
        contents,
      });
      if (saved.error) this.message = { kind: 'error', text: saved.error };
    });
  }
}

let shared: DataSafetyState | undefined;

/**
 * The app's one data-safety state, kept across visits to the screen so a message and its "Undo restore" survive
 * the app switching views after a restore.
 */
export function dataSafety(deps: () => DataSafetyDeps): DataSafetyState {
  shared ??= new DataSafetyState(deps());
  return shared;
}
