// One set of strategy colours: the app's theme (CSS custom properties) and the meeting report's inline SVG charts
// (src/report/meeting-html.ts) must give a strategy the same colour, for every strategy of the registry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../model/index.ts';
import { STRATEGY_COLOURS } from '../report/meeting-html.ts';

const theme = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');

describe('strategy colours', () => {
  it('every strategy of the registry has a colour of its own, in the report and the app alike', () => {
    expect(STRATEGY_COLOURS.length).toBeGreaterThanOrEqual(STRATEGIES.length);
    expect(new Set(STRATEGY_COLOURS.slice(0, STRATEGIES.length)).size).toBe(STRATEGIES.length);
    STRATEGY_COLOURS.forEach((colour, i) => {
      expect(theme, `--strategy-${i + 1}`).toMatch(new RegExp(`--strategy-${i + 1}:\\s*${colour};`, 'i'));
    });
  });
});
