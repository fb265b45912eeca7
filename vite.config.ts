import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The renderer: served by Electron over app:// and, for the browser build and e2e tests, by `vite preview`.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
