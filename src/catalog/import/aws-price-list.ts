// The AWS Price List bulk file for Amazon EC2 (the CSV form, one region or all) → the instance types a catalog
// needs: Linux, shared tenancy, no pre-installed software, capacity status "Used", on-demand, hourly, USD, in the
// chosen region. Pure and streaming: feed it the file's text in chunks of any size; it holds one record at a time
// plus the instance types it keeps (a few hundred), never the file.
//
// The format (docs/catalogs.md cites it): AWS Billing user guide, "Reading the service price list file for an AWS
// service": the first five rows are metadata (FormatVersion, Disclaimer, Publication Date, Version, OfferCode), the
// sixth row names the columns, the first columns are the pricing details (SKU, OfferTermCode, RateCode, TermType,
// PriceDescription, EffectiveDate, StartingRange, EndingRange, Unit, PricePerUnit, Currency, …) and the rest the
// product's attributes. The attribute columns read here are those of the AmazonEC2 file ("Product Family",
// "Region Code", "Instance Type", "vCPU", "Memory" as "16 GiB", "Physical Processor", "Tenancy", "Operating System",
// "Pre Installed S/W", "CapacityStatus", "MarketOption"), looked up by name in the header, never by position.
import type { Architecture, InstanceType } from '../../model/types.ts';
import { csvReader, CsvError } from './csv-lines.ts';
import { jsonStream, JsonStreamError, pathText, type JsonPath, type JsonValue } from './json-stream.ts';

