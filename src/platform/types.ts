// The renderer's one door to the OS. The browser build implements it with downloads and a file input; the Electron
// shell implements it with native dialogs through the preload bridge (src/platform/electron-bridge.ts).

/** Commands the native menu (or a keyboard shortcut) sends to the renderer. */
export type MenuCommand =
  | 'new-plan'
  | 'open-plan'
  | 'import'
  | 'save-plan-as'
  | 'export-csv'
  | 'undo'
  | 'redo'
  | 'open-guide'
  | 'about'
  | 'edit-catalogs';

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'new-plan',
  'open-plan',
  'import',
  'save-plan-as',
  'export-csv',
  'undo',
  'redo',
  'open-guide',
  'about',
  'edit-catalogs',
];

export interface FileToSave {
  /** File name offered to the user, e.g. `food-delivery-platform-2026-11-22.csv`. */
  suggestedName: string;
  /** A CSV report, a plan file, or the report for the meeting (one self-contained HTML file). */
  mimeType: 'text/csv' | 'application/json' | 'text/html';
  contents: string;
}

export interface OpenedFile {
  name: string;
  contents: string;
}

export interface SaveResult {
  saved: boolean;
  /** Where it went, when the platform knows (desktop). */
  path?: string | undefined;
  /** Why it failed, in words for the user, when it did. */
  error?: string | undefined;
}

/** What to ask the user for: a file with one of these extensions, refused above `maxBytes` (see file-requests.ts). */
export interface OpenFileRequest {
  readonly extensions: readonly string[];
  readonly maxBytes: number;
}

/** The report for the meeting as the app prints it (src/platform/print-report.ts). */
export interface ReportToPrint {
  /** e.g. `food-delivery-platform-report-2026-11-30.pdf` */
  suggestedName: string;
  /** The report's content: one `.report` element (src/report meetingBodyHtml), markup and inline SVG, no script. */
  bodyHtml: string;
  /** The report's stylesheet (REPORT_STYLE). */
  style: string;
}

export interface Platform {
  kind: 'browser' | 'electron';
  saveFile(file: FileToSave): Promise<SaveResult>;
  /**
   * Print / Save as PDF of the report for the meeting: the browser's print dialog (where "Save as PDF" is one of
   * the printers; resolves once it closes, `saved: false` since the page cannot know), or in the desktop app a PDF
   * written where the user chooses (src/platform/print-report.ts).
   */
  printReport(report: ReportToPrint): Promise<SaveResult>;
  /** Asks the user for a file; `null` when they cancel. Files above `maxBytes` are refused with an error. */
  openFile(options: OpenFileRequest): Promise<OpenedFile | null>;
  /** Subscribes to menu commands; returns an unsubscribe function. The browser build never calls it back. */
  onMenuCommand(handler: (command: MenuCommand) => void): () => void;
  /** Files the OS or the command line asked the app to open (desktop only). */
  onOpenFile(handler: (file: OpenedFile) => void): () => void;
  /**
   * Desktop only: before a window closes or the app quits, the shell asks the renderer to write any pending save and
   * waits (with a bound) until `handler`'s promise settles. The browser build never calls it (it flushes on
   * pagehide); returns an unsubscribe function.
   */
  onFlushRequest(handler: () => Promise<void>): () => void;
}
