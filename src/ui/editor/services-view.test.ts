import { describe, expect, it } from 'vitest';
import { newService, type Doc } from '../../state/doc.ts';
import { viewRows } from '../tables/view.ts';
import { readBulkValue, serviceCell, servicesTable, setForServices } from './services-view.ts';

const services: Doc[] = [
  { ...newService('web'), cpuMsPerRequest: 20, growthPerMonth: 0.05 },
  { ...newService('db'), cpuMsPerRequest: 'x', stateful: true },
  { ...newService('api'), cpuMsPerRequest: 3 },
];
const doc: Doc = { format: 'headroom-plan', name: 'p', services };

describe('services table view', () => {
  it('sorts by a column without touching the plan, invalid values last', () => {
    const rows = viewRows(
      3,
      '',
      { key: 'cpuMsPerRequest', direction: 'ascending' },
      () => '',
      (i, k) => serviceCell(services[i]!, i, k),
    );
    expect(rows).toEqual([2, 0, 1]);
    expect(services.map((s) => s.name)).toEqual(['web', 'db', 'api']);
  });

  it('copies the rows shown with growth in percent and plain numbers', () => {
    const t = servicesTable(services, [0]);
    expect(t.head).toEqual([
      '#',
      'Name',
      'Peak req/s',
      'Mean req/s',
      'Growth per month %',
      'CPU ms per request',
      'Duration ms',
      'Memory MiB',
      'Min instances',
      'Stateful',
    ]);
    expect(t.rows[0]!.slice(0, 3)).toEqual([1, 'web', 50]);
    expect(t.rows[0]!.slice(4)).toEqual([5, 20, 60, 512, 1, false]);
  });

  it('reads a value for several services with the plan schema’s range, percents as percents', () => {
    expect(readBulkValue('memoryMiB', '2048')).toEqual({ ok: true, value: 2048 });
    expect(readBulkValue('memoryMiB', '0')).toEqual({ ok: false, message: 'must be a number > 0' });
    expect(readBulkValue('minInstances', '1.5')).toEqual({
      ok: false,
      message: 'must be a whole number >= 0 and <= 10000',
    });
    expect(readBulkValue('growthPerMonth', '5%')).toEqual({ ok: true, value: 0.05 });
    expect(readBulkValue('growthPerMonth', '5000')).toEqual({
      ok: false,
      message: 'must be a number <= 1000%',
    });
    expect(readBulkValue('cpuMsPerRequest', '1,5')).toEqual({ ok: false, message: '"1,5" is not a number' });
    expect(readBulkValue('stateful', 'true')).toEqual({ ok: true, value: true });
  });

  it('sets one field on the chosen services in one new document, sharing the others', () => {
    const next = setForServices(doc, [0, 2, 7, -1], 'memoryMiB', 2048);
    const list = next.services as Doc[];
    expect(list.map((s) => s.memoryMiB)).toEqual([2048, 512, 2048]);
    expect(list[1]).toBe(services[1]);
    expect(services[0]!.memoryMiB).toBe(512);
    expect(setForServices(doc, [1], 'stateful', true)).toBe(doc);
  });
});