/** Why a row was not kept, in the order the filters run (a row is counted under the first that rejects it). */
export const SKIP_REASONS = [
  'not an instance',
  'other region',
  'not on-demand',
  'not Linux',
  'not shared tenancy',
  'pre-installed software',
  'capacity status not Used',
  'not per hour in USD',
  'zero price',
  'same type again',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** An instance type as the price list gives it (the catalog's fields; maxPods is not in the price list). */
export interface PriceListInstanceType {
  name: string;
  vcpu: number;
  memoryGiB: number;
  hourly: number;
  architecture: Architecture;
}

export interface PriceListImport {
  /** Which form of the offer file was read; `rows` counts CSV rows or JSON products. */
  form: 'csv' | 'json';
  /** The file's metadata rows, as given (Publication Date, Version, OfferCode …). */
  metadata: Record<string, string>;
  /** Price rows read (every row after the header). */
  rows: number;
  /** Rows kept: one per instance type. */
  kept: number;
  skipped: Record<SkipReason, number>;
  /** Types that appear more than once with different prices (the first price is kept): a file to look at. */
  /** `line` for the CSV form (0 in JSON), `path` and `sku` for the JSON form. */
  conflicts: { name: string; kept: number; other: number; line: number; path?: string; sku?: string }[];
  instanceTypes: PriceListInstanceType[];
}

/** Price list problems: the line (1-based, where the record starts) and what is wrong. */
export class PriceListError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** The columns the import reads; a header without one of them is not an EC2 price list. */
const COLUMNS = {
  termType: 'TermType',
  unit: 'Unit',
  price: 'PricePerUnit',
  currency: 'Currency',
  family: 'Product Family',
  region: 'Region Code',
  instanceType: 'Instance Type',
  vcpu: 'vCPU',
  memory: 'Memory',
  processor: 'Physical Processor',
  tenancy: 'Tenancy',
  os: 'Operating System',
  software: 'Pre Installed S/W',
  capacity: 'CapacityStatus',
} as const;
type Column = keyof typeof COLUMNS;
/** Read when present: older files have no MarketOption column (then every OnDemand term is on-demand). */
const MARKET_OPTION = 'MarketOption';
/** Product families that are instances (bare-metal sizes have their own). */
const INSTANCE_FAMILIES = new Set(['Compute Instance', 'Compute Instance (bare metal)']);
/** Metadata rows allowed before the header (the documented five, with room for a later addition). */
const MAX_METADATA_ROWS = 20;

export interface AwsPriceListReader {
  push(chunk: string): void;
  end(): PriceListImport;
}

/** "16 GiB", "0.5 GiB", "1,952 GiB" → GiB; anything else → NaN. */
function gib(text: string): number {
  const m = /^([\d,]+(?:\.\d+)?) GiB$/.exec(text.trim());
  return m === null ? Number.NaN : Number(m[1]!.replaceAll(',', ''));
}

/** Graviton processors are arm64 ("AWS Graviton3 Processor"); every other Linux EC2 processor is x86_64. */
export function architectureOf(processor: string, name: string): Architecture {
  if (/graviton/i.test(processor)) return 'arm64';
  if (processor.trim() === '' || processor === 'NA') {
    // No processor named: AWS naming (Graviton families end in "g": m7g, c6gn, t4g), as the engine does.
    return /^[a-z]+\d+g[a-z]*\./.test(name) ? 'arm64' : 'x86_64';
  }
  return 'x86_64';
}

export function awsPriceListReader(region: string): AwsPriceListReader {
  const metadata: Record<string, string> = {};
  let header: Record<Column, number> | undefined;
  let marketOption = -1;
  /** The highest column index read, and the header's width (a shorter row is a broken file). */
  let lastColumn = 0;
  let headerLength = 0;
  let metadataRows = 0;
  let rows = 0;
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const byName = new Map<string, PriceListInstanceType>();
  const conflicts: PriceListImport['conflicts'] = [];

  const readHeader = (fields: string[], line: number) => {
    const at = new Map(fields.map((f, i) => [f, i]));
    const missing = Object.values(COLUMNS).filter((c) => !at.has(c));
    if (missing.length > 0) {
      throw new PriceListError(
        line,
        `the header has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}: not an EC2 price list (AmazonEC2 offer file, CSV)`,
      );
    }
    header = Object.fromEntries(Object.entries(COLUMNS).map(([k, c]) => [k, at.get(c)!])) as Record<
      Column,
      number
    >;
    marketOption = at.get(MARKET_OPTION) ?? -1;
    lastColumn = Math.max(...Object.values(header), marketOption);
    headerLength = fields.length;
  };

  const onRecord = (fields: string[], line: number) => {
    if (header === undefined) {
      if (fields[0] === 'SKU') {
        readHeader(fields, line);
        return;
      }
      metadataRows += 1;
      if (metadataRows > MAX_METADATA_ROWS || fields.length !== 2) {
        throw new PriceListError(
          line,
          `expected a metadata row ("Version","…") or the header row starting with "SKU"; is this an AWS price list CSV?`,
        );
      }
      metadata[fields[0]!] = fields[1]!;
      return;
    }
    rows += 1;
    const h = header;
    const get = (c: Column) => fields[h[c]] ?? '';
    if (fields.length <= lastColumn) {
      throw new PriceListError(line, `${fields.length} fields; the header names ${headerLength} columns`);
    }
    const reason = skipReason(get, marketOption < 0 ? '' : (fields[marketOption] ?? ''), region);
    if (reason !== null) {
      skipped[reason] += 1;
      return;
    }
    const name = get('instanceType');
    const where = (c: Column, what: string) =>
      new PriceListError(line, `column "${COLUMNS[c]}" of ${JSON.stringify(name)}: ${what}`);
    const hourly = Number(get('price'));
    if (get('price').trim() === '' || !Number.isFinite(hourly) || hourly < 0) {
      throw where('price', `${JSON.stringify(get('price'))} is not a price`);
    }
    if (hourly === 0) {
      skipped['zero price'] += 1;
      return;
    }
    const vcpu = Number(get('vcpu'));
    if (!Number.isInteger(vcpu) || vcpu <= 0)
      throw where('vcpu', `${JSON.stringify(get('vcpu'))} is not a vCPU count`);
    const memoryGiB = gib(get('memory'));
    if (!(memoryGiB > 0))
      throw where('memory', `${JSON.stringify(get('memory'))} is not a memory size such as "16 GiB"`);
    if (name.trim() === '' || name.length > 200) throw where('instanceType', 'not an instance type name');
    const seen = byName.get(name);
    if (seen !== undefined) {
      skipped['same type again'] += 1;
      if (seen.hourly !== hourly) conflicts.push({ name, kept: seen.hourly, other: hourly, line });
      return;
    }
    byName.set(name, { name, vcpu, memoryGiB, hourly, architecture: architectureOf(get('processor'), name) });
  };

  const csv = csvReader(onRecord);
  const rethrow = (e: unknown): never => {
    if (e instanceof CsvError) throw new PriceListError(e.line, e.message.replace(/^line \d+: /, ''));
    throw e;
  };
  return {
    push(chunk) {
      try {
        csv.push(chunk);
      } catch (e) {
        rethrow(e);
      }
    },
    end() {
      try {
        csv.end();
      } catch (e) {
        rethrow(e);
      }
      if (header === undefined)
        throw new PriceListError(metadataRows + 1, 'no header row (a row starting with "SKU")');
      const instanceTypes = [...byName.values()].sort(compareTypes);
      return { form: 'csv', metadata, rows, kept: instanceTypes.length, skipped, conflicts, instanceTypes };
    },
  };
}

/** The first filter a row fails, or null when it is a Linux, shared, on-demand hourly USD price in the region. */
function skipReason(get: (c: Column) => string, market: string, region: string): SkipReason | null {
  if (!INSTANCE_FAMILIES.has(get('family'))) return 'not an instance';
  if (get('region') !== region) return 'other region';
  if (get('termType') !== 'OnDemand' || (market !== '' && market !== 'OnDemand')) return 'not on-demand';
  if (get('os') !== 'Linux') return 'not Linux';
  if (get('tenancy') !== 'Shared') return 'not shared tenancy';
  if (get('software') !== 'NA' && get('software') !== '') return 'pre-installed software';
  if (get('capacity') !== 'Used') return 'capacity status not Used';
  if (get('unit') !== 'Hrs' || get('currency') !== 'USD') return 'not per hour in USD';
  return null;
}

/** Family, then size by vCPU and memory, then name: "m7g.large" before "m7g.xlarge" before "m7g.2xlarge". */
function compareTypes(a: PriceListInstanceType, b: PriceListInstanceType): number {
  const fa = a.name.split('.')[0]!;
  const fb = b.name.split('.')[0]!;
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Convenience for whole strings (tests, small files): the same reader, one chunk. */
export function readAwsPriceList(text: string, region: string): PriceListImport {
  const r = awsPriceListReader(region);
  r.push(text);
  return r.end();
}

/** The price list's types merged into a base catalog's: same name → the file's figures (base's maxPods kept). */
export function mergeInstanceTypes(
  base: readonly InstanceType[],
  imported: readonly PriceListInstanceType[],
): {
  instanceTypes: InstanceType[];
  fromBase: string[];
  changes: { name: string; before: number; after: number }[];
} {
  const fromFile = new Map(imported.map((t) => [t.name, t]));
  const baseNames = new Set(base.map((t) => t.name));
  const changes: { name: string; before: number; after: number }[] = [];
  const fromBase: string[] = [];
  const merged: InstanceType[] = base.map((t) => {
    const f = fromFile.get(t.name);
    if (f === undefined) {
      fromBase.push(t.name);
      return { ...t };
    }
    if (f.hourly !== t.hourly) changes.push({ name: t.name, before: t.hourly, after: f.hourly });
    return { ...t, vcpu: f.vcpu, memoryGiB: f.memoryGiB, hourly: f.hourly, architecture: f.architecture };
  });
  for (const t of imported) if (!baseNames.has(t.name)) merged.push({ ...t });
  return { instanceTypes: merged, fromBase, changes };
}

// ---- The JSON form of the same offer file ----
// AWS Billing user guide, "Reading the service price list file for an AWS service", section *JSON file*: top-level
// `formatVersion`, `disclaimer`, `offerCode`, `version`, `publicationDate`; `products` by SKU, each with `sku`,
// `productFamily` and `attributes`; `terms` by term type (`OnDemand`, `Reserved`), then SKU, then offer term code,
// each with `priceDimensions` by rate code, each with `unit` and `pricePerUnit` by currency. The EC2 attribute names
// are the offer file's own (camel case, some lower case): `regionCode`, `instanceType`, `vcpu`, `memory`,
// `physicalProcessor`, `tenancy`, `operatingSystem`, `preInstalledSw`, `capacitystatus`, `marketoption`.

/** A product that passed the attribute filters, waiting for its on-demand price. */
interface Candidate {
  name: string;
  vcpu: number;
  memoryGiB: number;
  architecture: Architecture;
}

const METADATA_KEYS: Record<string, string> = {
  formatVersion: 'FormatVersion',
  offerCode: 'OfferCode',
  version: 'Version',
  publicationDate: 'Publication Date',
};

/**
 * The JSON offer file, read with json-stream.ts: one product or one SKU's on-demand terms is built at a time.
 * Counts are per product (a JSON product is a CSV row's attributes; its prices are in `terms`), `rows` = products.
 */
export function awsPriceListJsonReader(region: string): AwsPriceListReader {
  const metadata: Record<string, string> = {};
  let rows = 0;
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const candidates = new Map<string, Candidate>();
  /** On-demand prices of SKUs seen before their product (a file with terms first), kept small: a number each. */
  const early = new Map<string, number | 'not hourly USD'>();
  let productsDone = false;
  let termsSeen = false;
  const byName = new Map<string, PriceListInstanceType>();
  const conflicts: PriceListImport['conflicts'] = [];

  const wrong = (path: JsonPath, what: string): never => {
    throw new PriceListJsonError(pathText(path), what);
  };

  const onProduct = (path: JsonPath, value: JsonValue) => {
    rows += 1;
    const sku = String(path[1]);
    const p = asObject(value) ?? wrong(path, 'a product is an object');
    const a = asObject(p.attributes ?? {}) ?? wrong([...path, 'attributes'], 'attributes are an object');
    const s = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
    const get = (c: Column): string => {
      switch (c) {
        case 'family':
          return typeof p.productFamily === 'string' ? p.productFamily : '';
        case 'region':
          return s('regionCode');
        case 'termType':
          return 'OnDemand'; // decided by `terms` below
        case 'unit':
          return 'Hrs';
        case 'currency':
          return 'USD';
        case 'os':
          return s('operatingSystem');
        case 'tenancy':
          return s('tenancy');
        case 'software':
          return s('preInstalledSw');
        case 'capacity':
          return s('capacitystatus');
        default:
          return '';
      }
    };
    const reason = skipReason(get, s('marketoption'), region);
    if (reason !== null) {
      skipped[reason] += 1;
      return;
    }
    const name = s('instanceType');
    if (name.trim() === '' || name.length > 200)
      wrong([...path, 'attributes', 'instanceType'], 'not an instance type name');
    const vcpu = Number(s('vcpu'));
    if (!Number.isInteger(vcpu) || vcpu <= 0)
      wrong([...path, 'attributes', 'vcpu'], `${JSON.stringify(s('vcpu'))} is not a vCPU count`);
    const memoryGiB = gib(s('memory'));
    if (!(memoryGiB > 0))
      wrong(
        [...path, 'attributes', 'memory'],
        `${JSON.stringify(s('memory'))} is not a memory size such as "16 GiB"`,
      );
    const c = { name, vcpu, memoryGiB, architecture: architectureOf(s('physicalProcessor'), name) };
    const price = early.get(sku);
    if (price !== undefined) {
      early.delete(sku);
      if (price === 'not hourly USD') skipped['not per hour in USD'] += 1;
      else keep(sku, c, price, path);
    } else candidates.set(sku, c);
  };

  const keep = (sku: string, c: Candidate, hourly: number, path: JsonPath) => {
    if (hourly === 0) {
      skipped['zero price'] += 1;
      return;
    }
    const seen = byName.get(c.name);
    if (seen !== undefined) {
      skipped['same type again'] += 1;
      if (seen.hourly !== hourly)
        conflicts.push({
          name: c.name,
          kept: seen.hourly,
          other: hourly,
          line: 0,
          path: pathText(path),
          sku,
        });
      return;
    }
    byName.set(c.name, { ...c, hourly });
  };

  /** terms.OnDemand.<sku>: offer terms by code, each with priceDimensions by rate code. */
  const onTerms = (path: JsonPath, value: JsonValue) => {
    const sku = String(path[2]);
    const c = candidates.get(sku);
    if (c === undefined && productsDone) return; // a product filtered out, or no product: nothing to price
    const offers = asObject(value) ?? wrong(path, 'on-demand terms are an object');
    let hourly: number | undefined;
    for (const [code, offer] of Object.entries(offers)) {
      const dims =
        asObject(asObject(offer)?.priceDimensions ?? null) ??
        wrong([...path, code, 'priceDimensions'], 'not an object');
      for (const [rate, d] of Object.entries(dims)) {
        const dim = asObject(d) ?? wrong([...path, code, 'priceDimensions', rate], 'not an object');
        const usd = asObject(dim.pricePerUnit ?? null)?.USD;
        if (dim.unit !== 'Hrs' || typeof usd !== 'string') continue;
        const n = Number(usd);
        if (usd.trim() === '' || !Number.isFinite(n) || n < 0) {
          wrong(
            [...path, code, 'priceDimensions', rate, 'pricePerUnit', 'USD'],
            `${JSON.stringify(usd)} is not a price`,
          );
        }
        hourly ??= n;
      }
    }
    if (c === undefined) {
      early.set(sku, hourly ?? 'not hourly USD');
      return;
    }
    candidates.delete(sku);
    if (hourly === undefined) skipped['not per hour in USD'] += 1;
    else keep(sku, c, hourly, path);
  };

  const json = jsonStream(
    (path) =>
      (path.length === 1 && typeof path[0] === 'string' && path[0] in METADATA_KEYS) ||
      (path.length === 2 && path[0] === 'products') ||
      (path.length === 3 && path[0] === 'terms' && path[1] === 'OnDemand'),
    (path, value) => {
      if (path.length === 1) {
        if (typeof value === 'string') metadata[METADATA_KEYS[path[0] as string]!] = value;
      } else if (path[0] === 'products') {
        onProduct(path, value);
      } else {
        if (!termsSeen) {
          termsSeen = true;
          productsDone = rows > 0;
        }
        onTerms(path, value);
      }
    },
  );
  return offerFileReader(json, { code: () => metadata.OfferCode, expected: 'AmazonEC2', what: 'EC2' }, () => {
    // Products that passed the filters but had no on-demand term.
    skipped['not on-demand'] += candidates.size;
    const instanceTypes = [...byName.values()].sort(compareTypes);
    return { form: 'json', metadata, rows, kept: instanceTypes.length, skipped, conflicts, instanceTypes };
  });
}

/**
 * A JSON offer file read in chunks (the EC2 and the Lambda one alike): the stream's syntax errors become located
 * PriceListJsonErrors (JSON path and line); at the end, a file whose offer code is another service's is refused, and
 * `finish` builds the result from what the stream's handlers collected.
 */
export function offerFileReader<T>(
  json: { push(chunk: string): void; end(): void },
  offer: { code: () => unknown; expected: string; what: string },
  finish: () => T,
): { push(chunk: string): void; end(): T } {
  const located = (run: () => void): void => {
    try {
      run();
    } catch (e) {
      if (e instanceof JsonStreamError)
        throw new PriceListJsonError(
          e.path,
          `${e.message.replace(/^.*?\(line \d+\): /, '')} (line ${e.line})`,
        );
      throw e;
    }
  };
  return {
    push: (chunk) => located(() => json.push(chunk)),
    end: () => {
      located(() => json.end());
      const code = offer.code();
      if (code !== undefined && code !== offer.expected) {
        throw new PriceListJsonError(
          'offerCode',
          `${JSON.stringify(code)}: not the ${offer.what} offer file (${offer.expected})`,
        );
      }
      return finish();
    },
  };
}

/** A JSON offer file problem: the JSON path and what is wrong. */
export class PriceListJsonError extends Error {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(`${path}: ${what}`);
  }
}

function asObject(v: JsonValue | undefined): { [key: string]: JsonValue } | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

/** The CSV or the JSON form, told apart by the first character that is not white space ("{": JSON). */
export function awsPriceListAutoReader(
  region: string,
): AwsPriceListReader & { format: () => 'csv' | 'json' | undefined } {
  let inner: AwsPriceListReader | undefined;
  let format: 'csv' | 'json' | undefined;
  let pending = '';
  return {
    format: () => format,
    push(chunk) {
      if (inner === undefined) {
        pending += chunk;
        const first = /\S/.exec(pending);
        if (first === null) return;
        format = first[0] === '{' ? 'json' : 'csv';
        inner = format === 'json' ? awsPriceListJsonReader(region) : awsPriceListReader(region);
        chunk = pending;
        pending = '';
      }
      inner.push(chunk);
    },
    end() {
      if (inner === undefined) throw new PriceListError(1, 'the file is empty');
      return inner.end();
    },
  };
}
