// The versions of the plan format, the size limits of a plan file and the magnitude caps shared by many numbers (documented in
// docs/plan-format.md). The range of each plan field is declared with the field, in fields.ts.
import { FILE_LIMITS } from '../limits/files.ts';

export const PLAN_FORMAT = 'headroom-plan';
/**
 * Every version of the plan format this build reads. A file keeps meaning what it meant when it was written: version
 * 1 cannot use the fields new in version 2 (fields.ts `since`), and a field it leaves out keeps version 1's default.
 */
export const PLAN_VERSIONS = [1, 2] as const;
export type PlanVersion = (typeof PLAN_VERSIONS)[number];
/** The version this build writes (planToFile, new plans): the newest. */
export const PLAN_VERSION = 2 satisfies PlanVersion;

export function isPlanVersion(v: unknown): v is PlanVersion {
  return PLAN_VERSIONS.some((known) => known === v);
}

export const PLAN_LIMITS = {
  /** Largest plan file accepted, in bytes of UTF-8 text (checked before the text is parsed). */
  maxFileBytes: FILE_LIMITS.planBytes,
  /** Most services in one plan. */
  maxServices: 10_000,
  /** Longest plan, service, catalog or instance type name, in characters. */
  maxNameLength: 200,
  /** Deepest nesting of objects and lists anywhere in the file (a valid plan needs 6). */
  maxDepth: 32,
  /** Most values (numbers, strings, objects, lists …) in the whole file. */
  maxValues: 4_000_000,
  /** Longest list anywhere in the file. */
  maxListLength: 100_000,
  /** Most problems listed for one file; the rest are counted in a final line. */
  maxIssues: 500,
  /** Highest mean requests per second of one service in one hour. */
  maxRps: 1e9,
  maxDurationMs: 1e8,
  maxMemoryMiB: 1e7,
  maxMillicores: 1e7,
  maxProvisionedConcurrency: 1e6,
  /** Any price in a catalog or a plan (per hour, per GB-second, per million requests …). */
  maxPrice: 1e6,
  maxInstanceTypes: 1_000,
  maxTiers: 100,
  /** Fargate task sizes in a catalog: vCPU values, and memory sizes of one vCPU value. */
  maxTaskSizes: 100,
  maxTaskMemorySizes: 1_000,
  maxSources: 100,
  maxSourceLength: 2_000,
} as const;
