import type { Catalog } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';

/** Catalogs shipped with the app, by id. A plan names one of these or carries a whole catalog inline. */
export const BUNDLED_CATALOGS: ReadonlyMap<string, Catalog> = new Map<string, Catalog>([
  [awsUsEast1.id, structuredClone(awsUsEast1)],
]);

export const DEFAULT_CATALOG_ID = awsUsEast1.id;

export function bundledCatalog(id: string): Catalog | undefined {
  const c = BUNDLED_CATALOGS.get(id);
  return c === undefined ? undefined : structuredClone(c);
}
