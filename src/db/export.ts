// "Export all data" and the file "Restore" reads back: one JSON document with every plan, scenario and setting.
import { FILE_LIMITS } from '../limits/files.ts';
import { readStrictJson } from '../plan/json.ts';
import type { PlanIssue } from '../model/types.ts';
import { detachSnapshots, recordIssues, upgradeRecord, type Validate } from './records.ts';
import { catalogRowIssues, MAX_CATALOGS } from './catalogs.ts';
import type { CatalogRow, SettingRow } from './schema.ts';
import type { PlanRecord } from './types.ts';

export const EXPORT_KIND = 'headroom-data';
/** 2: scenarios carry their changes (data format 3). A version-1 file's snapshot scenarios are read as plans. */
export const EXPORT_VERSION = 2;

export const EXPORT_LIMITS = {
  /** Characters of JSON text accepted by Restore (a file within its byte limit never has more characters). */
  maxChars: FILE_LIMITS.restoreBytes,
  maxPlans: 10_000,
  maxSettings: 1_000,
  maxIssues: 200,
} as const;

export interface ExportData {
  kind: typeof EXPORT_KIND;
  version: number;
  exportedAt: string;
  plans: PlanRecord[];
  settings: SettingRow[];
  /**
   * The custom catalogs (data format 5). Optional, so the export version stays 2: a file without it (written
   * before) restores the plans and settings and leaves the stored catalogs as they are.
   */
  catalogs?: CatalogRow[];
}

export function serializeExport(
  plans: PlanRecord[],
  settings: SettingRow[],
  now: number,
  catalogs: CatalogRow[] = [],
): string {
  const data: ExportData = {
    kind: EXPORT_KIND,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    plans,
    settings,
    catalogs,
  };
  return JSON.stringify(data, null, 2) + '\n';
}

export type ParseExportResult = { ok: true; data: ExportData } | { ok: false; issues: PlanIssue[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads an export file completely and checks every row; never throws. */
export function parseExport(text: string, validate: Validate | undefined): ParseExportResult {
  if (typeof text !== 'string') return { ok: false, issues: [{ path: '', message: 'must be text' }] };
  if (text.length > EXPORT_LIMITS.maxChars) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `is larger than ${EXPORT_LIMITS.maxChars / 1024 / 1024} MB; nothing was restored`,
        },
      ],
    };
  }
  const read = readStrictJson(text);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  const raw = read.value;
  if (!isObject(raw))
    return { ok: false, issues: [{ path: '', message: 'must be a Headroom data export (an object)' }] };
  const issues: PlanIssue[] = [];
  if (raw.kind !== EXPORT_KIND) {
    issues.push({ path: 'kind', message: `must be "${EXPORT_KIND}" (this is not a Headroom data export)` });
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    issues.push({ path: 'version', message: 'must be a whole number ≥ 1' });
  } else if (raw.version > EXPORT_VERSION) {
    issues.push({
      path: 'version',
      message: 'was written by a newer Headroom; update Headroom to restore it',
    });
  }
  if (typeof raw.exportedAt !== 'string') issues.push({ path: 'exportedAt', message: 'must be a date' });
  if (raw.version === 1 && Array.isArray(raw.plans) && raw.plans.every(isObject)) {
    // Written before scenarios recorded their changes: its scenarios are snapshots, restored as plans of their own.
    raw.plans = detachSnapshots(raw.plans as unknown as PlanRecord[]);
  }
  if (Array.isArray(raw.plans) && raw.plans.every(isObject)) {
    // Plans saved before plan format version 2 come back as version 2 with the same figures (a no-op on others).
    raw.plans = (raw.plans as unknown as PlanRecord[]).map(upgradeRecord);
  }
  if (!Array.isArray(raw.plans)) issues.push({ path: 'plans', message: 'must be a list' });
  else if (raw.plans.length > EXPORT_LIMITS.maxPlans) {
    issues.push({ path: 'plans', message: `has more than ${EXPORT_LIMITS.maxPlans} plans` });
  } else {
    const ids = new Set<string>();
    raw.plans.forEach((p, i) => {
      if (issues.length >= EXPORT_LIMITS.maxIssues) return;
      issues.push(...recordIssues(p, validate, `plans[${i}]`));
      const id = isObject(p) ? p.id : undefined;
      if (typeof id === 'string') {
        if (ids.has(id)) issues.push({ path: `plans[${i}].id`, message: `repeats the id "${id}"` });
        ids.add(id);
      }
    });
  }
  if (!Array.isArray(raw.settings)) issues.push({ path: 'settings', message: 'must be a list' });
  else if (raw.settings.length > EXPORT_LIMITS.maxSettings) {
    issues.push({ path: 'settings', message: `has more than ${EXPORT_LIMITS.maxSettings} settings` });
  } else {
    const keys = new Set<string>();
    raw.settings.forEach((s, i) => {
      if (!isObject(s) || typeof s.key !== 'string' || s.key.length === 0 || s.key.length > 200) {
        issues.push({ path: `settings[${i}].key`, message: 'must be a name of 1 to 200 characters' });
      } else if (keys.has(s.key)) {
        issues.push({ path: `settings[${i}].key`, message: `repeats the setting "${s.key}"` });
      } else {
        keys.add(s.key);
        if (!('value' in s)) issues.push({ path: `settings[${i}].value`, message: 'is missing' });
      }
    });
  }
  if (raw.catalogs !== undefined) {
    if (!Array.isArray(raw.catalogs)) issues.push({ path: 'catalogs', message: 'must be a list' });
    else if (raw.catalogs.length > MAX_CATALOGS)
      issues.push({ path: 'catalogs', message: `has more than ${MAX_CATALOGS} catalogs` });
    else {
      const ids = new Set<string>();
      raw.catalogs.forEach((c, i) => {
        if (issues.length >= EXPORT_LIMITS.maxIssues) return;
        issues.push(...catalogRowIssues(c, validate, `catalogs[${i}]`));
        const id = isObject(c) ? c.id : undefined;
        if (typeof id === 'string') {
          if (ids.has(id)) issues.push({ path: `catalogs[${i}].id`, message: `repeats the id "${id}"` });
          ids.add(id);
        }
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, EXPORT_LIMITS.maxIssues) };
  return { ok: true, data: raw as unknown as ExportData };
}
