// Per-service memo for the incremental evaluator (createEvaluator in engine.ts). A strategy computes each service's own part
// (its week of demand, its VM fleet, its pods per hour, its Lambda usage) through `Memo`, naming what the part
// depends on besides the service; the shared parts (summed demand, packing, tiers, allocation) are always computed
// from those parts. `evaluate` passes NO_MEMO (everything computed); an evaluator passes a lane of `serviceMemo()`, which
// returns the part kept from an earlier evaluation when the service object and every dependency are the same.
import type { Service } from './types.ts';

/**
 * `compute()`, or the value it returned before for the same `service` object, `slot` and `deps` (compared with
 * Object.is). `compute` must depend only on the service and `deps`: it is what makes the memo invisible in results.
 */
export type Memo = <T>(service: Service, slot: string, deps: readonly unknown[], compute: () => T) => T;

export const NO_MEMO: Memo = (_service, _slot, _deps, compute) => compute();

interface Entry {
  service: Service;
  deps: readonly unknown[];
  value: unknown;
}

/** The same dependencies, element by element under Object.is (NaN is NaN; 0 is not −0), with `!==` first (hot path). */
function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y) {
      if (x === x || y === y) return false; // not both NaN
    } else if (x === 0 && 1 / (x as number) !== 1 / (y as number)) return false;
  }
  return true;
}

/** The settings arrays `settingsKey` handed out lately, per slot (a few: a forecast and a simulation alternate). */
const keys = new Map<string, (readonly unknown[])[]>();
const KEYS_PER_SLOT = 4;

/**
 * `deps`, or an array equal to it element by element (Object.is) handed out lately for the same `slot`: the same
 * object for the same settings from one evaluation to the next. A strategy's per-service memo then names what every
 * service shares (settings, prices, zones) as one dependency, compared by identity for each service, instead of
 * comparing each setting for each service (2,000 services × a dozen settings on every edit). Results never depend
 * on it: an equal array is as good as the other.
 */
export function settingsKey(slot: string, deps: readonly unknown[]): readonly unknown[] {
  let list = keys.get(slot);
  if (!list) {
    list = [];
    keys.set(slot, list);
  }
  for (const k of list) if (sameDeps(k, deps)) return k;
  list.unshift(deps);
  if (list.length > KEYS_PER_SLOT) list.pop();
  return deps;
}

/**
 * One kind of evaluation pass over the kept results (an evaluation, a forecast month): the results are shared by
 * every lane; each lane also remembers, per slot, the order in which its last pass asked for them.
 */
export interface MemoLane {
  readonly memo: Memo;
  /** Starts a pass (call it before each evaluation that uses `memo`). */
  begin(): void;
}

/** A lane that keeps nothing (`evaluate`, `forecast`). */
export const NO_LANE: MemoLane = { memo: NO_MEMO, begin() {} };

/**
 * Results kept by the service object's identity: plans from the parse cache (src/plan/parse-cache.ts) keep the
 * same Service object for a service the edit did not touch, so only the edited service is recomputed. One entry per
 * service and slot (the latest), held weakly: a service no longer in any plan is forgotten with it.
 *
 * A look-up in a WeakMap costs about four times one in a Map, and an evaluation of 2,000 services makes a dozen
 * thousand of them; but a strategy asks for the services in the plan's order, the same from one pass to the next.
 * So each lane keeps, per slot, the entries of its last pass in the order they were asked for, and a look-up first
 * tries the entry at the same position (an array read and an identity check), then the WeakMap (a service added,
 * removed or moved, a new plan). The position is only a guess checked by identity: results never depend on it.
 */
export function serviceMemo(): { lane(): MemoLane } {
  // One weak map per slot, shared by the lanes.
  const kept = new Map<string, WeakMap<Service, Entry>>();
  const weakOf = (slot: string): WeakMap<Service, Entry> => {
    let entries = kept.get(slot);
    if (!entries) {
      entries = new WeakMap();
      kept.set(slot, entries);
    }
    return entries;
  };
  return {
    lane() {
      interface Slot {
        weak: WeakMap<Service, Entry>;
        /** The entries of this pass so far, then those of the last pass beyond `at`. */
        log: Entry[];
        at: number;
      }
      const slots = new Map<string, Slot>();
      const memo: Memo = <T>(
        service: Service,
        slot: string,
        deps: readonly unknown[],
        compute: () => T,
      ): T => {
        let s = slots.get(slot);
        if (!s) {
          s = { weak: weakOf(slot), log: [], at: 0 };
          slots.set(slot, s);
        }
        let entry = s.log[s.at];
        if (entry === undefined || entry.service !== service || !sameDeps(entry.deps, deps)) {
          // Not the entry of the last pass at this position: the latest one of this service (another lane's, say).
          entry = s.weak.get(service);
        }
        if (entry === undefined || !sameDeps(entry.deps, deps)) {
          entry = { service, deps, value: compute() };
          s.weak.set(service, entry);
        }
        s.log[s.at++] = entry;
        return entry.value as T;
      };
      return {
        memo,
        begin() {
          // Entries past the last pass's end belong to services no longer asked for: let them go.
          for (const s of slots.values()) {
            s.log.length = s.at;
            s.at = 0;
          }
        },
      };
    },
  };
}
