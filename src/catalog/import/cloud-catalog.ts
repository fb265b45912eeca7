// An Azure Retail Prices or GCP Cloud Billing Catalog import + a base catalog → a custom catalog a plan carries
// inline (docs/catalogs.md), as catalog-from-price-list.ts does for AWS: the file's instance types replace or extend
// the base's, everything else comes from the base, and `sources` says which is which.
import type { Catalog, ContainerServicePrices } from '../../model/types.ts';
import { mergeInstanceTypes } from './aws-price-list.ts';
import type { ImportedCatalog } from './catalog-from-price-list.ts';
import { AZURE_SIZE_SERIES, type AzureRetailImport } from './azure-retail.ts';
import type { CloudRunPrices, GcpBillingImport } from './gcp-billing.ts';

/** A list of file names for `sources`: "a.json, b.json" (the first 5, then how many more). */
function fileList(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => JSON.stringify(n));
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

/** Function price changes are named and shown as text, like the Lambda import's. */
export interface CloudImportedCatalog extends ImportedCatalog {
  functionChanges: { name: string; before: string; after: string }[];
}

export function catalogFromAzureRetail(
  base: Catalog,
  imported: AzureRetailImport,
  options: { region: string; fileNames: readonly string[] },
): CloudImportedCatalog {
  const { instanceTypes, fromBase, changes } = mergeInstanceTypes(base.instanceTypes, imported.instanceTypes);
  const day = imported.metadata['newest price'];
  const serverless = structuredClone(base.serverless);
  const functionChanges: CloudImportedCatalog['functionChanges'] = [];
  const note = (name: string, before: unknown, after: unknown) => {
    const b = JSON.stringify(before);
    const a = JSON.stringify(after);
    if (a !== b) functionChanges.push({ name, before: b, after: a });
  };
  const f = imported.functions;
  if (f.requestsPerMillion !== undefined) {
    note('requests per million', serverless.requestsPerMillion, f.requestsPerMillion);
    serverless.requestsPerMillion = f.requestsPerMillion;
  }
  if (f.gbSecond !== undefined) {
    // Azure Functions Consumption has one rate per GB-second, whatever the processor.
    for (const arch of ['x86_64', 'arm64'] as const) {
      const tiers = [{ upTo: null, price: f.gbSecond }];
      note(`GB-second tiers, ${arch}`, serverless.gbSecond[arch], tiers);
      serverless.gbSecond[arch] = tiers;
    }
  }
  if (f.freeRequests !== undefined) {
    note('free requests', serverless.freeTier.requests, f.freeRequests);
    serverless.freeTier.requests = f.freeRequests;
  }
  if (f.freeGbSeconds !== undefined) {
    note('free GB-seconds', serverless.freeTier.gbSeconds, f.freeGbSeconds);
    serverless.freeTier.gbSeconds = f.freeGbSeconds;
  }
  const fnRead = Object.keys(f);
  const catalog: Catalog = {
    ...structuredClone(base),
    id: `azure-${options.region}-retail-prices-${day ?? 'undated'}`,
    name: `Azure ${options.region}, pay-as-you-go (Retail Prices ${day ?? 'undated'})`,
    asOf: day ?? base.asOf,
    instanceTypes,
    serverless,
    sources: [
      `Azure Retail Prices API responses ${fileList(options.fileNames)} (${imported.pages} pages, ${imported.items} items; newest effectiveStartDate kept ${day ?? 'not given'}): ${imported.kept} VM sizes of region ${options.region}, Linux, pay-as-you-go (Consumption), not Spot or Low Priority, primary meter region, per hour, USD [official]; vCPU and memory from the base catalog or Microsoft's size pages (${AZURE_SIZE_SERIES.join(', ')})` +
        (fnRead.length === 0 ? '' : `; Azure Functions Consumption: ${fnRead.join(', ')} [official]`),
      `Everything else from catalog "${base.id}" (as of ${base.asOf}): ${fromBase.length} instance types the files have no price for, and every price that is not a VM${fnRead.length === 0 ? ' or a function' : ''} price; its sources follow`,
      ...base.sources,
    ].slice(0, 100),
  };
  return {
    catalog,
    changes,
    fromBase,
    added: instanceTypes.length - base.instanceTypes.length,
    functionChanges,
  };
}

