// Renders a meeting report (headroom report --format html) to PDF in Chromium, as a planner's "Print / Save as PDF"
// would, and fails when the page asks for anything but itself (a request, a script, a console error, a CSP
// violation). Usage: npx tsx scripts/report-pdf.ts report.html report.pdf — then look at the pages:
// pdftoppm -png -r 60 report.pdf page
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: tsx scripts/report-pdf.ts report.html report.pdf');
  process.exit(2);
}
const url = pathToFileURL(resolve(input)).href;
const problems: string[] = [];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  const scripts = await page.locator('script').count();
  if (scripts > 0) problems.push(`${scripts} script element(s)`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: output, format: 'A4', printBackground: true, preferCSSPageSize: true });
  console.log(`${output}: ${readFileSync(output).length} bytes`);
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
