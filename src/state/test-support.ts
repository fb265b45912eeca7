// Stand-ins for the state classes' tests: an in-memory store that behaves like the real one (validation, stale
// revisions, other windows), localStorage and Web Locks for the journal, and a platform that records saved files.
import { ConflictError, StoreError } from '../db/errors.ts';
import type { CatalogRecord, HeadroomStore, PlanRecord } from '../db/types.ts';
import type { FileToSave, Platform, ReportToPrint } from '../platform/types.ts';
import type { JournalStorage, PageLocks } from './journal.ts';
import { validatePlanDocument } from './store.ts';

/** One database shared by several windows (each window gets its own store on it, like IndexedDB). */
export function memoryDb() {
  return {
    rows: new Map<string, PlanRecord>(),
    settings: new Map<string, unknown>(),
    imported: [] as string[],
    catalogs: new Map<string, CatalogRecord>(),
    windows: new Set<() => void>(),
  };
}

/**
 * An in-memory store that validates like the real one, refuses stale revisions like the real one, and tells the
 * other windows on the same database about every committed change.
 */
export function memoryStore(db = memoryDb()): HeadroomStore & {
  rows: Map<string, PlanRecord>;
  settings: Map<string, unknown>;
  imported: string[];
  /** While set, writes wait for it (a slow disk); the write commits when it resolves. */
  hold: Promise<void> | null;
} {
  const { rows, settings, imported, catalogs } = db;
  let heard: (() => void) | null = null;
  const announce = () => {
    for (const w of db.windows) if (w !== heard) w();
  };
  const store = {
    rows,
    settings,
    imported,
    hold: null as Promise<void> | null,
    status: () => ({ readOnly: false, message: null }),
    listPlans: async () => [...rows.values()].map((r) => structuredClone(r)),
    getPlan: async (id: string) => structuredClone(rows.get(id)),
    async putPlans(records: PlanRecord[]) {
      for (const r of records) {
        const issues = validatePlanDocument(r.document);
        if (issues.length > 0) throw new StoreError('invalid', `invalid: ${issues[0]!.path}`, issues);
      }
      if (store.hold) await store.hold;
      const out = records.map((r) => {
        const row = rows.get(r.id);
        if (row && (row.revision ?? 0) !== (r.revision ?? 0))
          throw new ConflictError(r, structuredClone(row));
        return { ...structuredClone(r), revision: (r.revision ?? 0) + 1 };
      });
      for (const r of out) rows.set(r.id, r);
      announce();
      return out.map((r) => structuredClone(r));
    },
    async putPlan(record: PlanRecord) {
      return (await store.putPlans([record]))[0]!;
    },
    async importPlans(records: PlanRecord[]) {
      imported.push(...records.map((r) => r.id));
      return store.putPlans(records);
    },
    onStatusChange: () => () => {},
    onExternalChange(listener: () => void) {
      heard = listener;
      db.windows.add(listener);
      return () => db.windows.delete(listener);
    },
    async deletePlan(id: string) {
      const r = rows.get(id);
      rows.delete(id);
      announce();
      return r;
    },
    async undeletePlan(record: PlanRecord) {
      if (rows.has(record.id)) throw new Error('exists');
      await this.putPlan(record);
    },
    getSetting: async <T>(key: string) => settings.get(key) as T | undefined,
    setSetting: async (key: string, value: unknown) => void settings.set(key, value),
    listCatalogs: async () => [...catalogs.values()].map((c) => structuredClone(c)),
    putCatalog: async (c: CatalogRecord) => void catalogs.set(c.id, structuredClone(c)),
    deleteCatalog: async (id: string) => void catalogs.delete(id),
    close() {},
  };
  return store;
}

/** localStorage as the journal sees it, with a quota. */
export function memoryStorage(quotaChars = Infinity): JournalStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem(k: string, v: string) {
      const used = [...items].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0);
      if (used + k.length + v.length > quotaChars) {
        throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      }
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

/** Web Locks as the journal uses them (exclusive, optionally only if available), for one origin. */
export function fakeLocks(): PageLocks {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  return {
    async request<T>(
      name: string,
      options: { ifAvailable?: boolean },
      callback: (lock: unknown) => T,
    ): Promise<Awaited<T>> {
      if (held.has(name)) {
        if (options.ifAvailable) return await callback(null);
        await new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
        const next = waiting.get(name)?.shift();
        next?.();
      }
    },
  };
}

export function fakePlatform(): Platform & {
  saved: FileToSave[];
  printed: ReportToPrint[];
  next: { name: string; contents: string } | null;
} {
  const p = {
    kind: 'browser' as const,
    saved: [] as FileToSave[],
    next: null as { name: string; contents: string } | null,
    saveFile: async (file: FileToSave) => {
      p.saved.push(file);
      return { saved: true };
    },
    openFile: async () => p.next,
    printed: [] as ReportToPrint[],
    printReport: async (report: ReportToPrint) => {
      p.printed.push(report);
      return { saved: true, path: `/docs/${report.suggestedName}` };
    },
    onMenuCommand: () => () => {},
    onOpenFile: () => () => {},
    onFlushRequest: () => () => {},
  };
  return p;
}
