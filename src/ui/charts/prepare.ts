// Turns a plain configuration from configs.ts into what Chart.js draws: theme colours resolved, value formats
// turned into tick and tooltip callbacks, animation off when the user prefers reduced motion.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatValue, resolveThemeColors } from './configs.ts';
import type { HeadroomFormat } from './configs.ts';

export interface PrepareOptions {
  /** Value of a CSS custom property (e.g. `--text`) where the chart is drawn. */
  lookup: (name: string) => string;
  reducedMotion: boolean;
}

type AnyOptions = Record<string, unknown> & {
  indexAxis?: 'x' | 'y';
  scales?: Record<string, Record<string, unknown>>;
  plugins?: Record<string, unknown>;
};

export function prepareConfig(
  config: ChartConfiguration,
  { lookup, reducedMotion }: PrepareOptions,
): ChartConfiguration {
  const resolved = resolveThemeColors(config, lookup);
  const options = { ...(resolved.options ?? {}) } as AnyOptions;
  const plugins = { ...(options.plugins ?? {}) };
  const format = plugins.headroomFormat as HeadroomFormat | undefined;
  delete plugins.headroomFormat;

  const categoryAxis = options.indexAxis === 'y' ? 'y' : 'x';
  const valueAxis = categoryAxis === 'x' ? 'y' : 'x';
  const scales = { ...(options.scales ?? {}) };

  if (format?.category) {
    const f = format.category;
    const scale = scales[categoryAxis] ?? {};
    scales[categoryAxis] = {
      ...scale,
      ticks: {
        ...((scale.ticks as object | undefined) ?? {}),
        callback(this: { getLabelForValue(v: number): unknown }, value: number | string, index: number) {
          return formatValue(f, typeof value === 'number' ? value : index);
        },
      },
    };
  }
  if (format?.value) {
    const f = format.value;
    const scale = scales[valueAxis] ?? {};
    scales[valueAxis] = {
      ...scale,
      ticks: {
        ...((scale.ticks as object | undefined) ?? {}),
        callback: (value: number | string) => formatValue(f, Number(value)),
      },
    };
  }
  const tooltipFormat = format?.tooltip ?? format?.value;
  if (tooltipFormat) {
    const tooltip = (plugins.tooltip as Record<string, unknown> | undefined) ?? {};
    plugins.tooltip = {
      ...tooltip,
      callbacks: {
        label: (item: TooltipItem<'bar' | 'line'>) => {
          const raw = (item.parsed as unknown as Record<string, number | null>)[valueAxis];
          const text = raw === null || raw === undefined ? '—' : formatValue(tooltipFormat, raw, true);
          return `${item.dataset.label ?? ''}: ${text ?? ''}`;
        },
      },
    };
  }
  const omitted = format?.legendOmits;
  if (omitted && omitted.length > 0) {
    const legend = (plugins.legend as Record<string, unknown> | undefined) ?? {};
    const labels = (legend.labels as Record<string, unknown> | undefined) ?? {};
    plugins.legend = {
      ...legend,
      labels: { ...labels, filter: (item: { text: string }) => !omitted.includes(item.text) },
    };
  }
  // Text and grid colours a config leaves unset follow the theme too (Chart.js's own defaults are light-only).
  const text = lookup('--text').trim();
  const muted = lookup('--muted').trim();
  const border = lookup('--border').trim();
  for (const [key, scale] of Object.entries(scales)) {
    scales[key] = themedScale(scale, muted, border);
  }
  if (text && options.color === undefined) options.color = text;
  if (border && options.borderColor === undefined) options.borderColor = border;
  options.plugins = plugins;
  options.scales = scales;
  if (reducedMotion) options.animation = false;
  return { ...resolved, options } as ChartConfiguration;
}

/** A scale with tick, title, grid and border colours filled in where the config left them out. */
function themedScale(scale: Record<string, unknown>, muted: string, border: string): Record<string, unknown> {
  const part = (name: string, colourKey: string, colour: string) => {
    const current = (scale[name] as Record<string, unknown> | undefined) ?? {};
    return colour && current[colourKey] === undefined ? { ...current, [colourKey]: colour } : current;
  };
  return {
    ...scale,
    ticks: part('ticks', 'color', muted),
    title: part('title', 'color', muted),
    grid: part('grid', 'color', border),
    border: part('border', 'color', border),
  };
}
