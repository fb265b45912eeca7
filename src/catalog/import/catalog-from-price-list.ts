// A price list's instance types + a base catalog → a custom catalog a plan carries inline (docs/catalogs.md).
// Everything the price list does not carry (Lambda, API Gateway, EKS, load balancers, NAT, storage, logs, Fargate,
// EKS maxPods, and the base's instance types the file has no row for) comes from the base, and `sources` says so.
import type { Catalog } from '../../model/types.ts';
import { mergeInstanceTypes, type PriceListImport } from './aws-price-list.ts';

export interface ImportedCatalog {
  catalog: Catalog;
  /** Types in both the base and the file whose hourly price differs. */
  changes: { name: string; before: number; after: number }[];
  /** Base types the file has no row for (kept at the base's price). */
  fromBase: string[];
  /** Types the file adds to the base's. */
  added: number;
}

/** A date "YYYY-MM-DD" from the file's "Publication Date" ("2025-09-12T22:53:08Z"), else from its Version. */
function publicationDay(meta: Record<string, string>): string | undefined {
  const p = /^(\d{4}-\d{2}-\d{2})/.exec(meta['Publication Date'] ?? '');
  if (p !== null) return p[1];
  const v = /^(\d{4})(\d{2})(\d{2})/.exec(meta.Version ?? '');
  return v === null ? undefined : `${v[1]}-${v[2]}-${v[3]}`;
}

export function catalogFromPriceList(
  base: Catalog,
  imported: PriceListImport,
  options: { region: string; fileName: string },
): ImportedCatalog {
  const { instanceTypes, fromBase, changes } = mergeInstanceTypes(base.instanceTypes, imported.instanceTypes);
  const day = publicationDay(imported.metadata);
  const version = imported.metadata.Version ?? 'unknown version';
  const catalog: Catalog = {
    ...structuredClone(base),
    id: `aws-${options.region}-price-list-${day ?? version}`,
    name: `AWS ${options.region}, on-demand (price list ${day ?? version})`,
    asOf: day ?? base.asOf,
    instanceTypes,
    sources: [
      `AWS Price List bulk file ${JSON.stringify(options.fileName)} (${imported.metadata.OfferCode ?? 'offer'} version ${version}, published ${imported.metadata['Publication Date'] ?? 'date not given'}): ${imported.kept} instance types of region ${options.region}, Linux, shared tenancy, no pre-installed software, on-demand, per hour [official]`,
      `Everything else from catalog "${base.id}" (as of ${base.asOf}): ${fromBase.length} instance types the file has no row for, EKS maxPods, and every non-EC2 price; its sources follow`,
      ...base.sources,
    ].slice(0, 100),
  };
  return { catalog, changes, fromBase, added: instanceTypes.length - base.instanceTypes.length };
}
