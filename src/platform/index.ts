// The renderer gets its platform here: the desktop bridge when the preload exposed one, the browser otherwise.
import type { Platform } from './types.ts';
import { createBrowserPlatform } from './browser.ts';
import { createElectronPlatform, isHeadroomBridge } from './electron-bridge.ts';
import { showReportForPrint } from './print-report.ts';

export type { Platform, FileToSave, OpenedFile, SaveResult, MenuCommand, ReportToPrint } from './types.ts';
export { FileRefusedError } from './browser.ts';
export { OpenFileRefusedError } from './electron-bridge.ts';

let current: Platform | undefined;

/** Chooses the platform once: `window.headroom` (set by the Electron preload) or the browser fallback. */
export function selectPlatform(win: { headroom?: unknown } | undefined): Platform {
  const bridge = win?.headroom;
  return isHeadroomBridge(bridge)
    ? createElectronPlatform(bridge, (report) => showReportForPrint(document, report))
    : createBrowserPlatform();
}

export function getPlatform(): Platform {
  current ??= selectPlatform(typeof window === 'undefined' ? undefined : window);
  return current;
}
