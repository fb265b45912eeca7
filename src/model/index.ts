// Public entry of the cost engine. Pure: imports only its own modules.
export * from './types.ts';
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
export { weekCurve, weekLevels, monthlyRequests, HOURS_PER_WEEK, HOURS_PER_DAY } from './time.ts';
export { nodeAllocatable } from './kubernetes.ts';
export {
  reportChange,
  standings,
  STRATEGY_SHORT_NAMES,
  type ReportChange,
  type ReportStandings,
  type Standing,
  type StrategyChange,
  type StrategyStanding,
} from './summary.ts';
