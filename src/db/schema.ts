// The database's schema history. Append-only: a released version is never edited, a change is a new entry with
// its own upgrade, its own frozen fixture (src/db/fixtures/vN.json) and its own migration test.
import type { Transaction } from 'dexie';
import type { PlanRecord } from './types.ts';

/** The data format this build writes. A database whose marker is higher was written by a newer Headroom. */
export const DATA_FORMAT = 1;

export const DB_NAME = 'headroom';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** The app's own data-format marker lives in `meta` under this key (Dexie itself opens newer databases silently). */
export interface FormatMarker {
  key: 'format';
  value: number;
}

export type MetaRow = FormatMarker;

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then only the indexes something queries. */
  stores: Record<string, string | null>;
  /** Runs inside the upgrade transaction: if it throws, IndexedDB rolls everything back to the previous version. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: { plans: 'id', settings: 'key', meta: 'key' },
  },
];

export type { PlanRecord };
