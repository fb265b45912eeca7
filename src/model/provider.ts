// More than one cloud (issue 13 §1): what a catalog says about its provider, read in one place. A catalog that says
// nothing is AWS, with AWS's product names and the engine's defaults, so every catalog of before keeps its figures
// and its words. docs/catalogs.md "The catalog shape".
import { LAMBDA_MB_PER_VCPU } from './lambda-cpu.ts';
import type { Catalog, ProductNames, Provider, ServerlessPrices } from './types.ts';
import { AWS_PRODUCT_NAMES } from './types.ts';

/** The cloud a catalog prices (absent: AWS). */
export function providerOf(c: Pick<Catalog, 'provider'>): Provider {
  return c.provider ?? 'aws';
}

/** How a catalog's line items and notes name its products: its own names, AWS's for any it leaves out. */
export function productNames(c: Pick<Catalog, 'products'>): ProductNames {
  return { ...AWS_PRODUCT_NAMES, ...definedOnly(c.products) };
}

function definedOnly(p: Partial<ProductNames> | undefined): Partial<ProductNames> {
  const out: Partial<ProductNames> = {};
  if (p?.vm !== undefined) out.vm = p.vm;
  if (p?.kubernetes !== undefined) out.kubernetes = p.kubernetes;
  if (p?.functions !== undefined) out.functions = p.functions;
  return out;
}

/**
 * The vCPU a function gets at `memoryMiB`: the catalog's memory → vCPU table (Cloud Run functions; the first row at
 * or above the memory, the last row beyond), or, without one, Lambda's (1 vCPU at 1,769 MB, proportional below and
 * above) on AWS and a whole vCPU elsewhere (Azure Functions Consumption gives no memory-linked share).
 */
export function functionVcpu(
  memoryMiB: number,
  prices: Pick<ServerlessPrices, 'vcpuByMemory'>,
  provider: Provider,
): number {
  const table = prices.vcpuByMemory;
  if (table && table.length > 0) {
    for (const row of table) if (memoryMiB <= row.memoryMiB) return row.vcpu;
    return table[table.length - 1]!.vcpu;
  }
  return provider === 'aws' ? memoryMiB / LAMBDA_MB_PER_VCPU : 1;
}

/** The memory (MB) a function is billed for: rounded up and at least the catalog's minimum where it says so. */
export function billedMemoryMiB(
  memoryMiB: number,
  prices: Pick<ServerlessPrices, 'memoryRounding' | 'maxMemoryMiB'>,
): number {
  const r = prices.memoryRounding;
  if (!r) return memoryMiB;
  const rounded = Math.max(r.minMiB, Math.ceil(memoryMiB / r.stepMiB - 1e-12) * r.stepMiB);
  return prices.maxMemoryMiB === undefined ? rounded : Math.min(prices.maxMemoryMiB, rounded);
}
