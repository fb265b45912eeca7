// The price-list formats the app imports (issue 13 §3, "the same from the app"). The main formats are the CLI's,
// one entry each in `src/catalog/import/formats.ts` (label, region code, default base catalog, the reader fed files
// in chunks, the summary's counts and notes): this list only adds what the app alone needs — the file picker's
// `accept` — and the AWS Lambda offer file, an extra applied after an AWS main file. The app's import screen and the
// import worker iterate this list, so a format added there appears here with one line in ACCEPT. Pure: no DOM, no
// worker API (the worker and the tests drive it alike).
import type { Catalog } from '../model/types.ts';
import { PriceListError, PriceListJsonError } from '../catalog/import/aws-price-list.ts';
import {
  PRICE_LIST_FORMATS as CATALOG_FORMATS,
  type PriceListFormat as CatalogFormat,
  type PriceListFormatId,
} from '../catalog/import/formats.ts';
import { awsLambdaPriceListReader, withLambdaPrices } from '../catalog/import/aws-lambda-price-list.ts';

/** What an import found, in the same words for every format (the screen lists these). */
export interface ImportSummary {
  format: string;
  /** The file, or the pages ("page1.json, page2.json"), the summary is about. */
  fileName: string;
  /** The catalog's first source line: what was read, its version or date, what was kept (e.g. "AWS Price List bulk
   *  file "ec2.csv" (AmazonEC2 version 20251001…, published 2025-10-01): 12 instance types of region …"). */
  described: string;
  /** Records read ("rows", "products", "items", "SKUs"), and what a record is. */
  found: number;
  unit: string;
  kept: number;
  /** Records skipped, by reason, in the parser's order (reasons with none left out). */
  skipped: { reason: string; count: number }[];
  /** The same item at more than one price (the first kept), in words. */
  conflicts: string[];
  /** Prices that differ from the catalog the import started from: old → new. */
  changes: { name: string; before: string; after: string }[];
  /** Everything else the reader says (pages missing, sizes unknown, prices shown but not written). */
  notes: string[];
}

/** One import of one format: files pushed in chunks, each file's end said, then the catalog over the base. */
export interface AppFormatReader {
  push(chunk: string): void;
  /** The current file is complete (an API page; the AWS offer files are one file each). */
  endFile(): void;
  /** Throws the parsers' located errors (PriceListError, PriceListJsonError). */
  end(fileNames: readonly string[]): { catalog: Catalog; summary: ImportSummary } | { problem: string };
}

export interface PriceListFormat {
  id: string;
  /** The provider's name for the file, for the picker. */
  label: string;
  provider: CatalogFormat['provider'];
  /** File-name extensions the picker offers. */
  accept: readonly string[];
  /** True when it replaces the catalog's instance types (a main file); false when it adds to one (AWS Lambda). */
  main: boolean;
  /** Several files per import (the pages of an API's responses): the picker takes `multiple`. */
  multipleFiles: boolean;
  /** The region code: its check, the field's example, and what it is called. */
  region: CatalogFormat['region'];
  /** The bundled catalog a main format starts from by default (it may not be bundled: check). */
  defaultBase?: string;
  start(region: string, base: Catalog): AppFormatReader;
}

const price = (n: number) => `$${String(n)}`;

/** The picker's extensions: the only thing the app adds to a main format. */
const ACCEPT: Record<PriceListFormatId, readonly string[]> = {
  'aws-price-list': ['.csv', '.json'],
  'azure-retail': ['.json'],
  'gcp-billing': ['.json'],
};

/** A main format of `src/catalog/import/formats.ts` as the app shows it. */
function mainFormat(f: CatalogFormat): PriceListFormat {
  return {
    id: f.id,
    label: f.label,
    provider: f.provider,
    accept: ACCEPT[f.id],
    main: true,
    multipleFiles: f.multipleFiles,
    region: f.region,
    defaultBase: f.defaultBase,
    start(region, base) {
      const r = f.start(region, base);
      return {
        push: (chunk) => r.push(chunk),
        endFile: () => r.endFile(),
        end(fileNames) {
          const result = r.end(fileNames);
          // A file of another region (or another service) would give the base back unchanged: say so instead.
          if (result.kept === 0)
            return {
              problem: `no instance type of region ${region} was found (${result.read} ${result.unit} read)`,
            };
          return {
            catalog: result.catalog,
            summary: {
              format: f.id,
              fileName: fileNames.join(', '),
              described: result.catalog.sources[0] ?? f.label,
              found: result.read,
              unit: result.unit,
              kept: result.kept,
              skipped: result.skipped.map(([reason, count]) => ({ reason, count })),
              conflicts: result.conflicts,
              changes: result.changes.map((c) => ({
                name: c.name,
                before: price(c.before),
                after: price(c.after),
              })),
              notes: result.notes,
            },
          };
        },
      };
    },
  };
}

const aws = CATALOG_FORMATS.find((f) => f.id === 'aws-price-list')!;

/** The AWS Lambda offer file: added to the catalog an AWS main file gave (or to the base alone). */
const awsLambda: PriceListFormat = {
  id: 'aws-lambda-price-list',
  label: 'AWS Price List: AWS Lambda offer file (JSON)',
  provider: 'aws',
  accept: ['.json'],
  main: false,
  multipleFiles: false,
  region: aws.region,
  start(region, base) {
    const r = awsLambdaPriceListReader(region);
    return {
      push: (chunk) => r.push(chunk),
      endFile: () => {},
      end(fileNames) {
        const fileName = fileNames.join(', ');
        const found = r.end();
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
            notes: [],
          },
        };
      },
    };
  },
};

/** Every format the app imports, main files first (in the CLI's order), then the extras. */
export const PRICE_LIST_FORMATS: readonly PriceListFormat[] = [...CATALOG_FORMATS.map(mainFormat), awsLambda];

export function priceListFormat(id: string): PriceListFormat | undefined {
  return PRICE_LIST_FORMATS.find((f) => f.id === id);
}

/** A parser's error in words: the line or JSON path first, as the parsers give it. */
export function readProblem(e: unknown): string {
  if (e instanceof PriceListError || e instanceof PriceListJsonError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
