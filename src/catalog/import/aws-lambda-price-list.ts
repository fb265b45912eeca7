// The AWS Price List offer file for AWS Lambda (JSON form) → the catalog's Lambda prices of one region: requests,
// duration tiers and provisioned concurrency, per architecture. Same documented layout as the EC2 offer file
// (aws-price-list.ts): `products` by SKU with `productFamily` and `attributes`, `terms.OnDemand` by SKU and offer
// term, `priceDimensions` with `beginRange`, `endRange`, `unit` and `pricePerUnit.USD`. Lambda's products are the
// `productFamily` "Serverless" ones, told apart by `attributes.group` (names as in published AWSLambda offer files);
// the products whose `location` is "Any" are the free tier, left to the base.
import type { Architecture, ServerlessPrices, Tier } from '../../model/types.ts';
import { jsonStream, pathText, type JsonPath, type JsonValue } from './json-stream.ts';
import { offerFileReader, PriceListJsonError } from './aws-price-list.ts';

type Field = 'requests' | 'duration' | 'provisionedConcurrency' | 'provisionedDuration';

/** The groups read, and which price each is. Every other group (storage, SnapStart, edge …) is counted, not read. */
export const LAMBDA_GROUPS: Record<string, [Field, Architecture]> = {
  'AWS-Lambda-Requests': ['requests', 'x86_64'],
  'AWS-Lambda-Requests-ARM': ['requests', 'arm64'],
  'AWS-Lambda-Duration': ['duration', 'x86_64'],
  'AWS-Lambda-Duration-ARM': ['duration', 'arm64'],
  'AWS-Lambda-Provisioned-Concurrency': ['provisionedConcurrency', 'x86_64'],
  'AWS-Lambda-Provisioned-Concurrency-ARM': ['provisionedConcurrency', 'arm64'],
  'AWS-Lambda-Duration-Provisioned': ['provisionedDuration', 'x86_64'],
  'AWS-Lambda-Duration-Provisioned-ARM': ['provisionedDuration', 'arm64'],
};

export interface LambdaPriceListImport {
  metadata: Record<string, string>;
  products: number;
  skipped: { 'not Lambda': number; 'other region': number; 'free tier': number; 'other group': number };
  /** The prices found (a price the file lacks stays the base's). Requests: per million, as the catalog keeps them. */
  found: Partial<{
    requestsPerMillion: Record<Architecture, number>;
    gbSecond: Record<Architecture, Tier[]>;
    provisionedConcurrencyGbSecond: Record<Architecture, number>;
    provisionedDurationGbSecond: Record<Architecture, number>;
  }>;
}

/** Binary floating point: 0.0000002 × 1e6 is 0.19999999999999998; a price has far fewer digits than 12. */
const tidy = (n: number) => Number(n.toPrecision(12));

