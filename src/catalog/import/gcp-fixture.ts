// Cloud Billing Catalog SKUs in the documented shape (Google Cloud, "Get Google Cloud pricing information": the
// `skus` response; `units` is an int64, a string in JSON), for the fixtures, the tests and the size benchmark.
export interface GcpSkuSpec {
  description: string;
  service?: 'Compute Engine' | 'Cloud Run' | 'Cloud Storage';
  resourceFamily?: string;
  resourceGroup?: string;
  usageType?: string;
  regions?: string[];
  usageUnit?: string;
  /** Tiers: [start, nanos] (units 0) or [start, nanos, units]. */
  tiers: [number, number, string?][];
  currency?: string;
  skuId?: string;
}

const SERVICE_IDS = {
  'Compute Engine': '6F81-5844-456A',
  'Cloud Run': '152E-C115-5142',
  'Cloud Storage': '95FF-2EF5-5EA1',
};
/** usageUnit → its description, base unit and conversion factor (price per usage unit / factor = per base unit). */
const UNITS: Record<string, [string, string, number]> = {
  h: ['hour', 's', 3600],
  'GiBy.h': ['gibibyte hour', 'By.s', 3600 * 2 ** 30],
  s: ['second', 's', 1],
  'GiBy.s': ['gibibyte second', 'By.s', 2 ** 30],
  count: ['count', 'count', 1],
  'GiBy.mo': ['gibibyte month', 'GiBy.mo', 1],
};
const BASE_TEXT: Record<string, string> = {
  s: 'second',
  'By.s': 'byte second',
  count: 'count',
  'GiBy.mo': 'gibibyte month',
};

export function gcpSku(s: GcpSkuSpec, n: number): Record<string, unknown> {
  const service = s.service ?? 'Compute Engine';
  const skuId = s.skuId ?? `${(0xa000 + n).toString(16).toUpperCase()}-0000-${String(n).padStart(4, '0')}`;
  const unit = s.usageUnit ?? 'h';
  const [unitText, baseUnit, factor] = UNITS[unit] ?? [unit, unit, 1];
  return {
    name: `services/${SERVICE_IDS[service]}/skus/${skuId}`,
    skuId,
    description: s.description,
    category: {
      serviceDisplayName: service,
      resourceFamily: s.resourceFamily ?? 'Compute',
      resourceGroup: s.resourceGroup ?? 'CPU',
      usageType: s.usageType ?? 'OnDemand',
    },
    serviceRegions: s.regions ?? ['us-central1', 'us-east1', 'us-west1'],
    pricingInfo: [
      {
        summary: '',
        pricingExpression: {
          usageUnit: unit,
          displayQuantity: 1,
          tieredRates: s.tiers.map(([start, nanos, units]) => ({
            startUsageAmount: start,
            unitPrice: { currencyCode: s.currency ?? 'USD', units: units ?? '0', nanos },
          })),
          usageUnitDescription: unitText,
          baseUnit,
          baseUnitDescription: BASE_TEXT[baseUnit] ?? baseUnit,
          baseUnitConversionFactor: factor,
        },
        aggregationInfo: { aggregationLevel: 'ACCOUNT', aggregationInterval: 'MONTHLY', aggregationCount: 1 },
        currencyConversionRate: 1,
        effectiveTime: '2025-10-01T00:00:00.000Z',
      },
    ],
    serviceProviderName: 'Google',
  };
}

export function gcpPage(skus: readonly GcpSkuSpec[], next: string, first = 0): string {
  return `${JSON.stringify({ skus: skus.map((s, i) => gcpSku(s, first + i)), nextPageToken: next }, null, 2)}\n`;
}
