// Summing every service's week (168 hourly values) is the shared part of each strategy that grows with the plan:
// 2,000 services × 168 hours, several times per evaluation. The sums are taken in one fixed pairwise order (a
// balanced tree over the services), so an evaluator can keep the tree's inner sums and, after an edit of one
// service, recompute only the log₂(n) sums above it — with exactly the same floating-point operations as a full
// evaluation, so incremental and full results are identical to the bit (src/model/incremental.test.ts).
import { HOURS_PER_WEEK } from './time.ts';

/** The hour-by-hour sum of `rows` (each a week), in the fixed pairwise order; `slot` names the sum for a cache. */
export type WeekSums = (slot: string, rows: readonly (readonly number[])[]) => number[];

function add(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(HOURS_PER_WEEK);
  for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] = a[h]! + b[h]!;
  return out;
}

function pairwise(rows: readonly (readonly number[])[], lo: number, hi: number): readonly number[] {
  if (hi - lo === 1) return rows[lo]!;
  const mid = (lo + hi) >>> 1;
  return add(pairwise(rows, lo, mid), pairwise(rows, mid, hi));
}

/** A fresh array the caller may change (never one of the rows, never a kept inner sum). */
function result(sum: readonly number[]): number[] {
  return sum.slice();
}

/** Sums computed in full every time (`evaluate`). */
export const plainWeekSums: WeekSums = (_slot, rows) =>
  rows.length === 0 ? new Array<number>(HOURS_PER_WEEK).fill(0) : result(pairwise(rows, 0, rows.length));

interface Node {
  a: readonly number[];
  b: readonly number[];
  sum: number[];
}

/**
 * Sums that keep each inner node of the tree with the two arrays it was computed from: a node whose two children
 * are the very same arrays as last time is reused. Unchanged services keep their row arrays (per-service memo), so
 * a one-service edit recomputes one path of the tree.
 */
export function cachedWeekSums(): WeekSums {
  // Per slot: the tree's size and its nodes (a different size is a different tree: its nodes start afresh).
  const slots = new Map<string, { n: number; nodes: Map<number, Node> }>();
  return (slot, rows) => {
    if (rows.length === 0) return new Array<number>(HOURS_PER_WEEK).fill(0);
    const n = rows.length;
    let tree = slots.get(slot);
    if (!tree || tree.n !== n) {
      tree = { n, nodes: new Map() };
      slots.set(slot, tree);
    }
    const kept = tree.nodes;
    const rec = (lo: number, hi: number): readonly number[] => {
      if (hi - lo === 1) return rows[lo]!;
      const mid = (lo + hi) >>> 1;
      const a = rec(lo, mid);
      const b = rec(mid, hi);
      const id = lo * (n + 1) + hi;
      const hit = kept.get(id);
      if (hit && hit.a === a && hit.b === b) return hit.sum;
      const sum = add(a, b);
      kept.set(id, { a, b, sum });
      return sum;
    };
    return result(rec(0, n));
  };
}
