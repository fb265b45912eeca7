// Per-service memo for the incremental evaluator (incremental.ts). A strategy computes each service's own part
// (its week of demand, its VM fleet, its pods per hour, its Lambda usage) through `Memo`, naming what the part
// depends on besides the service; the shared parts (summed demand, packing, tiers, allocation) are always computed
// from those parts. `evaluate` passes NO_MEMO (everything computed); an evaluator passes `serviceMemo()`, which
// returns the part kept from an earlier evaluation when the service object and every dependency are the same.
import type { Service } from './types.ts';

/**
 * `compute()`, or the value it returned before for the same `service` object, `slot` and `deps` (compared with
 * Object.is). `compute` must depend only on the service and `deps`: it is what makes the memo invisible in results.
 */
export type Memo = <T>(service: Service, slot: string, deps: readonly unknown[], compute: () => T) => T;

export const NO_MEMO: Memo = (_service, _slot, _deps, compute) => compute();

interface Entry {
  deps: readonly unknown[];
  value: unknown;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * A memo keyed by the service object's identity: plans from the parse cache (src/plan/parse-cache.ts) keep the same
 * Service object for a service the edit did not touch, so only the edited service is recomputed. One entry per
 * service and slot (the latest), held weakly: a service no longer in any plan is forgotten with it.
 */
export function serviceMemo(): Memo {
  // One weak map per slot: a look-up is one get (hot path: several per service per evaluation).
  const slots = new Map<string, WeakMap<Service, Entry>>();
  return <T>(service: Service, slot: string, deps: readonly unknown[], compute: () => T): T => {
    let entries = slots.get(slot);
    if (!entries) {
      entries = new WeakMap();
      slots.set(slot, entries);
    }
    const hit = entries.get(service);
    if (hit && sameDeps(hit.deps, deps)) return hit.value as T;
    const value = compute();
    entries.set(service, { deps, value });
    return value;
  };
}
