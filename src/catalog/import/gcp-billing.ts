// GCP Cloud Billing Catalog API responses (saved JSON pages of `services/SERVICE_ID/skus`) → the machine types a
// catalog needs: Compute Engine on-demand per-vCPU-hour and per-GiB-hour prices of one region, per machine family,
// times the shapes of a documented table; and Cloud Run's prices, when its SKUs are in the files. Pure and streaming
// (json-stream.ts): one SKU is built at a time, any number of pages one after another.
//
// The format (docs/catalogs.md cites it): Google Cloud, "Get Google Cloud pricing information" (Cloud Billing Catalog
// API how-to) and the API reference for `Sku` and `PricingExpression`: a page is `{ skus: [ … ], nextPageToken }`; a
// SKU has `name`, `skuId`, `description`, `category: { serviceDisplayName, resourceFamily, resourceGroup, usageType }`,
// `serviceRegions`, `pricingInfo: [ { effectiveTime, summary, pricingExpression: { usageUnit, baseUnit,
// baseUnitConversionFactor, displayQuantity, tieredRates: [ { startUsageAmount, unitPrice: { currencyCode, units,
// nanos } } ] } } ]`, `serviceProviderName`. Money is `units` (an int64, a string in JSON) + `nanos` / 1e9.
// Compute Engine's machine-family SKUs are described "E2 Instance Core running in Americas", "N2 Instance Ram
// running in Americas" (as in published catalog files and the readers of them).
import { jsonStream, pathText, type JsonPath, type JsonValue } from './json-stream.ts';
import { offerFileReader, PriceListJsonError, type PriceListInstanceType } from './aws-price-list.ts';

export const GCP_SKIP_REASONS = [
  'other service',
  'other region',
  'not on-demand',
  'not a machine core or RAM price',
  'custom or sole-tenant',
  'family not in the table',
  'not per hour',
  'not USD',
  'same price again',
  'Cloud Run SKU not read',
] as const;
export type GcpSkipReason = (typeof GCP_SKIP_REASONS)[number];

/** Cloud Run prices found (per vCPU-second, per GiB-second, per million requests; free grants), as the file has them. */
export interface CloudRunPrices {
  vcpuSecond?: number;
  gibSecond?: number;
  idleVcpuSecond?: number;
  requestsPerMillion?: number;
  freeVcpuSeconds?: number;
  freeGibSeconds?: number;
  freeRequests?: number;
}

export interface GcpBillingImport {
  metadata: Record<string, string>;
  pages: number;
  skus: number;
  pagesWithNextToken: number;
  /** Per family kept: the per-vCPU-hour and per-GiB-hour prices (both needed to price a machine type). */
  rates: Record<string, { core?: number; ram?: number }>;
  kept: number;
  skipped: Record<GcpSkipReason, number>;
  /** A family's core or RAM price given twice, differently (the first kept). */
  conflicts: { name: string; kept: number; other: number; path: string; page: number }[];
  /** Families of the table with a core price but no RAM price or the reverse: no machine type of theirs. */
  incomplete: string[];
  instanceTypes: PriceListInstanceType[];
  cloudRun: CloudRunPrices;
}

/** The SKU description's family label → the machine family of the table. */
const FAMILIES: Record<string, string> = { E2: 'e2', N2: 'n2', 'N2D AMD': 'n2d' };

/**
 * The machine shapes priced (Google Cloud, "General-purpose machine family": E2, N2, N2D; vCPU and GiB per vCPU by
 * type): standard 4 GiB per vCPU, highmem 8, highcpu 1. E2 shared-core types are billed for a fraction of a vCPU
 * (e2-micro 0.25, e2-small 0.5, e2-medium 1, pricing-2.md §6), and that fraction is the type's `vcpu` here.
 */
