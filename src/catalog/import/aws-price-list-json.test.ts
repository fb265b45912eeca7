import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ec2JsonOffer } from './aws-fixture.ts';
import {
  awsPriceListAutoReader,
  awsPriceListJsonReader,
  PriceListJsonError,
  readAwsPriceList,
  type PriceListImport,
} from './aws-price-list.ts';
import { jsonStream, JsonStreamError, type JsonPath, type JsonValue } from './json-stream.ts';

const json = readFileSync(new URL('./fixtures/ec2-us-east-1.json', import.meta.url), 'utf8');
const csv = readFileSync(new URL('./fixtures/ec2-us-east-1.csv', import.meta.url), 'utf8');

function readJson(text: string, region = 'us-east-1', size = text.length): PriceListImport {
  const r = awsPriceListJsonReader(region);
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
  return r.end();
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('no error');
}

describe('AWS price list JSON offer file (EC2)', () => {
  it('keeps the same instance types as the CSV form of the same prices, counted per product', () => {
    const r = readJson(json);
    const c = readAwsPriceList(csv, 'us-east-1');
    expect(r.instanceTypes).toEqual(c.instanceTypes);
    expect(r.metadata).toEqual({
      FormatVersion: 'v1.0',
      OfferCode: 'AmazonEC2',
      Version: '20251001000000',
      'Publication Date': '2025-10-01T00:00:00Z',
    });
    expect(r.rows).toBe(14); // products; the CSV's reserved row is a term here, not a product
    expect(r.skipped).toEqual({ ...c.skipped, 'not on-demand': 0 });
  });

  it('gives the same result whatever the chunk size', () => {
    const whole = readJson(json);
    for (const size of [1, 3, 17, 4096]) expect(readJson(json, 'us-east-1', size)).toEqual(whole);
  });

  it('reads a file whose terms come before its products', () => {
    const doc = JSON.parse(json) as Record<string, unknown>;
    const reordered = JSON.stringify({
      terms: doc.terms,
      products: doc.products,
      version: doc.version,
      offerCode: doc.offerCode,
    });
    expect(readJson(reordered).instanceTypes).toEqual(readJson(json).instanceTypes);
  });

  it('counts a product with no on-demand term as not on-demand', () => {
    const text = ec2JsonOffer([
      { sku: 'A', attributes: { instanceType: 'm6i.large', vcpu: '2', memory: '8 GiB' }, reserved: '0.06' },
      {
        sku: 'B',
        attributes: { instanceType: 'm6i.xlarge', vcpu: '4', memory: '16 GiB' },
        onDemand: '0.192',
      },
    ]);
    const r = readJson(text);
    expect(r.kept).toBe(1);
    expect(r.skipped['not on-demand']).toBe(1);
  });

  it('names the JSON path of a value it cannot read', () => {
    const bad = ec2JsonOffer([
      {
        sku: 'SKU1',
        attributes: { instanceType: 'm6i.large', vcpu: 'two', memory: '8 GiB' },
        onDemand: '0.096',
      },
    ]);
    const e = thrown(() => readJson(bad));
    expect(e).toBeInstanceOf(PriceListJsonError);
    expect(e.message).toBe('products.SKU1.attributes.vcpu: "two" is not a vCPU count');
    const price = ec2JsonOffer([
      { sku: 'SKU1', attributes: { instanceType: 'm6i.large', vcpu: '2', memory: '8 GiB' }, onDemand: 'x' },
    ]);
    expect(thrown(() => readJson(price)).message).toBe(
      'terms.OnDemand.SKU1["SKU1.JRTCKXETXF"].priceDimensions["SKU1.JRTCKXETXF.6YS6EN2CT7"].pricePerUnit.USD: "x" is not a price',
    );
    expect(thrown(() => readJson(json.replace('"products": {', '"products": {,'))).message).toBe(
      'products: unexpected "," (line 7)',
    );
    expect(thrown(() => readJson(json.slice(0, 2000))).message).toMatch(
      /^products\.SKU\d+\.attributes: the text ends before the document does \(line \d+\)$/,
    );
    expect(thrown(() => readJson(json.replace('"AmazonEC2"', '"AWSLambda"'))).message).toBe(
      'offerCode: "AWSLambda": not the EC2 offer file (AmazonEC2)',
    );
  });

  it('tells the CSV and the JSON form apart by the first character', () => {
    for (const [text, format] of [
      [json, 'json'],
      [`\n ${json}`, 'json'],
      [csv, 'csv'],
    ] as const) {
      const r = awsPriceListAutoReader('us-east-1');
      for (let i = 0; i < text.length; i += 1) r.push(text[i]!);
      expect(r.end().kept).toBe(6);
      expect(r.format()).toBe(format);
    }
  });
});

describe('jsonStream', () => {
  const read = (text: string, capture: (p: JsonPath) => boolean, size = 1) => {
    const got: [JsonPath, JsonValue][] = [];
    const r = jsonStream(capture, (p, v) => got.push([p, v]));
    for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
    r.end();
    return got;
  };

  it('builds only the values asked for, with escapes, numbers and literals, whatever the chunks', () => {
    const text =
      '{"a":{"x":[1,-2.5e3,true,null,"q\\"\\\\\\u00e9"]},"b":{"skip":[{"deep":1}]},"c":[{"k":"v"},{"k":"w"}]}';
    for (const size of [1, 2, 5, 1000]) {
      expect(
        read(text, (p) => (p.length === 1 && p[0] === 'a') || (p.length === 2 && p[0] === 'c'), size),
      ).toEqual([
        [['a'], { x: [1, -2500, true, null, 'q"\\é'] }],
        [['c', 0], { k: 'v' }],
        [['c', 1], { k: 'w' }],
      ]);
    }
    expect(read(text, () => true, 3)).toEqual([[[], JSON.parse(text)]]);
  });

  it('names the path and line of a syntax error', () => {
    const err = (text: string) => thrown(() => read(text, () => false));
    expect(err('{"a":\n{"b":[1,2,]}}')).toEqual(
      new JsonStreamError('a.b', 2, 'unexpected "]" after a comma'),
    );
    expect(err('{"a":1}{').message).toBe('(top) (line 1): more text after the end of the document');
    expect(err('{"a":01}').message).toBe('a (line 1): "01" is not a number');
    expect(err('{"a":"x\ny"}').message).toBe(
      'a (line 1): a control character (a line break?) inside a string',
    );
    expect(err('{"a" 1}').message).toBe('(top) (line 1): a value where a comma, colon or key was expected');
    expect(err('').message).toBe('(top) (line 1): no JSON value');
  });
});

describe('jsonStream bounds', () => {
  it('stops at a string that runs on, and at a captured value too large to build', () => {
    const r = jsonStream(
      () => false,
      () => {},
    );
    r.push('{"a":"');
    expect(() => {
      for (let i = 0; i < 200; i += 1) r.push('x'.repeat(10_000));
    }).toThrow('a (line 1): a string runs on past 1000000 characters');
    const big = jsonStream(
      (p) => p.length === 1,
      () => {},
    );
    big.push('{"a":[');
    expect(() => {
      for (let i = 0; i < 200_001; i += 1) big.push('1,');
    }).toThrow(/^a\[\d+\] \(line 1\): a value of more than 100000 parts: too large to read$/);
  });
});
