// The app's one-sentence answers of the best mix and the uncertainty simulation (issue 11 §3, §4). Every figure is
// the analysis result's own field (the mix's monthlyCost and savings, the simulation's fractions): nothing here
// re-costs anything, so the app says what `headroom mix` and `headroom simulate` say.
import type { MixResult } from '../../analysis/mix.ts';
import type { Simulation } from '../../analysis/uncertainty.ts';
import { STRATEGY_IDS, STRATEGY_NAMES, type StrategyId } from '../../model/types.ts';
import { money, percent } from '../format.ts';

/** A strategy in a sentence ("5 services on containers"), the words `headroom mix` uses. */
export const STRATEGY_WORDS: Record<StrategyId, string> = {
  'shared-host': 'shared hosts',
  'vm-per-service': 'VMs',
  'container-cluster': 'containers',
  serverless: 'Lambda',
  'serverless-containers': 'Fargate',
};

const count = (n: number) => `${n} service${n === 1 ? '' : 's'}`;

/** "Run 5 services on containers and 2 on Lambda: $80.87 a month, 12% below containers alone." */
export function mixAnswer(mix: MixResult): string {
  const parts = mix.parts.filter((p) => p.services.length > 0);
  const cost = money(mix.monthlyCost, mix.currency);
  const where =
    parts.length === 1
      ? `all ${count(parts[0]!.services.length)} on ${STRATEGY_WORDS[parts[0]!.strategy]}`
      : parts
          .map(
            (p, i) =>
              `${i === 0 ? count(p.services.length) : p.services.length} on ${STRATEGY_WORDS[p.strategy]}`,
          )
          .reduce(
            (text, part, i, all) =>
              i === 0 ? part : `${text}${i === all.length - 1 ? ' and ' : ', '}${part}`,
            '',
          );
  const pure = mix.cheapestPure;
  const saving = mix.savingsVsCheapestPure;
  const against =
    pure === null || saving === null
      ? 'no single strategy runs every service'
      : saving > 0 && pure.monthlyCost > 0
        ? `${percent(saving / pure.monthlyCost)} below ${STRATEGY_WORDS[pure.strategy]} alone`
        : `the same as ${STRATEGY_WORDS[pure.strategy]} alone (no mix is cheaper)`;
  return `Run ${where}: ${cost} a month, ${against}.`;
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
