// Summing every service's week (168 hourly values) is the shared part of each strategy that grows with the plan:
// 2,000 services × 168 hours, several times per evaluation. The sums are taken in one fixed pairwise order (a
// balanced tree over the services), so an evaluator can keep the tree's inner sums and, after an edit of one
// service, recompute only the log₂(n) sums above it — with exactly the same floating-point operations as a full
// evaluation, so incremental and full results are identical to the bit (src/model/incremental.test.ts).
import { HOURS_PER_WEEK, doubleWeek } from './time.ts';

/** The hour-by-hour sum of `rows` (each a week), in the fixed pairwise order; `slot` names the sum for a cache. */
export type WeekSums = (slot: string, rows: readonly (readonly number[])[]) => number[];

function add(a: readonly number[], b: readonly number[]): number[] {
  const out = doubleWeek();
  for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] = a[h]! + b[h]!;
  return out;
}

/**
 * Scratch weeks for `pairwise`, reused by every sum: a sum of n rows makes n − 1 inner sums, but only about
 * 2·log₂(n) of them are alive at once (a simulation makes a dozen sums of every service's week per sample; a new
 * array for each inner sum was most of its garbage). Plain arrays, like the rows, so the additions read one kind
 * of array (a Float64Array among them made every read polymorphic: slower than the garbage it saved).
 */
const scratch: number[][] = [];

/**
 * The sum of rows[lo..hi) in the fixed pairwise order, written into scratch week `at` (a single row is returned as
 * it is); the sums below it use the scratch weeks after `at`: the left half's in at + 1, the right half's in at + 2
 * (the left half's own inner sums are done with by then), so no live sum is overwritten.
 */
function pairwise(
  rows: readonly (readonly number[])[],
  lo: number,
  hi: number,
  at: number,
): readonly number[] {
  if (hi - lo === 1) return rows[lo]!;
  const mid = (lo + hi) >>> 1;
  const a = pairwise(rows, lo, mid, at + 1);
  const b = pairwise(rows, mid, hi, at + 2);
  // Weeks of doubles without holes (time.ts `doubleWeek`): read back at every level above, and V8 boxed every value
  // read from an array made with holes (most of a simulation sample's garbage here).
  const out = (scratch[at] ??= doubleWeek());
  for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] = a[h]! + b[h]!;
  return out;
}

/** A fresh array the caller may change (never one of the rows, a scratch week or a kept inner sum). */
function result(sum: readonly number[]): number[] {
  return sum.slice();
}

/** Sums computed in full every time (`evaluate`). */
export const plainWeekSums: WeekSums = (_slot, rows) =>
  rows.length === 0 ? new Array<number>(HOURS_PER_WEEK).fill(0) : result(pairwise(rows, 0, rows.length, 0));

/** A tree kept for one slot: the rows it was built from, and every node's sum (heap order: node i has 2i, 2i + 1). */
interface Tree {
  rows: readonly (readonly number[])[];
  nodes: (readonly number[])[];
}

function build(
  rows: readonly (readonly number[])[],
  nodes: (readonly number[])[],
  node: number,
  lo: number,
  hi: number,
): readonly number[] {
  let sum: readonly number[];
  if (hi - lo === 1) sum = rows[lo]!;
  else {
    const mid = (lo + hi) >>> 1;
    sum = add(build(rows, nodes, 2 * node, lo, mid), build(rows, nodes, 2 * node + 1, mid, hi));
  }
  nodes[node] = sum;
  return sum;
}

/** Recomputes the sums above the changed rows (`changed[cLo..cHi)`, ascending indices within [lo, hi)). */
function update(
  rows: readonly (readonly number[])[],
  nodes: (readonly number[])[],
  node: number,
  lo: number,
  hi: number,
  changed: readonly number[],
  cLo: number,
  cHi: number,
): readonly number[] {
  if (cLo === cHi) return nodes[node]!;
  if (hi - lo === 1) return (nodes[node] = rows[lo]!);
  const mid = (lo + hi) >>> 1;
  let cMid = cLo;
  while (cMid < cHi && changed[cMid]! < mid) cMid++;
  const a = update(rows, nodes, 2 * node, lo, mid, changed, cLo, cMid);
  const b = update(rows, nodes, 2 * node + 1, mid, hi, changed, cMid, cHi);
  return (nodes[node] = add(a, b));
}

/**
 * Sums that keep every node of the tree: the rows are compared with those of the last call (by identity: unchanged
 * services keep their row arrays through the per-service memo), and only the sums above a changed row are
 * recomputed — one path of the tree for a one-service edit. A different number of rows builds the tree afresh.
 */
export function cachedWeekSums(): WeekSums {
  const slots = new Map<string, Tree>();
  return (slot, rows) => {
    const n = rows.length;
    if (n === 0) return new Array<number>(HOURS_PER_WEEK).fill(0);
    const kept = slots.get(slot);
    if (!kept || kept.rows.length !== n) {
      const nodes = new Array<readonly number[]>(4 * n);
      const root = build(rows, nodes, 1, 0, n);
      slots.set(slot, { rows: rows.slice(), nodes });
      return result(root);
    }
    const changed: number[] = [];
    for (let i = 0; i < n; i++) if (rows[i] !== kept.rows[i]) changed.push(i);
    const root = update(rows, kept.nodes, 1, 0, n, changed, 0, changed.length);
    kept.rows = rows.slice();
    return result(root);
  };
}
