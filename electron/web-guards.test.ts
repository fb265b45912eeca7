import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_LINKS } from './external-links.ts';
import {
  installSessionGuards,
  installWebContentsGuards,
  isPermissionAllowed,
  isRequestAllowed,
  type GuardedContents,
  type GuardedSession,
} from './web-guards.ts';

// Every permission name Electron 45 can ask about (from electron.d.ts).
const PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
];

type Listener = (...args: never[]) => unknown;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: vi.fn((event: string, listener: Listener) => {
      listeners.set(event, listener);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((handler: typeof openHandler) => {
      openHandler = handler;
    }),
  };
  const fire = (event: string, url: string): boolean => {
    const e = { url, preventDefault: vi.fn() };
    (listeners.get(event) as unknown as (e: unknown) => void)(e);
    return e.preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as GuardedContents,
    listeners,
    fire,
    open: (url: string) => openHandler!({ url }),
  };
}

describe('installWebContentsGuards', () => {
  const outside = [
    'https://evil.example/',
    'http://127.0.0.1:4173/',
    'file:///etc/passwd',
    'app://headroom.evil/',
    'app://headroom@evil/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
  ];

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s is prevented unless the URL is the app',
    (event) => {
      const { contents, fire } = fakeContents();
      installWebContentsGuards(contents, vi.fn());
      for (const url of outside) expect(fire(event, url), url).toBe(true);
      expect(fire(event, 'app://headroom/index.html')).toBe(false);
    },
  );

  it('prevents every webview attachment', () => {
    const { contents, listeners } = fakeContents();
    installWebContentsGuards(contents, vi.fn());
    const e = { preventDefault: vi.fn() };
    (listeners.get('will-attach-webview') as unknown as (e: unknown) => void)(e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window; only a fixed external link is handed to the browser, by id', () => {
    const { contents, open } = fakeContents();
    const openLink = vi.fn();
    installWebContentsGuards(contents, openLink);
    for (const url of [
      ...outside,
      'app://headroom/index.html',
      `${EXTERNAL_LINKS['aws-lambda-pricing']}#x`,
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openLink).not.toHaveBeenCalled();
    expect(open(EXTERNAL_LINKS['aws-lambda-pricing'])).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('aws-lambda-pricing');
  });
});

describe('permissions', () => {
  it('grants only persistent-storage, and only to the app origin', () => {
    for (const permission of PERMISSIONS) {
      expect(isPermissionAllowed(permission, 'app://headroom/index.html')).toBe(
        permission === 'persistent-storage',
      );
      expect(isPermissionAllowed(permission, 'https://evil.example/')).toBe(false);
      expect(isPermissionAllowed(permission, 'app://headroom.evil/')).toBe(false);
      expect(isPermissionAllowed(permission, undefined)).toBe(false);
    }
  });

  it('installs request, check, device and display-media handlers that deny', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const capture = (name: string) => vi.fn((h: (...args: never[]) => unknown) => void (handlers[name] = h));
    const session = {
      setPermissionRequestHandler: capture('request'),
      setPermissionCheckHandler: capture('check'),
      setDevicePermissionHandler: capture('device'),
      setDisplayMediaRequestHandler: capture('display'),
      on: vi.fn((event: string, h: (...args: never[]) => unknown) => void (handlers[event] = h)),
      webRequest: { onBeforeRequest: capture('beforeRequest') },
    };
    installSessionGuards(session as unknown as GuardedSession);
    const call = (name: string, ...args: unknown[]) =>
      (handlers[name] as unknown as (...a: unknown[]) => unknown)(...args);

    for (const permission of PERMISSIONS) {
      const granted = vi.fn();
      call('request', {}, permission, granted, { requestingUrl: 'app://headroom/index.html' });
      expect(granted).toHaveBeenCalledWith(permission === 'persistent-storage');
      const evil = vi.fn();
      call('request', {}, permission, evil, { requestingUrl: 'https://evil.example/' });
      expect(evil).toHaveBeenCalledWith(false);
      expect(call('check', null, permission, 'app://headroom', {})).toBe(permission === 'persistent-storage');
      expect(call('check', null, permission, 'app://headroom', { requestingUrl: 'https://x/' })).toBe(false);
    }
    expect(call('device', { deviceType: 'usb', origin: 'app://headroom' })).toBe(false);
    const display = vi.fn();
    call('display', {}, display);
    expect(display).toHaveBeenCalledWith(null);
    const download = { preventDefault: vi.fn() };
    call('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
    for (const [url, cancel] of [
      ['app://headroom/assets/a.js', false],
      ['https://cdn.example/x.js', true],
      ['http://localhost:5173/', true],
      ['ws://127.0.0.1/', true],
      ['file:///etc/passwd', true],
    ] as const) {
      const cb = vi.fn();
      call('beforeRequest', { url }, cb);
      expect(cb, url).toHaveBeenCalledWith({ cancel });
    }
  });
});

describe('isRequestAllowed', () => {
  it('lets through only the app origin and its own data/blob URLs', () => {
    expect(isRequestAllowed('app://headroom/index.html')).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA')).toBe(true);
    expect(isRequestAllowed('blob:app://headroom/0b1c')).toBe(true);
    expect(isRequestAllowed('blob:https://evil.example/0b1c')).toBe(false);
    expect(isRequestAllowed('https://aws.amazon.com/')).toBe(false);
    expect(isRequestAllowed('app://evil/index.html')).toBe(false);
  });
});