const SHAPES: Record<string, { kind: string; gibPerVcpu: number; sizes: readonly number[] }[]> = {
  e2: [
    { kind: 'standard', gibPerVcpu: 4, sizes: [2, 4, 8, 16, 32] },
    { kind: 'highmem', gibPerVcpu: 8, sizes: [2, 4, 8, 16] },
    { kind: 'highcpu', gibPerVcpu: 1, sizes: [2, 4, 8, 16, 32] },
  ],
  n2: [
    { kind: 'standard', gibPerVcpu: 4, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128] },
    { kind: 'highmem', gibPerVcpu: 8, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96] },
    { kind: 'highcpu', gibPerVcpu: 1, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96] },
  ],
  n2d: [
    { kind: 'standard', gibPerVcpu: 4, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224] },
    { kind: 'highmem', gibPerVcpu: 8, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96] },
    { kind: 'highcpu', gibPerVcpu: 1, sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224] },
  ],
};
const E2_SHARED: [string, number, number][] = [
  ['e2-micro', 0.25, 1],
  ['e2-small', 0.5, 2],
  ['e2-medium', 1, 4],
];
export const GCP_FAMILIES = Object.keys(SHAPES);

/** The machine types of a family at a core and a RAM rate: vCPU × core + GiB × RAM, per hour. */
export function gcpMachineTypes(family: string, core: number, ram: number): PriceListInstanceType[] {
  const price = (v: number, g: number) => Number((v * core + g * ram).toPrecision(12));
  const out: PriceListInstanceType[] =
    family === 'e2'
      ? E2_SHARED.map(([name, v, g]) => ({
          name,
          vcpu: v,
          memoryGiB: g,
          hourly: price(v, g),
          architecture: 'x86_64',
        }))
      : [];
  for (const s of SHAPES[family] ?? []) {
    for (const v of s.sizes) {
      out.push({
        name: `${family}-${s.kind}-${v}`,
        vcpu: v,
        memoryGiB: v * s.gibPerVcpu,
        hourly: price(v, v * s.gibPerVcpu),
        architecture: 'x86_64',
      });
    }
  }
  return out;
}

/** Money `{ units, nanos }` → a number, through its exact decimal text (units + nanos / 1e9, no float sum). */
export function gcpMoney(units: JsonValue | undefined, nanos: JsonValue | undefined): number | undefined {
  const u = units === undefined ? '0' : typeof units === 'number' ? String(units) : units;
  const n = nanos === undefined ? 0 : nanos;
  if (typeof u !== 'string' || !/^-?\d{1,15}$/.test(u)) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= 1e9) return undefined;
  if (u.startsWith('-')) return undefined; // a price is not negative
  return Number(`${u}.${String(n).padStart(9, '0')}`);
}

const CORE_RAM = /^(.+?) Instance (Core|Ram) running in (.+)$/;

export interface GcpBillingReader {
  push(chunk: string): void;
  endPage(): void;
  end(): GcpBillingImport;
}

type Tier = { start: number; price: number };

