// The guide and the other docs/ pages, rendered inside the app (issue 9 §11: a desktop user cannot open
// docs/guide.md). Markdown in, HTML out, with markdown-it's raw HTML off, so the text of a page can never become
// markup or script. Links are rewritten for a window that must not navigate (docs/desktop.md):
// - to another bundled page or a heading (`cost-model.md#forecast`, `#csv-output`, a bare `docs/cli.md` in the
//   text): a link the Help dialog follows itself (`data-doc`, `data-anchor`);
// - anywhere else (https://…, a source file): no link at all, the address shown as text beside its words;
// - images: the bundled copy of `screenshots/*.png`, or the image's description when there is none.
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

export interface DocLink {
  doc: string;
  /** The heading's slug, or null for the top of the page. */
  anchor: string | null;
}

/** The element id of a heading (or of a page's top): unique across pages, and apart from the app's own ids. */
export function anchorId(doc: string, anchor: string | null): string {
  return `help-${doc}-${anchor ?? 'top'}`;
}

/** A heading's slug as GitHub makes it, so the docs' own `#anchors` work in the app as they do on GitHub. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const DOC_FILE = /^(?:\.\/)?(?:(?:\.\.\/)?docs\/)?([a-z0-9-]+)\.md(?:#(.*))?$/i;
/** `docs/cost-model.md` written as plain text (not as a link, not in code): made a link to that page. */
const DOC_REF = /\bdocs\/([a-z0-9-]+)\.md\b/g;

/** Where a link in page `doc` leads: a bundled page (and heading), or somewhere the app does not go. */
export function resolveLink(href: string, doc: string, docs: ReadonlySet<string>): DocLink | null {
  if (href.startsWith('#')) return { doc, anchor: decodeURIComponent(href.slice(1)) || null };
  const m = DOC_FILE.exec(href);
  const target = m?.[1]?.toLowerCase();
  if (!m || target === undefined || !docs.has(target)) return null;
  return { doc: target, anchor: m[2] ? decodeURIComponent(m[2]) : null };
}

export interface RenderOptions {
  /** The page being rendered (its id: `guide` for guide.md). */
  doc: string;
  /** Ids of the pages the app carries. */
  docs: ReadonlySet<string>;
  /** Bundled image URLs by their path relative to docs/ (`screenshots/editor.png`). */
  images: Readonly<Record<string, string>>;
}

const textOf = (tokens: readonly Token[] | null): string =>
  (tokens ?? [])
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : textOf(t.children)))
    .join('');

/**
 * A link's href: a fragment on the same page; on another page, the app's own address with that page named (a
 * fragment there would point at an id this page does not have). The dialog follows both itself, so neither ever
 * navigates; if one were opened in a new window anyway, it would be the app's own address.
 */
export function linkHref(from: string, target: DocLink): string {
  const fragment = `#${anchorId(target.doc, target.anchor)}`;
  return target.doc === from ? fragment : `?help=${encodeURIComponent(target.doc)}${fragment}`;
}

function linkTokens(state: StateCore, from: string, target: DocLink, words: string): Token[] {
  const open = new state.Token('link_open', 'a', 1);
  open.attrs = [
    ['href', linkHref(from, target)],
    ['data-doc', target.doc],
    ['data-anchor', target.anchor ?? ''],
  ];
  const text = new state.Token('text', '', 0);
  text.content = words;
  return [open, text, new state.Token('link_close', 'a', -1)];
}

function rewrite(state: StateCore, options: RenderOptions): void {
  const seen = new Map<string, number>();
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const block = tokens[i]!;
    if (block.type === 'heading_open') {
      const base = slugify(textOf(tokens[i + 1]?.children ?? null));
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      block.attrSet('id', anchorId(options.doc, n === 0 ? base : `${base}-${n}`));
      block.attrSet('tabindex', '-1'); // a followed link moves focus to its heading
    }
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    // Links do not nest in Markdown: the one open now, kept (followed by the app) or dropped (its words stay, and
    // its address follows them as text).
    let link: 'kept' | { href: string; start: number } | null = null;
    for (const t of block.children) {
      if (t.type === 'link_open') {
        const href = t.attrGet('href') ?? '';
        const target = resolveLink(href, options.doc, options.docs);
        if (target) {
          t.attrs = linkTokens(state, options.doc, target, '')[0]!.attrs;
          link = 'kept';
          out.push(t);
        } else link = { href, start: out.length };
        continue;
      }
      if (t.type === 'link_close') {
        if (link === 'kept' || link === null) out.push(t);
        else {
          const words = textOf(out.slice(link.start));
          const address = link.href.replace(/^mailto:/i, '');
          if (address !== '' && words.trim() !== address) {
            const text = new state.Token('text', '', 0);
            text.content = ` (${address})`;
            out.push(text);
          }
        }
        link = null;
        continue;
      }
      if (t.type === 'image') {
        const src = (t.attrGet('src') ?? '').replace(/^(?:\.\/)?(?:(?:\.\.\/)?docs\/)?/, '');
        const url = options.images[src];
        if (url !== undefined) {
          t.attrSet('src', url);
          t.attrSet('loading', 'lazy');
          out.push(t);
        } else {
          const text = new state.Token('text', '', 0);
          text.content = `[${textOf(t.children) || 'image'}]`;
          out.push(text);
        }
        continue;
      }
      if (t.type === 'text' && link === null) {
        let last = 0;
        for (const m of t.content.matchAll(DOC_REF)) {
          const id = m[1]!.toLowerCase();
          if (!options.docs.has(id)) continue;
          const before = new state.Token('text', '', 0);
          before.content = t.content.slice(last, m.index);
          out.push(before, ...linkTokens(state, options.doc, { doc: id, anchor: null }, m[0]));
          last = m.index + m[0].length;
        }
        if (last > 0) {
          const rest = new state.Token('text', '', 0);
          rest.content = t.content.slice(last);
          out.push(rest);
          continue;
        }
      }
      out.push(t);
    }
    block.children = out;
  }
}

/** Only relative paths, in-page anchors, https and mailto survive parsing; javascript:, data:, file: never do. */
const SAFE_LINK = /^(?:#|\.{0,2}\/|[a-z0-9_.-]+(?:\/|\.|#|$)|https?:\/\/|mailto:)/i;

/** A markdown-it set up for the app's pages (raw HTML off); one per RenderOptions' page. */
export function renderDoc(markdown: string, options: RenderOptions): string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = (url) =>
    SAFE_LINK.test(url.trim()) && !/^(?:javascript|vbscript|data|file):/i.test(url.trim());
  md.core.ruler.push('headroom_links', (state) => rewrite(state, options));
  return md.render(markdown);
}
