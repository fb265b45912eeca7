import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/** How the scheme is registered (before `app` is ready): standard + secure so it is a real origin with IndexedDB. */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: true,
});

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string | undefined {
  return MIME_TYPES[path.extname(filePath).toLowerCase()];
}

/** Headers on every response of the app:// protocol, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/**
 * Maps a request URL to a file inside `root` (an absolute folder), or `null` when the URL is not the app's or the
 * path could leave the folder. Decoded segments may not be `.`/`..`, hold separators, NUL or a drive colon, and the
 * resolved path is checked to stay inside `root` as a last line of defence.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.host !== APP_HOST ||
    url.username !== '' ||
    url.password !== ''
  ) {
    return null;
  }
  const rawPath = url.pathname === '' || url.pathname === '/' ? '/index.html' : url.pathname;
  if (!rawPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const rawSegment of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..') return null;
    // eslint-disable-next-line no-control-regex
    if (/[\\/:\0\u0000-\u001f]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  const relative = path.relative(base, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  if (!resolved.startsWith(base + path.sep)) return null;
  return resolved;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The `protocol.handle('app', …)` handler: GET/HEAD of regular files under `root` only (symbolic links are refused,
 * so nothing can point out of the folder; `lstat` also works inside app.asar), known content types only, the CSP
 * header on everything.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const base = path.resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const filePath = resolveAppPath(base, request.url);
    if (filePath === null) return textResponse(404, 'Not found');
    const mimeType = mimeTypeFor(filePath);
    if (mimeType === undefined) return textResponse(404, 'Not found');
    try {
      const info = await lstat(filePath);
      if (!info.isFile()) return textResponse(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(filePath);
      return new Response(body, {
        status: 200,
        headers: { ...securityHeaders(), 'Content-Type': mimeType, 'Content-Length': String(info.size) },
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}
