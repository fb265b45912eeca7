// Catalog versions (issue 13): a bundled snapshot is never edited. Each snapshot's content is pinned by a hash here;
// a change to a released snapshot fails, and the way forward is a new snapshot (snapshots.ts), not a new pin.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';
import {
  BUNDLED_CATALOGS,
  bundledCatalog,
  CATALOG_ALIASES,
  CATALOG_SNAPSHOTS,
  catalogSnapshot,
  NEW_PLAN_CATALOG_ID,
  newerSnapshot,
} from './index.ts';

/** JSON with every object's keys sorted: the same content hashes the same whatever order its fields were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const sha256 = (c: Catalog) => createHash('sha256').update(canonical(c)).digest('hex');

/**
 * The content hash of every released snapshot. A snapshot is immutable: a plan that names it must keep its figures in
 * every later Headroom. Never change a pin to make this test pass; add a snapshot instead. (The one exception: a
 * field added to the catalog shape that no figure reads, shown by src/plan/catalog-versions.test.ts still passing;
 * then re-pin with the hash this test prints, and say so in the commit.)
 */
const PINNED: Record<string, string> = {
  'aws-us-east-1@2025-10': 'e98561521da11e73ea4e58906c364ec49de7df358390390f713f30622ce78f97',
  'aws-us-east-1@2026-11': '9b42d464e1b666ef54986684141641ed08a25ac544b578345fdae77fd14e61a4',
};

