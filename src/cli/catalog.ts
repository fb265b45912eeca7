// `headroom catalog import FILE --from aws-price-list --region REGION [--base ID] [--out FILE]` (issue 13 §3): a
// provider's price list, downloaded beforehand, → a custom catalog a plan carries inline. The file is read in
// chunks (the EC2 price list of one region is hundreds of MB): memory holds one record and the kept types.
import { bundledCatalog, BUNDLED_CATALOGS, DEFAULT_CATALOG_ID } from '../catalog/index.ts';
import {
  awsPriceListAutoReader,
  PriceListError,
  PriceListJsonError,
  SKIP_REASONS,
  type PriceListImport,
} from '../catalog/import/aws-price-list.ts';
import { catalogFromPriceList, type ImportedCatalog } from '../catalog/import/catalog-from-price-list.ts';
import {
  awsLambdaPriceListReader,
  withLambdaPrices,
  type LambdaPriceListImport,
} from '../catalog/import/aws-lambda-price-list.ts';
import {
  AZURE_SIZE_SERIES,
  AZURE_SKIP_REASONS,
  azureRetailReader,
  sizesOf,
  type AzureRetailImport,
} from '../catalog/import/azure-retail.ts';
import { GCP_SKIP_REASONS, gcpBillingReader, type GcpBillingImport } from '../catalog/import/gcp-billing.ts';
import {
  catalogFromAzureRetail,
  catalogFromGcpBilling,
  type CloudImportedCatalog,
} from '../catalog/import/cloud-catalog.ts';
import { PRICE_LIST_FORMATS, type PriceListFormatId } from '../catalog/import/formats.ts';
import { PLAN_LIMITS } from '../plan/index.ts';
import { printable } from '../report/index.ts';
import type { Catalog } from '../model/types.ts';
import type { CliIo } from './run.ts';

/** The formats, their default base catalogs and region codes: one list (src/catalog/import/formats.ts). */
const FROM = PRICE_LIST_FORMATS.map((f) => f.id);
type From = PriceListFormatId;
const format = (from: From) => PRICE_LIST_FORMATS.find((f) => f.id === from)!;
/** Without a streaming reader (the tests' world), the whole file through readFile, capped here. */
const WHOLE_FILE_CAP = 64 * 1024 * 1024;
/** Chunk size when a whole text is fed in pieces. */
const CHUNK = 64 * 1024;

export const CATALOG_HELP = `Usage:
  headroom catalog import <FILE> --from aws-price-list --region REGION [--lambda FILE] [--base CATALOG]
                         [--out FILE]
  headroom catalog import <FILE>… --from azure-retail|gcp-billing --region REGION [--base CATALOG] [--out FILE]

  Reads a price list downloaded from the provider (AWS Price List bulk file for Amazon EC2, CSV or JSON) and writes a
  catalog: the file's instance types of REGION (Linux, shared tenancy, no pre-installed software, on-demand, per
  hour) replace or extend the --base catalog's (default ${DEFAULT_CATALOG_ID}); every other price comes from the base,
  as the catalog's "sources" say. Prints what was found, kept and skipped (by reason) and the price changes against
  the base. A plan uses the catalog inline: its "catalog" is the file's object (docs/catalogs.md).
  --lambda FILE also reads the AWS Lambda offer file (JSON): request, duration and provisioned prices of REGION.
  --from azure-retail reads saved Azure Retail Prices API responses (one file per page, in any order): the VM
  sizes of REGION (armRegionName, e.g. eastus; Linux, pay-as-you-go, not Spot or Low Priority, per hour, primary
  meter region) and Azure Functions Consumption; vCPU and memory come from the base catalog or Microsoft's size
  pages (${AZURE_SIZE_SERIES.join(', ')}), other sizes are skipped and named. Default base: azure-eastus.
  --from gcp-billing reads saved Cloud Billing Catalog SKU lists (services/…/skus pages): Compute Engine on-demand
  per-vCPU-hour and per-GiB-hour rates of REGION (e.g. us-central1) for E2, N2 and N2D, priced for the standard,
  highmem, highcpu and E2 shared-core machine types; Cloud Run's rates are shown. Default base: gcp-us-central1.
  --out FILE writes the catalog (default: standard output, the summary then on standard error).
`;

class Usage extends Error {}

interface ImportArgs {
  from: From;
  files: string[];
  file: string;
  region: string;
  base: string;
  out?: string;
  lambda?: string;
}

