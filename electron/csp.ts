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

export const CONTENT_SECURITY_POLICY: string = directives
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** The tag index.html should carry, character for character. */
export const CSP_META_TAG = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
