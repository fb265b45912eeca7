// The app's sentences for the best mix and the simulation say the results' own figures.
import { describe, expect, it } from 'vitest';
import type { MixResult } from '../../analysis/mix.ts';
import type { Simulation } from '../../analysis/uncertainty.ts';
import { cheapestAnswer, mixAnswer } from './analysis-text.ts';

function mixOf(parts: MixResult['parts'], pure: MixResult['cheapestPure'], saving: number | null): MixResult {
  return {
    assignment: {},
    monthlyCost: 300,
    currency: 'USD',
    lineItems: [],
    parts,
    cheapestPure: pure,
    savingsVsCheapestPure: saving,
    reasons: [],
    search: { method: 'exact', evaluations: 1 },
  };
}

describe('mixAnswer', () => {
  it('names each part and the saving against the cheapest single strategy, from the result', () => {
    const mix = mixOf(
      [
        { strategy: 'container-cluster', services: ['a', 'b', 'c', 'd', 'e'], monthlyCost: 250 },
        { strategy: 'serverless', services: ['f', 'g'], monthlyCost: 50 },
      ],
      { strategy: 'container-cluster', monthlyCost: 400 },
      100,
    );
    expect(mixAnswer(mix)).toBe(
      'Run 5 services on containers and 2 on Lambda: $300.00 a month, 25% ($100.00) below containers alone.',
    );
  });

  it('three parts, one service, and no single strategy that runs everything', () => {
    const mix = mixOf(
      [
        { strategy: 'shared-host', services: ['a'], monthlyCost: 100 },
        { strategy: 'vm-per-service', services: ['b', 'c'], monthlyCost: 100 },
        { strategy: 'serverless', services: ['d'], monthlyCost: 100 },
      ],
      null,
      null,
    );
    expect(mixAnswer(mix)).toBe(
      'Run 1 service on shared hosts, 2 on VMs and 1 on Lambda: $300.00 a month, no single strategy runs every service.',
    );
  });
});

describe('cheapestAnswer', () => {
  it('names the strategy cheapest in most samples, or says none runs every service', () => {
    const sim = {
      cheapestProbability: { 'container-cluster': 0.83, serverless: 0.17 },
    } satisfies Pick<Simulation, 'cheapestProbability'>;
    expect(cheapestAnswer(sim)).toBe('Service instance per container is the cheapest in 83% of cases.');
    const none = { cheapestProbability: { none: 0.6, serverless: 0.4 } } satisfies Pick<
      Simulation,
      'cheapestProbability'
    >;
    expect(cheapestAnswer(none)).toBe('No strategy runs every service in 60% of cases.');
  });
});
