// The report for the meeting as Markdown: headings, lists and pipe tables for a wiki page or a pull request. A
// chart is given by its data table (Markdown has no charts that render everywhere). Every text from the plan goes
// through `mdText`, so a service name can neither add markup, links or HTML nor break a table.
import { printable } from './table.ts';
import type { Block, MeetingDocument, TableBlock } from './meeting.ts';

/**
 * Plain text as Markdown that shows exactly that text: controls and bidi marks made visible (printable), line breaks
 * folded to spaces, every character Markdown or a wiki's inline HTML could read as syntax backslash-escaped or
 * written as an entity (`<`, `>`, `&`), so `<script>`, `[x](javascript:…)`, `|` and `**` stay literal.
 */
export function mdText(s: string): string {
  return printable(s.replace(/[\r\n\u2028\u2029]+/g, ' '))
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function table(t: TableBlock): string[] {
  const cells = (r: readonly string[]) => `| ${r.map(mdText).join(' | ')} |`;
  const rule = `|${t.header.map((_, i) => (t.align[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [`*${mdText(t.caption)}*`, '', cells(t.header), rule, ...t.rows.map(cells), ''];
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph': {
      const text = mdText(b.text);
      return [b.emphasis === 'strong' ? `**${text}**` : b.emphasis === 'note' ? `*${text}*` : text, ''];
    }
    case 'list':
      return [...b.items.map((i) => `- ${mdText(i)}`), ''];
    case 'table':
      return table(b);
    case 'chart':
      // The chart's own figures: the table beside it in HTML is the whole of it here.
      return [`${mdText(b.chart.title)} (chart in the HTML report; its figures:)`, '', ...table(b.data)];
  }
}

/** The whole document as Markdown text (GitHub-flavoured tables). */
export function meetingToMarkdown(doc: MeetingDocument): string {
  const out: string[] = [`# ${mdText(doc.title)}`, '', mdText(doc.subtitle), ''];
  for (const s of doc.sections) {
    out.push(`## ${mdText(s.title)}`, '');
    for (const b of s.blocks) out.push(...block(b));
  }
  out.push('---', '', `*${mdText(doc.footer)}*`);
  return `${out.join('\n')}\n`;
}
