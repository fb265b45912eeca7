// Traffic curve presets: pure shapes (peak 1) for a day (24 hourly values) or a week (168, Monday 00:00 first),
// scaled by peak requests per second or by requests per month. Months come from the engine's `monthlyRequests`, so a
// preset scaled to N requests a month is priced as N requests a month.
import { monthlyRequests } from '../model/index.ts';

export type PresetId = 'flat' | 'business-hours' | 'evening-peak' | 'nightly-batch' | 'weekday-weekend';
export type CurveHours = 24 | 168;

export interface Preset {
  id: PresetId;
  name: string;
  description: string;
  /** Its weekend differs from its weekdays: on a one-day curve it would lose what it promises. */
  weekly: boolean;
}

export const PRESETS: readonly Preset[] = [
  { id: 'flat', name: 'Flat', description: 'The same traffic every hour.', weekly: false },
  {
    id: 'business-hours',
    name: 'Business hours',
    description: 'Busy 09:00–17:00 on working days, quiet at night and at weekends.',
    weekly: true,
  },
  {
    id: 'evening-peak',
    name: 'Consumer evening peak',
    description: 'Low overnight, rising through the day, peak 19:00–21:00.',
    weekly: false,
  },
  {
    id: 'nightly-batch',
    name: 'Nightly batch',
    description: 'A burst 01:00–04:00, almost idle otherwise.',
    weekly: false,
  },
  {
    id: 'weekday-weekend',
    name: 'Weekday / weekend',
    description: 'Daytime traffic on weekdays, about a third of it at weekends.',
    weekly: true,
  },
];

const BUSINESS_DAY = [
  0.08, 0.06, 0.05, 0.05, 0.05, 0.06, 0.12, 0.35, 0.75, 1, 1, 1, 0.9, 1, 1, 1, 0.95, 0.7, 0.4, 0.22, 0.15,
  0.12, 0.1, 0.09,
];
const EVENING_DAY = [
  0.35, 0.22, 0.15, 0.12, 0.1, 0.12, 0.2, 0.32, 0.42, 0.48, 0.52, 0.6, 0.66, 0.6, 0.55, 0.55, 0.6, 0.7, 0.85,
  0.97, 1, 0.95, 0.75, 0.52,
];
const BATCH_DAY = [
  0.02, 1, 1, 1, 0.6, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02,
  0.02, 0.02, 0.02, 0.02, 0.02,
];
const DAYTIME = [
  0.2, 0.15, 0.12, 0.1, 0.1, 0.12, 0.25, 0.5, 0.8, 0.95, 1, 1, 1, 1, 1, 0.95, 0.9, 0.8, 0.65, 0.55, 0.45,
  0.38, 0.3, 0.25,
];

/** The shape of a preset, peak 1. Weekend days (Saturday, Sunday) differ only in week (168-hour) shapes. */
export function presetShape(id: PresetId, hours: CurveHours): number[] {
  const day = (weekend: boolean): number[] => {
    switch (id) {
      case 'flat':
        return new Array<number>(24).fill(1);
      case 'business-hours':
        return weekend ? BUSINESS_DAY.map((v) => Math.min(v, 0.08)) : BUSINESS_DAY;
      case 'evening-peak':
        return weekend
          ? EVENING_DAY.map((v, h) => (h >= 9 && h <= 17 ? Math.min(1, v * 1.3) : v))
          : EVENING_DAY;
      case 'nightly-batch':
        return BATCH_DAY;
      case 'weekday-weekend':
        return weekend ? DAYTIME.map((v) => v * 0.35) : DAYTIME;
    }
  };
  if (hours === 24) return day(false).slice();
  const week: number[] = [];
  for (let d = 0; d < 7; d++) week.push(...day(d >= 5));
  return week;
}

export type Scale =
  { by: 'peak'; peakRps: number } | { by: 'month'; requestsPerMonth: number; hoursPerMonth: number };

/** Round to at most 4 decimals (a curve of requests per second does not need more, and the grid stays readable). */
function tidy(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** A shape scaled so its peak is `peakRps`, or so it carries `requestsPerMonth` requests in a billing period. */
export function scaleShape(shape: readonly number[], scale: Scale): number[] {
  if (scale.by === 'peak') {
    const peak = Math.max(0, ...shape);
    const k = peak > 0 && Number.isFinite(scale.peakRps) && scale.peakRps > 0 ? scale.peakRps / peak : 0;
    return shape.map((v) => tidy(v * k));
  }
  const unit = monthlyRequests(shape, scale.hoursPerMonth);
  const k =
    unit > 0 && Number.isFinite(scale.requestsPerMonth) && scale.requestsPerMonth > 0
      ? scale.requestsPerMonth / unit
      : 0;
  return shape.map((v) => tidy(v * k));
}

export function presetCurve(id: PresetId, hours: CurveHours, scale: Scale): number[] {
  return scaleShape(presetShape(id, hours), scale);
}

/**
 * The length a preset is applied at on a curve of `hours`: a preset whose weekend differs (business hours,
 * weekday/weekend) makes a one-day curve a week, since a day has no weekend to show; the others keep the length.
 */
export function presetHours(id: PresetId, hours: CurveHours): CurveHours {
  return PRESETS.find((p) => p.id === id)?.weekly ? 168 : hours;
}

/**
 * The preset a curve was made from and its peak, or `null` for a curve edited since (or never from a preset). A
 * curve scaled by requests per month is recognised too (its peak is then the scaled peak). Tolerates the 4-decimal
 * rounding of scaled presets.
 */
export function identifyPreset(curve: readonly unknown[]): { id: PresetId; peakRps: number } | null {
  if (curve.length !== 24 && curve.length !== 168) return null;
  if (!curve.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) return null;
  const values = curve as readonly number[];
  const peak = Math.max(...values);
  if (peak <= 0) return null;
  const tolerance = 2e-4 + peak * 1e-9;
  for (const p of PRESETS) {
    const shape = presetShape(p.id, values.length as CurveHours);
    if (shape.every((v, h) => Math.abs(v * peak - values[h]!) <= tolerance))
      return { id: p.id, peakRps: peak };
  }
  return null;
}

/** A 24-hour curve as a week, or a week folded to a day (mean of the seven days for each hour). */
export function resizeCurve(curve: readonly number[], hours: CurveHours): number[] {
  if (curve.length === hours) return curve.slice();
  if (hours === 168) {
    const week: number[] = [];
    for (let h = 0; h < 168; h++) week.push(curve[h % 24] ?? 0);
    return week;
  }
  const day = new Array<number>(24).fill(0);
  for (let h = 0; h < curve.length; h++) day[h % 24]! += (curve[h] ?? 0) / 7;
  return day.map(tidy);
}

/** Peak and mean of a curve, for summaries. */
export function curveStats(curve: readonly number[]): { peak: number; mean: number } {
  if (curve.length === 0) return { peak: 0, mean: 0 };
  let peak = 0;
  let sum = 0;
  for (const v of curve) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    peak = Math.max(peak, v);
    sum += v;
  }
  return { peak, mean: sum / curve.length };
}
