import type { WebPreferences } from 'electron';

/**
 * The security-relevant webPreferences every window of the app gets (Electron security checklist items 2–4, 6,
 * 8–11). Windows are created only through `createSecureWebPreferences`, which adds the preload path and decides
 * DevTools; nothing may override these keys.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  safeDialogs: true,
  plugins: false,
  enableWebSQL: false,
} as const satisfies WebPreferences);

export function createSecureWebPreferences(options: { preload: string; devTools: boolean }): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload: options.preload, devTools: options.devTools };
}
