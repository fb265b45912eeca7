// The app's price-list import state (PriceListImporter) with the Azure and GCP formats: switching the format sets
// the region's example and the format's default base, the region is checked by the chosen format's pattern, and a
// multi-page format takes several files, one page each.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../worker/client.ts';
import { AppState } from './app.svelte.ts';
import { fakePlatform, memoryStorage, memoryStore } from './test-support.ts';

async function started() {
  const store = memoryStore();
  const app = new AppState(store, fakePlatform(), new EngineClient(() => null), {
    journal: memoryStorage(),
    now: () => Date.UTC(2026, 10, 30),
  });
  await app.init();
  return { app, store };
}

const page = (name: string) =>
  new File(
    [new Uint8Array(readFileSync(new URL(`../catalog/import/fixtures/${name}`, import.meta.url)))],
    name,
  );

describe('PriceListImporter formats', () => {
  it('switching the format sets its example region and its bundled default base, and checks its region codes', async () => {
    const { app } = await started();
    const imp = app.priceListImport;
    expect(imp.mainFormat).toBe('aws-price-list');
    expect(imp.extras.map((f) => f.id)).toEqual(['aws-lambda-price-list']);
    imp.mainFormat = 'azure-retail';
    expect(imp.region).toBe('eastus');
    expect(imp.baseKey).toBe('bundled:azure-eastus');
    expect(imp.format.multipleFiles).toBe(true);
    expect(imp.extras).toEqual([]);
    expect(imp.missing).toBe('Choose the price-list pages first.');
    imp.choose('azure-retail', [page('azure-eastus-page1.json')]);
    expect(imp.missing).toBeNull();
    imp.region = 'us-east-1';
    expect(imp.missing).toBe('Give an Azure region (armRegionName) such as eastus.');
    imp.mainFormat = 'gcp-billing';
    expect(imp.region).toBe('us-central1');
    expect(imp.baseKey).toBe('bundled:gcp-us-central1');
    // Choosing the same format again keeps what was typed; an unknown format changes nothing.
    imp.region = 'europe-west1';
    imp.mainFormat = 'gcp-billing';
    imp.mainFormat = 'nope';
    expect(imp.region).toBe('europe-west1');
    expect(imp.mainFormat).toBe('gcp-billing');
    imp.mainFormat = 'aws-price-list';
    expect([imp.region, imp.baseKey]).toEqual(['us-east-1', 'bundled:aws-us-east-1']);
  });

  it('a format switch forgets the files chosen before (the pickers shown are new and empty)', async () => {
    const { app } = await started();
    const imp = app.priceListImport;
    imp.choose('aws-price-list', page('ec2-us-east-1.csv'));
    imp.choose('aws-lambda-price-list', page('lambda-us-east-1.json'));
    expect(imp.missing).toBeNull();
    imp.mainFormat = 'azure-retail';
    imp.mainFormat = 'aws-price-list';
    expect(imp.files).toEqual({});
    expect(imp.missing).toBe('Choose the price-list file first.');
  });

  it('imports two Azure pages chosen together and saves the catalog; a Lambda file chosen before is not used', async () => {
    const { app, store } = await started();
    const imp = app.priceListImport;
    imp.choose('aws-lambda-price-list', page('lambda-us-east-1.json'));
    imp.mainFormat = 'azure-retail';
    imp.choose('azure-retail', [page('azure-eastus-page1.json'), page('azure-eastus-page2.json')]);
    await imp.start();
    const s = imp.status;
    if (s.state !== 'done') throw new Error(JSON.stringify(s));
    expect(s.summaries.map((x) => [x.format, x.fileName])).toEqual([
      ['azure-retail', 'azure-eastus-page1.json, azure-eastus-page2.json'],
    ]);
    expect(s.catalog.instanceTypes.find((t) => t.name === 'Standard_D4s_v5')?.hourly).toBe(0.2);
    expect(await imp.save('Azure pages')).toBe(true);
    expect((await store.listCatalogs()).map((r) => r.name)).toEqual(['Azure pages']);
  });
});
