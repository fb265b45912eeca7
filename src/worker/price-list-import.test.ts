// The app's price-list import, run as the worker runs it: Files read in chunks through Blob.stream(), every format
// from one list, progress while reading.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { ec2CsvPreamble, ec2CsvRow } from '../catalog/import/aws-fixture.ts';
import { PRICE_LIST_FORMATS } from './price-list-formats.ts';
import { runImport, type ImportProgress } from './price-list-import.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../catalog/import/fixtures/${name}`, import.meta.url));
const base = () => bundledCatalog('aws-us-east-1')!;

/** A Blob whose stream() gives `text` in chunks of `size` bytes (as a browser gives a large File). */
function chunkedBlob(bytes: Uint8Array<ArrayBuffer>, size: number): Blob {
  const blob = new Blob([bytes]);
  return Object.assign(blob, {
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
          c.close();
        },
      }),
  });
}

describe('runImport', () => {
  it('reads the EC2 CSV fixture in 7-byte chunks and gives what the CLI gives', async () => {
    const csv = new Uint8Array(fixture('ec2-us-east-1.csv'));
    const progress: ImportProgress[] = [];
    let t = 0;
    const r = await runImport(
      {
        steps: [{ format: 'aws-price-list', files: [{ file: chunkedBlob(csv, 7), fileName: 'ec2.csv' }] }],
        region: 'us-east-1',
        base: base(),
      },
      (p) => progress.push(p),
      () => (t += 50),
    );
    if (!r.ok) throw new Error(r.problem);
    const whole = await runImport({
      steps: [{ format: 'aws-price-list', files: [{ file: new Blob([csv]), fileName: 'ec2.csv' }] }],
      region: 'us-east-1',
      base: base(),
    });
    expect(whole).toEqual(r);
    expect(r.summaries[0]).toMatchObject({ format: 'aws-price-list', unit: 'rows' });
    expect(r.summaries[0]!.kept).toBeGreaterThan(0);
    expect(r.summaries[0]!.skipped.length).toBeGreaterThan(0);
    expect(r.catalog.instanceTypes.some((t) => t.name === 'm7g.xlarge' && t.hourly === 0.1632)).toBe(true);
    // Progress rises to the whole file, reported at most every 100 ms of the clock (here 50 ms a chunk).
    expect(progress.at(-1)).toMatchObject({ bytes: csv.length, total: csv.length });
    expect(progress.length).toBeLessThan(csv.length / 7);
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
  });

  it('keeps a character split across chunks whole', async () => {
    const text =
      ec2CsvPreamble() +
      ec2CsvRow({
        'Instance Type': 'm7g.xlarge',
        PricePerUnit: '0.1632',
        vCPU: '4',
        Memory: '16 GiB',
        'Physical Processor': 'AWS Graviton3 — Processor',
      }) +
      '\n';
    const bytes = new TextEncoder().encode(text);
    const r = await runImport({
      steps: [{ format: 'aws-price-list', files: [{ file: chunkedBlob(bytes, 1), fileName: 'x.csv' }] }],
      region: 'us-east-1',
      base: base(),
    });
    expect(r).toMatchObject({ ok: true });
  });

  it('applies the Lambda offer file after the EC2 file, from the same list of formats', async () => {
    const r = await runImport({
      steps: [
        {
          format: 'aws-price-list',
          files: [{ file: new Blob([new Uint8Array(fixture('ec2-us-east-1.json'))]), fileName: 'ec2.json' }],
        },
        {
          format: 'aws-lambda-price-list',
          files: [
            { file: new Blob([new Uint8Array(fixture('lambda-us-east-1.json'))]), fileName: 'lambda.json' },
          ],
        },
      ],
      region: 'us-east-1',
      base: base(),
    });
    if (!r.ok) throw new Error(r.problem);
    expect(r.summaries.map((s) => s.format)).toEqual(['aws-price-list', 'aws-lambda-price-list']);
    expect(r.catalog.sources[0]).toMatch(/lambda\.json/);
    expect(PRICE_LIST_FORMATS.filter((f) => f.main).map((f) => f.id)).toContain('aws-price-list');
  });

  it('names the line of a broken file, and says when a file is not text', async () => {
    const broken =
      ec2CsvPreamble() +
      ec2CsvRow({ 'Instance Type': 'm7g.xlarge', PricePerUnit: 'abc', vCPU: '4', Memory: '16 GiB' }) +
      '\n';
    const r = await runImport({
      steps: [{ format: 'aws-price-list', files: [{ file: new Blob([broken]), fileName: 'b.csv' }] }],
      region: 'us-east-1',
      base: base(),
    });
    expect(r).toMatchObject({ ok: false, fileName: 'b.csv', problem: expect.stringMatching(/^line 7: /) });
    const gz = await runImport({
      steps: [
        {
          format: 'aws-price-list',
          files: [{ file: new Blob([new Uint8Array([0x1f, 0x8b, 0xff, 0xfe, 0x00])]), fileName: 'x.csv.gz' }],
        },
      ],
      region: 'us-east-1',
      base: base(),
    });
    expect(gz).toMatchObject({ ok: false, problem: expect.stringMatching(/not UTF-8 text/) });
  });

  it('a file with nothing of the region is a problem, not an empty catalog', async () => {
    const r = await runImport({
      steps: [
        {
          format: 'aws-price-list',
          files: [{ file: new Blob([new Uint8Array(fixture('ec2-us-east-1.csv'))]), fileName: 'ec2.csv' }],
        },
      ],
      region: 'eu-west-3',
      base: base(),
    });
    expect(r).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no instance type of region eu-west-3/),
    });
  });
});

