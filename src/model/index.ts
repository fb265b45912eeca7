// Public entry of the cost engine. Pure: imports only its own modules.
export * from './types.ts';
export {
  asStrategyId,
  figuresOf,
  perStrategy,
  STRATEGIES,
  STRATEGY_IDS,
  STRATEGY_KEYS,
  STRATEGY_NAMES,
  STRATEGY_PHRASES,
  STRATEGY_SHORT_NAMES,
  strategyEntry,
  strategyOfKey,
  type FigureSpec,
  type FigureUnit,
  type StrategyEntry,
} from './registry.ts';
export * from './defaults.ts';
export {
  createEvaluator,
  evaluate,
  forecast,
  FORECAST_TOLERANCE,
  growthFactor,
  type Evaluator,
  type PlanCosts,
  type StrategyCosts,
  type ForecastOptions,
} from './engine.ts';
export { addMonths, isCalendarMonth, monthAfter } from './calendar.ts';
export { costingProblems, planProblems } from './problems.ts';
export { roundCents } from './money.ts';
export { weekCurve, weekLevels, monthlyRequests, packedCopy, HOURS_PER_WEEK, HOURS_PER_DAY } from './time.ts';
export { nodeAllocatable } from './kubernetes.ts';
export {
  reportChange,
  standings,
  type ReportChange,
  type ReportStandings,
  type Standing,
  type StrategyChange,
  type StrategyStanding,
} from './summary.ts';
// Sizing for a latency target (issue 12 §3): what a strategy that counts instances takes the larger of.
export { DEFAULT_LATENCY, latencyInstances } from './latency.ts';
