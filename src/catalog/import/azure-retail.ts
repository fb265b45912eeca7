// Azure Retail Prices API responses (saved JSON pages) → the VM sizes and Azure Functions Consumption prices a
// catalog needs: Virtual Machines of one region (`armRegionName`), pay-as-you-go (`type` "Consumption"), Linux, not
// Spot or Low Priority, per hour, the primary meter region, in USD. Pure and streaming (json-stream.ts): one item is
// built at a time; a page of the API is 100 items (1,000 with the newer api-version) and a region's VM prices are
// tens of thousands of items over hundreds of pages, so the reader takes any number of files, one after another.
//
// The format (docs/catalogs.md cites it): Microsoft Learn, "Azure Retail Prices overview" (REST API, Cost
// Management): a page is `{ BillingCurrency, CustomerEntityId, CustomerEntityType, Items: [ … ], NextPageLink,
// Count }`; an item has `currencyCode`, `tierMinimumUnits`, `retailPrice`, `unitPrice`, `armRegionName`, `location`,
// `effectiveStartDate`, `meterId`, `meterName`, `productId`, `skuId`, `productName`, `skuName`, `serviceName`,
// `serviceId`, `serviceFamily`, `unitOfMeasure`, `type` (Consumption, DevTestConsumption, Reservation),
// `isPrimaryMeterRegion`, `armSkuName` (and `reservationTerm` on reservations, `savingsPlan` in newer versions).
//
// The price list has no vCPU or memory: a size comes from the base catalog (same name) or from the size rules below
// (Microsoft's size pages for the series); any other size is skipped and named in the summary.
import type { Architecture, InstanceType } from '../../model/types.ts';
import { jsonStream, pathText, type JsonPath, type JsonValue } from './json-stream.ts';
import { offerFileReader, PriceListJsonError, type PriceListInstanceType } from './aws-price-list.ts';

/** Why an item was not kept, in the order the filters run (an item is counted under the first that rejects it). */
export const AZURE_SKIP_REASONS = [
  'other service',
  'other region',
  'not Consumption',
  'not USD',
  'Windows',
  'Spot or Low Priority',
  'not per hour',
  'not the primary meter region',
  'zero price',
  'size unknown',
  'same size again',
  'Functions meter not read',
] as const;
export type AzureSkipReason = (typeof AZURE_SKIP_REASONS)[number];

/** Azure Functions Consumption prices found (per million executions, per GB-second, and the free grant). */
export interface AzureFunctionsPrices {
  requestsPerMillion?: number;
  gbSecond?: number;
  freeRequests?: number;
  freeGbSeconds?: number;
}

export interface AzureRetailImport {
  /** From the first page: BillingCurrency, CustomerEntityType, CustomerEntityId; `newest price` = latest date kept. */
  metadata: Record<string, string>;
  /** Files (response pages) read, items read, and pages whose NextPageLink was not null (more pages exist). */
  pages: number;
  items: number;
  pagesWithNextLink: number;
  kept: number;
  skipped: Record<AzureSkipReason, number>;
  /** The same size with two prices in the region (the later `effectiveStartDate` kept). */
  conflicts: { name: string; kept: number; other: number; path: string; page: number }[];
  /** Sizes skipped as "size unknown" (the first 50 names, sorted). */
  unsized: string[];
  instanceTypes: PriceListInstanceType[];
  functions: AzureFunctionsPrices;
}

/** A size's vCPU and memory, by ARM name, for the series Headroom knows without the base catalog. */
export interface AzureSize {
  vcpu: number;
  memoryGiB: number;
  architecture: Architecture;
}

/**
 * The series supported without a base entry, from Microsoft's size pages (Microsoft Learn, "Sizes for virtual
 * machines in Azure": Dv5 and Dsv5-series, Dasv5 and Dadsv5-series, Ev5 and Esv5-series, Fsv2-series, B-series
 * burstable): each a name pattern, the sizes (vCPU counts) the series has, and GiB per vCPU. The v5 and v2 series
 * are x86_64 (Intel or AMD).
 */
