// "A newer price catalog is available" (issue 13: catalog versions). A plan names a dated catalog snapshot (or the
// bare id of the first one) and keeps its figures until its planner opts in. When a newer snapshot of the same line
// exists, the editor says so and offers one undoable edit that names it; the figures then change, and the summary
// strip shows by how much (last-change.svelte.ts), as for any other edit.
import { catalogSnapshot, newerSnapshot } from '../catalog/index.ts';
import { setAt, type Doc } from './doc.ts';

export interface CatalogUpdate {
  /** The id the plan names now. */
  from: string;
  /** The newest snapshot of its line. */
  to: string;
  /** That snapshot's prices date. */
  asOf: string;
  /** "This plan uses prices as of 2025-10-01 (aws-us-east-1). A newer catalog, …" */
  text: string;
  /** The button's words: "Use the 2026-11 prices". */
  action: string;
}

/** The newer snapshot the plan document could name instead of its own; `null` when there is none. */
export function catalogUpdate(doc: unknown): CatalogUpdate | null {
  const id = typeof doc === 'object' && doc !== null ? (doc as { catalog?: unknown }).catalog : undefined;
  if (typeof id !== 'string') return null;
  const newer = newerSnapshot(id);
  const own = catalogSnapshot(id);
  if (newer === undefined || own === undefined) return null;
  const date = newer.id.slice(newer.id.indexOf('@') + 1);
  return {
    from: id,
    to: newer.id,
    asOf: newer.catalog.asOf,
    text:
      `This plan uses prices as of ${own.catalog.asOf} (${id}), and keeps them until you switch. ` +
      `A newer catalog, ${newer.catalog.name}, has prices as of ${newer.catalog.asOf}: ` +
      `switching changes this plan’s figures (you can undo it).`,
    action: `Use the ${date} prices`,
  };
}

/** `doc` naming catalog `id` instead (one edit, undone as one). */
export function withCatalog(doc: Doc, id: string): Doc {
  return setAt(doc, ['catalog'], id);
}