/**
 * The base's Cloud Run prices with the request-based rates and free grant the files give (issue 13 §3): only when
 * the base prices serverless containers as Cloud Run and the files have at least one Cloud Run rate; what the files
 * leave out (the idle GiB-second rate, instance-based billing) stays the base's. `undefined`: nothing to write.
 */
function withCloudRunRates(base: Catalog, run: CloudRunPrices): ContainerServicePrices | undefined {
  const cs = base.containerService;
  const req = cs?.rates.request;
  if (!cs || cs.model !== 'cloud-run' || !req || Object.keys(run).length === 0) return undefined;
  const out = structuredClone(cs);
  const r = out.rates.request!;
  r.vcpuSecond = run.vcpuSecond ?? r.vcpuSecond;
  r.gibSecond = run.gibSecond ?? r.gibSecond;
  r.requestsPerMillion = run.requestsPerMillion ?? r.requestsPerMillion;
  if (r.idle && run.idleVcpuSecond !== undefined) r.idle = { ...r.idle, vcpuSecond: run.idleVcpuSecond };
  r.freeGrant = {
    vcpuSeconds: run.freeVcpuSeconds ?? r.freeGrant.vcpuSeconds,
    gibSeconds: run.freeGibSeconds ?? r.freeGrant.gibSeconds,
    requests: run.freeRequests ?? r.freeGrant.requests,
  };
  return out;
}

export function catalogFromGcpBilling(
  base: Catalog,
  imported: GcpBillingImport,
  options: { region: string; fileNames: readonly string[] },
): CloudImportedCatalog {
  const { instanceTypes, fromBase, changes } = mergeInstanceTypes(base.instanceTypes, imported.instanceTypes);
  const day = imported.metadata['newest price'];
  const rates = Object.entries(imported.rates)
    .filter(([, r]) => r.core !== undefined && r.ram !== undefined)
    .map(([f, r]) => `${f} $${r.core} per vCPU-hour + $${r.ram} per GiB-hour`);
  const run = Object.entries(imported.cloudRun).map(([k, v]) => `${k} ${v}`);
  const containerService = withCloudRunRates(base, imported.cloudRun);
  const catalog: Catalog = {
    ...structuredClone(base),
    ...(containerService ? { containerService } : {}),
    id: `gcp-${options.region}-billing-catalog-${day ?? 'undated'}`,
    name: `GCP ${options.region}, on-demand (Cloud Billing Catalog ${day ?? 'undated'})`,
    asOf: day ?? base.asOf,
    instanceTypes,
    sources: [
      `GCP Cloud Billing Catalog SKU lists ${fileList(options.fileNames)} (${imported.pages} pages, ${imported.skus} SKUs; newest effectiveTime ${day ?? 'not given'}): Compute Engine on-demand rates of region ${options.region}: ${rates.join('; ') || 'none'} [official]; ${imported.kept} machine types priced vCPU × core + GiB × RAM for the standard, highmem and highcpu shapes and E2 shared core (e2-micro, e2-small, e2-medium billed as 0.25, 0.5 and 1 vCPU) [calc]` +
        (run.length === 0
          ? ''
          : containerService
            ? `; Cloud Run request-based rates written from the files: ${run.join(', ')} [official]`
            : `; Cloud Run in the files (not in this catalog's fields): ${run.join(', ')} [official]`),
      `Everything else from catalog "${base.id}" (as of ${base.asOf}): ${fromBase.length} instance types the files have no price for, and every price that is not a Compute Engine machine price; its sources follow`,
      ...base.sources,
    ].slice(0, 100),
  };
  return {
    catalog,
    changes,
    fromBase,
    added: instanceTypes.length - base.instanceTypes.length,
    functionChanges: [],
  };
}
