// The write-ahead journal on its own: entries written, cleared, and replayed into an in-memory store.
import { describe, expect, it } from 'vitest';
import { examplePlanDocument } from './example.ts';
import { Journal, type JournalDeps } from './journal.ts';
import { Notices } from './notices.svelte.ts';
import { newRecord } from './records.ts';
import { memoryStorage, memoryStore } from './test-support.ts';

function setup(storage = memoryStorage(), store = memoryStore()) {
  let changes = 0;
  const deps = {
    store,
    storeStatus: { readOnly: false, message: null },
    notices: new Notices(),
    library: { saveCopy: async () => Promise.reject(new Error('no copies here')) },
    plan: { externalChange: async () => void changes++ },
  } satisfies JournalDeps;
  return {
    journal: new Journal(deps, storage, null),
    storage,
    store,
    notices: deps.notices,
    changes: () => changes,
  };
}

describe('Journal', () => {
  it('writes one entry per page, replaces it, and clears it', () => {
    const { journal, storage } = setup();
    const record = newRecord(examplePlanDocument(), 'plan', null)!;
    journal.write(record, 1);
    journal.write({ ...record, name: 'later' }, 2);
    expect([...storage.items.keys()]).toEqual([journal.key]);
    expect(JSON.parse(storage.items.get(journal.key)!)).toMatchObject({
      v: 1,
      at: 2,
      record: { name: 'later' },
    });
    journal.clear();
    expect(storage.items.size).toBe(0);
  });

  it('an entry too large for the storage leaves no older entry behind', () => {
    const { journal, storage } = setup(memoryStorage(1_000));
    const record = newRecord(examplePlanDocument(), 'plan', null)!;
    journal.write({ ...record, name: 'small', document: { name: 'small' } }, 1);
    expect(storage.items.size).toBe(1);
    journal.write(record, 2);
    expect(storage.items.size).toBe(0);
  });

  it('replays an entry an older Headroom wrote (a version 1 plan) as version 2 with the same pod requests', async () => {
    const storage = memoryStorage();
    const v1 = examplePlanDocument();
    const record = {
      ...newRecord(v1, 'plan', null)!,
      // As a page of the previous release journaled it: the document as typed, version 1, pod requests left out.
      document: {
        ...v1,
        services: [
          {
            name: 'batch',
            trafficRps: Array(24).fill(1),
            cpuMsPerRequest: 1,
            durationMs: 10,
            memoryMiB: 3072,
          },
        ],
      },
    };
    setup(storage).journal.write(record, 1);
    const next = setup(storage);
    await next.journal.replay();
    const stored = next.store.rows.get(record.id)!.document as {
      version: number;
      services: { container: unknown }[];
    };
    expect(stored.version).toBe(2);
    expect(stored.services[0]!.container).toEqual({ cpuMillicores: 250 });
  });

  it("replays another page's entry into the store at start-up (no Web Locks: at once) and says so", async () => {
    const storage = memoryStorage();
    const record = newRecord(examplePlanDocument(), 'plan', null)!;
    setup(storage).journal.write(record, 1);
    const next = setup(storage);
    await next.journal.replay();
    expect(next.store.rows.get(record.id)?.name).toBe(record.name);
    expect(storage.items.size).toBe(0);
    expect(next.notices.items.at(-1)?.text).toMatch(/^Recovered your last change/);
    // Its own entry, or one already stored, is not replayed again.
    await next.journal.replay();
    expect(next.notices.items).toHaveLength(1);
  });
});
