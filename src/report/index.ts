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
  SECTION_ORDER,
  EXTENSION_IDS,
  type Block,
  type BarChart,
  type LineChart,
  type RangeChart,
  type ChartBlock,
  type TableBlock,
  type ComparedEntry,
  type ExtensionId,
  type ExtensionSection,
  type MeetingDocument,
  type MeetingInput,
  type Section,
  type SectionId,
} from './meeting.ts';
export {
  analysisSections,
  breakEvenCurveSpan,
  breakEvenPair,
  mixSentence,
  REPORT_SAMPLES,
  REPORT_SEED,
  TORNADO_ROWS,
  type MeetingAnalyses,
} from './meeting-analysis.ts';
export { meetingBodyHtml, meetingToHtml, REPORT_CSP, REPORT_STYLE } from './meeting-html.ts';
export { meetingToMarkdown } from './meeting-markdown.ts';
export { latencyNote, latencyNotes, latencyShortNote, percentileLabel, waitText } from './latency.ts';
// Savings-plan commitments (issue 13 §5).
export {
  bestCommitmentText,
  commitmentRows,
  commitmentScopeLines,
  commitmentUseText,
  hourlyText,
  withCommitment,
  COMMITMENT_HEADER,
} from './commitment.ts';
