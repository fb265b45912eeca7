// The simulation's figures pinned (issue 11 "Performance"): simulate on fixed plans gives, to the cent, what it gave
// before it was made faster (simulate-pin.json, recorded by scripts/simulate-pin.ts from the code as it was). Any speed-up of
// the engine or of the simulation that moves one figure fails here.
import { describe, expect, it } from 'vitest';
import recorded from './simulate-pin.json' with { type: 'json' };
import { PIN_CASES, runPinCase } from '../../scripts/simulate-pin.ts';

describe('simulate on fixed plans gives the figures recorded before it was made faster', () => {
  it('has one recording per case', () => {
    expect(recorded.map(({ plan, options }) => ({ plan, options }))).toEqual(PIN_CASES);
  });

  it.each(PIN_CASES.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    expect(runPinCase(c)).toEqual(recorded[i]!.result);
  });
});