/** The fixture's bytes as a File-like Blob, cut into chunks of `size` bytes. */
const pageBlob = (name: string, size = 64) => chunkedBlob(new Uint8Array(fixture(name)), size);

describe('runImport, Azure and GCP pages (the same formats the CLI reads)', () => {
  it('imports two Azure Retail Prices pages over azure-eastus, each file a page, with the notes', async () => {
    const progress: ImportProgress[] = [];
    const r = await runImport(
      {
        steps: [
          {
            format: 'azure-retail',
            files: [
              { file: pageBlob('azure-eastus-page1.json'), fileName: 'p1.json' },
              { file: pageBlob('azure-eastus-page2.json'), fileName: 'p2.json' },
            ],
          },
        ],
        region: 'eastus',
        base: bundledCatalog('azure-eastus')!,
      },
      (p) => progress.push(p),
    );
    if (!r.ok) throw new Error(`${r.fileName}: ${r.problem}`);
    const s = r.summaries[0]!;
    expect(s).toMatchObject({
      format: 'azure-retail',
      fileName: 'p1.json, p2.json',
      found: 23,
      unit: 'items',
    });
    expect(s.kept).toBeGreaterThan(0);
    expect(s.skipped.length).toBeGreaterThan(0);
    expect(s.described).toMatch(/^Azure Retail Prices API responses .*p1\.json.*p2\.json.*2 pages, 23 items/);
    // Page 2 has no NextPageLink, so no "more pages" note; the Functions prices read are a note.
    expect(s.notes.some((n) => /NextPageLink/.test(n))).toBe(false);
    expect(r.catalog.instanceTypes.find((t) => t.name === 'Standard_D2s_v5')?.hourly).toBe(0.096);
    expect(r.catalog.id).toMatch(/^azure-eastus-retail-prices-/);
    // Progress is per file: both pages reported in full.
    expect(new Set(progress.map((p) => p.fileName))).toEqual(new Set(['p1.json', 'p2.json']));
  });

  it('one Azure page of two (it has a NextPageLink) says pages are missing', async () => {
    const r = await runImport({
      steps: [
        {
          format: 'azure-retail',
          files: [{ file: pageBlob('azure-eastus-page1.json'), fileName: 'p1.json' }],
        },
      ],
      region: 'eastus',
      base: bundledCatalog('azure-eastus')!,
    });
    if (!r.ok) throw new Error(r.problem);
    expect(r.summaries[0]!.notes).toContain(
      'Every page has a NextPageLink: the API has more pages than these.',
    );
  });

  it('imports GCP Cloud Billing Catalog pages over gcp-us-central1, with the incomplete family as a note', async () => {
    const r = await runImport({
      steps: [
        {
          format: 'gcp-billing',
          files: [
            { file: pageBlob('gcp-compute-page1.json', 100), fileName: 'g1.json' },
            { file: pageBlob('gcp-compute-page2.json', 100), fileName: 'g2.json' },
          ],
        },
      ],
      region: 'us-central1',
      base: bundledCatalog('gcp-us-central1')!,
    });
    if (!r.ok) throw new Error(r.problem);
    const s = r.summaries[0]!;
    expect(s).toMatchObject({ format: 'gcp-billing', found: 17, unit: 'SKUs', kept: 45 });
    expect(s.notes).toContain('Families without both a core and a RAM price: n2d');
    expect(r.catalog.instanceTypes.find((t) => t.name === 'n2-standard-2')?.hourly).toBe(0.097118);
  });

  it('a page that is not JSON is located in its file; a second file for a one-file format is refused', async () => {
    const bad = await runImport({
      steps: [
        {
          format: 'azure-retail',
          files: [
            { file: pageBlob('azure-eastus-page1.json'), fileName: 'p1.json' },
            { file: new Blob(['{"Items": [ nope'], { type: 'application/json' }), fileName: 'p2.json' },
          ],
        },
      ],
      region: 'eastus',
      base: bundledCatalog('azure-eastus')!,
    });
    expect(bad).toMatchObject({ ok: false, fileName: 'p2.json' });
    const two = await runImport({
      steps: [
        {
          format: 'aws-price-list',
          files: [
            { file: pageBlob('ec2-us-east-1.csv'), fileName: 'a.csv' },
            { file: pageBlob('ec2-us-east-1.csv'), fileName: 'b.csv' },
          ],
        },
      ],
      region: 'us-east-1',
      base: base(),
    });
    expect(two).toMatchObject({ ok: false, problem: expect.stringMatching(/is one file, got 2/) });
  });

  it('the app lists every format of src/catalog/import/formats.ts as a main format, with its region and base', async () => {
    const { PRICE_LIST_FORMATS: catalogFormats } = await import('../catalog/import/formats.ts');
    const mains = PRICE_LIST_FORMATS.filter((f) => f.main);
    expect(mains.map((f) => f.id)).toEqual(catalogFormats.map((f) => f.id));
    for (const f of catalogFormats) {
      const app = mains.find((m) => m.id === f.id)!;
      expect(app.region).toBe(f.region);
      expect(app.defaultBase).toBe(f.defaultBase);
      expect(app.multipleFiles).toBe(f.multipleFiles);
    }
  });
});