const SIZE_RULES: { series: string; pattern: RegExp; sizes: readonly number[]; gibPerVcpu: number }[] = [
  { series: 'Dsv5', pattern: /^Standard_D(\d+)s_v5$/, sizes: [2, 4, 8, 16, 32, 48, 64, 96], gibPerVcpu: 4 },
  { series: 'Dasv5', pattern: /^Standard_D(\d+)as_v5$/, sizes: [2, 4, 8, 16, 32, 48, 64, 96], gibPerVcpu: 4 },
  { series: 'Ev5', pattern: /^Standard_E(\d+)_v5$/, sizes: [2, 4, 8, 16, 20, 32, 48, 64, 96], gibPerVcpu: 8 },
  { series: 'Fsv2', pattern: /^Standard_F(\d+)s_v2$/, sizes: [2, 4, 8, 16, 32, 48, 64, 72], gibPerVcpu: 2 },
];
/** B-series (burstable, v1): no single ratio, so the table (Microsoft Learn, "B-series burstable virtual machine sizes"). */
const B_SERIES: Record<string, [number, number]> = {
  Standard_B1ls: [1, 0.5],
  Standard_B1s: [1, 1],
  Standard_B1ms: [1, 2],
  Standard_B2s: [2, 4],
  Standard_B2ms: [2, 8],
  Standard_B4ms: [4, 16],
  Standard_B8ms: [8, 32],
  Standard_B12ms: [12, 48],
  Standard_B16ms: [16, 64],
  Standard_B20ms: [20, 80],
};
export const AZURE_SIZE_SERIES = [...SIZE_RULES.map((r) => r.series), 'B-series (v1)'];

/** The size rule's answer for an ARM size name, or undefined for a series (or size) not in the rules. */
export function azureSizeByRule(armSkuName: string): AzureSize | undefined {
  const b = B_SERIES[armSkuName];
  if (b !== undefined) return { vcpu: b[0], memoryGiB: b[1], architecture: 'x86_64' };
  for (const r of SIZE_RULES) {
    const m = r.pattern.exec(armSkuName);
    if (m === null) continue;
    const n = Number(m[1]);
    return r.sizes.includes(n) ? { vcpu: n, memoryGiB: n * r.gibPerVcpu, architecture: 'x86_64' } : undefined;
  }
  return undefined;
}

/** Spot and Low Priority meters are named so in `skuName` / `meterName` ("D2s v5 Spot", "D2s v5 Low Priority"). */
const DISCOUNTED = /\b(spot|low priority)\b/i;
/** Binary floating point: 0.000002 × 1e6 / 10 is not 0.2 exactly; a price has far fewer digits than 12. */
const tidy = (n: number) => Number(n.toPrecision(12));

/**
 * `unitOfMeasure` → how many units the price is for: "1 Hour" → 1, "10" → 10, "1 Million" → 1e6, "1M" → 1e6,
 * "100 Hours" → 100; anything else → undefined.
 */
export function azureUnitSize(unit: string): { size: number; what: string } | undefined {
  const m = /^\s*([\d.]+)\s*([KM]\b|Million\b|Thousand\b)?\s*(.*?)\s*$/i.exec(unit);
  if (m === null) return undefined;
  const n = Number(m[1]);
  // "1/Month", "1 GB/Month": a unit per period, not a count of units.
  if (!(n > 0) || m[3]!.includes('/')) return undefined;
  const scale = m[2] === undefined ? 1 : /^(m|million)$/i.test(m[2]) ? 1e6 : 1e3;
  return { size: n * scale, what: m[3]!.toLowerCase() };
}

export interface AzureRetailReader {
  /** A chunk of the current page (file). */
  push(chunk: string): void;
  /** The current page is complete: checks it (located errors) and gets ready for the next file. */
  endPage(): void;
  /** Ends the last page (if one is open) and returns what was kept. */
  end(): AzureRetailImport;
}

/**
 * Reads Azure Retail Prices pages for `region` (an ARM region name such as "eastus"). `knownSizes` gives vCPU and
 * memory by ARM name (the base catalog's instance types); sizes it lacks fall back to the size rules.
 */