export function gcpBillingReader(region: string): GcpBillingReader {
  const metadata: Record<string, string> = {};
  let pages = 0;
  let skus = 0;
  let pagesWithNextToken = 0;
  const skipped = Object.fromEntries(GCP_SKIP_REASONS.map((r) => [r, 0])) as Record<GcpSkipReason, number>;
  const rates: GcpBillingImport['rates'] = {};
  const conflicts: GcpBillingImport['conflicts'] = [];
  const run: Partial<Record<'cpu' | 'memory' | 'idle' | 'requests', Tier[]>> = {};
  let newest = '';
  let page: { push(c: string): void; end(): void } | undefined;

  const wrong = (path: JsonPath, what: string): never => {
    throw new PriceListJsonError(pathText(path), what);
  };
  const obj = (v: JsonValue | undefined) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;

  /** The SKU's current tiers (its last pricingInfo), in USD per usage unit; an error names the path. */
  const tiersOf = (
    path: JsonPath,
    sku: { [k: string]: JsonValue },
  ): { tiers: Tier[]; unit: string; usd: boolean } => {
    const infos = sku.pricingInfo;
    if (!Array.isArray(infos) || infos.length === 0) wrong([...path, 'pricingInfo'], 'no pricing info');
    const list = infos as JsonValue[];
    const at = [...path, 'pricingInfo', list.length - 1];
    const info = obj(list[list.length - 1]) ?? wrong(at, 'not an object');
    if (typeof info.effectiveTime === 'string' && info.effectiveTime > newest) newest = info.effectiveTime;
    const expr = obj(info.pricingExpression) ?? wrong([...at, 'pricingExpression'], 'not an object');
    const rates = expr.tieredRates;
    if (!Array.isArray(rates) || rates.length === 0)
      wrong([...at, 'pricingExpression', 'tieredRates'], 'no tiered rates');
    let usd = true;
    const tiers = (rates as JsonValue[]).map((r, i) => {
      const rp = [...at, 'pricingExpression', 'tieredRates', i];
      const rate = obj(r) ?? wrong(rp, 'not an object');
      const money = obj(rate.unitPrice) ?? wrong([...rp, 'unitPrice'], 'not an object');
      if (money.currencyCode !== 'USD') usd = false;
      const price = gcpMoney(money.units, money.nanos);
      if (price === undefined)
        wrong(
          [...rp, 'unitPrice'],
          `${JSON.stringify({ units: money.units ?? null, nanos: money.nanos ?? null })} is not an amount of money`,
        );
      const start = rate.startUsageAmount ?? 0;
      if (typeof start !== 'number' || !(start >= 0))
        wrong([...rp, 'startUsageAmount'], `${JSON.stringify(start)} is not a usage amount`);
      return { start: start as number, price: price! };
    });
    return {
      tiers: tiers.sort((a, b) => a.start - b.start),
      unit: typeof expr.usageUnit === 'string' ? expr.usageUnit : '',
      usd,
    };
  };

  const onSku = (path: JsonPath, value: JsonValue) => {
    skus += 1;
    const sku = obj(value) ?? wrong(path, 'a SKU is an object');
    const cat = obj(sku.category) ?? wrong([...path, 'category'], 'not an object');
    const c = (k: string) => (typeof cat[k] === 'string' ? (cat[k] as string) : '');
    const description = typeof sku.description === 'string' ? sku.description : '';
    const service = c('serviceDisplayName');
    if (service !== 'Compute Engine' && service !== 'Cloud Run') return void (skipped['other service'] += 1);
    const regions = Array.isArray(sku.serviceRegions) ? sku.serviceRegions : [];
    if (!regions.includes(region) && !(service === 'Cloud Run' && regions.includes('global')))
      return void (skipped['other region'] += 1);
    if (c('usageType') !== 'OnDemand') return void (skipped['not on-demand'] += 1);
    if (service === 'Cloud Run') return onCloudRun(path, sku, description);
    const m = CORE_RAM.exec(description);
    if (m === null || c('resourceFamily') !== 'Compute')
      return void (skipped['not a machine core or RAM price'] += 1);
    const label = m[1]!;
    if (/custom|sole tenancy|extended/i.test(label)) return void (skipped['custom or sole-tenant'] += 1);
    const family = FAMILIES[label];
    if (family === undefined) return void (skipped['family not in the table'] += 1);
    const part = m[2] === 'Core' ? 'core' : 'ram';
    const { tiers, unit, usd } = tiersOf(path, sku);
    if (unit !== (part === 'core' ? 'h' : 'GiBy.h')) return void (skipped['not per hour'] += 1);
    if (!usd) return void (skipped['not USD'] += 1);
    const price = tiers[0]!.price;
    const r = (rates[family] ??= {});
    const seen = r[part];
    if (seen !== undefined) {
      skipped['same price again'] += 1;
      if (seen !== price)
        conflicts.push({
          name: `${family} ${part}`,
          kept: seen,
          other: price,
          path: pathText(path),
          page: pages,
        });
      return;
    }
    r[part] = price;
  };

  /** Cloud Run: CPU and memory allocation time, idle min-instance CPU, requests; a zero first tier is the free grant. */
  const onCloudRun = (path: JsonPath, sku: { [k: string]: JsonValue }, description: string) => {
    const kind = /^CPU Allocation Time( \(tier \d\))?$/.test(description)
      ? 'cpu'
      : /^Memory Allocation Time( \(tier \d\))?$/.test(description)
        ? 'memory'
        : /^Idle Min-Instance CPU Allocation Time( \(tier \d\))?$/.test(description)
          ? 'idle'
          : description === 'Requests'
            ? 'requests'
            : undefined;
    if (kind === undefined || run[kind] !== undefined) return void (skipped['Cloud Run SKU not read'] += 1);
    const { tiers, usd } = tiersOf(path, sku);
    if (!usd) return void (skipped['not USD'] += 1);
    run[kind] = tiers;
  };

  const pageReader = () => {
    let pageSkus = 0;
    const json = jsonStream(
      (p) => (p.length === 1 && p[0] !== 'skus') || (p.length === 2 && p[0] === 'skus'),
      (p, value) => {
        if (p.length === 2) {
          pageSkus += 1;
          onSku(p, value);
        } else if (p[0] === 'nextPageToken' && typeof value === 'string' && value !== '')
          pagesWithNextToken += 1;
      },
    );
    return offerFileReader(json, { code: () => undefined, expected: '', what: '' }, () => {
      // The API leaves empty lists out (proto3 JSON): a page with no SKU is not one worth reading, or not a page.
      if (pageSkus === 0)
        wrong([], 'no SKU in "skus": not a Cloud Billing Catalog SKU list (or an empty page)');
    });
  };

  return {
    push(chunk) {
      if (page === undefined) {
        pages += 1;
        page = pageReader();
      }
      page.push(chunk);
    },
    endPage() {
      const p = page;
      page = undefined;
      p?.end();
    },
    end() {
      this.endPage();
      if (pages === 0) throw new PriceListJsonError('(top)', 'no page read');
      const instanceTypes: PriceListInstanceType[] = [];
      const incomplete: string[] = [];
      for (const family of GCP_FAMILIES) {
        const r = rates[family];
        if (r === undefined) continue;
        if (r.core === undefined || r.ram === undefined) incomplete.push(family);
        else instanceTypes.push(...gcpMachineTypes(family, r.core, r.ram));
      }
      const cloudRun: CloudRunPrices = {};
      const paid = (t: Tier[] | undefined) => t?.find((x) => x.price > 0);
      const free = (t: Tier[] | undefined) =>
        t !== undefined && t[0]!.price === 0 ? paid(t)?.start : undefined;
      const put = (k: keyof CloudRunPrices, v: number | undefined) => {
        if (v !== undefined) cloudRun[k] = Number(v.toPrecision(12));
      };
      put('vcpuSecond', paid(run.cpu)?.price);
      put('freeVcpuSeconds', free(run.cpu));
      put('gibSecond', paid(run.memory)?.price);
      put('freeGibSeconds', free(run.memory));
      put('idleVcpuSecond', paid(run.idle)?.price);
      const req = paid(run.requests);
      put('requestsPerMillion', req === undefined ? undefined : req.price * 1e6);
      put('freeRequests', free(run.requests));
      if (newest !== '') metadata['newest price'] = newest.slice(0, 10);
      return {
        metadata,
        pages,
        skus,
        pagesWithNextToken,
        rates,
        kept: instanceTypes.length,
        skipped,
        conflicts,
        incomplete,
        instanceTypes,
        cloudRun,
      };
    },
  };
}

/** Convenience for tests and small inputs: each text one page. */
export function readGcpBilling(pagesText: readonly string[], region: string): GcpBillingImport {
  const r = gcpBillingReader(region);
  for (const t of pagesText) {
    r.push(t);
    r.endPage();
  }
  return r.end();
}
