// Price list import at realistic size (issue 13 §3): writes an AWS EC2 price list CSV of one region in the documented
// format (src/catalog/import/aws-fixture.ts: the file's own header), then imports it the way the CLI does (file read
// in chunks, src/cli/fs.ts) and prints the time and the peak memory. Figures, not a timed test.
//   npx tsx scripts/bench-price-list.ts [--products 200000] [--terms 3] [--file /tmp/headroom-ec2-bench.csv]
//   node --max-old-space-size=64 --import tsx scripts/bench-price-list.ts --import-only FILE
//   --json writes the JSON form of the offer file instead (products, then terms: OnDemand and Reserved).
// --import-only skips the writing; with a 64 MB heap it shows the import never holds the file (hundreds of MB).
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { ec2CsvPreamble, ec2CsvRow, type Ec2Column } from '../src/catalog/import/aws-fixture.ts';
import { awsPriceListAutoReader } from '../src/catalog/import/aws-price-list.ts';
import { readTextChunks } from '../src/cli/fs.ts';
import { azureItem, azurePage, type AzureItem } from '../src/catalog/import/azure-fixture.ts';
import { azureRetailReader } from '../src/catalog/import/azure-retail.ts';
import { gcpPage, type GcpSkuSpec } from '../src/catalog/import/gcp-fixture.ts';
import { gcpBillingReader } from '../src/catalog/import/gcp-billing.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const importOnly = process.argv.includes('--import-only');
const cloud = process.argv.includes('--azure') ? 'azure' : process.argv.includes('--gcp') ? 'gcp' : undefined;
// The cloud benchmarks' name tables, declared before the dispatch below (which runs at load).
const AZURE_SERIES = [
  'D#s_v5',
  'D#as_v5',
  'D#ds_v5',
  'D#_v5',
  'E#_v5',
  'E#s_v5',
  'E#as_v5',
  'F#s_v2',
  'D#s_v4',
  'D#as_v4',
  'E#s_v4',
  'D#s_v3',
  'E#s_v3',
  'D#ps_v5',
  'E#ps_v5',
  'D#ls_v5',
  'D#s_v6',
  'E#s_v6',
  'D#als_v6',
  'L#s_v3',
  'M#s',
  'NC#s_v3',
  'B#ms',
  'B#s_v2',
  'HB#rs_v3',
];
const AZURE_SIZES = [2, 4, 8, 16, 32, 48, 64, 96];
const AZURE_KINDS: [string, string, string, number][] = [
  ['', '', 'Consumption', 1],
  [' Windows', '', 'Consumption', 1.9],
  ['', ' Spot', 'Consumption', 0.2],
  [' Windows', ' Spot', 'Consumption', 0.4],
  ['', ' Low Priority', 'Consumption', 0.2],
  ['', '', 'DevTestConsumption', 1],
  ['', '', 'Reservation', 5000],
  ['', '', 'Reservation', 12000],
];
const GCP_FAMILIES = ['E2', 'N2', 'N2D AMD', 'N1 Predefined', 'C2', 'C2D AMD', 'C3', 'T2D AMD', 'M1', 'A2'];
const GCP_GROUPS = ['Americas', 'EMEA', 'APAC', 'Virginia', 'Sao Paulo', 'Frankfurt', 'Tokyo', 'Sydney'];
if (cloud !== undefined) {
  await benchCloud(cloud);
  process.exit(0);
}
const products = Number(arg('--products', '200000'));
/** Price rows per product: one on-demand, the rest reserved terms (the real file has several per product). */
const terms = Number(arg('--terms', '3'));
const asJson = process.argv.includes('--json');
const file = arg(
  importOnly ? '--import-only' : '--file',
  `/tmp/headroom-ec2-bench.${asJson ? 'json' : 'csv'}`,
);

const FAMILIES =
  'a1 c5 c5a c5n c6a c6g c6gn c6i c6in c7a c7g c7gn c7i d3 g5 g6 i3 i4i i4g im4gn inf2 m5 m5a m5d m5n m6a m6g m6gd m6i m6id m6in m7a m7g m7gd m7i m8g p4d p5 r5 r5a r5b r5d r5n r6a r6g r6gd r6i r6id r6in r7a r7g r7gd r7i r8g t3 t3a t4g trn1 u-6tb1 vt1 x1 x1e x2gd x2idn x2iedn x8g z1d'.split(
    ' ',
  );
