// Guards on every web contents and on the session: no navigation away from the app, no new windows, no webviews,
// no permissions, no downloads, no request to anything but the app's own origin (checklist items 1, 5, 12–14).
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { externalLinkIdForUrl, type ExternalLinkId } from './external-links.ts';

/** The only permission ever granted, and only to the app's origin: keeping IndexedDB from being evicted. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'persistent-storage' && isAppUrl(requestingUrl);
}

/** Requests the session lets through: the app's own origin, inline data/blob URLs it made, DevTools in dev. */
export function isRequestAllowed(url: string): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  return url.startsWith('devtools://');
}

type NavigationEvent = { url: string; preventDefault(): void };

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installWebContentsGuards(
  contents: GuardedContents,
  openLink: (id: ExternalLinkId) => void,
): void {
  const guard = (event: NavigationEvent): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link to one of the fixed external pages opens in the user's browser; everything else is dropped.
    const id = externalLinkIdForUrl(url);
    if (id !== undefined) openLink(id);
    return { action: 'deny' };
  });
}

export type GuardedSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'on'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

export function installSessionGuards(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isRequestAllowed(details.url) }),
  );
  session.on('will-download', (event) => event.preventDefault());
}
