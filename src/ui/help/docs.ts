// The pages the app carries: docs/*.md as text, and the screenshots they show, bundled at build time (Vite).
// Loaded when Help first opens, so neither the pages nor markdown-it weigh on start-up.

/** Page id (`guide` for docs/guide.md) → a loader of its Markdown. */
const PAGES = import.meta.glob<string>('../../../docs/*.md', { query: '?raw', import: 'default' });
/** `screenshots/editor.png` → the bundled file's URL (served by the app itself: the CSP's img-src 'self'). */
const IMAGE_URLS = import.meta.glob<string>('../../../docs/screenshots/*.png', {
  query: '?url',
  import: 'default',
  eager: true,
});

const idOf = (file: string): string => file.replace(/^.*\/docs\//, '').replace(/\.md$/, '');

export const IMAGES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(IMAGE_URLS).map(([file, url]) => [file.replace(/^.*\/docs\//, ''), url]),
);

/** The pages in the order the Help dialog lists them: the guide first. */
export const DOCS: readonly { id: string; title: string }[] = [
  { id: 'guide', title: 'User guide' },
  { id: 'cost-model', title: 'Cost model' },
  { id: 'plan-format', title: 'Plan format' },
  { id: 'cli', title: 'Command line' },
  { id: 'desktop', title: 'Desktop app' },
  { id: 'data-safety', title: 'Data safety' },
].filter((d) => Object.keys(PAGES).some((f) => idOf(f) === d.id));

export const DOC_IDS: ReadonlySet<string> = new Set(DOCS.map((d) => d.id));

export async function loadDoc(id: string): Promise<string> {
  const entry = Object.entries(PAGES).find(([file]) => idOf(file) === id);
  if (!entry) throw new Error(`There is no page "${id}".`);
  return entry[1]();
}
