// The price catalog of a plan document, for pickers: the bundled catalog it names or the one it carries inline.
import { bundledCatalog } from '../catalog/index.ts';
import type { InstanceType } from '../model/index.ts';

export interface CatalogView {
  id: string;
  name: string;
  currency: string;
  asOf: string;
  instanceTypes: InstanceType[];
}

const EMPTY: CatalogView = { id: '', name: '', currency: 'USD', asOf: '', instanceTypes: [] };

export function catalogOf(doc: unknown): CatalogView {
  const c = typeof doc === 'object' && doc !== null ? (doc as { catalog?: unknown }).catalog : undefined;
  if (typeof c === 'string') {
    const b = bundledCatalog(c);
    return b
      ? { id: b.id, name: b.name, currency: b.currency, asOf: b.asOf, instanceTypes: b.instanceTypes }
      : EMPTY;
  }
  if (typeof c !== 'object' || c === null) return EMPTY;
  const o = c as Record<string, unknown>;
  const types = Array.isArray(o.instanceTypes) ? o.instanceTypes : [];
  return {
    id: typeof o.id === 'string' ? o.id : '',
    name: typeof o.name === 'string' ? o.name : '(inline catalog)',
    currency: typeof o.currency === 'string' ? o.currency : 'USD',
    asOf: typeof o.asOf === 'string' ? o.asOf : '',
    instanceTypes: types.filter(
      (t): t is InstanceType =>
        typeof t === 'object' &&
        t !== null &&
        typeof (t as InstanceType).name === 'string' &&
        typeof (t as InstanceType).vcpu === 'number' &&
        typeof (t as InstanceType).memoryGiB === 'number' &&
        typeof (t as InstanceType).hourly === 'number',
    ),
  };
}
