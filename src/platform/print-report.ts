// Printing the report for the meeting from inside the app, under the app's own Content-Security-Policy (electron/
// csp.ts: no inline <style>, no frames — printing an iframe of the report was refused by it). The report's content
// (src/report meetingBodyHtml: markup and inline SVG, no script) goes into a shadow root of one element appended to
// <body>, styled by the report's own stylesheet as a constructed stylesheet (CSSOM, which the CSP does not govern,
// unlike a <style> element), so the app's styles and the report's never touch. A page stylesheet hides that element
// on screen and, while it is there, everything else in print. The browser build then calls window.print(); the
// desktop app has the main process print the page to PDF (webContents.printToPDF). Same document either way.

import type { ReportToPrint } from './types.ts';

export type { ReportToPrint };

/** The id of the element that holds the report while it is printed. */
export const PRINT_REPORT_ID = 'print-report';
/** The class on <html> while a report is set up for printing. */
export const PRINTING_CLASS = 'printing-report';

/** Only the report on paper, A4; never on screen (where it only lives for the length of a print). */
export const PRINT_PAGE_STYLE = `
@media screen { #${PRINT_REPORT_ID} { display: none !important; } }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  html.${PRINTING_CLASS} body > :not(#${PRINT_REPORT_ID}) { display: none !important; }
  html.${PRINTING_CLASS}, html.${PRINTING_CLASS} body { margin: 0; padding: 0; background: #fff; height: auto;
    overflow: visible; }
}
`;

/**
 * Puts `report` into `doc` for printing (replacing one set up before); returns the function that takes it out again.
 * Idempotent clean-up: calling it twice, or after another report replaced this one, does nothing more.
 */
export function showReportForPrint(
  doc: Document,
  report: Pick<ReportToPrint, 'bodyHtml' | 'style'>,
): () => void {
  const win = doc.defaultView;
  if (!win) throw new Error('the document has no window to print from');
  doc.getElementById(PRINT_REPORT_ID)?.remove();
  const host = doc.createElement('div');
  host.id = PRINT_REPORT_ID;
  const root = host.attachShadow({ mode: 'open' });
  const reportSheet = new win.CSSStyleSheet();
  reportSheet.replaceSync(report.style);
  root.adoptedStyleSheets = [reportSheet];
  // Our own markup (every text escaped by src/report/meeting-html.ts esc): no script, nothing that fetches.
  root.innerHTML = report.bodyHtml;
  const pageSheet = new win.CSSStyleSheet();
  pageSheet.replaceSync(PRINT_PAGE_STYLE);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, pageSheet];
  doc.documentElement.classList.add(PRINTING_CLASS);
  doc.body.append(host);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    host.remove();
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== pageSheet);
    if (!doc.getElementById(PRINT_REPORT_ID)) doc.documentElement.classList.remove(PRINTING_CLASS);
  };
}
