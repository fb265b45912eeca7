// Chart configuration of a traffic curve (plain data; Chart.svelte resolves the theme colours).
import type { ChartConfiguration } from 'chart.js';
import { themeColor, weekHourLabel } from '../charts/configs.ts';

export function hourLabel(hour: number, hours: number): string {
  return hours === 24 ? `${String(hour).padStart(2, '0')}:00` : weekHourLabel(hour);
}

export function curveChartConfig(curve: readonly unknown[]): ChartConfiguration {
  const values = curve.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  const hours = values.length;
  return {
    type: 'line',
    data: {
      labels: values.map((_, h) => hourLabel(h, hours)),
      datasets: [
        {
          label: 'Requests per second',
          data: values,
          borderColor: themeColor('--accent'),
          backgroundColor: themeColor('--accent', 0.15),
          fill: true,
          pointRadius: hours > 48 ? 0 : 2,
          borderWidth: 2,
          tension: 0.2,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        headroomFormat: { value: { kind: 'number', digits: 2 } },
      },
      scales: {
        x: { ticks: { maxTicksLimit: hours > 48 ? 7 : 12, autoSkip: true } },
        y: { beginAtZero: true, title: { display: true, text: 'req/s' } },
      },
    },
  };
}
