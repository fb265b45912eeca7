// Bin packing of pods onto identical nodes: first-fit decreasing, with pods of one service handled as a group
// (they are identical), so an hour of 2,000 services packs in about the time of 2,000 steps rather than
// (pods × nodes). Respects CPU, memory and the pod count of every node.

export interface PodGroup {
  cpu: number;
  memory: number;
  count: number;
}

export interface NodeShape {
  cpu: number;
  memory: number;
  pods: number;
}

const EPS = 1e-9;

function fits(freeCpu: number, freeMem: number, freePods: number, g: PodGroup): number {
  const byCpu = g.cpu > 0 ? Math.floor(freeCpu / g.cpu + EPS) : Infinity;
  const byMem = g.memory > 0 ? Math.floor(freeMem / g.memory + EPS) : Infinity;
  return Math.max(0, Math.min(byCpu, byMem, freePods));
}

/** The last order sortForPacking made: the figures it sorted (node shape, then each group's) and the order. */
let lastSort: { figures: Float64Array; order: Int32Array } | null = null;

/**
 * The order first-fit decreasing uses: the largest share of a node first (ties keep the given order). The order
 * depends on the figures only, so groups with the same figures as the last call's (the shared hosts' services
 * after an edit that leaves memory and instances alone) are put in the order kept, without sorting again.
 */
export function sortForPacking<T extends PodGroup>(groups: readonly T[], node: NodeShape): T[] {
  const n = groups.length;
  const figures = new Float64Array(3 + 3 * n);
  figures[0] = node.cpu;
  figures[1] = node.memory;
  figures[2] = node.pods;
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    figures[3 + 3 * i] = g.cpu;
    figures[4 + 3 * i] = g.memory;
    figures[5 + 3 * i] = g.count;
  }
  let order: Int32Array;
  const kept = lastSort;
  let same = kept !== null && kept.figures.length === figures.length;
  for (let i = 0; same && i < figures.length; i++) same = kept!.figures[i] === figures[i];
  if (same) order = kept!.order;
  else {
    const key = (g: PodGroup): number => Math.max(g.cpu / node.cpu, g.memory / node.memory, 1 / node.pods);
    const sorted = groups
      .map((g, i) => ({ i, k: key(g) }))
      .sort((a, b) => b.k - a.k || a.i - b.i)
      .map((x) => x.i);
    order = Int32Array.from(sorted);
    lastSort = { figures, order };
  }
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = groups[order[i]!]!;
  return out;
}

/**
 * The open node classes of `packNodes`: nodes with the same free resources, in creation order, `n` identical nodes
 * standing for `n` first-fit bins. Kept column by column in scratch arrays reused by every packing (a simulation
 * packs hundreds of hours per sample: an object per class was most of packing's time); two sets, the classes open
 * before a group and those after it, swapped after each group.
 */
class Classes {
  cpu = new Float64Array(64);
  memory = new Float64Array(64);
  pods = new Float64Array(64);
  n = new Float64Array(64);
  size = 0;

  push(cpu: number, memory: number, pods: number, n: number): void {
    if (this.size === this.cpu.length) {
      const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.cpu = grow(this.cpu);
      this.memory = grow(this.memory);
      this.pods = grow(this.pods);
      this.n = grow(this.n);
    }
    const i = this.size++;
    this.cpu[i] = cpu;
    this.memory[i] = memory;
    this.pods[i] = pods;
    this.n[i] = n;
  }
}

let openBefore = new Classes();
let openAfter = new Classes();
let minCpuAfter = new Float64Array(64);
let minMemAfter = new Float64Array(64);

/** Fills minCpuAfter / minMemAfter for `groups`: at i, the smallest CPU and memory of the live groups from i on. */
function fillMinAfter(groups: readonly PodGroup[]): void {
  const n = groups.length;
  if (minCpuAfter.length < n + 1) {
    minCpuAfter = new Float64Array(2 * (n + 1));
    minMemAfter = new Float64Array(2 * (n + 1));
  }
  minCpuAfter[n] = Infinity;
  minMemAfter[n] = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    const g = groups[i]!;
    const live = g.count > 0;
    minCpuAfter[i] = Math.min(minCpuAfter[i + 1]!, live ? g.cpu : Infinity);
    minMemAfter[i] = Math.min(minMemAfter[i + 1]!, live ? g.memory : Infinity);
  }
}

