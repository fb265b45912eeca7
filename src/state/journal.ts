// The write-ahead journal (docs/data-safety.md, "Saving edits"): when the page goes away, the open plan's pending
// document is written synchronously to localStorage, since an IndexedDB write started then may never commit. The
// next page replays each entry once the page that wrote it is gone (each page holds a Web Lock named after its
// journal key while it lives), keeping both versions when the plan changed since.
import { ConflictError, StoreError } from '../db/errors.ts';
import { upgradeRecord } from '../db/records.ts';
import type { HeadroomStore, PlanRecord, StoreStatus } from '../db/types.ts';
import type { Notices } from './notices.svelte.ts';
import type { PlanLibrary } from './plan-library.svelte.ts';
import { messageOf, newId, rowName, sameDocument, typedDocument } from './records.ts';

/** Where the write-ahead journal lives: the page's localStorage, or a stand-in (tests). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * Web Locks (navigator.locks) as the journal uses them: each page holds a lock named after its journal key for as
 * long as it lives, so another page replays that journal entry only once its writer is gone.
 */
export interface PageLocks {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => T,
  ): Promise<Awaited<T>>;
}

/** A document written to the journal when the page went away: the record to save, based on its revision. */
interface JournalEntry {
  v: 1;
  at: number;
  record: PlanRecord;
}

/** One journal key per page instance (`headroom.journal.<id>`), so windows never overwrite each other's. */
const JOURNAL_PREFIX = 'headroom.journal.';

export function defaultJournal(): JournalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (a sandboxed frame, a privacy setting): no journal, IndexedDB only.
    return null;
  }
}

export function defaultLocks(): PageLocks | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** The lock a page holds while it lives, named after its journal key. */
function pageLock(journalKey: string): string {
  return `headroom.page.${journalKey.slice(JOURNAL_PREFIX.length)}`;
}

function isJournalEntry(v: unknown): v is JournalEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<JournalEntry>;
  return e.v === 1 && typeof e.at === 'number' && typeof e.record === 'object' && e.record !== null;
}

/** What the journal reads of the rest of the app (the root AppState passes itself). */
export interface JournalDeps {
  readonly store: HeadroomStore;
  readonly storeStatus: StoreStatus;
  readonly notices: Pick<Notices, 'notify'>;
  readonly library: Pick<PlanLibrary, 'saveCopy'>;
  /** Shows what a replayed entry changed (re-reads the plans, reloads the open one if it changed). */
  readonly plan: { externalChange(): Promise<void> };
}

export class Journal {
  /** This page's entry. */
  readonly key = JOURNAL_PREFIX + newId();
  readonly #app: JournalDeps;
  readonly #storage: JournalStorage | null;
  readonly #locks: PageLocks | null;
  /** Journal keys of live pages this page waits on, to replay their entry once they are gone. */
  readonly #awaited = new Set<string>();

  constructor(app: JournalDeps, storage: JournalStorage | null, locks: PageLocks | null) {
    this.#app = app;
    this.#storage = storage;
    this.#locks = locks;
  }

  /** Writes this page's entry (the row the pending document would be stored as), replacing any earlier one. */
  write(record: PlanRecord, at: number): void {
    if (!this.#storage) return;
    const entry: JournalEntry = { v: 1, at, record };
    try {
      this.#storage.setItem(this.key, JSON.stringify(entry));
    } catch {
      // Too large for localStorage (about 5 MB for the whole origin) or storage disabled: the IndexedDB write
      // started next is the only chance. An older entry must not be replayed instead.
      this.clear();
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.key);
    } catch {
      // Nothing to clear where storage is disabled.
    }
  }