function parse(args: readonly string[]): ImportArgs {
  const [sub, ...rest] = args;
  if (sub !== 'import')
    throw new Usage(
      sub === undefined
        ? 'catalog needs a subcommand: import'
        : `unknown catalog subcommand ${JSON.stringify(sub.slice(0, 40))}`,
    );
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i]!;
    if (arg === '-' || !arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!['--from', '--region', '--base', '--out', '--lambda'].includes(name)) {
      throw new Usage(`unknown option ${JSON.stringify(arg.slice(0, 60))} for catalog import`);
    }
    if (values.has(name)) throw new Usage(`${name} given twice`);
    const value = eq === -1 ? rest[(i += 1)] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new Usage(`${name} needs a value`);
    values.set(name, value);
  }
  const fromText = values.get('--from');
  if (fromText === undefined) throw new Usage(`catalog import needs --from (${FROM.join(', ')})`);
  const from = FROM.find((f) => f === fromText);
  if (from === undefined) {
    throw new Usage(`--from must be ${FROM.join(', ')}, not ${JSON.stringify(fromText.slice(0, 40))}`);
  }
  if (from === 'aws-price-list' && positional.length !== 1)
    throw new Usage(`catalog import takes one price list file, got ${positional.length}`);
  if (positional.length === 0)
    throw new Usage('catalog import takes one or more price list files (the saved pages), got 0');
  if (from !== 'aws-price-list' && values.has('--lambda'))
    throw new Usage('--lambda reads the AWS Lambda offer file: only with --from aws-price-list');
  const region = values.get('--region');
  const r = format(from).region;
  if (region === undefined) throw new Usage(`catalog import needs --region, e.g. --region ${r.example}`);
  if (!r.pattern.test(region))
    throw new Usage(`--region ${JSON.stringify(region.slice(0, 40))} is not ${r.what} such as ${r.example}`);
  const base = values.get('--base') ?? format(from).defaultBase;
  if (!BUNDLED_CATALOGS.has(base)) {
    throw new Usage(
      values.has('--base')
        ? `--base ${JSON.stringify(base.slice(0, 60))} is not a bundled catalog (bundled: ${[...BUNDLED_CATALOGS.keys()].join(', ')})`
        : `the default base catalog for --from ${from}, ${base}, is not bundled in this build: give --base (bundled: ${[...BUNDLED_CATALOGS.keys()].join(', ')})`,
    );
  }
  const out = values.get('--out');
  const lambda = values.get('--lambda');
  return {
    from,
    files: positional,
    file: positional[0]!,
    region,
    base,
    ...(out === undefined ? {} : { out }),
    ...(lambda === undefined ? {} : { lambda }),
  };
}

async function* chunksOf(io: CliIo, path: string): AsyncIterable<string> {
  if (io.readChunks !== undefined) {
    yield* io.readChunks(path);
    return;
  }
  const text = await io.readFile(path, WHOLE_FILE_CAP);
  for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK);
}

/** A price per hour as the file gives it, to its last digit (0.08925, not 0.09). */
const money = (n: number) => `$${String(n)}`;

/** How the instance prices moved against the base, per hour, one line each (every import says this alike). */
function priceChangeLines(
  changes: readonly { name: string; before: number; after: number }[],
  base: string,
): string[] {
  if (changes.length === 0) return [`Price changes against ${base}: none.`];
  return [
    `Price changes against ${base} (per hour):`,
    ...changes.map((c) => {
      const pct = ((c.after - c.before) / c.before) * 100;
      return `  ${printable(c.name)}: ${money(c.before)} → ${money(c.after)} (${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%)`;
    }),
  ];
}

