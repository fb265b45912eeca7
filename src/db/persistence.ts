// Asks the browser not to evict Headroom's data under storage pressure, and reports what it said.
export type PersistenceState = 'persisted' | 'not-persisted' | 'unsupported';

export interface PersistenceInfo {
  state: PersistenceState;
  /** Bytes used and available to this origin, when the browser says. */
  usage: number | null;
  quota: number | null;
}

type StorageLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

function defaultStorage(): StorageLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Requests persistent storage (once granted it stays granted) and reads the usage estimate; never throws. */
export async function requestPersistence(
  storage: StorageLike | undefined = defaultStorage(),
): Promise<PersistenceInfo> {
  if (!storage || typeof storage.persist !== 'function')
    return { state: 'unsupported', usage: null, quota: null };
  let granted = false;
  try {
    granted =
      (typeof storage.persisted === 'function' && (await storage.persisted())) || (await storage.persist());
  } catch {
    granted = false;
  }
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    const est = typeof storage.estimate === 'function' ? await storage.estimate() : undefined;
    usage = typeof est?.usage === 'number' ? est.usage : null;
    quota = typeof est?.quota === 'number' ? est.quota : null;
  } catch {
    // The estimate is informational only.
  }
  return { state: granted ? 'persisted' : 'not-persisted', usage, quota };
}
