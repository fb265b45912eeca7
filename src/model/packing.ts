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

/** The order first-fit decreasing uses: the largest share of a node first (ties keep the given order). */
export function sortForPacking<T extends PodGroup>(groups: readonly T[], node: NodeShape): T[] {
  const key = (g: PodGroup): number => Math.max(g.cpu / node.cpu, g.memory / node.memory, 1 / node.pods);
  return groups
    .map((g, i) => ({ g, i, k: key(g) }))
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((x) => x.g);
}

/**
 * Number of nodes first-fit decreasing needs for `groups`, which must already be in packing order
 * (`sortForPacking`). Every pod must fit an empty node (the plan checks guarantee it).
 */
export function packNodes(groups: readonly PodGroup[], node: NodeShape): number {
  const n = groups.length;
  // Smallest CPU and memory of any group still to come: a node with less free than that is closed for good.
  const minCpuAfter = new Array<number>(n + 1).fill(Infinity);
  const minMemAfter = new Array<number>(n + 1).fill(Infinity);
  for (let i = n - 1; i >= 0; i--) {
    const g = groups[i]!;
    const live = g.count > 0;
    minCpuAfter[i] = Math.min(minCpuAfter[i + 1]!, live ? g.cpu : Infinity);
    minMemAfter[i] = Math.min(minMemAfter[i + 1]!, live ? g.memory : Infinity);
  }
  const freeCpu: number[] = [];
  const freeMem: number[] = [];
  const freePods: number[] = [];
  let open: number[] = [];
  for (let gi = 0; gi < n; gi++) {
    const g = groups[gi]!;
    let left = g.count;
    if (left <= 0) continue;
    for (let k = 0; k < open.length && left > 0; k++) {
      const idx = open[k]!;
      const take = Math.min(left, fits(freeCpu[idx]!, freeMem[idx]!, freePods[idx]!, g));
      if (take > 0) {
        freeCpu[idx]! -= take * g.cpu;
        freeMem[idx]! -= take * g.memory;
        freePods[idx]! -= take;
        left -= take;
      }
    }
    const perNode = fits(node.cpu, node.memory, node.pods, g);
    if (left > 0 && perNode <= 0) throw new Error('a pod does not fit an empty node');
    while (left > 0) {
      const take = Math.min(left, perNode);
      freeCpu.push(node.cpu - take * g.cpu);
      freeMem.push(node.memory - take * g.memory);
      freePods.push(node.pods - take);
      open.push(freeCpu.length - 1);
      left -= take;
    }
    const cpuNeed = minCpuAfter[gi + 1]!;
    const memNeed = minMemAfter[gi + 1]!;
    open = open.filter(
      (idx) => freePods[idx]! >= 1 && freeCpu[idx]! + EPS >= cpuNeed && freeMem[idx]! + EPS >= memNeed,
    );
  }
  return freeCpu.length;
}
