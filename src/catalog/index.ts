import type { Catalog } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';
import { azureEastus } from './azure-eastus.ts';
import { gcpUsCentral1 } from './gcp-us-central1.ts';

/** Catalogs shipped with the app, by id. A plan names one of these or carries a whole catalog inline. */
export const BUNDLED_CATALOGS: ReadonlyMap<string, Catalog> = new Map<string, Catalog>([
  [awsUsEast1.id, structuredClone(awsUsEast1)],
  // Other clouds (issue 13 §2): their own product names, strategy defaults and billing rules (docs/catalogs.md).
  [gcpUsCentral1.id, structuredClone(gcpUsCentral1)],
  [azureEastus.id, structuredClone(azureEastus)],
]);

export const DEFAULT_CATALOG_ID = awsUsEast1.id;

export function bundledCatalog(id: string): Catalog | undefined {
  const c = BUNDLED_CATALOGS.get(id);
  return c === undefined ? undefined : structuredClone(c);
}
