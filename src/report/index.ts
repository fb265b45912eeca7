// Report formatting: the engine's report → CSV text and terminal tables. Pure; imports only src/model.
export {
  reportToCsv,
  servicesToCsv,
  forecastToCsv,
  BOM,
  withBom,
  FORECAST_HEADER,
  SHARED_SERVICE,
  type ExportMeta,
  type ExportOptions,
  toCsv,
  csvText,
  LINE_ITEM_HEADER,
  type CsvCell,
  type CsvText,
} from './csv.ts';
export {
  reportToTable,
  forecastLines,
  formatMoney,
  formatAmount,
  formatNumber,
  printable,
  displayWidth,
} from './table.ts';
export { totalStatus, scalingText, leftOut, leavesOut, viaFallback } from './terms.ts';
export {
  buildMeetingDocument,
  meetingToHtml,
  meetingToMarkdown,
  SECTION_ORDER,
  EXTENSION_IDS,
  type MeetingInput,
  type MeetingDocument,
  type ExtensionSection,
  type ComparedEntry,
} from './meeting/index.ts';
