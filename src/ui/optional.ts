// Components built by other parts of the project, picked up when their files exist (the build does not fail while
// one is still being written; the app shows a plain fallback instead).
import type { Component } from 'svelte';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyComponent = Component<any>;

const trafficImports = import.meta.glob<AnyComponent>('./traffic-import/TrafficImport.svelte', {
  eager: true,
  import: 'default',
});
const dataSettings = import.meta.glob<AnyComponent>('./data/DataSettings.svelte', {
  eager: true,
  import: 'default',
});

export function trafficImport(): AnyComponent | null {
  return Object.values(trafficImports)[0] ?? null;
}

export function dataSettingsPanel(): AnyComponent | null {
  return Object.values(dataSettings)[0] ?? null;
}
