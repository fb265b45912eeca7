// Catalog versions (issue 13 §2, "v1 plans keep their numbers"). A bundled catalog is a line of dated, immutable
// snapshots, `LINE@YYYY-MM`: adding instance types changes what `auto` picks (VM per service, container nodes), so
// new prices never go into a snapshot a plan may already name; they go into a new one, and a plan moves to it only
// when its planner says so. A bare id written before snapshots existed is an alias fixed forever to the snapshot it
// meant then (`aws-us-east-1` → `aws-us-east-1@2025-10`). The catalog a plan gets carries the id the plan wrote (a
// bare id stays bare in reports and when saved). Each snapshot's content hash is pinned in snapshots.test.ts.
import type { Catalog } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';
import { awsUsEast1_2026_11 } from './aws-us-east-1-2026-11.ts';

/** One dated snapshot of a bundled catalog line. */
export interface CatalogSnapshot {
  /** `LINE@YYYY-MM`: the id a plan names. */
  id: string;
  /** The line, e.g. `aws-us-east-1`. */
  line: string;
  catalog: Catalog;
}

/** Every bundled snapshot, oldest first within a line. Append only: never edit or remove one. */
export const CATALOG_SNAPSHOTS: readonly CatalogSnapshot[] = [
  {
    id: 'aws-us-east-1@2025-10',
    line: 'aws-us-east-1',
    catalog: { ...awsUsEast1, id: 'aws-us-east-1@2025-10' },
  },
  { id: awsUsEast1_2026_11.id, line: 'aws-us-east-1', catalog: awsUsEast1_2026_11 },
];

/** Ids from before snapshots, each fixed to the snapshot it meant when files were written with it. Never changed. */
export const CATALOG_ALIASES: ReadonlyMap<string, string> = new Map([
  ['aws-us-east-1', 'aws-us-east-1@2025-10'],
]);

/** The snapshot an id names (a snapshot id, or an alias), or undefined. */
export function catalogSnapshot(id: string): CatalogSnapshot | undefined {
  const target = CATALOG_ALIASES.get(id) ?? id;
  return CATALOG_SNAPSHOTS.find((s) => s.id === target);
}

/** The newest snapshot of a line. */
export function newestSnapshot(line: string): CatalogSnapshot | undefined {
  const ofLine = CATALOG_SNAPSHOTS.filter((s) => s.line === line);
  return ofLine[ofLine.length - 1];
}

/**
 * The newer snapshot a plan naming `id` could switch to (the newest of its line), or undefined when `id` is already
 * the newest or is not a bundled snapshot (an inline or custom catalog).
 */
export function newerSnapshot(id: string): CatalogSnapshot | undefined {
  const s = catalogSnapshot(id);
  if (s === undefined) return undefined;
  const newest = newestSnapshot(s.line);
  return newest === undefined || newest.id === s.id ? undefined : newest;
}

/** Registry entries of the snapshots, each by its own id (the bare alias ids have their own entries). */
export function snapshotEntries(): [string, Catalog][] {
  return CATALOG_SNAPSHOTS.map((s) => [s.id, structuredClone(s.catalog)]);
}