  /** Holds this page's lock until the page is gone (or disposed), so no other page replays its journal early. */
  holdPageLock(): () => void {
    if (!this.#locks || !this.#storage) return () => {};
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    void this.#locks.request(pageLock(this.key), {}, () => held).catch(() => {});
    return release;
  }

  /**
   * At start-up: replays what earlier pages journaled but may not have committed, oldest first, each only once the
   * page that wrote it is gone (a reload or a closed tab may still be on its way out, and may still commit it); for
   * a page still there, the entry is replayed when it goes. Without Web Locks, everything is replayed now.
   */
  async replay(): Promise<void> {
    const journal = this.#storage;
    if (!journal || this.#app.storeStatus.readOnly) return;
    const entries: { key: string; at: number }[] = [];
    try {
      for (let i = 0; i < journal.length; i++) {
        const key = journal.key(i);
        if (key?.startsWith(JOURNAL_PREFIX)) entries.push({ key, at: this.#entry(key)?.at ?? 0 });
      }
    } catch {
      return;
    }
    entries.sort((a, b) => a.at - b.at);
    for (const { key } of entries) {
      if (!this.#locks) {
        await this.#replayEntry(key);
        continue;
      }
      const done = await this.#locks.request(pageLock(key), { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await this.#replayEntry(key);
        return true;
      });
      if (!done) this.#replayWhenGone(key);
    }
  }

  /**
   * Another page wrote a journal entry (the `storage` event: it is going away) or was still there at start-up:
   * once its lock is free (the page is gone), replay the entry and show what it changed.
   */
  written(key: string | null): void {
    if (key?.startsWith(JOURNAL_PREFIX) && key !== this.key) this.#replayWhenGone(key);
  }

  #replayWhenGone(key: string): void {
    const locks = this.#locks;
    if (!locks || this.#awaited.has(key)) return;
    this.#awaited.add(key);
    void locks
      .request(pageLock(key), {}, async () => {
        this.#awaited.delete(key);
        if (await this.#replayEntry(key)) await this.#app.plan.externalChange();
      })
      .catch(() => this.#awaited.delete(key));
  }

  #entry(key: string): JournalEntry | null {
    try {
      const entry: unknown = JSON.parse(this.#storage?.getItem(key) ?? 'null');
      return isJournalEntry(entry) ? entry : null;
    } catch {
      return null;
    }
  }

  /**
   * Writes one journal entry (its page is gone); true if that changed a plan. An entry whose document is already
   * stored is dropped; one based on a revision that is no longer the stored one is kept as a copy (never written
   * over the newer version); an invalid one is dropped (it was never going to be saved). An entry that could not
   * be written (storage full) stays for the next start.
   */
  async #replayEntry(key: string): Promise<boolean> {
    const journal = this.#storage;
    if (!journal || this.#app.storeStatus.readOnly) return false;
    const drop = () => journal.removeItem(key);
    if (journal.getItem(key) === null) return false;
    const entry = this.#entry(key);
    if (!entry) {
      drop();
      return false;
    }
    // An entry journaled by the previous release may hold a version 1 plan: stored as version 2 with the same
    // figures, as the data-format-4 migration stores every other row (src/db/records.ts upgradeRecord).
    let record = upgradeRecord(entry.record);
    try {
      const stored = await this.#app.store.getPlan(record.id);
      if (stored && sameDocument(typedDocument(stored), typedDocument(record))) {
        drop();
        return false;
      }
      try {
        await this.#app.store.putPlan(record);
      } catch (error) {
        // Journaled before its evaluation said it was invalid: it is kept as the draft beside the stored version.
        if (!(
          error instanceof StoreError &&
          error.kind === 'invalid' &&
          record.draft === undefined &&
          stored
        )) {
          throw error;
        }
        record = {
          ...record,
          name: rowName(record.document, stored.name),
          document: stored.document,
          draft: record.document,
        };
        await this.#app.store.putPlan(record);
      }
      drop();
      this.#app.notices.notify(
        `Recovered your last change to “${record.name}”, made just before Headroom was closed.`,
      );
      return true;
    } catch (error) {
      if (
        error instanceof ConflictError &&
        sameDocument(typedDocument(error.stored), typedDocument(record))
      ) {
        // The page's own write committed after all (IndexedDB finished it while this page started).
        drop();
      } else if (error instanceof ConflictError) {
        try {
          const taken = (await this.#app.store.listPlans()).map((p) => p.name);
          const copy = await this.#app.library.saveCopy(record, taken);
          drop();
          this.#app.notices.notify(
            `Your last change to “${record.name}” before Headroom was closed was not saved, and the plan has ` +
              `changed since. Both are kept: the plan as “${error.stored.name}”, your change as “${copy.name}”.`,
          );
          return true;
        } catch (copyError) {
          this.#app.notices.notify(
            `An unsaved change could not be recovered yet: ${messageOf(copyError)}`,
            'error',
          );
        }
      } else if (error instanceof StoreError && error.kind === 'invalid') drop();
      else
        this.#app.notices.notify(
          `An unsaved change could not be recovered yet: ${messageOf(error)}`,
          'error',
        );
      return false;
    }
  }
}
