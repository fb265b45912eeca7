import type { Catalog } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';
import { newestSnapshot, snapshotEntries } from './snapshots.ts';
import { azureEastus } from './azure-eastus.ts';
import { gcpUsCentral1 } from './gcp-us-central1.ts';

/** Catalogs shipped with the app, by id. A plan names one of these or carries a whole catalog inline. */
export const BUNDLED_CATALOGS: ReadonlyMap<string, Catalog> = new Map<string, Catalog>([
  // The bare id, from before catalog versions: the 2025-10 snapshot's prices forever (snapshots.ts).
  [awsUsEast1.id, structuredClone(awsUsEast1)],
  // Catalog versions (issue 13): every dated snapshot, `LINE@YYYY-MM`.
  ...snapshotEntries(),
  // Other clouds (issue 13 §2): their own product names, strategy defaults and billing rules (docs/catalogs.md).
  [gcpUsCentral1.id, structuredClone(gcpUsCentral1)],
  [azureEastus.id, structuredClone(azureEastus)],
]);

/** The default base of `headroom catalog import` (src/cli/catalog.ts). */
export const DEFAULT_CATALOG_ID = awsUsEast1.id;

/**
 * The catalog a new plan names (issue 13): the newest snapshot of the AWS us-east-1 line, written explicitly, so the
 * plan keeps its figures when a later Headroom adds a snapshot.
 */
export const NEW_PLAN_CATALOG_ID = newestSnapshot('aws-us-east-1')!.id;

export function bundledCatalog(id: string): Catalog | undefined {
  const c = BUNDLED_CATALOGS.get(id);
  return c === undefined ? undefined : structuredClone(c);
}

export {
  CATALOG_ALIASES,
  CATALOG_SNAPSHOTS,
  catalogSnapshot,
  newerSnapshot,
  type CatalogSnapshot,
} from './snapshots.ts';
