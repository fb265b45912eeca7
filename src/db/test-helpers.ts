// Shared by the db tests (not shipped: only *.test.ts import it).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DBCore, Middleware } from 'dexie';
import type { PlanIssue } from '../model/types.ts';
import type { PlanRecord } from './types.ts';

export function freshIdb(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A small stand-in for the plan schema: enough structure to tell valid from invalid. */
export function testValidate(doc: unknown): PlanIssue[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return [{ path: '', message: 'must be an object' }];
  const d = doc as Record<string, unknown>;
  const issues: PlanIssue[] = [];
  if (typeof d.name !== 'string' || d.name === '')
    issues.push({ path: 'name', message: 'must be a non-empty string' });
  if (!Array.isArray(d.services)) issues.push({ path: 'services', message: 'must be a list' });
  else
    d.services.forEach((s, i) => {
      const t = (s as { trafficRps?: unknown } | null)?.trafficRps;
      if (!Array.isArray(t) || (t.length !== 24 && t.length !== 168)) {
        issues.push({ path: `services[${i}].trafficRps`, message: 'must have 24 or 168 values' });
      } else
        t.forEach((v, h) => {
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
            issues.push({ path: `services[${i}].trafficRps[${h}]`, message: 'must be a number ≥ 0' });
        });
    });
  return issues;
}

export function planDoc(name: string, services = 1): Record<string, unknown> {
  return {
    name,
    catalog: 'aws-us-east-1',
    services: Array.from({ length: services }, (_, i) => ({
      name: `svc-${i}`,
      trafficRps: Array.from({ length: 24 }, (_, h) => 10 + h + i),
      cpuMsPerRequest: 20,
      durationMs: 40,
      memoryMiB: 512,
    })),
  };
}

export function record(id: string, name = `Plan ${id}`, at = 1_700_000_000_000): PlanRecord {
  return { id, name, kind: 'plan', baseId: null, document: planDoc(name), createdAt: at, updatedAt: at };
}

/** Dexie middleware that makes the n-th mutation (0-based) of `table` fail with `error()`. */
export function failNthMutation(table: string, n: number, error: () => unknown): Middleware<DBCore> {
  let seen = 0;
  return {
    stack: 'dbcore',
    name: 'fail-nth-mutation',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        if (name !== table) return t;
        return {
          ...t,
          mutate: (req) => {
            if (seen++ === n) return Promise.reject(error());
            return t.mutate(req);
          },
        };
      },
    }),
  };
}

export function quotaError(): Error {
  const inner = new Error('The quota has been exceeded.');
  inner.name = 'QuotaExceededError';
  const abort = new Error('Transaction aborted: QuotaExceededError');
  abort.name = 'AbortError';
  (abort as Error & { inner: unknown }).inner = inner;
  return abort;
}

/**
 * Dexie middleware standing for a full disk, while `full()` says so: every write that adds data (add, put) to
 * `tables` (default: all) fails with a quota error, as IndexedDB reports it; deletes still work, as in Chromium.
 * Full for `['backups']` only stands for "room for a plan, not for a full copy of them all".
 */
export function storageFull(
  full: () => boolean = () => true,
  tables?: readonly string[],
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'storage-full',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) =>
            full() && (!tables || tables.includes(name)) && (req.type === 'add' || req.type === 'put')
              ? Promise.reject(quotaError())
              : t.mutate(req),
        };
      },
    }),
  };
}
