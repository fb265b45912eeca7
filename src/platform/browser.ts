// The browser build's door to the OS: saving is a download through a blob link, opening is a hidden file input.
// Menu commands and OS file-open requests never arrive in a browser.
import { formatBytes } from '../limits/files.ts';
import { decodeText } from '../text/decode.ts';
import { showReportForPrint } from './print-report.ts';
import type { FileToSave, OpenedFile, Platform, SaveResult } from './types.ts';

/** Thrown by `openFile` when the chosen file is refused (too big, unreadable); the message is for the user. */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError';
}

export interface BrowserDeps {
  document: Document;
  /** The page's print dialog (default: window.print). */
  print?: () => void;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

function defaultDeps(): BrowserDeps {
  return {
    document,
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
  };
}

/** A file name safe on every OS: no path separators, control characters or reserved punctuation. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned === '' ? 'headroom' : cleaned.slice(0, 200);
}

/** `accept` attribute from extensions such as `json`, `.csv`. */
export function acceptList(extensions: readonly string[]): string {
  return extensions.map((e) => (e.startsWith('.') ? e : `.${e}`)).join(',');
}

export { formatBytes };

/** Reads a chosen file as text (src/text/decode.ts), refusing it before reading when it is larger than `maxBytes`. */
export async function readChosenFile(file: File, maxBytes: number): Promise<OpenedFile> {
  if (file.size > maxBytes) {
    throw new FileRefusedError(
      `"${file.name}" is ${formatBytes(file.size)}; files up to ${formatBytes(maxBytes)} can be opened.`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    throw new FileRefusedError(
      `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // The same decoder as the CLI and the desktop app (not file.text(), which silently replaces bad bytes).
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new FileRefusedError(`"${file.name}" ${decoded.message}.`);
  return { name: file.name, contents: decoded.text };
}

export function createBrowserPlatform(given?: BrowserDeps): Platform {
  // Resolved on first use, so choosing the platform never touches the DOM.
  let resolved: BrowserDeps | undefined = given;
  const deps = (): BrowserDeps => (resolved ??= defaultDeps());
  return {
    kind: 'browser',
    async saveFile(file: FileToSave): Promise<SaveResult> {
      try {
        const blob = new Blob([file.contents], { type: `${file.mimeType};charset=utf-8` });
        const { document: doc, createObjectURL, revokeObjectURL } = deps();
        const url = createObjectURL(blob);
        const a = doc.createElement('a');
        a.href = url;
        a.download = safeFileName(file.suggestedName);
        a.rel = 'noopener';
        a.style.display = 'none';
        doc.body.append(a);
        a.click();
        a.remove();
        // Revoke after the click has been handled; the download keeps its own reference.
        setTimeout(() => revokeObjectURL(url), 10_000);
        return { saved: true };
      } catch (error) {
        return {
          saved: false,
          error: `The file could not be saved: ${error instanceof Error ? error.message : error}`,
        };
      }
    },
    async printReport(report): Promise<SaveResult> {
      const { document: doc, print = () => window.print() } = deps();
      let done: (() => void) | undefined;
      try {
        done = showReportForPrint(doc, report);
        // Taken out on afterprint: Chromium fires it as the dialog closes, before print() returns; a browser whose
        // print() returns sooner keeps the report in the page until it has printed (a next print replaces it).
        doc.defaultView?.addEventListener('afterprint', done, { once: true });
        print();
        return { saved: false };
      } catch (error) {
        done?.();
        return {
          saved: false,
          error: `The report could not be printed: ${error instanceof Error ? error.message : error}`,
        };
      }
    },
    openFile(options): Promise<OpenedFile | null> {
      const doc = deps().document;
      return new Promise((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = acceptList(options.extensions);
        input.style.display = 'none';
        input.setAttribute('aria-hidden', 'true');
        input.tabIndex = -1;
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          input.remove();
          fn();
        };
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) return finish(() => resolve(null));
          readChosenFile(file, options.maxBytes).then(
            (opened) => finish(() => resolve(opened)),
            (error: unknown) => finish(() => reject(error)),
          );
        });
        input.addEventListener('cancel', () => finish(() => resolve(null)));
        doc.body.append(input);
        input.click();
      });
    },
    onMenuCommand() {
      return () => {};
    },
    onOpenFile() {
      return () => {};
    },
    // The browser build flushes on pagehide/visibilitychange (App.svelte); no shell ever asks it to.
    onFlushRequest() {
      return () => {};
    },
  };
}
