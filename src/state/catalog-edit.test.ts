import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { setAt } from './doc.ts';
import { catalogIssues, catalogPathText, diffCatalogs, numericFields } from './catalog-edit.ts';

const base = () => bundledCatalog('aws-us-east-1')! as unknown as Record<string, unknown>;

describe('catalogIssues', () => {
  it('a bundled catalog has none', () => {
    expect(catalogIssues(base())).toEqual([]);
  });

  it('locates each problem at its field inside the catalog', () => {
    let c = setAt(base(), ['instanceTypes', 2, 'hourly'], '0.1x');
    c = setAt(c, ['serverless', 'requestsPerMillion'], -1);
    const issues = catalogIssues(c);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['instanceTypes[2].hourly', 'serverless.requestsPerMillion']),
    );
    expect(issues.every((i) => !i.path.startsWith('catalog'))).toBe(true);
  });

  it('applies the plan cross-checks on a catalog: two types with one name', () => {
    const c = base();
    const types = c.instanceTypes as { name: string }[];
    const dup = setAt(c, ['instanceTypes', 1, 'name'], types[0]!.name);
    expect(catalogIssues(dup).map((i) => i.path)).toContain('instanceTypes[1].name');
  });
});

describe('numericFields', () => {
  it('lists every numeric leaf outside the instance types, by path, including fields it does not know', () => {
    const c = { ...base(), gcpRun: { vcpuSecond: 0.000024, tiers: [{ upTo: 10, price: 1 }] } };
    const paths = numericFields(c).map((f) => catalogPathText(f.path));
    expect(paths).toContain('serverless.requestsPerMillion');
    expect(paths).toContain('gcpRun.vcpuSecond');
    expect(paths).toContain('gcpRun.tiers[0].price');
    expect(paths.some((p) => p.startsWith('instanceTypes'))).toBe(false);
  });

  it('keeps a field listed while it holds the text typed in it', () => {
    const c = setAt(base(), ['serverless', 'requestsPerMillion'], 'abc');
    expect(numericFields(c).some((f) => catalogPathText(f.path) === 'serverless.requestsPerMillion')).toBe(
      false,
    );
    const typed = ['serverless.requestsPerMillion'];
    expect(
      numericFields(c, typed).find((f) => catalogPathText(f.path) === 'serverless.requestsPerMillion')?.value,
    ).toBe('abc');
  });
});

describe('diffCatalogs', () => {
  it('names added and removed types and changed prices, old → new', () => {
    const a = base();
    const types = a.instanceTypes as { name: string; hourly: number }[];
    let b = setAt(a, ['instanceTypes', 0, 'hourly'], types[0]!.hourly + 0.01);
    b = setAt(
      b,
      ['instanceTypes'],
      [
        ...(b.instanceTypes as unknown[]).slice(0, -1),
        { name: 'z9.large', vcpu: 2, memoryGiB: 8, hourly: 0.1 },
      ],
    );
    b = setAt(b, ['nat', 'perGB'], 0.05);
    const d = diffCatalogs(a, b);
    expect(d.added).toEqual(['z9.large']);
    expect(d.removed).toEqual([types.at(-1)!.name]);
    expect(d.changedTypes).toEqual([
      { name: types[0]!.name, field: 'hourly', before: types[0]!.hourly, after: types[0]!.hourly + 0.01 },
    ]);
    expect(d.changedFields).toEqual([
      { path: 'nat.perGB', before: (a.nat as { perGB: number }).perGB, after: 0.05 },
    ]);
  });

  it('is empty between a catalog and itself', () => {
    expect(diffCatalogs(base(), base())).toEqual({
      added: [],
      removed: [],
      changedTypes: [],
      changedFields: [],
    });
  });
});
