import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CSP_META_CONTENT } from './electron/csp.ts';

/**
 * The built renderer carries the same Content-Security-Policy as the desktop shell's response header (one constant,
 * electron/csp.ts), as a <meta> tag, so the browser build is as strict as the desktop app. Build only: Vite's dev
 * server injects inline styles that the policy rightly refuses.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'headroom-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META_CONTENT },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The renderer: served by Electron over app:// and, for the browser build and e2e tests, by `vite preview`.
export default defineConfig({
  plugins: [svelte(), contentSecurityPolicy()],
  base: './',
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