/**
 * One group placed first-fit into the `open` classes (written, in order, to `next`), then the classes that can still
 * take a pod of a group to come (`cpuNeed`, `memNeed`: the smallest of those) kept in `next`. Returns the nodes it
 * opened. Every pod must fit an empty node.
 */
function placeGroup(
  g: PodGroup,
  open: Classes,
  next: Classes,
  node: NodeShape,
  cpuNeed: number,
  memNeed: number,
): number {
  let nodes = 0;
  let left = g.count;
  next.size = 0;
  for (let c = 0; c < open.size; c++) {
    const cCpu = open.cpu[c]!;
    const cMem = open.memory[c]!;
    const cPods = open.pods[c]!;
    const fit = left > 0 ? fits(cCpu, cMem, cPods, g) : 0;
    if (fit === 0) {
      next.push(cCpu, cMem, cPods, open.n[c]!);
      continue;
    }
    let rest = open.n[c]!;
    const full = Math.min(rest, Math.floor(left / fit));
    if (full > 0) {
      next.push(cCpu - fit * g.cpu, cMem - fit * g.memory, cPods - fit, full);
      left -= full * fit;
      rest -= full;
    }
    if (rest > 0 && left > 0) {
      next.push(cCpu - left * g.cpu, cMem - left * g.memory, cPods - left, 1);
      left = 0;
      rest -= 1;
    }
    if (rest > 0) next.push(cCpu, cMem, cPods, rest);
  }
  if (left > 0) {
    const perNode = fits(node.cpu, node.memory, node.pods, g);
    if (perNode <= 0) throw new Error('a pod does not fit an empty node');
    const full = Math.floor(left / perNode);
    if (full > 0) {
      next.push(node.cpu - perNode * g.cpu, node.memory - perNode * g.memory, node.pods - perNode, full);
      nodes += full;
      left -= full * perNode;
    }
    if (left > 0) {
      next.push(node.cpu - left * g.cpu, node.memory - left * g.memory, node.pods - left, 1);
      nodes += 1;
    }
  }
  // The classes that can still take a pod of a group to come stay open, in order (kept in place).
  let kept = 0;
  for (let c = 0; c < next.size; c++) {
    if (next.pods[c]! >= 1 && next.cpu[c]! + EPS >= cpuNeed && next.memory[c]! + EPS >= memNeed) {
      next.cpu[kept] = next.cpu[c]!;
      next.memory[kept] = next.memory[c]!;
      next.pods[kept] = next.pods[c]!;
      next.n[kept] = next.n[c]!;
      kept++;
    }
  }
  next.size = kept;
  return nodes;
}

/** Copies the open classes of `from` into `to` (a saved state of a packing). */
function copyClasses(from: Classes, to: Classes): void {
  to.size = 0;
  for (let c = 0; c < from.size; c++) to.push(from.cpu[c]!, from.memory[c]!, from.pods[c]!, from.n[c]!);
}

/** The open classes of a packing at the point two packings part (packNodesPair). */
const savedClasses = new Classes();

/**
 * Number of nodes first-fit decreasing needs for `groups`, which must already be in packing order
 * (`sortForPacking`). Every pod must fit an empty node (the plan checks guarantee it).
 *
 * Identical nodes are kept as one class with a count, and a group fills a run of identical nodes in one step;
 * this gives exactly the bins of pod-by-pod first fit, in time that grows with groups × classes, not pods × nodes.
 */
export function packNodes(groups: readonly PodGroup[], node: NodeShape): number {
  fillMinAfter(groups);
  openBefore.size = 0;
  return placeRange(groups, 0, groups.length, node);
}

/**
 * Places groups[from … to) in order (empty ones skipped) into the open classes (`openBefore`), the two scratch sets
 * swapped after each group so that `openBefore` always holds the open classes; returns the nodes it opened.
 * `minCpuAfter` / `minMemAfter` must be those of `groups`.
 */
function placeRange(groups: readonly PodGroup[], from: number, to: number, node: NodeShape): number {
  let nodes = 0;
  for (let gi = from; gi < to; gi++) {
    const g = groups[gi]!;
    if (g.count <= 0) continue;
    nodes += placeGroup(g, openBefore, openAfter, node, minCpuAfter[gi + 1]!, minMemAfter[gi + 1]!);
    swapClasses();
  }
  return nodes;
}

