// Rows in the AWS Price List CSV format for Amazon EC2, for fixtures, tests and the size benchmark (not used by the
// app). The header is the AmazonEC2 file's own sixth row, column for column, as published with the file of
// 2025-09-12 (docs/catalogs.md); the five metadata rows before it are the documented ones.

export const EC2_CSV_HEADER = [
  'SKU',
  'OfferTermCode',
  'RateCode',
  'TermType',
  'PriceDescription',
  'EffectiveDate',
  'StartingRange',
  'EndingRange',
  'Unit',
  'PricePerUnit',
  'Currency',
  'RelatedTo',
  'LeaseContractLength',
  'PurchaseOption',
  'OfferingClass',
  'Product Family',
  'serviceCode',
  'Location',
  'Location Type',
  'Instance Type',
  'Current Generation',
  'Instance Family',
  'vCPU',
  'Physical Processor',
  'Clock Speed',
  'Memory',
  'Storage',
  'Network Performance',
  'Processor Architecture',
  'Storage Media',
  'Volume Type',
  'Max Volume Size',
  'Max IOPS/volume',
  'Max IOPS Burst Performance',
  'Max throughput/volume',
  'Provisioned',
  'Tenancy',
  'EBS Optimized',
  'Operating System',
  'License Model',
  'Group',
  'Group Description',
  'Transfer Type',
  'From Location',
  'From Location Type',
  'To Location',
  'To Location Type',
  'usageType',
  'operation',
  'AvailabilityZone',
  'CapacityStatus',
  'ClassicNetworkingSupport',
  'Dedicated EBS Throughput',
  'ECU',
  'Elastic Graphics Type',
  'Enhanced Networking Supported',
  'From Region Code',
  'GPU',
  'GPU Memory',
  'Instance',
  'Instance Capacity - 10xlarge',
  'Instance Capacity - 12xlarge',
  'Instance Capacity - 16xlarge',
  'Instance Capacity - 18xlarge',
  'Instance Capacity - 24xlarge',
  'Instance Capacity - 2xlarge',
  'Instance Capacity - 32xlarge',
  'Instance Capacity - 4xlarge',
  'Instance Capacity - 8xlarge',
  'Instance Capacity - 9xlarge',
  'Instance Capacity - large',
  'Instance Capacity - medium',
  'Instance Capacity - metal',
  'Instance Capacity - xlarge',
  'instanceSKU',
  'Intel AVX2 Available',
  'Intel AVX Available',
  'Intel Turbo Available',
  'MarketOption',
  'Normalization Size Factor',
  'Physical Cores',
  'Pre Installed S/W',
  'Processor Features',
  'Product Type',
  'Region Code',
  'Resource Type',
  'serviceName',
  'SnapshotArchiveFeeType',
  'To Region Code',
  'Volume API Name',
  'VPCNetworkingSupport',
] as const;

export type Ec2Column = (typeof EC2_CSV_HEADER)[number];

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

/** The five metadata rows and the header, each ending in a line break. */
export function ec2CsvPreamble(version = '20251001000000', publication = '2025-10-01T00:00:00Z'): string {
  return (
    [
      ['FormatVersion', 'v1.0'],
      [
        'Disclaimer',
        'This pricing list is for informational purposes only. (Test fixture written by Headroom.)',
      ],
      ['Publication Date', publication],
      ['Version', version],
      ['OfferCode', 'AmazonEC2'],
    ]
      .map((r) => r.map(quote).join(','))
      .join('\n') + `\n${EC2_CSV_HEADER.map(quote).join(',')}\n`
  );
}

/** Defaults of a kept row: Linux, shared, on-demand, hourly, USD, us-east-1. */
const KEPT: Partial<Record<Ec2Column, string>> = {
  TermType: 'OnDemand',
  PriceDescription: '$0.1632 per On Demand Linux m7g.xlarge Instance Hour',
  EffectiveDate: '2025-10-01',
  StartingRange: '0',
  EndingRange: 'Inf',
  Unit: 'Hrs',
  Currency: 'USD',
  'Product Family': 'Compute Instance',
  serviceCode: 'AmazonEC2',
  Location: 'US East (N. Virginia)',
  'Location Type': 'AWS Region',
  'Processor Architecture': '64-bit',
  Tenancy: 'Shared',
  'Operating System': 'Linux',
  'License Model': 'No License required',
  operation: 'RunInstances',
  CapacityStatus: 'Used',
  MarketOption: 'OnDemand',
  'Pre Installed S/W': 'NA',
  'Region Code': 'us-east-1',
  serviceName: 'Amazon Elastic Compute Cloud',
};

/** One price row: the kept defaults, then `values` (empty cells unquoted, as AWS writes them). */
export function ec2CsvRow(values: Partial<Record<Ec2Column, string>>): string {
  const v = { ...KEPT, ...values };
  return EC2_CSV_HEADER.map((c) => {
    const x = v[c];
    return x === undefined || x === '' ? '' : quote(x);
  }).join(',');
}

