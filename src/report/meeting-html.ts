// The report for the meeting as one self-contained HTML file: inline CSS, charts drawn here as inline SVG from the
// document's figures with their data table beside them, no script, no external URL of any kind, so it opens offline
// in any browser and prints (print CSS: A4 pages, tables and figures kept whole, the appendix on a new page). A
// Content-Security-Policy meta tag forbids scripts and every request as a second net. Every text goes through `esc`.
import { formatAmount, printable } from './table.ts';
import { STRATEGY_IDS, type StrategyId } from '../model/index.ts';
import type { BarChart, Block, LineChart, MeetingDocument, RangeChart, TableBlock } from './meeting.ts';

/** Plain text as HTML text or attribute value: controls and bidi marks made visible, then the five HTML specials. */
export function esc(s: string): string {
  return printable(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** No script, no request: styles only from this file, images only inline. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The strategies' colours in registry order, one per strategy up to six: the app's `--strategy-1` … `--strategy-6`
 * (src/ui/theme.css; a test there keeps the two equal), with a dash pattern each so lines differ in grey print too.
 */
export const STRATEGY_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'] as const;
const COLOURS = STRATEGY_COLOURS;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 2'];
/** What is no strategy (the best mix, a range bar): dark grey, apart from every strategy's colour. */
const NEUTRAL = '#555';

/**
 * The report's stylesheet. Everything hangs off `.report` (the one element around the document), so the same rules
 * style the saved file and the copy the app prints inside its own page (src/platform/print-report.ts, in a shadow
 * root, where the app's CSP admits it as a constructed stylesheet: no inline <style> there).
 */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { margin: 0; }
.report { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #111; background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #bbb; padding-bottom: .15rem; }
.subtitle { color: #444; margin: 0 0 1rem; }
.strong { font-weight: 600; }
.note { color: #444; font-size: .9em; }
table { border-collapse: collapse; margin: .25rem 0 1rem; font-size: .9em; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-style: italic; color: #333; padding-bottom: .25rem; }
th, td { border: 1px solid #ccc; padding: .2rem .45rem; vertical-align: top; }
th { background: #f0f0f0; text-align: left; }
td.r, th.r { text-align: right; white-space: nowrap; }
.chart-title { font-weight: 600; margin: 1rem 0 .25rem; }
.figure { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.figure svg { flex: 0 0 auto; max-width: 100%; height: auto; }
.figure table { flex: 1 1 18rem; }
footer { margin-top: 2rem; color: #555; font-size: .85em; border-top: 1px solid #bbb; padding-top: .5rem; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  .report { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  /* A heading, the sentences under it and a chart's title stay with what follows them (no lonely heading at the
     foot of a page with its chart on the next). */
  h2, section > p, section > ul, .chart-title { break-after: avoid; }
  /* A short table, a chart, a list or a sentence is kept on one page; a long table runs on with its header row
     repeated; a chart and its table may part. */
  table:not(.long), svg, tr, .keep, section > p { break-inside: avoid; }
  thead { display: table-header-group; }
  section.page { break-before: page; }
}
`;

/** Rows beyond which a table may break across printed pages (a forecast of 24 months, the line items). */
const LONG_TABLE_ROWS = 20;

function table(t: TableBlock): string {
  const cls = (i: number) => (t.align[i] === 'right' ? ' class="r"' : '');
  const head = t.header.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${cls(i)}>${esc(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  // A long table may run on to the next page (its header row repeats); a short one is kept whole.
  const long = t.rows.length > LONG_TABLE_ROWS ? ' class="long"' : '';
  return `<table${long}><caption>${esc(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A number with at most 3 significant figures' worth of step: 0, 1, 2, 2.5, 5 × 10^k. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

const fmt = (n: number) => formatAmount(n).replace(/\.00$/, '');

function barSvg(c: BarChart): string {
  const row = 26;
  const left = 120;
  const width = 560;
  const barMax = 300;
  const height = c.bars.length * row + 10;
  const max = Math.max(0, ...c.bars.map((b) => b.value ?? 0));
  const bars = c.bars
    .map((b, i) => {
      const y = 5 + i * row;
      const w = b.value === null || max === 0 ? 0 : Math.max(1, (b.value / max) * barMax);
      const label = `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${esc(b.label)}</text>`;
      const value =
        b.value === null ? esc(b.note) : `${esc(fmt(b.value))}${b.note === '' ? '' : ` (${esc(b.note)})`}`;
      const colour = b.key === undefined ? NEUTRAL : styleOf(b.key).colour;
      const rect =
        b.value === null
          ? ''
          : `<rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${colour}"${b.highlight ? ' stroke="#111" stroke-width="2"' : ''}${b.muted ? ` fill-opacity="0.35" stroke="${colour}" stroke-dasharray="4 2"` : ''}/>`;
      return `${label}${rect}<text x="${left + w + 6}" y="${y + 16}"${b.highlight ? ' font-weight="700"' : ''}>${value}</text>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${esc(c.title)}" font-size="12" font-family="system-ui, sans-serif" fill="#111">` +
    `<title>${esc(c.title)}</title>${bars}</svg>`
  );
}

/** The strategy's colour and dash (the app's, by its place in STRATEGY_IDS), so a strategy looks the same in every chart. */
function styleOf(key: StrategyId): { colour: string; dash: string } {
  const k = Math.max(0, STRATEGY_IDS.indexOf(key));
  return { colour: COLOURS[k % COLOURS.length]!, dash: DASHES[k % DASHES.length]! };
}

function lineSvg(c: LineChart): string {
  const width = 560;
  const height = 300;
  const m = { left: 72, right: 12, top: 26, bottom: 70 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const max = Math.max(0, ...c.series.flatMap((s) => s.values.filter(finite)));
  const step = max > 0 ? niceStep(max, 5) : 1;
  const top = max > 0 ? Math.ceil(max / step) * step : 1;
  const n = c.x.length;
  const xAt = (i: number) => m.left + (n <= 1 ? w / 2 : (i / (n - 1)) * w);
  const yAt = (v: number) => m.top + h - (v / top) * h;
  const parts: string[] = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    const y = yAt(v).toFixed(1);
    parts.push(
      `<line x1="${m.left}" x2="${m.left + w}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${m.left - 6}" y="${y}" dy="4" text-anchor="end">${esc(fmt(v))}</text>`,
    );
  }
  // At most seven labels: "2027-01" takes about 45 px at this size.
  const every = Math.max(1, Math.ceil(n / 7));
  c.x.forEach((label, i) => {
    if (i % every !== 0) return;
    const x = xAt(i).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${m.top + h}" y2="${m.top + h + 4}" stroke="#888"/>`,
      `<text x="${x}" y="${m.top + h + 16}" text-anchor="middle">${esc(label)}</text>`,
    );
  });
  parts.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#888"/>`);
  // The unit over the value axis: a reader of the printed page has no tooltip.
  parts.push(`<text x="4" y="12" font-weight="600">${esc(c.unit)}</text>`);
  // Markers (the plan's own value, a break-even): a dotted vertical line labelled at its top, alternating sides.
  (c.markers ?? []).forEach((mk, k) => {
    const x = xAt(Math.min(Math.max(mk.at, 0), Math.max(0, n - 1)));
    const anchor = k % 2 === 0 ? 'end' : 'start';
    parts.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${m.top}" y2="${m.top + h}" stroke="#555" stroke-dasharray="2 3"/>`,
      `<text x="${(x + (anchor === 'end' ? -4 : 4)).toFixed(1)}" y="${m.top + 10}" text-anchor="${anchor}">${esc(mk.label)}</text>`,
    );
  });
  c.series.forEach((s, k) => {
    const { colour, dash } = styleOf(s.key);
    const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
    // A run of figures between gaps (cannot be costed) is one polyline; a lone figure is a dot.
    const runs: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (finite(v)) runs[runs.length - 1]!.push(`${xAt(i).toFixed(1)},${yAt(v).toFixed(1)}`);
      else if (runs[runs.length - 1]!.length > 0) runs.push([]);
    });
    for (const run of runs) {
      if (run.length === 1) {
        const [cx, cy] = run[0]!.split(',');
        parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`);
      } else if (run.length > 1) {
        parts.push(
          `<polyline points="${run.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"${dashAttr}/>`,
        );
      }
    }
    const lx = m.left + (k % 2) * (w / 2);
    const ly = m.top + h + 36 + Math.floor(k / 2) * 16;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"${dashAttr}/>`,
      `<text x="${lx + 30}" y="${ly}">${esc(s.label)}</text>`,
    );
  });
  return svgOf(c.title, width, height, 11, parts.join(''));
}

/** The tornado and the bands: a bar from low to high per row on one value axis, a mark, a reference line. */
function rangeSvg(c: RangeChart): string {
  const row = 24;
  const left = 170;
  const width = 560;
  const right = 16;
  const top = 22;
  const axis = 28;
  const height = top + c.rows.length * row + axis;
  const values = c.rows.flatMap((r) => [r.low, r.high, r.mark]).filter((v): v is number => v !== null);
  if (c.reference) values.push(c.reference.value);
  const finite = values.filter(Number.isFinite);
  let lo = finite.length > 0 ? Math.min(...finite) : 0;
  let hi = finite.length > 0 ? Math.max(...finite) : 1;
  // Room either side for the figures written at the bars' ends; an axis from a round number.
  const pad = Math.max((hi - lo) * 0.3, Math.abs(hi) * 0.02, 1);
  const step = niceStep(hi - lo + 2 * pad, 5);
  lo = Math.max(0, Math.floor((lo - pad) / step) * step);
  hi = Math.ceil((hi + pad) / step) * step;
  const w = width - left - right;
  const xAt = (v: number) => left + ((v - lo) / (hi - lo)) * w;
  const bottom = top + c.rows.length * row;
  const parts: string[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) {
    const x = xAt(v).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${top}" y2="${bottom}" stroke="#e4e4e4"/>`,
      `<text x="${x}" y="${bottom + 14}" text-anchor="middle">${esc(fmt(v))}</text>`,
    );
  }
  parts.push(
    `<text x="${left + w}" y="${bottom + 26}" text-anchor="end" font-weight="600">${esc(c.unit)}</text>`,
  );
  c.rows.forEach((r, i) => {
    const y = top + i * row;
    parts.push(
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end"${r.highlight ? ' font-weight="700"' : ''}>${esc(r.label)}</text>`,
    );
    if (r.low === null || r.high === null || !Number.isFinite(r.low) || !Number.isFinite(r.high)) {
      parts.push(`<text x="${left + 4}" y="${y + 16}" fill="#555">cannot be costed</text>`);
      return;
    }
    const a = Math.min(r.low, r.high);
    const b = Math.max(r.low, r.high);
    const x0 = xAt(a);
    const x1 = Math.max(xAt(b), x0 + 1);
    parts.push(
      `<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${(x1 - x0).toFixed(1)}" height="${row - 8}" fill="${r.key !== undefined ? styleOf(r.key).colour : r.highlight ? '#d62728' : NEUTRAL}" fill-opacity="0.7"${r.key !== undefined && r.highlight ? ' stroke="#111" stroke-width="1.5"' : ''}/>`,
      `<text x="${(x1 + 4).toFixed(1)}" y="${y + 16}" font-size="10">${esc(fmt(b))}</text>`,
    );
    // Equal ends (an input that moves nothing): one figure.
    if (fmt(a) !== fmt(b))
      parts.push(
        `<text x="${(x0 - 4).toFixed(1)}" y="${y + 16}" text-anchor="end" font-size="10">${esc(fmt(a))}</text>`,
      );
    if (r.mark !== null && Number.isFinite(r.mark)) {
      const x = xAt(r.mark).toFixed(1);
      parts.push(
        `<line x1="${x}" x2="${x}" y1="${y + 2}" y2="${y + row - 2}" stroke="#111" stroke-width="2.5"/>`,
      );
    }
  });
  if (c.reference) {
    const x = xAt(c.reference.value).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${top - 4}" y2="${bottom}" stroke="#111" stroke-dasharray="3 2"/>`,
      `<text x="${x}" y="${top - 8}" text-anchor="middle">${esc(c.reference.label)}</text>`,
    );
  }
  return svgOf(c.title, width, height, 11, parts.join(''));
}

function svgOf(title: string, width: number, height: number, fontSize: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${esc(title)}" font-size="${fontSize}" font-family="system-ui, sans-serif" fill="#111">` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}

function chartSvg(c: BarChart | LineChart | RangeChart): string {
  return c.kind === 'bars' ? barSvg(c) : c.kind === 'lines' ? lineSvg(c) : rangeSvg(c);
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.emphasis ? ` class="${b.emphasis}"` : ''}>${esc(b.text)}</p>`;
    case 'list':
      return `<ul class="keep">${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table':
      return table(b);
    case 'chart':
      // The title is seen on paper too (the SVG's own <title> is only a tooltip and the accessible name).
      return `<p class="chart-title">${esc(b.chart.title)}</p>\n<div class="figure">${chartSvg(b.chart)}${table(b.data)}</div>`;
  }
}

/** The document's content without <html>, <head> or style: one `.report` element (the app prints this). */
export function meetingBodyHtml(doc: MeetingDocument): string {
  const sections = doc.sections
    .map(
      (s) =>
        `<section id="${s.id}"${s.pageBreakBefore ? ' class="page"' : ''}>\n<h2>${esc(s.title)}</h2>\n` +
        `${s.blocks.map(block).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<div class="report">
<header><h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p></header>
<main>
${sections}
</main>
<footer>${esc(doc.footer)}</footer>
</div>`;
}

/** The whole document as one HTML file. */
export function meetingToHtml(doc: MeetingDocument): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(doc.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${meetingBodyHtml(doc)}
</body>
</html>
`;
}
