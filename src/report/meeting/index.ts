// The report for the meeting (issue 11 §5): one document model, rendered as Markdown and as self-contained HTML.
export {
  buildMeetingDocument,
  SECTION_ORDER,
  EXTENSION_IDS,
  type Block,
  type BarChart,
  type LineChart,
  type ChartBlock,
  type TableBlock,
  type ComparedEntry,
  type ExtensionId,
  type ExtensionSection,
  type MeetingDocument,
  type MeetingInput,
  type Section,
  type SectionId,
} from './model.ts';
export { meetingToMarkdown, mdText } from './markdown.ts';
export { meetingToHtml, esc as htmlText, REPORT_CSP } from './html.ts';