/** A product of the JSON offer file: attributes as the file names them, and its prices per hour. */
export interface Ec2JsonProduct {
  sku: string;
  productFamily?: string;
  attributes: Record<string, string>;
  onDemand?: string;
  reserved?: string;
}

/** Attributes of a kept product (the JSON names of the CSV's kept defaults). */
const KEPT_JSON: Record<string, string> = {
  servicecode: 'AmazonEC2',
  location: 'US East (N. Virginia)',
  locationType: 'AWS Region',
  regionCode: 'us-east-1',
  tenancy: 'Shared',
  operatingSystem: 'Linux',
  licenseModel: 'No License required',
  operation: 'RunInstances',
  capacitystatus: 'Used',
  marketoption: 'OnDemand',
  preInstalledSw: 'NA',
  processorArchitecture: '64-bit',
};

/** The JSON offer file (documented layout: metadata, `products` by SKU, `terms` by type, SKU and offer term). */
export function ec2JsonOffer(products: readonly Ec2JsonProduct[], version = '20251001000000'): string {
  const term = (sku: string, code: string, price: string, description: string) => ({
    [`${sku}.${code}`]: {
      offerTermCode: code,
      sku,
      effectiveDate: '2025-10-01T00:00:00Z',
      priceDimensions: {
        [`${sku}.${code}.6YS6EN2CT7`]: {
          rateCode: `${sku}.${code}.6YS6EN2CT7`,
          description,
          beginRange: '0',
          endRange: 'Inf',
          unit: 'Hrs',
          pricePerUnit: { USD: price },
          appliesTo: [],
        },
      },
      termAttributes: {},
    },
  });
  const doc = {
    formatVersion: 'v1.0',
    disclaimer: 'This pricing list is for informational purposes only. (Test fixture written by Headroom.)',
    offerCode: 'AmazonEC2',
    version,
    publicationDate: '2025-10-01T00:00:00Z',
    products: Object.fromEntries(
      products.map((p) => [
        p.sku,
        {
          sku: p.sku,
          productFamily: p.productFamily ?? 'Compute Instance',
          attributes: { ...KEPT_JSON, ...p.attributes },
        },
      ]),
    ),
    terms: {
      OnDemand: Object.fromEntries(
        products
          .filter((p) => p.onDemand !== undefined)
          .map((p) => [
            p.sku,
            term(p.sku, 'JRTCKXETXF', p.onDemand!, `$${p.onDemand} per On Demand Linux Instance Hour`),
          ]),
      ),
      Reserved: Object.fromEntries(
        products
          .filter((p) => p.reserved !== undefined)
          .map((p) => [p.sku, term(p.sku, '4NA7Y494T4', p.reserved!, 'reserved instance applied')]),
      ),
    },
  };
  return `${JSON.stringify(doc, null, 2).replaceAll('": ', '" : ')}\n`;
}

/** A product of the Lambda offer file: its group and region, and its price dimensions (begin, end, USD). */
export interface LambdaJsonProduct {
  sku: string;
  productFamily?: string;
  attributes: Record<string, string>;
  dims: [string, string, string][];
  unit?: string;
}

/** The AWSLambda offer file (JSON), in the same documented layout as the EC2 one. */
export function lambdaJsonOffer(products: readonly LambdaJsonProduct[]): string {
  const doc = {
    formatVersion: 'v1.0',
    disclaimer: 'This pricing list is for informational purposes only. (Test fixture written by Headroom.)',
    offerCode: 'AWSLambda',
    version: '20251001000000',
    publicationDate: '2025-10-01T00:00:00Z',
    products: Object.fromEntries(
      products.map((p) => [
        p.sku,
        {
          sku: p.sku,
          productFamily: p.productFamily ?? 'Serverless',
          attributes: {
            servicecode: 'AWSLambda',
            location: 'US East (N. Virginia)',
            locationType: 'AWS Region',
            regionCode: 'us-east-1',
            servicename: 'AWS Lambda',
            ...p.attributes,
          },
        },
      ]),
    ),
    terms: {
      OnDemand: Object.fromEntries(
        products.map((p) => [
          p.sku,
          {
            [`${p.sku}.JRTCKXETXF`]: {
              offerTermCode: 'JRTCKXETXF',
              sku: p.sku,
              effectiveDate: '2025-10-01T00:00:00Z',
              priceDimensions: Object.fromEntries(
                p.dims.map(([begin, end, usd], i) => [
                  `${p.sku}.JRTCKXETXF.RATE${i}`,
                  {
                    rateCode: `${p.sku}.JRTCKXETXF.RATE${i}`,
                    description: `${p.attributes.group ?? ''} tier ${i + 1}`,
                    beginRange: begin,
                    endRange: end,
                    unit: p.unit ?? 'Lambda-GB-Second',
                    pricePerUnit: { USD: usd },
                    appliesTo: [],
                  },
                ]),
              ),
              termAttributes: {},
            },
          },
        ]),
      ),
    },
  };
  return `${JSON.stringify(doc, null, 2).replaceAll('": ', '" : ')}\n`;
}