/** What was found, kept and skipped, and how prices moved against the base. */
export function importSummary(
  file: string,
  region: string,
  imp: PriceListImport,
  result: ImportedCatalog,
  base: string,
): string {
  const lines = [
    `${printable(file)}: AWS price list (${imp.form.toUpperCase()}) ${imp.metadata.OfferCode ?? ''} version ${imp.metadata.Version ?? '(not given)'}, published ${imp.metadata['Publication Date'] ?? '(not given)'}`,
    `${imp.form === 'csv' ? 'Rows' : 'Products'} read: ${imp.rows}. Kept: ${imp.kept} instance types of ${region}.`,
    `Skipped ${imp.form === 'csv' ? 'rows' : 'products'}, by reason:`,
    ...skippedLines(SKIP_REASONS, imp.skipped),
  ];
  if (imp.conflicts.length > 0) {
    lines.push(`Types with more than one price (the first kept):`);
    for (const c of imp.conflicts.slice(0, 20))
      lines.push(
        `  ${printable(c.name)}: ${money(c.kept)} kept, ${money(c.other)} ${c.path === undefined ? `on line ${c.line}` : `at ${printable(c.path)}`}`,
      );
    if (imp.conflicts.length > 20) lines.push(`  … and ${imp.conflicts.length - 20} more`);
  }
  lines.push(
    `Catalog ${result.catalog.id}: ${result.catalog.instanceTypes.length} instance types (${result.added} new, ${result.fromBase.length} from ${base} not in the file).`,
  );
  lines.push(...priceChangeLines(result.changes, base));
  if (!base.endsWith(region)) {
    lines.push(
      `Note: the other prices (Lambda, API Gateway, EKS, load balancers, NAT, storage, logs, Fargate) and the ${result.fromBase.length} instance types not in the file are ${base}'s, not ${region}'s.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A price list that could not be read: the file's name, then the line or JSON path and what is wrong. */
function readProblem(file: string, e: unknown): string {
  if (e instanceof PriceListError || e instanceof PriceListJsonError)
    return `${printable(file)}: ${printable(e.message)}\n`;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder'
        : e instanceof Error
          ? e.message
          : String(e);
  return `${printable(file)}: cannot read the file (${printable(why)})\n`;
}

/** `headroom catalog …`: exit 0 ok, 2 bad input or usage (on stderr). */
export async function catalogCommand(io: CliIo, args: readonly string[]): Promise<number> {
  let a: ImportArgs;
  try {
    a = parse(args);
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    io.stderr(`${printable(e.message)}\n${CATALOG_HELP}`);
    return 2;
  }
  if (a.from !== 'aws-price-list') return importCloud(io, a);
  const reader = awsPriceListAutoReader(a.region);
  let imp: PriceListImport;
  try {
    for await (const chunk of chunksOf(io, a.file)) reader.push(chunk);
    imp = reader.end();
  } catch (e) {
    io.stderr(readProblem(a.file, e));
    return 2;
  }
  if (imp.kept === 0) {
    io.stderr(
      `${printable(a.file)}: no instance type of region ${a.region} kept (${imp.rows} ${imp.form === 'csv' ? 'rows' : 'products'} read; skipped: ${
        SKIP_REASONS.filter((r) => imp.skipped[r] > 0)
          .map((r) => `${r} ${imp.skipped[r]}`)
          .join(', ') || 'none'
      })\n`,
    );
    return 2;
  }
  const result = catalogFromPriceList(bundledCatalog(a.base)!, imp, {
    region: a.region,
    fileName: a.file.split(/[\\/]/).at(-1) ?? a.file,
  });
  const n = result.catalog.instanceTypes.length;
  if (n > PLAN_LIMITS.maxInstanceTypes) {
    io.stderr(
      `${printable(a.file)}: ${n} instance types, more than a catalog holds (${PLAN_LIMITS.maxInstanceTypes})\n`,
    );
    return 2;
  }
  let summary = importSummary(a.file, a.region, imp, result, a.base);
  if (a.lambda !== undefined) {
    const lambda = awsLambdaPriceListReader(a.region);
    let found: LambdaPriceListImport;
    try {
      for await (const chunk of chunksOf(io, a.lambda)) lambda.push(chunk);
      found = lambda.end();
    } catch (e) {
      io.stderr(readProblem(a.lambda, e));
      return 2;
    }
    const { serverless, changes } = withLambdaPrices(result.catalog.serverless, found.found);
    const kinds = Object.keys(found.found);
    result.catalog.serverless = serverless;
    result.catalog.sources.splice(
      1,
      0,
      `AWS Price List bulk file ${JSON.stringify(a.lambda.split(/[\\/]/).at(-1) ?? a.lambda)} (AWSLambda version ${found.metadata.version ?? 'not given'}, published ${found.metadata.publicationDate ?? 'date not given'}): Lambda ${kinds.length === 0 ? 'nothing' : kinds.join(', ')} of region ${a.region} [official]; the free tier, ephemeral storage, limits from the base`,
    );
    const skippedText = Object.entries(found.skipped)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    summary +=
      `${printable(a.lambda)}: AWS Lambda price list, ${found.products} products (skipped: ${skippedText || 'none'}); ` +
      `read: ${kinds.length === 0 ? `nothing for ${a.region}, Lambda prices stay ${a.base}'s` : kinds.join(', ')}.\n` +
      (kinds.length === 0
        ? ''
        : changes.length === 0
          ? `Lambda price changes against ${a.base}: none.\n`
          : `Lambda price changes against ${a.base}:\n${changes.map((c) => `  ${c.name}: ${c.before} → ${c.after}`).join('\n')}\n`);
  }
  return writeCatalog(io, a, result.catalog, summary);
}

/** Writes the catalog (or prints it, the summary then on standard error): exit 0, or 2 when it cannot be written. */
async function writeCatalog(io: CliIo, a: ImportArgs, catalog: Catalog, summary: string): Promise<number> {
  // The base's sources come last: at the limit, the oldest of them are the ones left out.
  catalog.sources = catalog.sources.slice(0, PLAN_LIMITS.maxSources);
  const text = `${JSON.stringify(catalog, null, 2)}\n`;
  if (a.out === undefined || a.out === '-') {
    io.stdout(text);
    io.stderr(summary);
    return 0;
  }
  try {
    await io.writeFile(a.out, text);
  } catch (e) {
    io.stderr(
      `${printable(a.out)}: cannot write the file (${e instanceof Error ? printable(e.message) : String(e)})\n`,
    );
    return 2;
  }
  io.stdout(`${summary}Wrote ${printable(a.out)}.\n`);
  return 0;
}

/** Skip counts "reason: n", the non-zero ones, in the filters' order. */
function skippedLines(reasons: readonly string[], skipped: Record<string, number>): string[] {
  return reasons.filter((r) => (skipped[r] ?? 0) > 0).map((r) => `  ${r}: ${skipped[r]}`);
}

/** The lines every import ends with: the catalog, the price changes against the base, a region note. */
function catalogLines(result: CloudImportedCatalog, base: string, unit: string): string[] {
  const lines = [
    `Catalog ${result.catalog.id}: ${result.catalog.instanceTypes.length} instance types (${result.added} new, ${result.fromBase.length} from ${base} not in the files).`,
  ];
  lines.push(...priceChangeLines(result.changes, base));
  if (result.functionChanges.length > 0) {
    lines.push(`${unit} price changes against ${base}:`);
    for (const c of result.functionChanges) lines.push(`  ${c.name}: ${c.before} → ${c.after}`);
  }
  return lines;
}

/** What an Azure Retail Prices import found, kept and skipped. */
export function azureSummary(
  files: readonly string[],
  region: string,
  imp: AzureRetailImport,
  result: CloudImportedCatalog,
  base: string,
): string {
  const meta = imp.metadata;
  const lines = [
    `${files.length === 1 ? printable(files[0]!) : `${files.length} files`}: Azure Retail Prices API, ${imp.pages} page${imp.pages === 1 ? '' : 's'}, ${imp.items} items (currency ${meta.BillingCurrency ?? 'not given'}, ${meta.CustomerEntityType ?? 'entity not given'}); newest price kept from ${meta['newest price'] ?? '(none)'}.`,
    `Kept: ${imp.kept} VM sizes of ${region} (Linux, pay-as-you-go, per hour, primary meter region, USD).`,
    `Skipped items, by reason:`,
    ...skippedLines(AZURE_SKIP_REASONS, imp.skipped),
  ];
  if (imp.pagesWithNextLink === imp.pages) {
    lines.push(
      `Warning: every page read has a NextPageLink, so the API has more pages than these: prices may be missing.`,
    );
  }
  if (imp.unsized.length > 0) {
    lines.push(
      `Sizes skipped, vCPU and memory unknown (not in ${base}, not a size of ${AZURE_SIZE_SERIES.join(', ')}): ${imp.unsized.map(printable).join(', ')}${imp.skipped['size unknown'] > imp.unsized.length ? ' …' : ''}`,
    );
  }
  if (imp.conflicts.length > 0) {
    lines.push(`Sizes with more than one price (the later effectiveStartDate kept):`);
    for (const c of imp.conflicts.slice(0, 20))
      lines.push(
        `  ${printable(c.name)}: ${money(c.kept)} kept, ${money(c.other)} at ${printable(c.path)} of page ${c.page}`,
      );
    if (imp.conflicts.length > 20) lines.push(`  … and ${imp.conflicts.length - 20} more`);
  }
  const f = imp.functions;
  lines.push(
    f.requestsPerMillion === undefined && f.gbSecond === undefined
      ? `Azure Functions Consumption: not in the files (the base's function prices kept).`
      : `Azure Functions Consumption: ${f.requestsPerMillion === undefined ? '' : `${money(f.requestsPerMillion)} per million executions`}${f.requestsPerMillion !== undefined && f.gbSecond !== undefined ? ', ' : ''}${f.gbSecond === undefined ? '' : `${money(f.gbSecond)} per GB-second`}; free each month: ${f.freeRequests ?? 'not given'} executions, ${f.freeGbSeconds ?? 'not given'} GB-seconds.`,
  );
  lines.push(...catalogLines(result, base, 'Function'));
  return `${lines.join('\n')}\n`;
}

/** What a GCP Cloud Billing Catalog import found, kept and skipped. */
export function gcpSummary(
  files: readonly string[],
  region: string,
  imp: GcpBillingImport,
  result: CloudImportedCatalog,
  base: string,
): string {
  const lines = [
    `${files.length === 1 ? printable(files[0]!) : `${files.length} files`}: GCP Cloud Billing Catalog, ${imp.pages} page${imp.pages === 1 ? '' : 's'}, ${imp.skus} SKUs; newest price from ${imp.metadata['newest price'] ?? '(none)'}.`,
    `Compute Engine on-demand rates of ${region}:`,
    ...Object.entries(imp.rates).map(
      ([f, r]) =>
        `  ${f}: ${r.core === undefined ? 'no core price' : `${money(r.core)} per vCPU-hour`}, ${r.ram === undefined ? 'no RAM price' : `${money(r.ram)} per GiB-hour`}`,
    ),
    `Kept: ${imp.kept} machine types (vCPU × core + GiB × RAM).`,
    `Skipped SKUs, by reason:`,
    ...skippedLines(GCP_SKIP_REASONS, imp.skipped),
  ];
  if (imp.pagesWithNextToken === imp.pages) {
    lines.push(
      `Warning: every page read has a nextPageToken, so the API has more pages than these: prices may be missing.`,
    );
  }
  if (imp.incomplete.length > 0)
    lines.push(
      `Families without both a core and a RAM price (no machine type): ${imp.incomplete.join(', ')}.`,
    );
  if (imp.conflicts.length > 0) {
    lines.push(`Rates given more than once (the first kept):`);
    for (const c of imp.conflicts.slice(0, 20))
      lines.push(
        `  ${c.name}: ${money(c.kept)} kept, ${money(c.other)} at ${printable(c.path)} of page ${c.page}`,
      );
  }
  const run = Object.entries(imp.cloudRun);
  if (run.length > 0)
    lines.push(
      result.catalog.containerService?.model === 'cloud-run'
        ? `Cloud Run request-based rates written: ${run.map(([k, v]) => `${k} ${v}`).join(', ')}.`
        : `Cloud Run (shown, not written: this catalog has no Cloud Run prices): ${run.map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    );
  lines.push(...catalogLines(result, base, 'Function'));
  return `${lines.join('\n')}\n`;
}

/** Feeds every file to the reader as one page, in chunks: false (and the problem on stderr) when one fails. */
async function readPages(
  io: CliIo,
  files: readonly string[],
  reader: { push(chunk: string): void; endPage(): void },
): Promise<boolean> {
  for (const file of files) {
    try {
      for await (const chunk of chunksOf(io, file)) reader.push(chunk);
      reader.endPage();
    } catch (e) {
      io.stderr(readProblem(file, e));
      return false;
    }
  }
  return true;
}

/** `--from azure-retail` and `--from gcp-billing`: every file a page, read in chunks, one after another. */
async function importCloud(io: CliIo, a: ImportArgs): Promise<number> {
  const base = bundledCatalog(a.base)!;
  const options = { region: a.region, fileNames: a.files.map((f) => f.split(/[\\/]/).at(-1) ?? f) };
  let result: CloudImportedCatalog;
  let summary: string;
  if (a.from === 'azure-retail') {
    const reader = azureRetailReader(a.region, sizesOf(base.instanceTypes));
    if (!(await readPages(io, a.files, reader))) return 2;
    const imp = reader.end();
    result = catalogFromAzureRetail(base, imp, options);
    summary = azureSummary(a.files, a.region, imp, result, a.base);
    if (imp.kept === 0) {
      io.stderr(`${summary}No VM size of region ${a.region} kept: nothing written.\n`);
      return 2;
    }
  } else {
    const reader = gcpBillingReader(a.region);
    if (!(await readPages(io, a.files, reader))) return 2;
    const imp = reader.end();
    result = catalogFromGcpBilling(base, imp, options);
    summary = gcpSummary(a.files, a.region, imp, result, a.base);
    if (imp.kept === 0) {
      io.stderr(`${summary}No machine type of region ${a.region} kept: nothing written.\n`);
      return 2;
    }
  }
  const n = result.catalog.instanceTypes.length;
  if (n > PLAN_LIMITS.maxInstanceTypes) {
    io.stderr(`${n} instance types, more than a catalog holds (${PLAN_LIMITS.maxInstanceTypes})\n`);
    return 2;
  }
  if (!a.base.endsWith(a.region)) {
    summary += `Note: every price other than the files' (and the instance types not in them) is ${a.base}'s, not ${a.region}'s.\n`;
  }
  return writeCatalog(io, a, result.catalog, summary);
}