export function awsLambdaPriceListReader(region: string): {
  push(chunk: string): void;
  end(): LambdaPriceListImport;
} {
  const metadata: Record<string, string> = {};
  let products = 0;
  const skipped = { 'not Lambda': 0, 'other region': 0, 'free tier': 0, 'other group': 0 };
  const wanted = new Map<string, [Field, Architecture]>();
  const prices = new Map<
    string,
    { path: JsonPath; dims: { begin: number; end: number | null; price: number }[] }
  >();
  const wrong = (path: JsonPath, what: string): never => {
    throw new PriceListJsonError(pathText(path), what);
  };
  const obj = (v: JsonValue | undefined) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;

  const json = jsonStream(
    (p) =>
      (p.length === 1 && ['offerCode', 'version', 'publicationDate'].includes(String(p[0]))) ||
      (p.length === 2 && p[0] === 'products') ||
      (p.length === 3 && p[0] === 'terms' && p[1] === 'OnDemand'),
    (path, value) => {
      if (path.length === 1) {
        if (typeof value === 'string') metadata[String(path[0])] = value;
        return;
      }
      const sku = String(path[path.length - 1]);
      if (path[0] === 'products') {
        products += 1;
        const a = obj(obj(value)?.attributes) ?? {};
        if (obj(value)?.productFamily !== 'Serverless') skipped['not Lambda'] += 1;
        else if (a.location === 'Any') skipped['free tier'] += 1;
        else if (a.regionCode !== region) skipped['other region'] += 1;
        else if (typeof a.group !== 'string' || !(a.group in LAMBDA_GROUPS)) skipped['other group'] += 1;
        else wanted.set(sku, LAMBDA_GROUPS[a.group]!);
        return;
      }
      // Terms: kept for every SKU until the end (a Lambda offer file is small: a few thousand products).
      const dims: { begin: number; end: number | null; price: number }[] = [];
      for (const [code, offer] of Object.entries(obj(value) ?? {})) {
        for (const [rate, d] of Object.entries(obj(obj(offer)?.priceDimensions) ?? {})) {
          const dim = obj(d) ?? wrong([...path, code, 'priceDimensions', rate], 'not an object');
          const at = [...path, code, 'priceDimensions', rate];
          const usd = obj(dim.pricePerUnit)?.USD;
          const price = Number(usd);
          if (typeof usd !== 'string' || usd.trim() === '' || !(price >= 0))
            wrong([...at, 'pricePerUnit', 'USD'], `${JSON.stringify(usd)} is not a price`);
          const begin = Number(dim.beginRange ?? '0');
          const end = dim.endRange === undefined || dim.endRange === 'Inf' ? null : Number(dim.endRange);
          if (!(begin >= 0) || (end !== null && !(end > begin)))
            wrong(
              [...at, 'endRange'],
              `the range ${String(dim.beginRange)}–${String(dim.endRange)} is not one`,
            );
          dims.push({ begin, end, price });
        }
      }
      prices.set(sku, { path, dims });
    },
  );
  return offerFileReader(
    json,
    { code: () => metadata.offerCode, expected: 'AWSLambda', what: 'Lambda' },
    () => {
      const found: LambdaPriceListImport['found'] = {};
      const put = <K extends keyof LambdaPriceListImport['found']>(
        k: K,
        arch: Architecture,
        v: NonNullable<LambdaPriceListImport['found'][K]>[Architecture],
      ) => {
        const rec = (found[k] ?? {}) as Record<Architecture, typeof v>;
        rec[arch] = v;
        found[k] = rec as LambdaPriceListImport['found'][K];
      };
      for (const [sku, [field, arch]] of wanted) {
        const p = prices.get(sku);
        if (p === undefined || p.dims.length === 0) continue;
        const dims = [...p.dims].sort((x, y) => x.begin - y.begin);
        if (field === 'duration') {
          for (let i = 1; i < dims.length; i += 1) {
            if (dims[i - 1]!.end !== dims[i]!.begin)
              wrong(
                p.path,
                `the duration tiers do not follow each other (${dims[i - 1]!.end} then ${dims[i]!.begin})`,
              );
          }
          put(
            'gbSecond',
            arch,
            dims.map((d) => ({ upTo: d.end, price: d.price })),
          );
        } else if (field === 'requests') put('requestsPerMillion', arch, tidy(dims[0]!.price * 1e6));
        else if (field === 'provisionedConcurrency')
          put('provisionedConcurrencyGbSecond', arch, dims[0]!.price);
        else put('provisionedDurationGbSecond', arch, dims[0]!.price);
      }
      return { metadata, products, skipped, found };
    },
  );
}

/** The found prices over the base's; the catalog has one request price (the x86_64 one; AWS charges the same). */
export function withLambdaPrices(
  base: ServerlessPrices,
  found: LambdaPriceListImport['found'],
): { serverless: ServerlessPrices; changes: { name: string; before: string; after: string }[] } {
  const s = structuredClone(base);
  const changes: { name: string; before: string; after: string }[] = [];
  const note = (name: string, before: unknown, after: unknown) => {
    const b = JSON.stringify(before);
    const a = JSON.stringify(after);
    if (a !== b) changes.push({ name, before: b, after: a });
  };
  const req = found.requestsPerMillion?.x86_64 ?? found.requestsPerMillion?.arm64;
  if (req !== undefined) {
    note('requests per million', s.requestsPerMillion, req);
    s.requestsPerMillion = req;
  }
  for (const arch of ['x86_64', 'arm64'] as const) {
    const tiers = found.gbSecond?.[arch];
    if (tiers !== undefined) {
      note(`GB-second tiers, ${arch}`, s.gbSecond[arch], tiers);
      s.gbSecond[arch] = tiers;
    }
    const pc = found.provisionedConcurrencyGbSecond?.[arch];
    if (pc !== undefined) {
      note(`provisioned concurrency per GB-second, ${arch}`, s.provisionedConcurrencyGbSecond[arch], pc);
      s.provisionedConcurrencyGbSecond[arch] = pc;
    }
    const pd = found.provisionedDurationGbSecond?.[arch];
    if (pd !== undefined) {
      note(`provisioned duration per GB-second, ${arch}`, s.provisionedDurationGbSecond[arch], pd);
      s.provisionedDurationGbSecond[arch] = pd;
    }
  }
  return { serverless: s, changes };
}