const SIZES: [string, number][] = [
  ['medium', 1],
  ['large', 2],
  ['xlarge', 4],
  ['2xlarge', 8],
  ['4xlarge', 16],
  ['8xlarge', 32],
  ['12xlarge', 48],
  ['16xlarge', 64],
  ['24xlarge', 96],
  ['48xlarge', 192],
];
const OS: [string, string, string][] = [
  ['Linux', 'NA', 'RunInstances'],
  ['Windows', 'NA', 'RunInstances:0002'],
  ['RHEL', 'NA', 'RunInstances:0010'],
  ['SUSE', 'NA', 'RunInstances:000g'],
  ['Ubuntu Pro', 'NA', 'RunInstances:0g00'],
  ['Linux', 'SQL Web', 'RunInstances:0200'],
  ['Windows', 'SQL Std', 'RunInstances:0006'],
];
const TENANCY = ['Shared', 'Dedicated', 'Host'];
const CAPACITY = ['Used', 'UnusedCapacityReservation', 'AllocatedCapacityReservation'];

async function write(): Promise<void> {
  const out = createWriteStream(file);
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await put(ec2CsvPreamble());
  const types = FAMILIES.flatMap((f) =>
    SIZES.map(([s, v]) => ({ name: `${f}.${s}`, vcpu: v, arm: /\dg/.test(f) })),
  );
  // Every combination of type × OS × tenancy × capacity is a product (as in the real file), cycled to `products`.
  for (let p = 0; p < products; p += 1) {
    const t = types[p % types.length]!;
    const combo = Math.floor(p / types.length);
    const [os, sw, operation] = OS[combo % OS.length]!;
    const tenancy = TENANCY[Math.floor(combo / OS.length) % TENANCY.length]!;
    const capacity = CAPACITY[Math.floor(combo / (OS.length * TENANCY.length)) % CAPACITY.length]!;
    const family = p % 23 === 22 ? 'Storage' : 'Compute Instance';
    const base: Partial<Record<Ec2Column, string>> = {
      SKU: `SKU${p.toString(36).toUpperCase().padStart(12, '0')}`,
      'Product Family': family,
      'Instance Type': family === 'Storage' ? '' : t.name,
      vCPU: String(t.vcpu),
      Memory: `${t.vcpu * 4} GiB`,
      'Physical Processor': t.arm ? 'AWS Graviton3 Processor' : 'Intel Xeon Platinum 8375C (Ice Lake)',
      'Clock Speed': '3.5 GHz',
      'Operating System': os,
      'Pre Installed S/W': sw,
      operation,
      Tenancy: tenancy,
      CapacityStatus: capacity,
      usageType: `BoxUsage:${t.name}`,
      'Instance Family': 'General purpose',
      'Network Performance': 'Up to 12500 Megabit',
      'Processor Features': 'Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo',
    };
    const hourly = (t.vcpu * 0.048 * (1 + (combo % 5) * 0.1)).toFixed(10);
    await put(
      `${ec2CsvRow({ ...base, PricePerUnit: hourly, PriceDescription: `$${hourly} per On Demand ${os} ${t.name} Instance Hour` })}\n`,
    );
    for (let r = 1; r < terms; r += 1) {
      await put(
        `${ec2CsvRow({ ...base, TermType: 'Reserved', LeaseContractLength: r % 2 === 0 ? '3yr' : '1yr', PurchaseOption: 'No Upfront', OfferingClass: 'standard', PricePerUnit: (Number(hourly) * 0.6).toFixed(10), PriceDescription: `${t.name} reserved instance applied` })}\n`,
      );
    }
  }
  out.end();
  await once(out, 'finish');
}

