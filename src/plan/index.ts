// Plan files, versions 1 and 2: the schema, validation and the JSON Schema shipped in docs/plan.schema.json.
export { parsePlan, parsePlanText, formatIssue, formatPath, type ParseResult } from './parse.ts';
export { planToFile } from './to-file.ts';
export {
  planJsonSchema,
  planJsonSchemaText,
  planFileSchema,
  type PlanFile,
  type CatalogFile,
} from './schema.ts';
export {
  PLAN_LIMITS,
  PLAN_FORMAT,
  PLAN_VERSION,
  PLAN_VERSIONS,
  isPlanVersion,
  type PlanVersion,
} from './limits.ts';
export { upgradePlanDocument, upgradeScenarioChanges, isVersion1Plan } from './upgrade.ts';
export { withNewPlanDefaults } from './new-plan.ts';
export {
  PLAN_FIELDS,
  field,
  fieldAt,
  fieldKey,
  fieldsUnder,
  type FieldDecl,
  type FieldKey,
  type Range,
} from './fields.ts';
export { findJsonSyntaxError, type JsonSyntaxError } from './json.ts';
