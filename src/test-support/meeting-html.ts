// Test helpers of the meeting report: the HTML parsed as a browser would (parse5), what a reader sees, and everything
// in it that could make a request or run code.
import { readFileSync } from 'node:fs';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { parsePlanText } from '../plan/index.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** A plan file from the repository, parsed (the examples). */
export function planOf(file: string) {
  const r = parsePlanText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file} invalid`);
  return r.plan;
}

/** Every element of a parsed HTML document (a real HTML parser: what a browser would build). */
export function elements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) out.push(n);
    if ('content' in n && n.content) walk(n.content);
    if ('childNodes' in n) for (const c of n.childNodes) walk(c);
  };
  walk(parse(html));
  return out;
}

/** The text a reader sees (text nodes joined by spaces), from the parse tree: entities decoded. */
export function visibleText(html: string): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text' && 'value' in n) out.push(n.value);
    if ('childNodes' in n) for (const c of n.childNodes) walk(c);
  };
  walk(parse(html));
  return out.join(' ');
}

/**
 * Everything in the document that could make a request or run code: script and other fetching elements, event
 * handler attributes, any attribute holding a URL, CSS url()/@import. Empty for a self-contained, inert report.
 */
export function activeParts(html: string): string[] {
  const found: string[] = [];
  const fetching = new Set([
    'script',
    'iframe',
    'object',
    'embed',
    'img',
    'link',
    'base',
    'form',
    'video',
    'audio',
    'source',
    'image',
    'use',
    'a',
    'foreignObject',
  ]);
  for (const el of elements(html)) {
    if (fetching.has(el.tagName)) found.push(`<${el.tagName}>`);
    for (const a of el.attrs) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName}[${name}]`);
      if (
        [
          'src',
          'href',
          'xlink:href',
          'action',
          'formaction',
          'srcset',
          'poster',
          'data',
          'background',
        ].includes(name)
      )
        found.push(`${el.tagName}[${name}=${a.value}]`);
      // xmlns is a namespace name, never fetched; any other attribute value that is a URL is suspect.
      if (name !== 'xmlns' && /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(a.value) && name !== 'content')
        found.push(`${el.tagName}[${name}=${a.value}]`);
    }
    if (el.tagName === 'style') {
      const css = el.childNodes.map((c) => ('value' in c ? c.value : '')).join('');
      if (/url\s*\(|@import|expression\s*\(/i.test(css)) found.push('style with url()/@import');
    }
  }
  return found;
}