/** The same products in the JSON form: `products` by SKU, then `terms` (AWS's " : " spacing, 2-space indent). */
async function writeJson(): Promise<void> {
  const out = createWriteStream(file);
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const types = FAMILIES.flatMap((f) =>
    SIZES.map(([s, v]) => ({ name: `${f}.${s}`, vcpu: v, arm: /\dg/.test(f) })),
  );
  const sku = (p: number) => `SKU${p.toString(36).toUpperCase().padStart(13, '0')}`;
  const j = (v: unknown) => JSON.stringify(v, null, 2).replaceAll('": ', '" : ');
  const indent = (text: string, n: number) => text.replaceAll('\n', `\n${' '.repeat(n)}`);
  await put(
    `{\n  "formatVersion" : "v1.0",\n  "offerCode" : "AmazonEC2",\n  "version" : "20251001000000",\n  "publicationDate" : "2025-10-01T00:00:00Z",\n  "products" : {\n`,
  );
  const combos = (p: number) => {
    const t = types[p % types.length]!;
    const combo = Math.floor(p / types.length);
    return {
      t,
      combo,
      os: OS[combo % OS.length]!,
      tenancy: TENANCY[Math.floor(combo / OS.length) % TENANCY.length]!,
      capacity: CAPACITY[Math.floor(combo / (OS.length * TENANCY.length)) % CAPACITY.length]!,
    };
  };
  for (let p = 0; p < products; p += 1) {
    const { t, os, tenancy, capacity } = combos(p);
    const family = p % 23 === 22 ? 'Storage' : 'Compute Instance';
    const product = {
      sku: sku(p),
      productFamily: family,
      attributes: {
        servicecode: 'AmazonEC2',
        location: 'US East (N. Virginia)',
        locationType: 'AWS Region',
        instanceType: t.name,
        currentGeneration: 'Yes',
        instanceFamily: 'General purpose',
        vcpu: String(t.vcpu),
        physicalProcessor: t.arm ? 'AWS Graviton3 Processor' : 'Intel Xeon Platinum 8375C (Ice Lake)',
        clockSpeed: '3.5 GHz',
        memory: `${t.vcpu * 4} GiB`,
        storage: 'EBS only',
        networkPerformance: 'Up to 12500 Megabit',
        processorArchitecture: '64-bit',
        tenancy,
        operatingSystem: os[0],
        licenseModel: 'No License required',
        usagetype: `BoxUsage:${t.name}`,
        operation: os[2],
        availabilityzone: 'NA',
        capacitystatus: capacity,
        marketoption: 'OnDemand',
        preInstalledSw: os[1],
        regionCode: 'us-east-1',
        servicename: 'Amazon Elastic Compute Cloud',
      },
    };
    await put(`${p === 0 ? '' : ',\n'}    "${sku(p)}" : ${indent(j(product), 4)}`);
  }
  await put('\n  },\n  "terms" : {\n');
  for (const [kind, code, factor, count] of [
    ['OnDemand', 'JRTCKXETXF', 1, 1],
    ['Reserved', '4NA7Y494T4', 0.6, terms - 1],
  ] as const) {
    await put(`${kind === 'OnDemand' ? '' : ',\n'}    "${kind}" : {\n`);
    for (let p = 0; p < products; p += 1) {
      const { t, combo } = combos(p);
      const hourly = (t.vcpu * 0.048 * (1 + (combo % 5) * 0.1) * factor).toFixed(10);
      const offers: Record<string, unknown> = {};
      for (let r = 0; r < count; r += 1) {
        const c = `${code}${r === 0 ? '' : r}`;
        offers[`${sku(p)}.${c}`] = {
          offerTermCode: c,
          sku: sku(p),
          effectiveDate: '2025-10-01T00:00:00Z',
          priceDimensions: {
            [`${sku(p)}.${c}.6YS6EN2CT7`]: {
              rateCode: `${sku(p)}.${c}.6YS6EN2CT7`,
              description: `$${hourly} per ${kind} ${t.name} Instance Hour`,
              beginRange: '0',
              endRange: 'Inf',
              unit: 'Hrs',
              pricePerUnit: { USD: hourly },
              appliesTo: [],
            },
          },
          termAttributes:
            kind === 'OnDemand'
              ? {}
              : {
                  LeaseContractLength: r % 2 === 0 ? '3yr' : '1yr',
                  OfferingClass: 'standard',
                  PurchaseOption: 'No Upfront',
                },
        };
      }
      await put(`${p === 0 ? '' : ',\n'}      "${sku(p)}" : ${indent(j(offers), 6)}`);
    }
    await put('\n    }');
  }
  await put('\n  }\n}\n');
  out.end();
  await once(out, 'finish');
}

