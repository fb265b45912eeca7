// Storage contract between src/state and the Dexie database (src/db). Rows hold the plan document exactly in the
// plan-file format (docs/plan-format.md), so what is stored is what is exported and what the CLI reads.
import type { ScenarioChange } from '../plan/scenario.ts';

export type PlanKind = 'plan' | 'scenario';

export interface PlanRecord {
  id: string;
  name: string;
  kind: PlanKind;
  /** For a scenario: the id of the plan it was made from. */
  baseId: string | null;
  /**
   * A scenario's recorded changes to its base (src/plan/scenario.ts); present on every scenario from data format 3,
   * absent on a plan. The scenario's `document` is the base with these applied, as of the base's last change.
   */
  changes?: ScenarioChange[];
  /** Said about the plan where it is shown (a snapshot scenario detached by the data-format-3 migration). */
  note?: string;
  /**
   * The plan file as JSON: always a valid plan (the store refuses to write an invalid one). While `draft` is set, it is
   * the last valid version of the plan.
   */
  document: unknown;
  /**
   * The plan as typed, while it has problems (issue 9): any JSON-safe value within the plan-file size limits, never
   * checked as a plan. Absent when the document as typed is valid (then it is `document`). Not indexed.
   */
  draft?: unknown;
  createdAt: number;
  updatedAt: number;
  /**
   * Raised by one on every committed write of this plan (rows written before revisions existed have none: read as
   * 0). In a record given to a write it is the revision the change was based on; the store refuses the write with a
   * `ConflictError` if the stored row's revision differs, and stores the row with the next revision.
   */
  revision?: number;
}

/** A custom catalog as stored: the catalog object a plan carries inline, with a name and times. */
export interface CatalogRecord {
  id: string;
  name: string;
  catalog: unknown;
  createdAt: number;
  updatedAt: number;
}

export interface StoreStatus {
  /** True when the database was written by a newer Headroom: everything reads, nothing writes. */
  readOnly: boolean;
  /** Why the store is read-only or in trouble, in words for the user. */
  message: string | null;
}

export interface HeadroomStore {
  status(): StoreStatus;
  listPlans(): Promise<PlanRecord[]>;
  getPlan(id: string): Promise<PlanRecord | undefined>;
  /**
   * Insert or replace one plan; returns the row as stored (with its new revision). Rejects (and writes nothing) if
   * the document is not a valid plan, or with a `ConflictError` if `record.revision` is not the stored revision.
   */
  putPlan(record: PlanRecord): Promise<PlanRecord>;
  /** Insert or replace several plans in one transaction: all or nothing (a conflict on any row refuses all). */
  putPlans(records: PlanRecord[]): Promise<PlanRecord[]>;
  /** Insert plans read from a file: an automatic backup first, then all of them in one transaction. */
  importPlans(records: PlanRecord[]): Promise<PlanRecord[]>;
  /**
   * Subscribe to changes committed by other windows (tabs, profiles on this database): a hint to re-read the plans.
   * Returns an unsubscribe function.
   */
  onExternalChange(listener: () => void): () => void;
  /** Subscribe to status changes (read-only, storage trouble); returns an unsubscribe function. */
  onStatusChange(listener: (status: StoreStatus) => void): () => void;
  /**
   * Delete a plan (and nothing else); returns the deleted row so the UI can undo. A periodic backup is taken first
   * when one is due; with no room for it, the delete is refused (kind `quota`) and `{ backup: false }` deletes
   * without one, so freeing space always works with storage full.
   */
  deletePlan(id: string, options?: { backup?: boolean }): Promise<PlanRecord | undefined>;
  /**
   * Put back a row `deletePlan` returned (Undo after a delete): validated, never over an existing plan, and with no
   * backup first — it only adds back what the delete took away, so it works where the delete freed the room.
   */
  undeletePlan(record: PlanRecord): Promise<void>;
  /** The custom price catalogs (data format 5), by name. */
  listCatalogs(): Promise<CatalogRecord[]>;
  /** Insert or replace a custom catalog; rejects (writing nothing) if its catalog is not valid. */
  putCatalog(record: CatalogRecord): Promise<void>;
  deleteCatalog(id: string): Promise<void>;
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;
  close(): void;
}
