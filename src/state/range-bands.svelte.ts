// The open plan's uncertainty bands (issue 11 §3 "App"): each strategy's cost with every input at the low and at the
// high end of its range, now and in each forecast month. Computed in the worker (src/analysis/range-bands.ts) after
// the forecast, so they never hold up the report; a plan without ranges has none and never asks the worker.
import { hasRanges } from '../analysis/uncertainty.ts';
import type { RangeBands } from '../analysis/range-bands.ts';
import type { Plan } from '../model/index.ts';
import type { EngineClient } from '../worker/client.ts';
import type { ForecastRequest } from '../worker/evaluate.ts';

export class PlanBands {
  #current = $state.raw<RangeBands | null>(null);
  readonly #engine: Pick<EngineClient, 'evaluatePlan'>;

  constructor(engine: Pick<EngineClient, 'evaluatePlan'>) {
    this.#engine = engine;
  }

  /** The bands of the plan on screen (the last valid one); `null` when it has no ranges or they are not known yet. */
  get current(): RangeBands | null {
    return this.#current;
  }

  clear(): void {
    this.#current = null;
  }

  /**
   * Works the bands of `plan` out over the forecast's months. Until they arrive, the previous plan's stay (as the
   * forecast does); a newer refresh of the same key supersedes this one, and `stale()` says an edit or another plan
   * made it out of date.
   */
  async refresh(key: string, plan: Plan, months: ForecastRequest, stale: () => boolean): Promise<void> {
    if (!hasRanges(plan)) {
      this.#current = null;
      return;
    }
    const r = await this.#engine.evaluatePlan(plan, {
      key,
      channel: `bands:${key}`,
      report: false,
      inWorker: true,
      bands: months,
    });
    if (r?.ok && !stale()) this.#current = r.bands ?? null;
  }
}
