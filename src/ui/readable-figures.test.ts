// Figures a person reads are rounded wherever they reach the screen: engine warnings carry exact floats.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import StrategyCard from './results/StrategyCard.svelte';
import { sampleReport } from './results/sample-report.ts';

describe('readable figures on screen', () => {
  it('a strategy card rounds the long decimals of a warning', () => {
    const base = sampleReport().strategies[0]!;
    const strategy = {
      ...base,
      warnings: [
        {
          service: 'api',
          code: 'no-isolation',
          message:
            'api alone peaks at 31.2000001 vCPU while the pool has 30.7311152 vCPU spare at its busiest hour: a spike',
        },
      ],
    };
    const { body } = render(StrategyCard, { props: { strategy, currency: 'USD', cheapest: false } });
    expect(body).toContain('api alone peaks at 31.2 vCPU while the pool has 30.7 vCPU spare');
    expect(body).not.toContain('30.7311152');
  });
});