describe('catalog snapshots', () => {
  it.each(CATALOG_SNAPSHOTS.map((s) => [s.id, s] as const))('%s has its pinned content', (id, s) => {
    expect(PINNED[id], `no pin for snapshot ${id}: add '${id}': '${sha256(s.catalog)}'`).toBeDefined();
    expect(sha256(s.catalog), `snapshot ${id} was edited; add a new snapshot instead`).toBe(PINNED[id]);
    // What a plan gets is the snapshot itself.
    expect(bundledCatalog(id)).toEqual(s.catalog);
  });

  it('pins only snapshots that exist (a snapshot is never removed)', () => {
    expect(Object.keys(PINNED).sort()).toEqual(CATALOG_SNAPSHOTS.map((s) => s.id).sort());
  });

  it('ids are LINE@YYYY-MM, unique, in date order within a line', () => {
    const ids = CATALOG_SNAPSHOTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of CATALOG_SNAPSHOTS) {
      expect(s.id).toMatch(/^[a-z0-9-]+@\d{4}-(0[1-9]|1[0-2])$/);
      expect(s.id.startsWith(`${s.line}@`)).toBe(true);
      expect(s.catalog.id).toBe(s.id);
    }
    const lines = new Set(CATALOG_SNAPSHOTS.map((s) => s.line));
    for (const line of lines) {
      const dates = CATALOG_SNAPSHOTS.filter((s) => s.line === line).map((s) => s.id.split('@')[1]!);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('the bare id aws-us-east-1 is the 2025-10 snapshot forever, under the id the plan wrote', () => {
    expect(CATALOG_ALIASES.get('aws-us-east-1')).toBe('aws-us-east-1@2025-10');
    expect(catalogSnapshot('aws-us-east-1')?.id).toBe('aws-us-east-1@2025-10');
    const bare = bundledCatalog('aws-us-east-1')!;
    expect(bare.id).toBe('aws-us-east-1');
    expect({ ...bare, id: 'aws-us-east-1@2025-10' }).toEqual(bundledCatalog('aws-us-east-1@2025-10'));
    // The object the bare id served before catalog versions, unchanged.
    expect(bare).toEqual(awsUsEast1);
  });

  it('every alias names a snapshot; every bundled id resolves to a catalog carrying that id', () => {
    for (const [alias, target] of CATALOG_ALIASES) {
      expect(
        CATALOG_SNAPSHOTS.some((s) => s.id === target),
        alias,
      ).toBe(true);
      expect(BUNDLED_CATALOGS.has(alias), alias).toBe(true);
    }
    for (const id of BUNDLED_CATALOGS.keys()) {
      const c = bundledCatalog(id)!;
      // An alias's catalog carries the alias; a snapshot's its own id; other catalogs (added by other lines) their own.
      expect(c.id, id).toBe(id);
    }
  });

  it('new plans name the newest snapshot; an older one has a newer snapshot to switch to', () => {
    expect(NEW_PLAN_CATALOG_ID).toBe('aws-us-east-1@2026-11');
    expect(newerSnapshot('aws-us-east-1')?.id).toBe('aws-us-east-1@2026-11');
    expect(newerSnapshot('aws-us-east-1@2025-10')?.id).toBe('aws-us-east-1@2026-11');
    expect(newerSnapshot('aws-us-east-1@2026-11')).toBeUndefined();
    expect(newerSnapshot('my-own-catalog')).toBeUndefined();
    expect(newerSnapshot('')).toBeUndefined();
  });
});

// The families added in aws-us-east-1@2026-11 (pricing-2.md §4; EKS maxPods from awslabs/amazon-eks-ami
// templates/shared/runtime/eni-max-pods.txt), checked type by type against the table they were transcribed from.
describe('aws-us-east-1@2026-11 instance types', () => {
  const types = bundledCatalog('aws-us-east-1@2026-11')!.instanceTypes;
  const byName = new Map(types.map((t) => [t.name, t]));
  const sizes = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'];
  const vcpus = [2, 4, 8, 16, 32, 64];
  const maxPods = [29, 58, 58, 234, 234, 737];
  // pricing-2.md §4, large → 16xlarge.
  const TABLE: [string, number, 'x86_64' | 'arm64', number[]][] = [
    ['m6i', 4, 'x86_64', [0.096, 0.192, 0.384, 0.768, 1.536, 3.072]],
    ['m7i', 4, 'x86_64', [0.1008, 0.2016, 0.4032, 0.8064, 1.6128, 3.2256]],
    ['c6i', 2, 'x86_64', [0.085, 0.17, 0.34, 0.68, 1.36, 2.72]],
    ['c7i', 2, 'x86_64', [0.08925, 0.1785, 0.357, 0.714, 1.428, 2.856]],
    ['r6i', 8, 'x86_64', [0.126, 0.252, 0.504, 1.008, 2.016, 4.032]],
    ['r7i', 8, 'x86_64', [0.1323, 0.2646, 0.5292, 1.0584, 2.1168, 4.2336]],
    ['m7g', 4, 'arm64', [0.0816, 0.1632, 0.3264, 0.6528, 1.3056, 2.6112]],
    ['c7g', 2, 'arm64', [0.0725, 0.145, 0.29, 0.58, 1.16, 2.32]],
    ['r7g', 8, 'arm64', [0.1071, 0.2142, 0.4284, 0.8568, 1.7136, 3.4272]],
  ];
  it.each(TABLE)(
    '%s: large to 16xlarge with vCPU, memory, price, maxPods, architecture',
    (fam, gib, arch, prices) => {
      sizes.forEach((size, i) => {
        expect(byName.get(`${fam}.${size}`)).toEqual({
          name: `${fam}.${size}`,
          vcpu: vcpus[i],
          memoryGiB: vcpus[i]! * gib,
          hourly: prices[i],
          maxPods: maxPods[i],
          architecture: arch,
        });
      });
    },
  );

  it('keeps every type of the 2025-10 snapshot at the same price and size, and names no type twice', () => {
    expect(byName.size).toBe(types.length);
    for (const old of awsUsEast1.instanceTypes) {
      const t = byName.get(old.name);
      expect(t, old.name).toBeDefined();
      expect({ ...t, architecture: undefined }, old.name).toEqual({ ...old, architecture: undefined });
    }
    expect(types.length).toBe(5 + 3 + 9 * 6);
  });

  it('changes nothing but the instance types and the catalog’s own description', () => {
    const { id, name, asOf, sources, instanceTypes, ...rest } = bundledCatalog('aws-us-east-1@2026-11')!;
    const { id: _i, name: _n, asOf: _a, sources: oldSources, instanceTypes: _t, ...oldRest } = awsUsEast1;
    expect(rest).toEqual(oldRest);
    expect([id, name, asOf]).toEqual([
      'aws-us-east-1@2026-11',
      'AWS us-east-1, on-demand (2026-11)',
      '2026-07-20',
    ]);
    expect(instanceTypes.length).toBeGreaterThan(awsUsEast1.instanceTypes.length);
    // Third-party figures are marked as such; the old snapshot's sources follow.
    expect(sources[0]).toMatch(/Karpenter.*\[third-party\]/);
    expect(sources.some((s) => s.includes('eni-max-pods.txt'))).toBe(true);
    expect(sources.some((s) => s.includes('$0.60 per cluster-hour on extended support'))).toBe(true);
    expect(sources.slice(-oldSources.length)).toEqual(oldSources);
  });
});
