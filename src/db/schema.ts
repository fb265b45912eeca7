// The database's schema history. Append-only: a released version is never edited, a change is a new entry with
// its own upgrade, its own frozen fixture (src/db/fixtures/vN.json) and its own migration test (migrate.test.ts).
import type { Transaction } from 'dexie';
import type { PlanIssue } from '../model/types.ts';
import { detachSnapshots, upgradeRecord } from './records.ts';
import type { CatalogRecord, PlanRecord } from './types.ts';

/** The data format this build writes. A database whose marker is higher was written by a newer Headroom. */
export const DATA_FORMAT = 5;

export const DB_NAME = 'headroom';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** The app's own data-format marker lives in `meta` under this key (Dexie itself opens newer databases silently). */
export interface MetaRow {
  key: 'format';
  value: unknown;
}

export type BackupReason = 'migration' | 'import' | 'restore' | 'periodic' | 'manual';

/** A full copy of the plans and settings, taken inside the same transaction as the risky change it precedes. */
export interface BackupRow {
  id?: number;
  createdAt: number;
  reason: BackupReason;
  /** The data format the copy is in. */
  format: number;
  planCount: number;
  plans: PlanRecord[];
  settings: SettingRow[];
  /**
   * The custom catalogs (data format 5). Not indexed, so no schema change; a backup from before format 5 has none,
   * and restoring it leaves the catalogs as they are.
   */
  catalogs?: CatalogRow[];
  /**
   * True while an undo the user has not dismissed refers to this backup (Undo restore): retention never prunes
   * it then (src/db/retention.ts). Not indexed, so adding it needed no schema version; older rows lack it.
   */
  pinned?: boolean;
}

/**
 * A custom price catalog the user saved (issue 13 §4: edited in the app or imported from a price list). `catalog` is
 * the catalog object exactly as a plan file carries it inline (docs/plan-format.md), checked before every write.
 */
export type CatalogRow = CatalogRecord;

/** A row that failed validation at start-up: kept whole, with the reasons, never dropped. */
export interface QuarantineRow {
  id?: number;
  quarantinedAt: number;
  table: 'plans';
  row: unknown;
  issues: PlanIssue[];
}

export interface UpgradeContext {
  now: number;
}

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then only the indexes something queries. */
  stores: Record<string, string | null>;
  /** Runs inside the upgrade transaction: if it throws, IndexedDB rolls everything back to the previous version. */
  upgrade?: (tx: Transaction, ctx: UpgradeContext) => Promise<void>;
}

/** Every migration starts with this: a backup of the data as it was, in the same transaction. */
export async function backupBeforeMigration(
  tx: Transaction,
  ctx: UpgradeContext,
  fromFormat: number,
): Promise<void> {
  const plans = (await tx.table('plans').toArray()) as PlanRecord[];
  const settings = (await tx.table('settings').toArray()) as SettingRow[];
  // The catalogs table exists from data format 5 (an upgrade transaction lists every store of the final schema,
  // so its store names cannot tell).
  const catalogs = fromFormat >= 5 ? ((await tx.table('catalogs').toArray()) as CatalogRow[]) : undefined;
  const row: BackupRow = {
    createdAt: ctx.now,
    reason: 'migration',
    format: fromFormat,
    planCount: plans.length,
    plans,
    settings,
    ...(catalogs === undefined ? {} : { catalogs }),
  };
  await tx.table('backups').add(row);
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: { plans: 'id', settings: 'key', meta: 'key' },
  },
  {
    // Backups (listed newest first, pruned by age) and the quarantine.
    version: 2,
    stores: { backups: '++id, createdAt', quarantine: '++id' },
    upgrade: async (tx, ctx) => {
      await backupBeforeMigration(tx, ctx, 1);
      await tx.table('meta').put({ key: 'format', value: 2 });
    },
  },
  {
    // Scenarios record their changes to their base (issue 9 §7). Snapshot scenarios become plans of their own,
    // with a note (records.ts, detachSnapshot). No index changes.
    version: 3,
    stores: {},
    upgrade: async (tx, ctx) => {
      await backupBeforeMigration(tx, ctx, 2);
      const plans = tx.table('plans');
      const rows = (await plans.toArray()) as PlanRecord[];
      const detached = detachSnapshots(rows);
      for (let i = 0; i < rows.length; i++) if (detached[i] !== rows[i]) await plans.put(detached[i]);
      await tx.table('meta').put({ key: 'format', value: 3 });
    },
  },
  {
    // Plan format version 2 (issue 10 §1): every stored plan document of version 1 (documents, drafts, and the
    // changes of scenarios made on them) becomes version 2 with the same figures (src/plan/upgrade.ts: the pod
    // request written out where it was left out, nothing added). No index changes.
    version: 4,
    stores: {},
    upgrade: async (tx, ctx) => {
      await backupBeforeMigration(tx, ctx, 3);
      const plans = tx.table('plans');
      const rows = (await plans.toArray()) as PlanRecord[];
      for (const row of rows) {
        const upgraded = upgradeRecord(row);
        if (upgraded !== row) await plans.put(upgraded);
      }
      await tx.table('meta').put({ key: 'format', value: 4 });
    },
  },
  {
    // Custom price catalogs (issue 13 §4), saved from the catalog editor or a price-list import. A new table,
    // empty: nothing to convert, only the backup every migration takes.
    version: 5,
    stores: { catalogs: 'id' },
    upgrade: async (tx, ctx) => {
      await backupBeforeMigration(tx, ctx, 4);
      await tx.table('meta').put({ key: 'format', value: 5 });
    },
  },
];

/** The full store specs after applying versions up to `version` (Dexie specs are cumulative; null drops a table). */
export function storesAt(
  version: number,
  versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of versions) {
    if (v.version > version) break;
    for (const [table, spec] of Object.entries(v.stores)) {
      if (spec === null) delete out[table];
      else out[table] = spec;
    }
  }
  return out;
}
