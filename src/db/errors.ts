import type { PlanIssue } from '../model/types.ts';
import type { PlanRecord } from './types.ts';

export type StoreErrorKind = 'invalid' | 'read-only' | 'quota' | 'closed' | 'failed' | 'conflict';

/** Every rejection from the store is one of these, with a message written for the user. */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly issues: readonly PlanIssue[];
  constructor(kind: StoreErrorKind, message: string, issues: readonly PlanIssue[] = [], cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.kind = kind;
    this.issues = issues;
  }
}

/**
 * A save based on a revision that is no longer the stored one: another window (or tab, or profile on the same
 * database) committed a change to the plan first. Nothing was written; `stored` is the row as it is now, so the caller
 * can keep both versions.
 */
export class ConflictError extends StoreError {
  readonly stored: PlanRecord;
  /** The record whose save was refused. */
  readonly attempted: PlanRecord;
  constructor(attempted: PlanRecord, stored: PlanRecord) {
    super(
      'conflict',
      `"${stored.name}" was changed in another window (revision ${stored.revision ?? 0}; this save was based on ` +
        `revision ${attempted.revision ?? 0}), so this save was refused and nothing was overwritten.`,
    );
    this.name = 'ConflictError';
    this.stored = stored;
    this.attempted = attempted;
  }
}

export const MESSAGES = {
  newer:
    'This data was written by a newer version of Headroom. Everything can be read and exported, but nothing is ' +
    'saved here until you update Headroom.',
  // The advice must be possible to follow with storage full: deleting backups and plans works then (a delete that
  // has no room for its backup asks to go ahead without one), see docs/data-safety.md.
  quota:
    'Storage is full, so the change was not saved (nothing was half-written). Reading and export still work: ' +
    'export your data, then free space (delete old backups under Data & backups, or plans you no longer need) ' +
    'and try again.',
  // Opening (an update of the data format) failed: the app cannot start, so neither the Data screen nor export
  // can help here.
  quotaOnOpen:
    'Storage is full, so the data could not be updated for this version of Headroom. Free space on this computer ' +
    '(in a browser: storage used by other sites) and start Headroom again.',
  noRoomForBackup:
    'Storage is full: there is no room for the backup Headroom takes before a delete, so nothing was deleted. ' +
    'Delete without a backup, or first free space by deleting old backups under Data & backups.',
  versionChange:
    'Headroom was updated in another window. Reload to update; changes made here are no longer saved until then.',
  blocked:
    'Headroom needs to update its data, but another Headroom window is still open on the old version. Close it ' +
    'to continue.',
  closed: 'The database is closed. Reload Headroom to continue.',
} as const;

function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string'
    ? e.name
    : undefined;
}

/** Dexie reports a full disk as `AbortError` (or `BulkError`) with the `QuotaExceededError` inside. */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (depth > 5 || typeof e !== 'object' || e === null) return false;
  if (errorName(e) === 'QuotaExceededError') return true;
  const inner = (e as { inner?: unknown }).inner;
  if (inner !== undefined && isQuotaError(inner, depth + 1)) return true;
  const cause = (e as { cause?: unknown }).cause;
  if (cause !== undefined && isQuotaError(cause, depth + 1)) return true;
  const failures = (e as { failures?: unknown }).failures;
  if (Array.isArray(failures)) return failures.some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Map anything a write threw to a StoreError the UI can show as it is. */
export function toStoreError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  if (isQuotaError(e)) return new StoreError('quota', MESSAGES.quota, [], e);
  const name = errorName(e);
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError' || name === 'InvalidStateError') {
    return new StoreError('closed', MESSAGES.closed, [], e);
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new StoreError('failed', `Saving failed, nothing was written: ${detail}`, [], e);
}

export function issuesText(issues: readonly PlanIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > max ? `; and ${issues.length - max} more` : '';
  return shown.join('; ') + more;
}
