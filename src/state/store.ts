// The app's one store: opened once, validating every write with the plan schema (src/plan).
import { openStore, type DataStore } from '../db/index.ts';
import { sharedPlanParser } from '../plan/parse-cache.ts';

let opening: Promise<DataStore> | undefined;

/** The edit path's parse cache: a document already checked for its evaluation is not checked again. */
export function validatePlanDocument(doc: unknown) {
  const r = sharedPlanParser.parse(doc);
  return r.ok ? [] : r.issues;
}

/** The shared store (IndexedDB through Dexie). */
export function appStore(): Promise<DataStore> {
  opening ??= openStore({ validate: validatePlanDocument });
  return opening;
}

const replacedListeners = new Set<() => void>();

/** Tell the app that plans were replaced behind its back (a restore from a backup or an export file). */
export function notifyDataReplaced(): void {
  for (const l of replacedListeners) l();
}

export function onDataReplaced(listener: () => void): () => void {
  replacedListeners.add(listener);
  return () => replacedListeners.delete(listener);
}

const replacingListeners = new Set<() => Promise<void>>();

/** Before plans are replaced: lets the app write an edit still waiting to autosave, so the restore backs it up. */
export async function prepareDataReplace(): Promise<void> {
  await Promise.all([...replacingListeners].map((l) => l()));
}

export function onDataReplacing(listener: () => Promise<void>): () => void {
  replacingListeners.add(listener);
  return () => replacingListeners.delete(listener);
}
