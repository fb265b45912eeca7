import { describe, expect, it } from 'vitest';
import { sampleReport } from '../results/sample-report.ts';
import { capacityWeekConfig, costByStrategyConfig } from './configs.ts';
import { prepareConfig } from './prepare.ts';

const lookup = (name: string) =>
  name === '--text' ? '#111111' : name.startsWith('--strategy') ? '#1f77b4' : '#cccccc';

type Callback = (this: unknown, value: number | string, index: number) => string | null;

describe('prepareConfig', () => {
  it('resolves every theme token and removes the format descriptor', () => {
    const prepared = prepareConfig(costByStrategyConfig(sampleReport()), { lookup, reducedMotion: false });
    expect(JSON.stringify(prepared)).not.toContain('theme:');
    expect(prepared.options?.plugins).not.toHaveProperty('headroomFormat');
    expect(prepared.options?.animation).toBeUndefined();
  });

  it('formats the value axis of a horizontal bar chart (x) as money, and tooltips to the cent', () => {
    const prepared = prepareConfig(costByStrategyConfig(sampleReport()), { lookup, reducedMotion: false });
    const scales = prepared.options?.scales as Record<string, { ticks: { callback?: Callback } }>;
    expect(scales.x?.ticks.callback?.call(null, 1500, 0)).toMatch(/1,500/);
    expect(scales.y?.ticks.callback).toBeUndefined();
    const label = (prepared.options?.plugins?.tooltip?.callbacks as { label: (i: unknown) => string }).label;
    expect(label({ parsed: { x: 12.345, y: 0 }, dataset: { label: 'orders' } })).toMatch(
      /^orders: \$12\.3[45]$/,
    );
  });

  it('labels week ticks by day and hides the others', () => {
    const prepared = prepareConfig(capacityWeekConfig(sampleReport().strategies[0]!), {
      lookup,
      reducedMotion: true,
    });
    const scales = prepared.options?.scales as Record<string, { ticks: { callback: Callback } }>;
    expect(scales.x?.ticks.callback.call(null, 24, 24)).toBe('Tue');
    expect(scales.x?.ticks.callback.call(null, 25, 25)).toBeNull();
    expect(prepared.options?.animation).toBe(false);
  });

  it('fills in theme colours for text, ticks and grids a config leaves unset, and keeps the ones it sets', () => {
    const plain = {
      type: 'line' as const,
      data: { labels: ['a'], datasets: [{ label: 'x', data: [1] }] },
      options: { scales: { x: {}, y: { ticks: { color: 'red' } } } },
    };
    const prepared = prepareConfig(plain, { lookup, reducedMotion: false });
    const scales = prepared.options?.scales as Record<string, Record<string, { color?: string }>>;
    expect(prepared.options?.color).toBe('#111111');
    expect(scales.x?.ticks?.color).toBe('#cccccc');
    expect(scales.x?.grid?.color).toBe('#cccccc');
    expect(scales.y?.ticks?.color).toBe('red');
    expect(plain.options.scales.x).toEqual({});
  });
});
