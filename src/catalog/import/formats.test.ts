import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledCatalog, DEFAULT_CATALOG_ID } from '../index.ts';
import { catalogSchema } from '../../plan/schema.ts';
import { PRICE_LIST_FORMATS, priceListFormat, type PriceListFormatId } from './formats.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const FILES: Record<PriceListFormatId, [string, string][]> = {
  'aws-price-list': [['ec2-us-east-1.csv', fixture('ec2-us-east-1.csv')]],
  'azure-retail': [
    ['azure-eastus-page1.json', fixture('azure-eastus-page1.json')],
    ['azure-eastus-page2.json', fixture('azure-eastus-page2.json')],
  ],
  'gcp-billing': [
    ['gcp-compute-page1.json', fixture('gcp-compute-page1.json')],
    ['gcp-compute-page2.json', fixture('gcp-compute-page2.json')],
  ],
};
const REGION: Record<PriceListFormatId, string> = {
  'aws-price-list': 'us-east-1',
  'azure-retail': 'eastus',
  'gcp-billing': 'us-central1',
};

describe('the list of price list formats', () => {
  it('has one entry per format, each reading its fixture to a catalog the catalog schema accepts', () => {
    expect(PRICE_LIST_FORMATS.map((f) => f.id)).toEqual(['aws-price-list', 'azure-retail', 'gcp-billing']);
    for (const f of PRICE_LIST_FORMATS) {
      const reader = f.start(REGION[f.id], bundledCatalog('aws-us-east-1')!);
      for (const [, text] of FILES[f.id]) {
        for (let i = 0; i < text.length; i += 1000) reader.push(text.slice(i, i + 1000));
        reader.endFile();
      }
      const r = reader.end(FILES[f.id].map(([n]) => n));
      expect(r.kept, f.id).toBeGreaterThan(0);
      expect(r.skipped.length, f.id).toBeGreaterThan(0);
      expect(catalogSchema.safeParse(r.catalog).success, f.id).toBe(true);
      expect(f.region.pattern.test(REGION[f.id]), f.id).toBe(true);
    }
  });

  it('gives the bundled default catalog as the AWS base, and the planned ones for Azure and GCP', () => {
    expect(priceListFormat('aws-price-list')?.defaultBase).toBe(DEFAULT_CATALOG_ID);
    expect(priceListFormat('azure-retail')?.defaultBase).toBe('azure-eastus');
    expect(priceListFormat('gcp-billing')?.defaultBase).toBe('gcp-us-central1');
    expect(priceListFormat('nope')).toBeUndefined();
  });

  it('refuses a second file for the AWS offer file', () => {
    const r = priceListFormat('aws-price-list')!.start('us-east-1', bundledCatalog('aws-us-east-1')!);
    r.push(fixture('ec2-us-east-1.csv'));
    r.endFile();
    expect(() => r.push('x')).toThrow('the AWS offer file is one file');
  });
});
