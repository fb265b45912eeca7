// The price-list formats the app imports (issue 13 §3, "the same from the app"), one entry each. The app's import
// screen and the import worker iterate this list, so a parser added to src/catalog/import (Azure Retail Prices,
// GCP Cloud Billing Catalog) plugs in with one entry here: a reader fed the file's text in chunks, and how its
// result changes a catalog. Pure: no DOM, no worker API (the worker and the tests drive it alike).
import type { Catalog } from '../model/types.ts';
import {
  awsPriceListAutoReader,
  PriceListError,
  PriceListJsonError,
  SKIP_REASONS,
  type PriceListImport,
} from '../catalog/import/aws-price-list.ts';
import { catalogFromPriceList } from '../catalog/import/catalog-from-price-list.ts';
import { awsLambdaPriceListReader, withLambdaPrices } from '../catalog/import/aws-lambda-price-list.ts';

/** What an import found, in the same words for every format (the screen lists these). */
export interface ImportSummary {
  format: string;
  fileName: string;
  /** e.g. "AWS price list (CSV) AmazonEC2 version 20251001…, published 2025-10-01". */
  described: string;
  /** Records read ("rows" or "products"), and what a record is. */
  found: number;
  unit: string;
  kept: number;
  /** Records skipped, by reason, in the parser's order (reasons with none left out). */
  skipped: { reason: string; count: number }[];
  /** The same item at more than one price (the first kept), in words. */
  conflicts: string[];
  /** Prices that differ from the catalog the import started from: old → new. */
  changes: { name: string; before: string; after: string }[];
}

export interface PriceListReader {
  push(chunk: string): void;
  end(): unknown;
}

export interface PriceListFormat {
  id: string;
  /** The provider's name for the file, for the picker. */
  label: string;
  /** File-name extensions the picker offers. */
  accept: readonly string[];
  /** True when it replaces the catalog's instance types (a main file); false when it adds to one (AWS Lambda). */
  main: boolean;
  /** The region code's example, for the field's hint. */
  regionExample: string;
  reader(region: string): PriceListReader;
  /** The catalog after this file, and what to say about it. */
  apply(
    base: Catalog,
    result: unknown,
    options: { region: string; fileName: string },
  ): { catalog: Catalog; summary: ImportSummary } | { problem: string };
}

const price = (n: number) => `$${String(n)}`;

const awsEc2: PriceListFormat = {
  id: 'aws-price-list',
  label: 'AWS Price List: Amazon EC2 offer file (CSV or JSON)',
  accept: ['.csv', '.json'],
  main: true,
  regionExample: 'us-east-1',
  reader: (region) => awsPriceListAutoReader(region),
  apply(base, result, { region, fileName }) {
    const imp = result as PriceListImport;
    const unit = imp.form === 'csv' ? 'rows' : 'products';
    if (imp.kept === 0)
      return { problem: `no instance type of region ${region} was found (${imp.rows} ${unit} read)` };
    const r = catalogFromPriceList(base, imp, { region, fileName });
    return {
      catalog: r.catalog,
      summary: {
        format: awsEc2.id,
        fileName,
        described: `AWS price list (${imp.form.toUpperCase()}) ${imp.metadata.OfferCode ?? ''} version ${imp.metadata.Version ?? '(not given)'}, published ${imp.metadata['Publication Date'] ?? '(not given)'}`,
        found: imp.rows,
        unit,
        kept: imp.kept,
        skipped: SKIP_REASONS.filter((s) => imp.skipped[s] > 0).map((s) => ({
          reason: s,
          count: imp.skipped[s],
        })),
        conflicts: imp.conflicts.map(
          (c) =>
            `${c.name}: ${price(c.kept)} kept, ${price(c.other)} ${c.path === undefined ? `on line ${c.line}` : `at ${c.path}`}`,
        ),
        changes: r.changes.map((c) => ({ name: c.name, before: price(c.before), after: price(c.after) })),
      },
    };
  },
};

const awsLambda: PriceListFormat = {
  id: 'aws-lambda-price-list',
  label: 'AWS Price List: AWS Lambda offer file (JSON)',
  accept: ['.json'],
  main: false,
  regionExample: 'us-east-1',
  reader: (region) => awsLambdaPriceListReader(region),
  apply(base, result, { region, fileName }) {
    const found = result as ReturnType<ReturnType<typeof awsLambdaPriceListReader>['end']>;
    const { serverless, changes } = withLambdaPrices(base.serverless, found.found);
    const kinds = Object.keys(found.found);
    const catalog = structuredClone(base);
    catalog.serverless = serverless;
    catalog.sources = [
      `AWS Price List bulk file ${JSON.stringify(fileName)} (AWSLambda version ${found.metadata.version ?? 'not given'}, published ${found.metadata.publicationDate ?? 'date not given'}): Lambda ${kinds.length === 0 ? 'nothing' : kinds.join(', ')} of region ${region} [official]; the free tier, ephemeral storage, limits from the base`,
      ...catalog.sources,
    ];
    return {
      catalog,
      summary: {
        format: awsLambda.id,
        fileName,
        described: `AWS Lambda price list version ${found.metadata.version ?? '(not given)'}, published ${found.metadata.publicationDate ?? '(not given)'}`,
        found: found.products,
        unit: 'products',
        kept: kinds.length,
        skipped: Object.entries(found.skipped)
          .filter(([, n]) => n > 0)
          .map(([reason, count]) => ({ reason, count })),
        conflicts: [],
        changes,
      },
    };
  },
};

/** Every format the app imports, main files first. */
export const PRICE_LIST_FORMATS: readonly PriceListFormat[] = [awsEc2, awsLambda];

export function priceListFormat(id: string): PriceListFormat | undefined {
  return PRICE_LIST_FORMATS.find((f) => f.id === id);
}

/** A parser's error in words: the line or JSON path first, as the parsers give it. */
export function readProblem(e: unknown): string {
  if (e instanceof PriceListError || e instanceof PriceListJsonError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
