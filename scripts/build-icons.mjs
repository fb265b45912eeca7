// Generates the app icons in build/ from the one SVG source, build/icon.svg, with no network:
// Chromium (Playwright + the system /usr/bin/chromium) renders the SVG at each size with a transparent background,
// then PNG images are wrapped into build/icon.ico (Windows) and build/icon.icns (macOS) by hand (both formats can
// hold PNG data directly). build/icons/NxN.png is the Linux set. build/icons/source.sha256 records which SVG the
// files came from; a unit test fails when the SVG changes and the icons were not regenerated.
//   node scripts/build-icons.mjs [--chromium /path/to/chromium]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const argIndex = process.argv.indexOf('--chromium');
const executablePath =
  argIndex > 0 ? process.argv[argIndex + 1] : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const svg = readFileSync('build/icon.svg', 'utf8');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, by pixel size.
const ICNS_TYPES = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of LINUX_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    pngs.set(size, png);
  }
} finally {
  await browser.close();
}

mkdirSync('build/icons', { recursive: true });
for (const [size, png] of pngs) writeFileSync(`build/icons/${size}x${size}.png`, png);
writeFileSync('build/icon.png', pngs.get(1024));

// ICO: 6-byte header, 16-byte directory entries, then the PNG images.
{
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(ICO_SIZES.length, 4);
  const entries = [];
  const images = [];
  let offset = 6 + 16 * ICO_SIZES.length;
  for (const size of ICO_SIZES) {
    const png = pngs.get(size);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
    images.push(png);
  }
  writeFileSync('build/icon.ico', Buffer.concat([header, ...entries, ...images]));
}

// ICNS: 'icns' + total length, then elements of type + length (including the 8-byte element header) + PNG data.
{
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  writeFileSync('build/icon.icns', Buffer.concat([head, body]));
}

writeFileSync('build/icons/source.sha256', `${createHash('sha256').update(svg).digest('hex')}\n`);
console.log(
  `Icons written: build/icon.png, build/icon.ico, build/icon.icns, build/icons/{${LINUX_SIZES.join(',')}}`,
);
