import type { Catalog } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';
import { CATALOG_ALIASES, newestSnapshot, snapshotEntries } from './snapshots.ts';
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

/**
 * A bundled catalog's name for a picker: a dated snapshot says its date when its name does not ("AWS us-east-1,
 * on-demand (2025-10)"), and an alias says which snapshot it is, so no two entries read the same.
 */
export function catalogLabel(id: string, c: Pick<Catalog, 'name'>): string {
  const target = CATALOG_ALIASES.get(id);
  if (target !== undefined) return `${c.name} (${id}: the ${target.split('@')[1]} prices)`;
  const date = id.split('@')[1];
  return date !== undefined && !c.name.includes(date) ? `${c.name} (${date})` : c.name;
}

/** The bundled catalogs a picker offers for a new choice: every snapshot and cloud once (aliases left out). */
export function pickableCatalogs(): { id: string; label: string }[] {
  return [...BUNDLED_CATALOGS.entries()]
    .filter(([id]) => !CATALOG_ALIASES.has(id))
    .map(([id, c]) => ({ id, label: catalogLabel(id, c) }));
}

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