if (!importOnly) {
  const t0 = performance.now();
  await (asJson ? writeJson() : write());
  console.log(
    `wrote ${file}: ${products} products × ${terms} price rows, ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
} else if (!existsSync(file)) {
  throw new Error(`${file}: no such file (run without --import-only first)`);
}

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const t1 = performance.now();
const reader = awsPriceListAutoReader('us-east-1');
for await (const chunk of readTextChunks(file)) {
  reader.push(chunk);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}
const r = reader.end();
const seconds = (performance.now() - t1) / 1000;
const mb = statSync(file).size / 1e6;
console.log(
  `imported ${mb.toFixed(0)} MB in ${seconds.toFixed(1)} s (${(mb / seconds).toFixed(0)} MB/s): ${r.rows} rows, kept ${r.kept}; peak RSS ${(peakRss / 1e6).toFixed(0)} MB, peak heap ${(peakHeap / 1e6).toFixed(0)} MB`,
);
console.log(
  `skipped: ${Object.entries(r.skipped)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);

// ---- Azure Retail Prices and GCP Cloud Billing Catalog pages (--azure / --gcp) ----
//   npx tsx scripts/bench-price-list.ts --azure [--items 40000] [--page-size 1000] [--dir /tmp/headroom-azure-bench]
//   npx tsx scripts/bench-price-list.ts --gcp [--skus 6000] [--page-size 5000] [--dir /tmp/headroom-gcp-bench]
//   node --max-old-space-size=64 --import tsx scripts/bench-price-list.ts --azure --import-only DIR
// Writes the pages in the documented shapes (src/catalog/import/azure-fixture.ts, gcp-fixture.ts) — an Azure page is
// 1,000 items with the 2023-01-01-preview api-version (100 before), a GCP page up to 5,000 SKUs — then reads every
// page the way the CLI does (each file in chunks, one after another) and prints the time and the peak memory.
async function benchCloud(kind: 'azure' | 'gcp'): Promise<void> {
  const dir = arg(importOnly ? '--import-only' : '--dir', `/tmp/headroom-${kind}-bench`);
  const pageSize = Number(arg('--page-size', kind === 'azure' ? '1000' : '5000'));
  const total = Number(arg(kind === 'azure' ? '--items' : '--skus', kind === 'azure' ? '40000' : '6000'));
  if (!importOnly) {
    const t0 = performance.now();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (let p = 0; p * pageSize < total; p += 1) {
      const n = Math.min(pageSize, total - p * pageSize);
      const last = (p + 1) * pageSize >= total;
      const at = (i: number) => p * pageSize + i;
      const text =
        kind === 'azure'
          ? azurePage(
              Array.from({ length: n }, (_, i) => azureBenchItem(at(i))),
              last ? null : `https://prices.azure.com/api/retail/prices?$skip=${(p + 1) * pageSize}`,
            )
          : gcpPage(
              Array.from({ length: n }, (_, i) => gcpBenchSku(at(i))),
              last ? '' : `token-${p + 1}`,
              p * pageSize,
            );
      writeFileSync(`${dir}/page-${String(p).padStart(4, '0')}.json`, text);
    }
    console.log(
      `wrote ${dir}: ${total} ${kind === 'azure' ? 'items' : 'SKUs'} in ${readdirSync(dir).length} pages, ${(dirBytes(dir) / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${dir}/${f}`);
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  const reader = kind === 'azure' ? azureRetailReader('eastus') : gcpBillingReader('us-central1');
  for (const f of files) {
    for await (const chunk of readTextChunks(f)) {
      reader.push(chunk);
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
    reader.endPage();
  }
  const r = reader.end();
  const seconds = (performance.now() - t1) / 1000;
  const mb = dirBytes(dir) / 1e6;
  const read = 'items' in r ? `${r.items} items` : `${r.skus} SKUs`;
  console.log(
    `imported ${files.length} pages, ${mb.toFixed(0)} MB in ${seconds.toFixed(1)} s (${(mb / seconds).toFixed(0)} MB/s): ${read}, kept ${r.kept}; peak RSS ${(peakRss / 1e6).toFixed(0)} MB, peak heap ${(peakHeap / 1e6).toFixed(0)} MB`,
  );
  console.log(
    `skipped: ${Object.entries(r.skipped)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(`${dir}/${f}`).size, 0);
}

/** Azure VM meters of one region as the API lists them: per size, Linux and Windows, each pay-as-you-go, Spot, Low
 * Priority, DevTest and reservations; a few non-primary meters and Functions meters among them. */
function azureBenchItem(n: number): AzureItem {
  if (n % 97 === 96) {
    return azureItem({
      serviceName: 'Functions',
      productName: 'Functions',
      skuName: 'Standard',
      meterName: 'Standard Execution Time',
      unitOfMeasure: '1 GB Second',
      tierMinimumUnits: 400000,
      retailPrice: 0.000016,
      meterId: `fn-${n}`,
    });
  }
  const series = AZURE_SERIES[n % AZURE_SERIES.length]!;
  const size = AZURE_SIZES[Math.floor(n / AZURE_SERIES.length) % AZURE_SIZES.length]!;
  const [os, market, type, factor] =
    AZURE_KINDS[Math.floor(n / (AZURE_SERIES.length * AZURE_SIZES.length)) % AZURE_KINDS.length]!;
  const arm = `Standard_${series.replace('#', String(size))}`;
  const sku = arm.slice('Standard_'.length).replaceAll('_', ' ');
  const price = Number((size * 0.048 * factor).toFixed(6));
  return azureItem({
    armSkuName: arm,
    skuName: `${sku}${market}`,
    meterName: `${sku}${market}`,
    productName: `Virtual Machines ${series.replace('#', '').replaceAll('_', '')} Series${os}`,
    type,
    retailPrice: price,
    isPrimaryMeterRegion: n % 50 !== 49,
    meterId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    skuId: `DZH318Z0BQ${String(n % 100).padStart(2, '0')}/${n.toString(36).toUpperCase()}`,
    ...(type === 'Reservation' ? { reservationTerm: factor > 6000 ? '3 Years' : '1 Year' } : {}),
  });
}

/** Compute Engine SKUs as the catalog lists them: per family and region group, core and RAM for on-demand, Spot,
 * commitments and custom shapes, and the rest (GPUs, disks, licences, network). */
function gcpBenchSku(n: number): GcpSkuSpec {
  const family = GCP_FAMILIES[n % GCP_FAMILIES.length]!;
  const group = GCP_GROUPS[Math.floor(n / GCP_FAMILIES.length) % GCP_GROUPS.length]!;
  const variant = Math.floor(n / (GCP_FAMILIES.length * GCP_GROUPS.length)) % 12;
  const regions =
    group === 'Americas'
      ? ['us-central1', 'us-east1', 'us-east4', 'us-west1', 'us-west2']
      : [`${group.toLowerCase().replace(' ', '')}-1`];
  const part = variant % 2 === 0 ? 'Core' : 'Ram';
  const nanos = part === 'Core' ? 21811000 + (n % 1000) : 2923000 + (n % 1000);
  const base = {
    regions,
    usageUnit: part === 'Core' ? 'h' : 'GiBy.h',
    resourceGroup: part === 'Core' ? 'CPU' : 'RAM',
    tiers: [[0, nanos]] as [number, number][],
  };
  switch (Math.floor(variant / 2)) {
    case 0:
      return { ...base, description: `${family} Instance ${part} running in ${group}` };
    case 1:
      return {
        ...base,
        description: `Spot Preemptible ${family} Instance ${part} running in ${group}`,
        usageType: 'Preemptible',
      };
    case 2:
      return {
        ...base,
        description: `Commitment v1: ${family} ${part === 'Core' ? 'Cpu' : 'Ram'} in ${group} for 1 Year`,
        usageType: 'Commit1Yr',
      };
    case 3:
      return { ...base, description: `${family} Custom Instance ${part} running in ${group}` };
    case 4:
      return {
        ...base,
        description: `Storage PD Capacity in ${group} (${n})`,
        resourceFamily: 'Storage',
        resourceGroup: 'PDStandard',
        usageUnit: 'GiBy.mo',
      };
    default:
      return { ...base, description: `Nvidia Tesla T4 GPU running in ${group} (${n})`, resourceGroup: 'GPU' };
  }
}
