import { describe, expect, it } from 'vitest';
import { DOC_IDS, DOCS, IMAGES, loadDoc } from './docs.ts';
import { anchorId, renderDoc, resolveLink, slugify } from './render.ts';

const docs = new Set(['guide', 'cost-model', 'cli']);
const render = (md: string, doc = 'guide') =>
  renderDoc(md, { doc, docs, images: { 'screenshots/a.png': '/assets/a-123.png' } });

describe('rendering a page inside the app', () => {
  it('raw HTML stays text: no tag, no script, no event handler from a page', () => {
    const html = render(
      'Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick="x()">b</div>',
    );
    expect(html).not.toMatch(/<script|<img|<div/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('javascript:, data: and file: links are never links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'vbscript:x',
    ]) {
      const html = render(`[click](${href})`);
      expect(html, href).not.toContain('<a');
      expect(html, href).not.toMatch(/href="(?:javascript|data|file|vbscript)/i);
    }
  });

  it('links to another page or heading are followed by the app; anchors are GitHub slugs', () => {
    expect(render('See [the forecast](cost-model.md#forecast) and [CSV](#csv-output).')).toContain(
      '<a href="?help=cost-model#help-cost-model-forecast" data-doc="cost-model" data-anchor="forecast">the forecast</a>',
    );
    expect(render('[CSV](#csv-output)', 'cli')).toContain('href="#help-cli-csv-output" data-doc="cli"');
    expect(resolveLink('../docs/cli.md', 'guide', docs)).toEqual({ doc: 'cli', anchor: null });
    expect(resolveLink('docs/unknown.md', 'guide', docs)).toBeNull();
    expect(slugify('How it is built (and how fast it starts)')).toBe(
      'how-it-is-built-and-how-fast-it-starts',
    );
    const headings = render('# Title\n\n## Backups\n\n## Backups\n');
    expect(headings).toContain('<h1 id="help-guide-title" tabindex="-1">');
    expect(headings).toContain('id="help-guide-backups"');
    expect(headings).toContain('id="help-guide-backups-1"');
  });

  it('a page named in plain text ("see docs/cost-model.md") becomes a link; in code it stays code', () => {
    const html = render('The rule (docs/cost-model.md explains it) and `docs/cli.md` and docs/nothing.md.');
    expect(html).toContain(
      '(<a href="?help=cost-model#help-cost-model-top" data-doc="cost-model" data-anchor="">docs/cost-model.md</a> explains it)',
    );
    expect(html).toContain('<code>docs/cli.md</code>');
    expect(html).toContain('docs/nothing.md.');
  });

  it('addresses the app does not open are shown as text beside their words, never as links', () => {
    const html = render(
      '[AWS pricing](https://aws.amazon.com/ec2/pricing/) and <https://example.com> and [a.json](../examples/a.json)',
    );
    expect(html).not.toContain('<a');
    expect(html).toContain('AWS pricing (https://aws.amazon.com/ec2/pricing/)');
    expect(html).toContain('https://example.com');
    expect(html).not.toContain('https://example.com (https://example.com)');
    expect(html).toContain('a.json (../examples/a.json)');
  });

  it('images come from the bundle; one that is not bundled shows its description', () => {
    expect(render('![The editor](screenshots/a.png)')).toContain(
      '<img src="/assets/a-123.png" alt="The editor" loading="lazy">',
    );
    const missing = render('![A chart](screenshots/none.png) ![x](https://evil.example/x.png)');
    expect(missing).not.toContain('<img');
    expect(missing).toContain('[A chart]');
  });
});

describe('the bundled pages', () => {
  it('carry the guide first, and every page docs/ links to', () => {
    expect(DOCS[0]).toEqual({ id: 'guide', title: 'User guide' });
    expect([...DOC_IDS].sort()).toEqual([
      'cli',
      'cost-model',
      'data-safety',
      'desktop',
      'guide',
      'plan-format',
    ]);
  });

  it('every link between pages reaches a page and a heading that exist, and every image is bundled', async () => {
    const pages = new Map<string, string>();
    for (const id of DOC_IDS)
      pages.set(id, renderDoc(await loadDoc(id), { doc: id, docs: DOC_IDS, images: IMAGES }));
    for (const [id, html] of pages) {
      for (const m of html.matchAll(/data-doc="([^"]*)" data-anchor="([^"]*)"/g)) {
        const [, doc = '', anchor = ''] = m;
        if (anchor === '') continue;
        expect(pages.get(doc), `${id} → ${doc}#${anchor}`).toContain(`id="${anchorId(doc, anchor)}"`);
      }
      expect(html, id).not.toMatch(/\[[^\]]*\]\((?:screenshots|docs)\//); // no unrendered image or link syntax
    }
    expect(pages.get('guide')).toMatch(/<img src="[^"]*editor[^"]*\.png" alt="The plan editor/);
    // The guide names the other pages in plain text: those are links now.
    expect(pages.get('guide')).toContain('data-doc="cost-model"');
  });
});
