// The knobs decision analysis turns (issue 11): each a pure change of a resolved plan, so every analysis is computed by
// the engine's own evaluation of changed plans (no second cost model). A knob leaves every service it does not touch
// the same object, so an evaluator (createEvaluator) re-costs only what the knob changed. docs/analysis.md.
import {
  growthFactor,
  LAMBDA_MEMORY_MIB,
  asStrategyId,
  perStrategy,
  STRATEGY_IDS,
  strategyEntry,
  type Plan,
  type Service,
  type StrategyId,
  type StrategySettings,
} from '../model/index.ts';

/**
 * - `traffic`: every service's traffic × value; `traffic:<service>`: that service's only.
 * - `cpuMsPerRequest`, `durationMs`, `memoryMiB`: every service's figure × value (memory: the service's, its pod
 *   request and its Lambda memory, which stays whole and within Lambda's range; `"auto"` stays auto).
 * - `discount:<strategyId>`: that strategy's discount set to value (an absolute fraction, 0 ≤ value < 1).
 * - `growth`: every service's growth per month × value.
 * - `month`: the forecast month `value` (whole, ≥ 1): each service's traffic × its growth factor for that month.
 */
export type Knob =
  | 'traffic'
  | `traffic:${string}`
  | 'cpuMsPerRequest'
  | 'durationMs'
  | 'memoryMiB'
  | 'growth'
  | 'month'
  | `discount:${StrategyId}`;

/** Each strategy's settings key (`strategies.<key>`), from the registry. */
export const SETTINGS_KEY: Readonly<Record<StrategyId, keyof StrategySettings>> = perStrategy(
  (id) => strategyEntry(id).settingsKey,
);

/** Why a knob name is not one, or `null` when it is (service knobs need a service of the plan). */
export function knobProblem(plan: Plan, knob: string): string | null {
  if (['traffic', 'cpuMsPerRequest', 'durationMs', 'memoryMiB', 'growth', 'month'].includes(knob))
    return null;
  if (knob.startsWith('traffic:')) {
    const name = knob.slice('traffic:'.length);
    return plan.services.some((s) => s.name === name) ? null : `no service named "${name}" in the plan`;
  }
  if (knob.startsWith('discount:')) {
    const id = knob.slice('discount:'.length);
    return asStrategyId(id) !== undefined ? null : `"${id}" is not a strategy (${STRATEGY_IDS.join(', ')})`;
  }
  return `unknown knob "${knob}": traffic, traffic:<service>, cpuMsPerRequest, durationMs, memoryMiB, growth, month or discount:<strategyId>`;
}

/** Every value of a curve × factor (a traffic knob's and a simulation's drawn curve). */
export function scaled(values: readonly number[], factor: number): number[] {
  // Made by push, not map: an array without holes, which the engine reads every hour of every evaluation (from an
  // array made with holes, as map makes it, V8 boxes every value read; see model/time.ts `packedCopy`).
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) out.push(values[i]! * factor);
  return out;
}

function lambdaMemory(
  m: Service['serverless']['memoryMiB'],
  factor: number,
): Service['serverless']['memoryMiB'] {
  if (m === 'auto') return m;
  return Math.min(LAMBDA_MEMORY_MIB.max, Math.max(LAMBDA_MEMORY_MIB.min, Math.ceil(m * factor)));
}

/** The plan with each service passed through `change` (a service it returns unchanged stays the same object). */
export function mapServices(plan: Plan, change: (s: Service) => Service): Plan {
  return { ...plan, services: plan.services.map(change) };
}

/** A service with its traffic × factor (the object itself when factor is 1). */
export function withTraffic(s: Service, factor: number): Service {
  return factor === 1 ? s : { ...s, trafficRps: scaled(s.trafficRps, factor) };
}

/** `plan` with `knob` turned to `value` (see Knob). Throws on a knob that knobProblem rejects. */
export function applyKnob(plan: Plan, knob: Knob, value: number): Plan {
  const problem = knobProblem(plan, knob);
  if (problem !== null) throw new RangeError(problem);
  if (!Number.isFinite(value)) throw new RangeError(`a knob's value must be a finite number, not ${value}`);
  switch (knob) {
    case 'traffic':
      return mapServices(plan, (s) => withTraffic(s, value));
    case 'cpuMsPerRequest':
      return mapServices(plan, (s) => ({ ...s, cpuMsPerRequest: s.cpuMsPerRequest * value }));
    case 'durationMs':
      return mapServices(plan, (s) => ({ ...s, durationMs: s.durationMs * value }));
    case 'memoryMiB':
      return mapServices(plan, (s) => ({
        ...s,
        memoryMiB: s.memoryMiB * value,
        container: { ...s.container, memoryMiB: s.container.memoryMiB * value },
        serverless: { ...s.serverless, memoryMiB: lambdaMemory(s.serverless.memoryMiB, value) },
      }));
    case 'growth':
      return mapServices(plan, (s) => ({ ...s, growthPerMonth: s.growthPerMonth * value }));
    case 'month': {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`month must be a whole number ≥ 1, not ${value}`);
      return mapServices(plan, (s) => withTraffic(s, growthFactor(s, value)));
    }
  }
  if (knob.startsWith('traffic:')) {
    const name = knob.slice('traffic:'.length);
    return mapServices(plan, (s) => (s.name === name ? withTraffic(s, value) : s));
  }
  const id = knob.slice('discount:'.length) as StrategyId;
  if (value < 0 || value >= 1)
    throw new RangeError(`a discount is a fraction from 0 to below 1, not ${value}`);
  const key = SETTINGS_KEY[id];
  return { ...plan, strategies: { ...plan.strategies, [key]: { ...plan.strategies[key], discount: value } } };
}
