// The renderer's origin. IndexedDB data belongs to this origin, so the scheme and host must never change after a
// release: changing either would make every user's saved plans seem to vanish.
export const APP_SCHEME = 'app';
export const APP_HOST = 'headroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs of the app's own origin (`app://headroom/...`). Compares `protocol` and `host` of the parsed URL
 * and never `.origin`: in Node, `new URL('app://x/').origin` and `new URL('file:///etc/passwd').origin` are both
 * `"null"`, so an origin comparison would accept any file. Credentials and an explicit port are refused too, since
 * the real app never produces them and they are a classic look-alike trick (`app://headroom@evil/`).
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
