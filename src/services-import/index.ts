// Services from CSV: the parser behind the services table's "Import services from CSV…".
export {
  formatServicesIssue,
  parseServicesCsv,
  SERVICE_COLUMNS,
  SERVICES_CSV_LIMITS,
  type ImportedService,
  type ServiceColumn,
  type ServiceFile,
  type ServicesCsvIssue,
  type ServicesCsvOptions,
  type ServicesCsvResult,
} from './csv.ts';
