import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeShape, PodGroup } from './packing.ts';
import { keptPackings, packNodes, packNodesPair, sortForPacking } from './packing.ts';

/** Reference: plain first fit, one pod at a time, over individual nodes. */
function naiveFirstFit(groups: readonly PodGroup[], node: NodeShape): number {
  const bins: { cpu: number; memory: number; pods: number }[] = [];
  for (const g of groups) {
    for (let k = 0; k < g.count; k++) {
      let placed = false;
      for (const b of bins) {
        if (b.cpu + 1e-9 >= g.cpu && b.memory + 1e-9 >= g.memory && b.pods >= 1) {
          b.cpu -= g.cpu;
          b.memory -= g.memory;
          b.pods -= 1;
          placed = true;
          break;
        }
      }
      if (!placed) bins.push({ cpu: node.cpu - g.cpu, memory: node.memory - g.memory, pods: node.pods - 1 });
    }
  }
  return bins.length;
}

describe('grouped first-fit decreasing', () => {
  it('uses exactly the bins of pod-by-pod first fit', () => {
    const node = fc.record({
      cpu: fc.integer({ min: 500, max: 8000 }),
      memory: fc.integer({ min: 512, max: 32768 }),
      pods: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(
        node,
        fc.array(
          fc.record({
            cpu: fc.integer({ min: 1, max: 500 }),
            memory: fc.integer({ min: 1, max: 512 }),
            count: fc.integer({ min: 0, max: 40 }),
          }),
          { maxLength: 8 },
        ),
        (shape, raw) => {
          const groups = sortForPacking(raw, shape);
          expect(packNodes(groups, shape)).toBe(naiveFirstFit(groups, shape));
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
  it('packs a pair (without and with an extra group) as two packings would, to the node', () => {
    // packNodesPair shares the packing up to the extra group's place when it can: the counts must be those of
    // packNodes on each list (and so pod-by-pod first fit's), wherever the extra group goes and whatever its size
    // (the cluster's placeholders: the average pod, inserted at its place in the order; here anywhere, fractional).
    const node = fc.record({
      cpu: fc.integer({ min: 500, max: 8000 }),
      memory: fc.integer({ min: 512, max: 32768 }),
      pods: fc.integer({ min: 1, max: 60 }),
    });
    const group = fc.record({
      cpu: fc.integer({ min: 1, max: 500 }),
      memory: fc.integer({ min: 1, max: 512 }),
      count: fc.integer({ min: 0, max: 40 }),
    });
    const extra = fc.record({
      cpu: fc.double({ min: 1, max: 500, noNaN: true }),
      memory: fc.double({ min: 1, max: 512, noNaN: true }),
      count: fc.integer({ min: 1, max: 30 }),
    });
    fc.assert(
      fc.property(node, fc.array(group, { maxLength: 8 }), extra, fc.nat(), (shape, raw, ph, where) => {
        const groups = sortForPacking(raw, shape);
        const at = where % (groups.length + 1);
        const withExtra = [...groups.slice(0, at), ph, ...groups.slice(at)];
        expect(packNodesPair(groups, at, ph, shape)).toEqual([
          packNodes(groups, shape),
          packNodes(withExtra, shape),
        ]);
        expect(packNodesPair(groups, at, ph, shape)[1]).toBe(naiveFirstFit(withExtra, shape));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
    );
  });
  it('refuses a pod that fits no empty node', () => {
    expect(() =>
      packNodes([{ cpu: 2000, memory: 1, count: 1 }], { cpu: 1000, memory: 1000, pods: 10 }),
    ).toThrow();
  });

  it('kept packings give the count of packNodes for every packing asked, repeated or not', () => {
    // A small pool of figures so packings repeat (kept) and differ by one number (not kept): fractional sizes
    // (the placeholder pods), zero counts, and groups that differ only in order.
    const group = fc.record({
      cpu: fc.constantFrom(100, 250, 250.5, 333.3333333333333),
      memory: fc.constantFrom(128, 256, 300.25),
      count: fc.integer({ min: 0, max: 5 }),
    });
    const shape = fc.record({
      cpu: fc.constantFrom(1000, 1930),
      memory: fc.constantFrom(1024, 1024.5),
      pods: fc.constantFrom(4, 29),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(shape, fc.array(group, { maxLength: 4 })), { maxLength: 30 }), (asks) => {
        const kept = keptPackings();
        for (const [node, groups] of asks) expect(kept.nodes(groups, node)).toBe(packNodes(groups, node));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('sorts for packing as defined, also when the same figures come again in new objects', () => {
    const reference = (groups: readonly PodGroup[], node: NodeShape): PodGroup[] => {
      const key = (g: PodGroup) => Math.max(g.cpu / node.cpu, g.memory / node.memory, 1 / node.pods);
      return groups
        .map((g, i) => ({ g, i }))
        .sort((a, b) => key(b.g) - key(a.g) || a.i - b.i)
        .map((x) => x.g);
    };
    const group = fc.record({
      cpu: fc.constantFrom(0, 100, 250),
      memory: fc.constantFrom(128, 256, 512),
      count: fc.integer({ min: 1, max: 3 }),
    });
    const node = fc.constantFrom({ cpu: 1000, memory: 1024, pods: 8 }, { cpu: 1, memory: 4096, pods: 1e9 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(node, fc.array(group, { maxLength: 8 }), fc.boolean()), { maxLength: 6 }),
        (calls) => {
          for (const [shape, groups, again] of calls) {
            const asked = again ? groups.map((g) => ({ ...g })) : groups;
            const sorted = sortForPacking(asked, shape);
            expect(sorted).toEqual(reference(asked, shape));
            sorted.forEach((g, i) => expect(g).toBe(reference(asked, shape)[i]));
            if (again)
              expect(sortForPacking(groups, shape).every((g, i) => g === reference(groups, shape)[i])).toBe(
                true,
              );
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
});
