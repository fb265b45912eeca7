// The app state is handed to components through Svelte context, set once by App.svelte.
import { getContext, setContext } from 'svelte';
import type { AppState } from '../state/app.svelte.ts';

const KEY = Symbol('headroom-app');

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() outside App.svelte');
  return app;
}

/** The app state where there is one: for components that are also rendered on their own (tests, previews). */
export function maybeApp(): AppState | undefined {
  return getContext<AppState | undefined>(KEY);
}
