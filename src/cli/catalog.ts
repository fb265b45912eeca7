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
import { PLAN_LIMITS } from '../plan/index.ts';
import { printable } from '../report/index.ts';
import type { CliIo } from './run.ts';

const FROM = ['aws-price-list'] as const;
/** Without a streaming reader (the tests' world), the whole file through readFile, capped here. */
const WHOLE_FILE_CAP = 64 * 1024 * 1024;
/** Chunk size when a whole text is fed in pieces. */
const CHUNK = 64 * 1024;

export const CATALOG_HELP = `Usage:
  headroom catalog import <FILE> --from aws-price-list --region REGION [--lambda FILE] [--base CATALOG]
                         [--out FILE]

  Reads a price list downloaded from the provider (AWS Price List bulk file for Amazon EC2, CSV or JSON) and writes a
  catalog: the file's instance types of REGION (Linux, shared tenancy, no pre-installed software, on-demand, per
  hour) replace or extend the --base catalog's (default ${DEFAULT_CATALOG_ID}); every other price comes from the base,
  as the catalog's "sources" say. Prints what was found, kept and skipped (by reason) and the price changes against
  the base. A plan uses the catalog inline: its "catalog" is the file's object (docs/catalogs.md).
  --lambda FILE also reads the AWS Lambda offer file (JSON): request, duration and provisioned prices of REGION.
  --out FILE writes the catalog (default: standard output, the summary then on standard error).
`;

class Usage extends Error {}

interface ImportArgs {
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
  if (positional.length !== 1)
    throw new Usage(`catalog import takes one price list file, got ${positional.length}`);
  const from = values.get('--from');
  if (from === undefined) throw new Usage(`catalog import needs --from (${FROM.join(', ')})`);
  if (!FROM.some((f) => f === from)) {
    throw new Usage(
      `--from must be ${FROM.join(' or ')}, not ${JSON.stringify(from.slice(0, 40))} (azure-retail and gcp-billing: not yet)`,
    );
  }
  const region = values.get('--region');
  if (region === undefined) throw new Usage('catalog import needs --region, e.g. --region us-east-1');
  if (!/^[a-z]{2}(-[a-z0-9]+)+$/.test(region))
    throw new Usage(
      `--region ${JSON.stringify(region.slice(0, 40))} is not an AWS region code such as us-east-1`,
    );
  const base = values.get('--base') ?? DEFAULT_CATALOG_ID;
  if (!BUNDLED_CATALOGS.has(base)) {
    throw new Usage(
      `--base ${JSON.stringify(base.slice(0, 60))} is not a bundled catalog (bundled: ${[...BUNDLED_CATALOGS.keys()].join(', ')})`,
    );
  }
  const out = values.get('--out');
  const lambda = values.get('--lambda');
  return {
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
    ...SKIP_REASONS.filter((r) => imp.skipped[r] > 0).map((r) => `  ${r}: ${imp.skipped[r]}`),
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
  if (result.changes.length === 0) lines.push(`Price changes against ${base}: none.`);
  else {
    lines.push(`Price changes against ${base} (per hour):`);
    for (const c of result.changes) {
      const pct = ((c.after - c.before) / c.before) * 100;
      lines.push(
        `  ${printable(c.name)}: ${money(c.before)} → ${money(c.after)} (${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%)`,
      );
    }
  }
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
  // The base's sources come last: at the limit, the oldest of them are the ones left out.
  result.catalog.sources = result.catalog.sources.slice(0, PLAN_LIMITS.maxSources);
  const text = `${JSON.stringify(result.catalog, null, 2)}\n`;
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
