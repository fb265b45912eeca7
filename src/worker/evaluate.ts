// Validation and evaluation of a plan document in one step: what the main thread does for small plans and the
// engine worker does for large ones. Pure (no DOM, no worker globals), so it is tested directly.
import {
  evaluate,
  forecast,
  type Forecast,
  type ForecastOptions,
  type PlanIssue,
  type Report,
} from '../model/index.ts';
import { parsePlan } from '../plan/index.ts';

/** The horizons the app offers (months); the first is the default. */
export const FORECAST_HORIZONS = [12, 24, 36] as const;
export type ForecastHorizon = (typeof FORECAST_HORIZONS)[number];
export const FORECAST_MONTHS: ForecastHorizon = 12;

/** What the app asks the forecast for: a horizon and a start month (`YYYY-MM`, chosen by the front door). */
export type ForecastRequest = Pick<ForecastOptions, 'months' | 'start'>;

export type Evaluation =
  { ok: true; report: Report; forecast: Forecast | null } | { ok: false; issues: PlanIssue[] };

/**
 * Validates and evaluates a plan document; `forecastOf` null skips the forecast (it costs one evaluation per month).
 */
export function evaluateDoc(doc: unknown, forecastOf: ForecastRequest | null): Evaluation {
  const parsed = parsePlan(doc);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  try {
    return {
      ok: true,
      report: evaluate(parsed.plan),
      forecast: forecastOf === null ? null : forecast(parsed.plan, forecastOf),
    };
  } catch (error) {
    // A valid plan the engine cannot price is a bug; show it as a problem rather than a blank screen.
    return { ok: false, issues: [{ path: '(plan)', message: `could not be evaluated: ${String(error)}` }] };
  }
}

export interface EvalRequest {
  id: number;
  doc: unknown;
  forecast: ForecastRequest | null;
}

export interface EvalResponse {
  id: number;
  result: Evaluation;
}

/** Plans with more services than this are evaluated in the worker, so typing never waits for the engine. */
export const WORKER_THRESHOLD_SERVICES = 200;

export function serviceCount(doc: unknown): number {
  if (typeof doc !== 'object' || doc === null) return 0;
  const s = (doc as { services?: unknown }).services;
  return Array.isArray(s) ? s.length : 0;
}
