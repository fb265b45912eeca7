import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../aws-us-east-1.ts';
import { lambdaJsonOffer } from './aws-fixture.ts';
import {
  awsLambdaPriceListReader,
  withLambdaPrices,
  type LambdaPriceListImport,
} from './aws-lambda-price-list.ts';

const lambda = readFileSync(new URL('./fixtures/lambda-us-east-1.json', import.meta.url), 'utf8');

function read(text: string, region = 'us-east-1', size = 7): LambdaPriceListImport {
  const r = awsLambdaPriceListReader(region);
  for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
  return r.end();
}

describe('AWS Lambda offer file (JSON)', () => {
  it('reads requests, duration tiers (in range order) and provisioned prices per architecture', () => {
    const r = read(lambda);
    expect(r.products).toBe(11);
    expect(r.skipped).toEqual({ 'not Lambda': 1, 'other region': 1, 'free tier': 1, 'other group': 0 });
    expect(r.found).toEqual({
      requestsPerMillion: { x86_64: 0.2, arm64: 0.2 },
      gbSecond: awsUsEast1.serverless.gbSecond,
      provisionedConcurrencyGbSecond: awsUsEast1.serverless.provisionedConcurrencyGbSecond,
      provisionedDurationGbSecond: awsUsEast1.serverless.provisionedDurationGbSecond,
    });
  });

  it('gives the bundled catalog’s Lambda prices back from a file with the same prices, and lists a change', () => {
    expect(withLambdaPrices(awsUsEast1.serverless, read(lambda).found)).toEqual({
      serverless: awsUsEast1.serverless,
      changes: [],
    });
    const dearer = lambda.replace('"USD": "0.0000041667"', '"USD": "0.0000045"');
    expect(withLambdaPrices(awsUsEast1.serverless, read(dearer).found).changes).toEqual([
      { name: 'provisioned concurrency per GB-second, x86_64', before: '0.0000041667', after: '0.0000045' },
    ]);
  });

  it('finds nothing for a region the file does not have, and counts other groups', () => {
    expect(read(lambda, 'ap-south-1').found).toEqual({});
    const other = lambdaJsonOffer([
      { sku: 'S1', attributes: { group: 'AWS-Lambda-Some-Other-Group' }, dims: [['0', 'Inf', '0.1']] },
    ]);
    expect(read(other).skipped['other group']).toBe(1);
  });

  it('names the JSON path of a price or tier it cannot read, and refuses another offer', () => {
    const bad = lambdaJsonOffer([
      { sku: 'S1', attributes: { group: 'AWS-Lambda-Duration' }, dims: [['0', 'Inf', 'free']] },
    ]);
    expect(() => read(bad)).toThrow(
      'terms.OnDemand.S1["S1.JRTCKXETXF"].priceDimensions["S1.JRTCKXETXF.RATE0"].pricePerUnit.USD: "free" is not a price',
    );
    const gap = lambdaJsonOffer([
      {
        sku: 'S1',
        attributes: { group: 'AWS-Lambda-Duration' },
        dims: [
          ['0', '10', '0.1'],
          ['20', 'Inf', '0.05'],
        ],
      },
    ]);
    expect(() => read(gap)).toThrow(
      'terms.OnDemand.S1: the duration tiers do not follow each other (10 then 20)',
    );
    expect(() => read(lambda.replace('"AWSLambda",\n  "version"', '"AmazonEC2",\n  "version"'))).toThrow(
      'offerCode: "AmazonEC2": not the Lambda offer file (AWSLambda)',
    );
  });
});
