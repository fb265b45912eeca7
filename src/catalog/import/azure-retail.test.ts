import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { azureItem, azurePage } from './azure-fixture.ts';
import {
  azureRetailReader,
  azureSizeByRule,
  azureUnitSize,
  readAzureRetail,
  sizesOf,
  type AzureRetailImport,
} from './azure-retail.ts';
import { PriceListJsonError } from './aws-price-list.ts';

const page1 = readFileSync(new URL('./fixtures/azure-eastus-page1.json', import.meta.url), 'utf8');
const page2 = readFileSync(new URL('./fixtures/azure-eastus-page2.json', import.meta.url), 'utf8');

function readChunked(pages: string[], size: number, region = 'eastus'): AzureRetailImport {
  const r = azureRetailReader(region);
  for (const p of pages) {
    for (let i = 0; i < p.length; i += size) r.push(p.slice(i, i + size));
    r.endPage();
  }
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

describe('Azure Retail Prices pages', () => {
  it('keeps the Linux pay-as-you-go VM sizes of the region with sizes from the size rules', () => {
    const r = readAzureRetail([page1, page2], 'eastus');
    expect(r.instanceTypes).toEqual([
      { name: 'Standard_B2s', vcpu: 2, memoryGiB: 4, hourly: 0.0416, architecture: 'x86_64' },
      { name: 'Standard_D2as_v5', vcpu: 2, memoryGiB: 8, hourly: 0.086, architecture: 'x86_64' },
      { name: 'Standard_D2s_v5', vcpu: 2, memoryGiB: 8, hourly: 0.096, architecture: 'x86_64' },
      { name: 'Standard_D4s_v5', vcpu: 4, memoryGiB: 16, hourly: 0.2, architecture: 'x86_64' },
      { name: 'Standard_E2_v5', vcpu: 2, memoryGiB: 16, hourly: 0.126, architecture: 'x86_64' },
      { name: 'Standard_F2s_v2', vcpu: 2, memoryGiB: 4, hourly: 0.0846, architecture: 'x86_64' },
    ]);
    expect(r.pages).toBe(2);
    expect(r.items).toBe(23);
    expect(r.pagesWithNextLink).toBe(1);
    expect(r.metadata).toEqual({
      BillingCurrency: 'USD',
      CustomerEntityId: 'Default',
      CustomerEntityType: 'Retail',
      'newest price': '2025-10-01',
    });
  });

  it('counts every item skipped under the first filter it fails', () => {
    const r = readAzureRetail([page1, page2], 'eastus');
    expect(r.skipped).toEqual({
      'other service': 1,
      'other region': 1,
      'not Consumption': 2,
      'not USD': 1,
      Windows: 1,
      'Spot or Low Priority': 2,
      'not per hour': 0,
      'not the primary meter region': 1,
      'zero price': 0,
      'size unknown': 1,
      'same size again': 2,
      'Functions meter not read': 1,
    });
    expect(r.unsized).toEqual(['Standard_NC6s_v3']);
    expect(r.kept + Object.values(r.skipped).reduce((a, b) => a + b, 0) + 4).toBe(r.items); // 4 Functions tiers
  });

  it('keeps the later price of a size priced twice and lists it as a conflict', () => {
    const r = readAzureRetail([page1, page2], 'eastus');
    expect(r.conflicts).toEqual([
      { name: 'Standard_D4s_v5', kept: 0.2, other: 0.192, path: 'Items[7]', page: 2 },
    ]);
  });

  it('reads Azure Functions Consumption: per million executions, per GB-second and the free grant', () => {
    expect(readAzureRetail([page1, page2], 'eastus').functions).toEqual({
      requestsPerMillion: 0.2,
      freeRequests: 1_000_000,
      gbSecond: 0.000016,
      freeGbSeconds: 400_000,
    });
  });

  it('gives the same result whatever the chunk size', () => {
    const whole = readAzureRetail([page1, page2], 'eastus');
    for (const size of [1, 7, 64, 4096]) expect(readChunked([page1, page2], size)).toEqual(whole);
  });

  it('takes vCPU and memory from the base catalog before the size rules, and its architecture', () => {
    const base = sizesOf([
      { name: 'Standard_NC6s_v3', vcpu: 6, memoryGiB: 112, hourly: 3, architecture: 'x86_64' },
      { name: 'Standard_D2s_v5', vcpu: 2, memoryGiB: 8, hourly: 0.1 },
    ]);
    const r = readAzureRetail([page1, page2], 'eastus', base);
    expect(r.instanceTypes.find((t) => t.name === 'Standard_NC6s_v3')).toEqual({
      name: 'Standard_NC6s_v3',
      vcpu: 6,
      memoryGiB: 112,
      hourly: 3.06,
      architecture: 'x86_64',
    });
    expect(r.skipped['size unknown']).toBe(0);
  });

  it('finds nothing of another region, and says what it skipped', () => {
    const r = readAzureRetail([page1, page2], 'westeurope');
    expect(r.kept).toBe(0);
    expect(r.skipped['other region']).toBe(22); // all but the storage item: Functions too
  });

  it('names the JSON path of a price that is not one', () => {
    const bad = azurePage([azureItem({ armSkuName: 'Standard_D2s_v5', retailPrice: 0.096 })], null).replace(
      '"retailPrice": 0.096',
      '"retailPrice": "0.096"',
    );
    const e = thrown(() => readAzureRetail([bad], 'eastus'));
    expect(e).toBeInstanceOf(PriceListJsonError);
    expect(e.message).toBe('Items[0].retailPrice: "0.096" is not a price');
  });

  it('names the path and line of a syntax error, and refuses a page cut short', () => {
    const e = thrown(() => readAzureRetail([page1.slice(0, 400)], 'eastus'));
    expect(e.message).toMatch(/^Items\[0\](\.\w+)?: the text ends before the document does \(line \d+\)$/);
    const cut = page1.replace('"Count": 9', '"Count": 10');
    expect(thrown(() => readAzureRetail([cut], 'eastus')).message).toBe(
      'Count: 10, but the page has 9 items: is the file cut short?',
    );
  });

  it('refuses a file that is not a response of the API', () => {
    expect(thrown(() => readAzureRetail(['{"products": {}}'], 'eastus')).message).toBe(
      '(top): no "Items" and no "Count": not an Azure Retail Prices API response',
    );
    expect(thrown(() => readAzureRetail(['{"Items": [1]}'], 'eastus')).message).toBe(
      'Items[0]: an item is an object',
    );
  });

  it('sizes by rule only the sizes the series has', () => {
    expect(azureSizeByRule('Standard_D96s_v5')).toEqual({ vcpu: 96, memoryGiB: 384, architecture: 'x86_64' });
    expect(azureSizeByRule('Standard_D6s_v5')).toBeUndefined();
    expect(azureSizeByRule('Standard_F72s_v2')).toEqual({ vcpu: 72, memoryGiB: 144, architecture: 'x86_64' });
    expect(azureSizeByRule('Standard_B1ls')).toEqual({ vcpu: 1, memoryGiB: 0.5, architecture: 'x86_64' });
    expect(azureSizeByRule('Standard_D2ps_v5')).toBeUndefined();
  });

  it('reads the unit of measure', () => {
    expect(azureUnitSize('1 Hour')).toEqual({ size: 1, what: 'hour' });
    expect(azureUnitSize('10')).toEqual({ size: 10, what: '' });
    expect(azureUnitSize('1 Million')).toEqual({ size: 1e6, what: '' });
    expect(azureUnitSize('1 GB Second')).toEqual({ size: 1, what: 'gb second' });
    expect(azureUnitSize('1/Month')).toBeUndefined();
  });
});