/** Makes the classes just written (`openAfter`) the open ones. */
function swapClasses(): void {
  const swap = openBefore;
  openBefore = openAfter;
  openAfter = swap;
}

/**
 * `[packNodes(groups), packNodes(groups with extra inserted at index at)]` (the cluster's nodes for an hour's pods,
 * and for the same pods with the overprovisioning placeholders), the two packings made as one up to `at`: both place
 * the same groups in the same order until then. They close the same classes there too only when the extra group is
 * no smaller (CPU and memory) than every live group after it, so that the smallest group still to come is the same
 * for both at every step before it: then the state at `at` is shared; otherwise two packings, as asked.
 */
export function packNodesPair(
  groups: readonly PodGroup[],
  at: number,
  extra: PodGroup,
  node: NodeShape,
): [number, number] {
  fillMinAfter(groups);
  const n = groups.length;
  if (!(at < n && extra.count > 0 && extra.cpu >= minCpuAfter[at]! && extra.memory >= minMemAfter[at]!)) {
    const withExtra = groups.slice();
    withExtra.splice(at, 0, extra);
    const alone = packNodes(groups, node);
    return [alone, packNodes(withExtra, node)];
  }
  openBefore.size = 0;
  const shared = placeRange(groups, 0, at, node);
  copyClasses(openBefore, savedClasses);
  const alone = shared + placeRange(groups, at, n, node);
  // From the shared state: the extra group (the smallest group after it is that of the groups from `at` on), then
  // the same groups from `at` on.
  copyClasses(savedClasses, openBefore);
  const extraNodes = placeGroup(extra, openBefore, openAfter, node, minCpuAfter[at]!, minMemAfter[at]!);
  swapClasses();
  return [alone, shared + extraNodes + placeRange(groups, at, n, node)];
}

/** Node counts of packings already made, by their groups and node shape (an evaluator keeps one between edits). */
export interface KeptPackings {
  /** `packNodes(groups, node)`, or the count it gave before for equal groups and node shape. */
  nodes(groups: readonly PodGroup[], node: NodeShape): number;
}

/** Most packings kept (each is a few numbers per group). */
const KEPT_PACKINGS = 20_000;

// A number's 64 bits, for hashing a packing's figures without turning them into text.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function mix(h: number, x: number): number {
  bits[0] = x;
  h = Math.imul(h ^ words[0]!, 0x9e3779b1);
  h = Math.imul(h ^ words[1]!, 0x85ebca6b);
  return h ^ (h >>> 15);
}

/**
 * Kept packings: an edit changes the pod counts of some hours only, and many hours of a week repeat the same counts.
 * The figures of a packing (node shape, then each group's CPU, memory and count) are hashed from their bits and
 * compared number by number, so equal figures mean equal inputs and the kept count is packNodes' own.
 */
export function keptPackings(): KeptPackings {
  const kept = new Map<number, { figures: Float64Array; nodes: number }[]>();
  let size = 0;
  let figures = new Float64Array(64);
  return {
    nodes(groups, node) {
      const n = 3 + 3 * groups.length;
      if (figures.length < n) figures = new Float64Array(2 * n);
      figures[0] = node.cpu;
      figures[1] = node.memory;
      figures[2] = node.pods;
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        figures[3 + 3 * i] = g.cpu;
        figures[4 + 3 * i] = g.memory;
        figures[5 + 3 * i] = g.count;
      }
      let h = n;
      for (let i = 0; i < n; i++) h = mix(h, figures[i]!);
      const bucket = kept.get(h);
      if (bucket) {
        for (const k of bucket) {
          if (k.figures.length !== n) continue;
          let same = true;
          for (let i = 0; i < n && same; i++) same = k.figures[i] === figures[i];
          if (same) return k.nodes;
        }
      }
      const nodes = packNodes(groups, node);
      if (size >= KEPT_PACKINGS) {
        kept.clear();
        size = 0;
      }
      const entry = { figures: figures.slice(0, n), nodes };
      const now = kept.get(h);
      if (now) now.push(entry);
      else kept.set(h, [entry]);
      size++;
      return nodes;
    },
  };
}
