// Price list import at realistic size (issue 13 §3): writes an AWS EC2 price list CSV of one region in the documented
// format (src/catalog/import/aws-fixture.ts: the file's own header), then imports it the way the CLI does (file read
// in chunks, src/cli/fs.ts) and prints the time and the peak memory. Figures, not a timed test.
//   npx tsx scripts/bench-price-list.ts [--products 200000] [--terms 3] [--file /tmp/headroom-ec2-bench.csv]
//   node --max-old-space-size=64 --import tsx scripts/bench-price-list.ts --import-only FILE
//   --json writes the JSON form of the offer file instead (products, then terms: OnDemand and Reserved).
// --import-only skips the writing; with a 64 MB heap it shows the import never holds the file (hundreds of MB).
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { ec2CsvPreamble, ec2CsvRow, type Ec2Column } from '../src/catalog/import/aws-fixture.ts';
import { awsPriceListAutoReader } from '../src/catalog/import/aws-price-list.ts';
import { readTextChunks } from '../src/cli/fs.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const importOnly = process.argv.includes('--import-only');
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
