// The imported curve's preview chart: a pure config builder (Chart.svelte owns the Chart.js instance).
import type { ChartConfiguration } from 'chart.js';
import { themeColor, weekHourLabel } from '../charts/configs.ts';

/** `00:00` … `23:00` for a day, `Mon 00:00` … `Sun 23:00` for a week. */
export function hourLabel(hour: number, hours: 24 | 168): string {
  return hours === 24 ? `${String(hour).padStart(2, '0')}:00` : weekHourLabel(hour);
}

export function previewConfig(curve: readonly number[], hours: 24 | 168): ChartConfiguration {
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels: curve.map((_, h) => hourLabel(h, hours)),
      datasets: [
        {
          label: 'Requests per second',
          data: [...curve],
          borderColor: themeColor('--accent'),
          backgroundColor: themeColor('--accent', 0.2),
          borderWidth: 2,
          pointRadius: hours === 24 ? 3 : 0,
          fill: 'origin',
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { color: themeColor('--muted'), maxRotation: 0, autoSkip: true } },
        y: {
          beginAtZero: true,
          title: { display: true, text: 'requests per second', color: themeColor('--muted') },
          ticks: { color: themeColor('--muted') },
        },
      },
      plugins: { legend: { display: false } },
    },
  };
  return config as unknown as ChartConfiguration;
}
