// The one Content Security Policy of the renderer. The app:// protocol handler sends it as a header on every
// response, and index.html carries the same text in a <meta http-equiv="Content-Security-Policy"> tag
// (a unit test compares the two). No 'unsafe-eval', no inline or remote script, no remote anything.
const directives: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  // Stylesheets only from the app; style="" attributes are allowed because Svelte templates and Chart.js set them
  // (attributes cannot run script).
  ['style-src', "'self'"],
  ['style-src-attr', "'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
  ['frame-ancestors', "'none'"],
];

const join = (list: typeof directives): string => list.map(([name, value]) => `${name} ${value}`).join('; ');

/** The header sent on every app:// response. */
export const CONTENT_SECURITY_POLICY: string = join(directives);

/** Directives a <meta> tag cannot carry (Chromium ignores them there and logs an error). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The same policy for the <meta> tag: everything but the header-only directives. */
export const CSP_META_CONTENT: string = join(directives.filter(([name]) => !HEADER_ONLY.has(name)));

/** The tag index.html should carry, character for character. */
export const CSP_META_TAG = `<meta http-equiv="Content-Security-Policy" content="${CSP_META_CONTENT}" />`;
