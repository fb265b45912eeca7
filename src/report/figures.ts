// Capacity figures as text: the one place that decides how a figure of each unit is written (issue 12 §1). The
// strategies declare their figures' labels and units (src/model/registry.ts); the terminal table, the meeting
// report and the app's cards all write them through `figureText`, each with its own number style (the app's is
// locale-aware, the exports' are fixed), so a figure reads the same kind of way everywhere.
import { strategyEntry, type Figure, type FigureUnit, type StrategyReport } from '../model/index.ts';

/** How a front door writes numbers: `digits` is the most decimals a figure of that unit needs. */
export interface NumberStyle {
  number(value: number, digits: number): string;
  /** A monthly amount in the report's currency. */
  money(value: number): string;
  /** A fraction as a percent (0.71 → "71.0%"). */
  percent(value: number): string;
}

/** Decimals each unit needs: whole hours, requests and sizes; GiB to a tenth; counts and vCPU to hundredths. */
const DIGITS: Record<Exclude<FigureUnit, 'money' | 'share'>, number> = {
  count: 2,
  concurrency: 2,
  vCPU: 2,
  GiB: 1,
  MiB: 0,
  millicores: 0,
  hours: 0,
  requests: 0,
  'GB-seconds': 0,
};

/** A figure's value as text, by its unit. */
export function figureText(f: Pick<Figure, 'value' | 'unit'>, style: NumberStyle): string {
  if (f.unit === 'money') return style.money(f.value);
  if (f.unit === 'share') return style.percent(f.value);
  return style.number(f.value, DIGITS[f.unit]);
}

/**
 * A strategy's headline figures (the terminal table and the meeting report show the same ones): those its registry
 * entry names as headline, in that order, else its first two.
 */
export function headlineFigures(s: StrategyReport): Figure[] {
  const finite = s.figures.filter((f) => Number.isFinite(f.value));
  const chosen = strategyEntry(s.id).headline.flatMap((k) => finite.filter((f) => f.key === k));
  return (chosen.length > 0 ? chosen : finite).slice(0, 2);
}
