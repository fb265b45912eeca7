// Azure Retail Prices items in the documented shape (Microsoft Learn, "Azure Retail Prices overview": the property
// table and sample responses), for the fixtures, the tests and the size benchmark. Values not given are those of a
// pay-as-you-go Linux VM meter in East US.
export interface AzureItem {
  currencyCode: string;
  tierMinimumUnits: number;
  retailPrice: number;
  unitPrice: number;
  armRegionName: string;
  location: string;
  effectiveStartDate: string;
  meterId: string;
  meterName: string;
  productId: string;
  skuId: string;
  productName: string;
  skuName: string;
  serviceName: string;
  serviceId: string;
  serviceFamily: string;
  unitOfMeasure: string;
  type: string;
  isPrimaryMeterRegion: boolean;
  armSkuName: string;
  reservationTerm?: string;
}

export function azureItem(over: Partial<AzureItem> & { retailPrice: number }): AzureItem {
  // The documented key order (retailPrice keeps its place when `over` repeats it).
  const ordered: AzureItem = {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    retailPrice: over.retailPrice,
    unitPrice: over.retailPrice,
    armRegionName: 'eastus',
    location: 'US East',
    effectiveStartDate: '2025-10-01T00:00:00Z',
    meterId: '00000000-0000-0000-0000-000000000000',
    meterName: '',
    productId: 'DZH318Z0BQ00',
    skuId: 'DZH318Z0BQ00/0001',
    productName: 'Virtual Machines',
    skuName: '',
    serviceName: 'Virtual Machines',
    serviceId: 'DZH313Z7MMC8',
    serviceFamily: 'Compute',
    unitOfMeasure: '1 Hour',
    type: 'Consumption',
    isPrimaryMeterRegion: true,
    armSkuName: '',
  };
  return Object.assign(ordered, over);
}

/** A page as the API returns it (`Count` = the number of items on the page). */
export function azurePage(items: readonly AzureItem[], next: string | null): string {
  return `${JSON.stringify(
    {
      BillingCurrency: 'USD',
      CustomerEntityId: 'Default',
      CustomerEntityType: 'Retail',
      Items: items,
      NextPageLink: next,
      Count: items.length,
    },
    null,
    2,
  )}\n`;
}
