// The app's one-sentence answers of the best mix and the uncertainty simulation (issue 11 §3, §4). Every figure is
// the analysis result's own field (the mix's monthlyCost and savings, the simulation's fractions): nothing here
// re-costs anything, so the app says what `headroom mix` and `headroom simulate` say.
import type { MixResult } from '../../analysis/mix.ts';
import type { Simulation } from '../../analysis/uncertainty.ts';
import { STRATEGY_IDS, STRATEGY_NAMES, STRATEGY_PHRASES, type StrategyId } from '../../model/index.ts';
import { mixSentence } from '../../report/index.ts';
import { money, percent } from '../format.ts';

/** A strategy in a sentence ("5 services on containers"), the words `headroom mix` uses. */
export const STRATEGY_WORDS: Readonly<Record<StrategyId, string>> = STRATEGY_PHRASES;

/** "Run 5 services on containers and 2 on Lambda: $80.87 a month, 12% ($11.03) below containers alone." */
export function mixAnswer(mix: MixResult): string {
  return mixSentence(mix, { money: (amount) => money(amount, mix.currency), percent });
}

/** "Service instance per container is the cheapest in 83% of cases." (the most likely cheapest; ties: first id). */
export function cheapestAnswer(sim: Pick<Simulation, 'cheapestProbability'>): string {
  let best: StrategyId | 'none' | null = null;
  let share = 0;
  for (const id of [...STRATEGY_IDS, 'none'] as const) {
    const p = sim.cheapestProbability[id] ?? 0;
    if (p > share) [best, share] = [id, p];
  }
  if (best === null) return 'No strategy was the cheapest in any sample.';
  if (best === 'none') return `No strategy runs every service in ${percent(share)} of cases.`;
  return `${STRATEGY_NAMES[best]} is the cheapest in ${percent(share)} of cases.`;
}
