import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../aws-us-east-1.ts';
import { ec2CsvPreamble, ec2CsvRow } from './aws-fixture.ts';
import {
  architectureOf,
  awsPriceListReader,
  mergeInstanceTypes,
  PriceListError,
  readAwsPriceList,
  type PriceListImport,
} from './aws-price-list.ts';
import { csvReader } from './csv-lines.ts';

const fixture = readFileSync(new URL('./fixtures/ec2-us-east-1.csv', import.meta.url), 'utf8');

/** Feeds the text in chunks of `size` characters: the result must not depend on where the chunks break. */
function inChunks(text: string, size: number, region = 'us-east-1'): PriceListImport {
  const r = awsPriceListReader(region);
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
  return r.end();
}

function errorOf(f: () => unknown): PriceListError {
  try {
    f();
  } catch (e) {
    if (e instanceof PriceListError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('AWS price list CSV (EC2)', () => {
  it('keeps Linux, shared, no pre-installed software, Used, on-demand hourly USD prices in the region', () => {
    const r = readAwsPriceList(fixture, 'us-east-1');
    expect(r.metadata).toMatchObject({ Version: '20251001000000', OfferCode: 'AmazonEC2' });
    expect(r.instanceTypes).toEqual([
      { name: 'c6i.xlarge', vcpu: 4, memoryGiB: 8, hourly: 0.153, architecture: 'x86_64' },
      { name: 'c7i.large', vcpu: 2, memoryGiB: 4, hourly: 0.08925, architecture: 'x86_64' },
      { name: 'm6i.large', vcpu: 2, memoryGiB: 8, hourly: 0.096, architecture: 'x86_64' },
      { name: 'm7g.xlarge', vcpu: 4, memoryGiB: 16, hourly: 0.1632, architecture: 'arm64' },
      { name: 'r7g.metal', vcpu: 64, memoryGiB: 512, hourly: 3.4272, architecture: 'arm64' },
      { name: 'x2iedn.32xlarge', vcpu: 128, memoryGiB: 4096, hourly: 26.68, architecture: 'x86_64' },
    ]);
    expect(r.rows).toBe(15);
    expect(r.kept).toBe(6);
    expect(r.skipped).toEqual({
      'not an instance': 1,
      'other region': 1,
      'not on-demand': 1,
      'not Linux': 2,
      'not shared tenancy': 1,
      'pre-installed software': 1,
      'capacity status not Used': 2,
      'not per hour in USD': 0,
      'zero price': 0,
      'same type again': 0,
    });
  });

  it('gives the same result whatever the chunk size (a chunk may end inside a quoted field or a CRLF)', () => {
    const whole = readAwsPriceList(fixture, 'us-east-1');
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(inChunks(fixture, size)).toEqual(whole);
    const crlf = fixture.replaceAll('\n', '\r\n');
    for (const size of [1, 5, 4096]) expect(inChunks(crlf, size)).toEqual(whole);
  });

  it('reads another region from the same file', () => {
    const r = readAwsPriceList(fixture, 'eu-west-1');
    expect(r.instanceTypes).toEqual([
      { name: 'm6i.large', vcpu: 2, memoryGiB: 8, hourly: 0.107, architecture: 'x86_64' },
    ]);
    expect(r.skipped['other region']).toBe(13);
  });

  it('counts a type seen again, and lists it when its price differs', () => {
    const text =
      ec2CsvPreamble() +
      [
        ec2CsvRow({ 'Instance Type': 'm6i.large', vCPU: '2', Memory: '8 GiB', PricePerUnit: '0.096' }),
        ec2CsvRow({ 'Instance Type': 'm6i.large', vCPU: '2', Memory: '8 GiB', PricePerUnit: '0.096' }),
        ec2CsvRow({ 'Instance Type': 'm6i.large', vCPU: '2', Memory: '8 GiB', PricePerUnit: '0.1' }),
        ec2CsvRow({
          'Instance Type': 'm6i.xlarge',
          vCPU: '4',
          Memory: '16 GiB',
          PricePerUnit: '0.0000000000',
        }),
      ].join('\n');
    const r = readAwsPriceList(text, 'us-east-1');
    expect(r.kept).toBe(1);
    expect(r.skipped['same type again']).toBe(2);
    expect(r.skipped['zero price']).toBe(1);
    expect(r.conflicts).toEqual([{ name: 'm6i.large', kept: 0.096, other: 0.1, line: 9 }]);
  });

  it('names the line of a value it cannot read', () => {
    const rows = [
      ec2CsvRow({ 'Instance Type': 'm6i.large', vCPU: '2', Memory: '8 GiB', PricePerUnit: '0.096' }),
      ec2CsvRow({ 'Instance Type': 'm6i.xlarge', vCPU: '4', Memory: 'lots', PricePerUnit: '0.192' }),
    ];
    const e = errorOf(() => readAwsPriceList(ec2CsvPreamble() + rows.join('\n'), 'us-east-1'));
    expect(e.line).toBe(8);
    expect(e.message).toBe(
      'line 8: column "Memory" of "m6i.xlarge": "lots" is not a memory size such as "16 GiB"',
    );
    const p = errorOf(() =>
      readAwsPriceList(
        ec2CsvPreamble() +
          ec2CsvRow({ 'Instance Type': 'a.b', vCPU: '2', Memory: '1 GiB', PricePerUnit: 'x' }),
        'us-east-1',
      ),
    );
    expect(p.message).toBe('line 7: column "PricePerUnit" of "a.b": "x" is not a price');
  });

  it('names the line of a short row, an open quote, a missing header column or a file that is not a price list', () => {
    expect(errorOf(() => readAwsPriceList(ec2CsvPreamble() + '"A","B"\n', 'us-east-1')).message).toMatch(
      /^line 7: 2 fields; the header names 91 columns$/,
    );
    expect(errorOf(() => readAwsPriceList(ec2CsvPreamble() + '\n\n"A,B\n', 'us-east-1')).message).toBe(
      'line 9: the file ends inside a quoted field',
    );
    const noRegion = ec2CsvPreamble().replace('"Region Code",', '');
    expect(errorOf(() => readAwsPriceList(noRegion, 'us-east-1')).message).toMatch(
      /^line 6: the header has no column "Region Code": not an EC2 price list/,
    );
    expect(errorOf(() => readAwsPriceList('name,price,unit\nm,1,h\n', 'us-east-1')).message).toMatch(
      /^line 1: expected a metadata row/,
    );
    expect(errorOf(() => readAwsPriceList('"FormatVersion","v1.0"\n', 'us-east-1')).message).toBe(
      'line 2: no header row (a row starting with "SKU")',
    );
  });

  it('tells the architecture from the processor, else from the name', () => {
    expect(architectureOf('AWS Graviton4 Processor', 'm8g.large')).toBe('arm64');
    expect(architectureOf('AMD EPYC 9R14', 'm7a.large')).toBe('x86_64');
    expect(architectureOf('NA', 'c6gn.large')).toBe('arm64');
    expect(architectureOf('', 'c6i.large')).toBe('x86_64');
  });

  it('merges into the base catalog: the file replaces prices, keeps maxPods, adds new types, keeps the rest', () => {
    const r = readAwsPriceList(fixture, 'us-east-1');
    const m = mergeInstanceTypes(awsUsEast1.instanceTypes, r.instanceTypes);
    expect(m.instanceTypes.find((t) => t.name === 'c6i.xlarge')).toEqual({
      name: 'c6i.xlarge',
      vcpu: 4,
      memoryGiB: 8,
      hourly: 0.153,
      maxPods: 58,
      architecture: 'x86_64',
    });
    expect(m.changes).toEqual([{ name: 'c6i.xlarge', before: 0.17, after: 0.153 }]);
    expect(
      m.instanceTypes.map((t) => t.name).filter((n) => !awsUsEast1.instanceTypes.some((b) => b.name === n)),
    ).toEqual(['c7i.large', 'r7g.metal', 'x2iedn.32xlarge']);
    expect(m.fromBase).toHaveLength(awsUsEast1.instanceTypes.length - 3);
  });
});

describe('csvReader', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, and names the start line', () => {
    const got: [string[], number][] = [];
    const r = csvReader((f, line) => got.push([f, line]));
    r.push('a,"b,c","say ""hi"""\n"two\nlines",x\r\n\nlast,');
    r.end();
    expect(got).toEqual([
      [['a', 'b,c', 'say "hi"'], 1],
      [['two\nlines', 'x'], 2],
      [['last', ''], 5],
    ]);
  });
});

describe('memory stays bounded on a file that is not a price list', () => {
  it('stops at a field or a record that runs on (no line break, or too many commas)', () => {
    const r = csvReader(() => {});
    expect(() => {
      for (let i = 0; i < 200; i += 1) r.push('x'.repeat(10_000));
    }).toThrow('line 1: a field runs on past 1000000 characters (not a CSV file?)');
    const c = csvReader(() => {});
    expect(() => c.push(','.repeat(20_000))).toThrow(
      'line 1: more than 10000 fields in one record (not a CSV file?)',
    );
  });
});