export function azureRetailReader(
  region: string,
  knownSizes: ReadonlyMap<string, AzureSize> = new Map(),
): AzureRetailReader {
  const metadata: Record<string, string> = {};
  let pages = 0;
  let items = 0;
  let pagesWithNextLink = 0;
  const skipped = Object.fromEntries(AZURE_SKIP_REASONS.map((r) => [r, 0])) as Record<
    AzureSkipReason,
    number
  >;
  const byName = new Map<string, PriceListInstanceType & { since: string }>();
  const conflicts: AzureRetailImport['conflicts'] = [];
  const unsized = new Set<string>();
  /** Functions meters: per tier, the price per unit and the tier's start in units. */
  const fnTiers: Record<'requests' | 'gbSecond', { start: number; price: number }[]> = {
    requests: [],
    gbSecond: [],
  };
  let newest = '';

  let page: ReturnType<typeof pageReader> | undefined;

  const wrong = (path: JsonPath, what: string): never => {
    throw new PriceListJsonError(pathText(path), what);
  };

  const onItem = (path: JsonPath, value: JsonValue) => {
    items += 1;
    const it =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : wrong(path, 'an item is an object');
    const s = (k: string) => (typeof it[k] === 'string' ? (it[k] as string) : '');
    const service = s('serviceName');
    const skip = (r: AzureSkipReason) => {
      skipped[r] += 1;
    };
    if (service !== 'Virtual Machines' && service !== 'Functions') return skip('other service');
    if (s('armRegionName') !== region) return skip('other region');
    if (s('type') !== 'Consumption') return skip('not Consumption');
    if (s('currencyCode') !== 'USD') return skip('not USD');
    const price = it.retailPrice;
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0)
      wrong([...path, 'retailPrice'], `${JSON.stringify(price ?? null)} is not a price`);
    const p = price as number;
    if (service === 'Functions') {
      onFunctions(path, s, it.tierMinimumUnits, p);
      return;
    }
    if (/windows/i.test(s('productName'))) return skip('Windows');
    if (DISCOUNTED.test(s('skuName')) || DISCOUNTED.test(s('meterName'))) return skip('Spot or Low Priority');
    if (s('unitOfMeasure') !== '1 Hour') return skip('not per hour');
    if (it.isPrimaryMeterRegion === false) return skip('not the primary meter region');
    if (p === 0) return skip('zero price');
    const name = s('armSkuName');
    if (name.length > 200) wrong([...path, 'armSkuName'], 'not a size name');
    const size = knownSizes.get(name) ?? azureSizeByRule(name);
    if (name === '' || size === undefined) {
      if (unsized.size < 10_000) unsized.add(name === '' ? `(no armSkuName: ${s('skuName')})` : name);
      return skip('size unknown');
    }
    const since = s('effectiveStartDate');
    const seen = byName.get(name);
    if (seen !== undefined) {
      skip('same size again');
      if (seen.hourly !== p) {
        const later = since > seen.since;
        conflicts.push({
          name,
          kept: later ? p : seen.hourly,
          other: later ? seen.hourly : p,
          path: pathText(path),
          page: pages,
        });
        if (later) byName.set(name, { ...seen, hourly: p, since });
      }
      return;
    }
    if (since > newest) newest = since;
    byName.set(name, { name, ...size, hourly: p, since });
  };

  /**
   * Azure Functions Consumption: the `skuName` "Standard" meters "Standard Total Executions" (priced per
   * `unitOfMeasure` executions, e.g. "10") and "Standard Execution Time" (per GB-second); a zero-priced first tier
   * is the free grant, the paid tier starts at its `tierMinimumUnits`. Other Functions meters (Premium, Flex,
   * Always Ready …) are counted, not read.
   */
  const onFunctions = (
    path: JsonPath,
    s: (k: string) => string,
    tierStart: JsonValue | undefined,
    price: number,
  ) => {
    const meter = s('meterName');
    const kind =
      meter === 'Standard Total Executions'
        ? 'requests'
        : meter === 'Standard Execution Time'
          ? 'gbSecond'
          : undefined;
    const unit = azureUnitSize(s('unitOfMeasure'));
    if (kind === undefined || s('skuName') !== 'Standard' || unit === undefined) {
      skipped['Functions meter not read'] += 1;
      return;
    }
    const start = tierStart === undefined ? 0 : tierStart;
    if (typeof start !== 'number' || !(start >= 0))
      wrong([...path, 'tierMinimumUnits'], `${JSON.stringify(start)} is not a tier start`);
    // Per execution (requests) or per GB-second, and the tier start in executions or GB-seconds.
    fnTiers[kind].push({ start: (start as number) * unit.size, price: price / unit.size });
  };

  const startPage = () => {
    pages += 1;
    page = pageReader();
  };

  const pageReader = () => {
    let count: number | undefined;
    let pageItems = 0;
    const first = pages === 1;
    const json = jsonStream(
      // The page's own fields, and each item of `Items` (the list itself is streamed, never built).
      (p) => (p.length === 1 && p[0] !== 'Items') || (p.length === 2 && p[0] === 'Items'),
      (p, value) => {
        if (p.length === 2) {
          pageItems += 1;
          onItem(p, value);
          return;
        }
        const key = String(p[0]);
        if (key === 'Count') count = typeof value === 'number' ? value : undefined;
        else if (key === 'NextPageLink') {
          if (typeof value === 'string' && value !== '') pagesWithNextLink += 1;
        } else if (
          first &&
          ['BillingCurrency', 'CustomerEntityId', 'CustomerEntityType'].includes(key) &&
          typeof value === 'string'
        )
          metadata[key] = value;
      },
    );
    return offerFileReader(json, { code: () => undefined, expected: '', what: '' }, () => {
      // An empty page is one that says so (`Count` 0); no items and no count is not a response of this API.
      if (pageItems === 0 && count === undefined)
        wrong([], 'no "Items" and no "Count": not an Azure Retail Prices API response');
      if (count !== undefined && count !== pageItems)
        wrong(['Count'], `${count}, but the page has ${pageItems} items: is the file cut short?`);
    });
  };

  const endPage = () => {
    if (page === undefined) return;
    const p = page;
    page = undefined;
    p.end();
  };

  return {
    push(chunk) {
      if (page === undefined) startPage();
      page!.push(chunk);
    },
    endPage,
    end() {
      endPage();
      if (pages === 0) throw new PriceListJsonError('(top)', 'no page read');
      const instanceTypes = [...byName.values()]
        .map(({ since: _since, ...t }) => t)
        .sort((a, b) => azureOrder(a.name, b.name) || a.vcpu - b.vcpu);
      const functions: AzureFunctionsPrices = {};
      const paid = (tiers: { start: number; price: number }[]) =>
        [...tiers].sort((a, b) => a.start - b.start).find((t) => t.price > 0);
      const req = paid(fnTiers.requests);
      if (req !== undefined) {
        functions.requestsPerMillion = tidy(req.price * 1e6);
        if (fnTiers.requests.some((t) => t.price === 0)) functions.freeRequests = tidy(req.start);
      }
      const gbs = paid(fnTiers.gbSecond);
      if (gbs !== undefined) {
        functions.gbSecond = tidy(gbs.price);
        if (fnTiers.gbSecond.some((t) => t.price === 0)) functions.freeGbSeconds = tidy(gbs.start);
      }
      if (newest !== '') metadata['newest price'] = newest.slice(0, 10);
      return {
        metadata,
        pages,
        items,
        pagesWithNextLink,
        kept: instanceTypes.length,
        skipped,
        conflicts,
        unsized: [...unsized].sort().slice(0, 50),
        instanceTypes,
        functions,
      };
    },
  };
}

/** By series (the name without its vCPU count), then size: Standard_B1s … Standard_D2s_v5, Standard_D4s_v5 … */
function azureOrder(a: string, b: string): number {
  const sa = a.replace(/\d+/, '#');
  const sb = b.replace(/\d+/, '#');
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The base catalog's sizes by name, for the reader's `knownSizes`. */
export function sizesOf(types: readonly InstanceType[]): Map<string, AzureSize> {
  return new Map(
    types.map((t) => [
      t.name,
      { vcpu: t.vcpu, memoryGiB: t.memoryGiB, architecture: t.architecture ?? 'x86_64' },
    ]),
  );
}

/** Convenience for tests and small inputs: each text one page. */
export function readAzureRetail(
  pagesText: readonly string[],
  region: string,
  knownSizes?: ReadonlyMap<string, AzureSize>,
): AzureRetailImport {
  const r = azureRetailReader(region, knownSizes);
  for (const t of pagesText) {
    r.push(t);
    r.endPage();
  }
  return r.end();
}
