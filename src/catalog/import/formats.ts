// The price list formats Headroom imports, one entry each, for every caller (the CLI's `catalog import --from`, the
// app's import): what the format is called, its region codes, its default base catalog, and one way to read it —
// files fed in chunks, one after another — into a catalog and a summary of what was kept and skipped. Pure (no node
// imports), like the readers it lists.
import type { Catalog } from '../../model/types.ts';
import { awsPriceListAutoReader, SKIP_REASONS } from './aws-price-list.ts';
import { catalogFromPriceList } from './catalog-from-price-list.ts';
import { AZURE_SKIP_REASONS, azureRetailReader, sizesOf } from './azure-retail.ts';
import { GCP_SKIP_REASONS, gcpBillingReader } from './gcp-billing.ts';
import { catalogFromAzureRetail, catalogFromGcpBilling } from './cloud-catalog.ts';

export type PriceListFormatId = 'aws-price-list' | 'azure-retail' | 'gcp-billing';

/** What any import gives back: the catalog, and the counts a summary shows. */
export interface FormatResult {
  catalog: Catalog;
  /** Records read (CSV rows, JSON products, Azure items, GCP SKUs) and instance types kept. */
  read: number;
  /** What a record read is, plural ("rows", "products", "items", "SKUs"), for a summary's words. */
  unit: string;
  kept: number;
  /** Non-zero skip counts, in the filters' order. */
  skipped: [reason: string, count: number][];
  /** Instance types whose hourly price differs from the base's. */
  changes: { name: string; before: number; after: number }[];
  /** Instance types or rates priced twice differently, as text ("Standard_D4s_v5: 0.2 kept, 0.192 at Items[7]"). */
  conflicts: string[];
  /** Everything else worth saying (unknown sizes, incomplete families, pages missing, prices shown not written). */
  notes: string[];
}

export interface FormatReader {
  push(chunk: string): void;
  /** The current file is complete (a page of the Azure or GCP API; the AWS offer file is one file). */
  endFile(): void;
  /** Reads nothing more; builds the catalog over `base`. Throws PriceListError / PriceListJsonError, located. */
  end(fileNames: readonly string[]): FormatResult;
}

export interface PriceListFormat {
  id: PriceListFormatId;
  label: string;
  provider: 'aws' | 'azure' | 'gcp';
  /** More than one file per import (API pages). */
  multipleFiles: boolean;
  /** The bundled catalog used as the base when none is chosen (it may not be bundled yet: check). */
  defaultBase: string;
  region: { pattern: RegExp; example: string; what: string };
  start(region: string, base: Catalog): FormatReader;
}

const nonZero = (reasons: readonly string[], skipped: Record<string, number>): [string, number][] =>
  reasons.filter((r) => (skipped[r] ?? 0) > 0).map((r) => [r, skipped[r]!]);

export const PRICE_LIST_FORMATS: readonly PriceListFormat[] = [
  {
    id: 'aws-price-list',
    label: 'AWS Price List bulk file (Amazon EC2, CSV or JSON)',
    provider: 'aws',
    multipleFiles: false,
    defaultBase: 'aws-us-east-1',
    region: { pattern: /^[a-z]{2}(-[a-z0-9]+)+$/, example: 'us-east-1', what: 'an AWS region code' },
    start(region, base) {
      const r = awsPriceListAutoReader(region);
      let files = 0;
      return {
        push(chunk) {
          if (files > 0) throw new Error('the AWS offer file is one file');
          r.push(chunk);
        },
        endFile() {
          files += 1;
        },
        end(fileNames) {
          const imp = r.end();
          const result = catalogFromPriceList(base, imp, { region, fileName: fileNames[0] ?? 'price list' });
          return {
            catalog: result.catalog,
            read: imp.rows,
            unit: imp.form === 'csv' ? 'rows' : 'products',
            kept: imp.kept,
            skipped: nonZero(SKIP_REASONS, imp.skipped),
            changes: result.changes,
            conflicts: imp.conflicts.map(
              (c) =>
                `${c.name}: ${c.kept} kept, ${c.other} ${c.path === undefined ? `on line ${c.line}` : `at ${c.path}`}`,
            ),
            notes: [],
          };
        },
      };
    },
  },
  {
    id: 'azure-retail',
    label: 'Azure Retail Prices API responses (JSON pages)',
    provider: 'azure',
    multipleFiles: true,
    defaultBase: 'azure-eastus',
    region: { pattern: /^[a-z][a-z0-9]{2,40}$/, example: 'eastus', what: 'an Azure region (armRegionName)' },
    start(region, base) {
      const r = azureRetailReader(region, sizesOf(base.instanceTypes));
      return {
        push: (chunk) => r.push(chunk),
        endFile: () => r.endPage(),
        end(fileNames) {
          const imp = r.end();
          const result = catalogFromAzureRetail(base, imp, { region, fileNames });
          const notes: string[] = [];
          if (imp.pagesWithNextLink === imp.pages)
            notes.push('Every page has a NextPageLink: the API has more pages than these.');
          if (imp.unsized.length > 0)
            notes.push(`Sizes skipped, vCPU and memory unknown: ${imp.unsized.join(', ')}`);
          if (Object.keys(imp.functions).length > 0)
            notes.push(`Azure Functions Consumption read: ${JSON.stringify(imp.functions)}`);
          return {
            catalog: result.catalog,
            read: imp.items,
            unit: 'items',
            kept: imp.kept,
            skipped: nonZero(AZURE_SKIP_REASONS, imp.skipped),
            changes: result.changes,
            conflicts: imp.conflicts.map(
              (c) => `${c.name}: ${c.kept} kept, ${c.other} at ${c.path} of page ${c.page}`,
            ),
            notes,
          };
        },
      };
    },
  },
  {
    id: 'gcp-billing',
    label: 'GCP Cloud Billing Catalog SKU lists (JSON pages)',
    provider: 'gcp',
    multipleFiles: true,
    defaultBase: 'gcp-us-central1',
    region: { pattern: /^[a-z]+(-[a-z]+)+\d+$/, example: 'us-central1', what: 'a GCP region' },
    start(region, base) {
      const r = gcpBillingReader(region);
      return {
        push: (chunk) => r.push(chunk),
        endFile: () => r.endPage(),
        end(fileNames) {
          const imp = r.end();
          const result = catalogFromGcpBilling(base, imp, { region, fileNames });
          const notes: string[] = [];
          if (imp.pagesWithNextToken === imp.pages)
            notes.push('Every page has a nextPageToken: the API has more pages than these.');
          if (imp.incomplete.length > 0)
            notes.push(`Families without both a core and a RAM price: ${imp.incomplete.join(', ')}`);
          if (Object.keys(imp.cloudRun).length > 0)
            notes.push(
              base.containerService?.model === 'cloud-run'
                ? `Cloud Run request-based rates written: ${JSON.stringify(imp.cloudRun)}`
                : `Cloud Run (shown, not written): ${JSON.stringify(imp.cloudRun)}`,
            );
          return {
            catalog: result.catalog,
            read: imp.skus,
            unit: 'SKUs',
            kept: imp.kept,
            skipped: nonZero(GCP_SKIP_REASONS, imp.skipped),
            changes: result.changes,
            conflicts: imp.conflicts.map(
              (c) => `${c.name}: ${c.kept} kept, ${c.other} at ${c.path} of page ${c.page}`,
            ),
            notes,
          };
        },
      };
    },
  },
];

export function priceListFormat(id: string): PriceListFormat | undefined {
  return PRICE_LIST_FORMATS.find((f) => f.id === id);
}
