import { describe, expect, it } from 'vitest';
import { createSecureWebPreferences, SECURE_WEB_PREFERENCES } from './web-preferences.ts';

describe('SECURE_WEB_PREFERENCES', () => {
  it('holds every hardening the security checklist asks for', () => {
    expect(SECURE_WEB_PREFERENCES).toEqual({
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
    });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('adds only the preload path and the DevTools switch', () => {
    const prefs = createSecureWebPreferences({ preload: '/app/dist-electron/preload.cjs', devTools: false });
    expect(prefs).toEqual({
      ...SECURE_WEB_PREFERENCES,
      preload: '/app/dist-electron/preload.cjs',
      devTools: false,
    });
    expect(createSecureWebPreferences({ preload: 'p', devTools: true }).devTools).toBe(true);
  });
});
