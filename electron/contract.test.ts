// Contract tests across the desktop boundary. They stand in for an end-to-end run of the real app (no Electron
// binary here): the real renderer code (named requests, DataSafetyState, createElectronPlatform) calls the real
// preload bridge, whose ipcRenderer is wired to the handlers the real main process registered (connectRenderer:
// trusted sender, structured clone both ways). So a limit, channel name or payload shape that differs between the
// two sides fails here, with the sizes the app really uses — not the 5-to-1,000-byte limits of the unit tests.
import {
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { DataStore } from '../src/db/index.ts';
import { FILE_LIMITS, LARGEST_FILE_BYTES } from '../src/limits/files.ts';
import {
  createElectronPlatform,
  OpenFileRefusedError,
  type HeadroomBridge,
} from '../src/platform/electron-bridge.ts';
import { OPEN_PLAN, OPEN_REQUESTS, OPEN_RESTORE } from '../src/platform/file-requests.ts';
import {
  MENU_COMMANDS,
  type MenuCommand,
  type OpenFileRequest,
  type Platform,
} from '../src/platform/types.ts';
import { DataSafetyState, dataFileName } from '../src/state/data-safety.svelte.ts';
import { exportFileName } from '../src/state/doc.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS, IPC_LIMITS } from './ipc-contract.ts';
import { FileNameSchema, PdfToSaveSchema } from './ipc-schemas.ts';
import { connectRenderer, type FakeElectron } from './test-support/fake-electron.ts';
import { useMainProcessFolder } from './test-support/main-process.ts';
import { waitFor } from './test-support/wait.ts';

// main logs every refused IPC request with console.warn (captured by the folder): a refusal is a contract failure.
const folder = useMainProcessFolder('headroom-contract-');

interface Desktop {
  fake: FakeElectron;
  platform: Platform;
  /** Every error a main-process handler threw (a guard refusal, a handler crash). */
  rejections: unknown[];
}

/** The real main process and the real preload, on one fake Electron, connected through its window. */
async function loadDesktop(): Promise<Desktop> {
  const fake = await folder.loadMain();
  const { rejections } = connectRenderer(fake, fake.windows[0]!);
  await import('./preload.ts');
  const platform = createElectronPlatform(fake.exposed.headroom as HeadroomBridge);
  return { fake, platform, rejections };
}

/** No request was refused by main's guard or schema, and nothing was logged as refused. */
function expectNoRefusal(desktop: Desktop): void {
  expect(desktop.rejections).toEqual([]);
  expect(folder.warn).not.toHaveBeenCalled();
}

/** A text file of exactly `bytes` bytes (ASCII, so bytes = characters), read back as it is. */
function textFile(name: string, bytes: number): string {
  const file = path.join(folder.dir, 'docs', name);
  const line = 'hour,requests_per_second\n';
  writeFileSync(file, line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));
  return file;
}

/** A file of `bytes` bytes that is never read (sparse): enough for a refusal by size. */
function sparseFile(name: string, bytes: number): string {
  const file = path.join(folder.dir, 'docs', name);
  closeSync(openSync(file, 'w'));
  truncateSync(file, bytes);
  return file;
}

const choose = (desktop: Desktop, file: string): void => {
  desktop.fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
};

/** A DataSafetyState (the real renderer code behind Export all / Restore) on the desktop platform. */
function dataSafetyOn(platform: Platform, store: Partial<DataStore>): DataSafetyState {
  const full: Partial<DataStore> = {
    listBackups: async () => [],
    listQuarantine: async () => [],
    listPlans: async () => [],
    ...store,
  };
  return new DataSafetyState({
    store: async () => full as DataStore,
    platform: () => platform,
    now: () => Date.UTC(2026, 10, 29),
  });
}

const requests = Object.entries(OPEN_REQUESTS) as Array<[string, OpenFileRequest]>;

describe('desktop contract: file limits', () => {
  it('takes every limit from FILE_LIMITS: the named requests, and main lets the largest file through', () => {
    expect(OPEN_REQUESTS.OPEN_PLAN.maxBytes).toBe(FILE_LIMITS.planBytes);
    expect(OPEN_REQUESTS.OPEN_RESTORE.maxBytes).toBe(FILE_LIMITS.restoreBytes);
    expect(OPEN_REQUESTS.OPEN_TRAFFIC.maxBytes).toBe(FILE_LIMITS.trafficBytes);
    for (const [, request] of requests) expect(request.maxBytes).toBeLessThanOrEqual(IPC_LIMITS.maxFileBytes);
    expect(IPC_LIMITS.maxFileBytes).toBe(LARGEST_FILE_BYTES);
    expect(IPC_LIMITS.maxPayloadBytes).toBeGreaterThan(IPC_LIMITS.maxFileBytes);
  });

  it('every openFile call in the renderer passes a named request from file-requests.ts (source check)', () => {
    const calls: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (file !== path.join('src', 'platform')) walk(file);
        } else if (/\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          for (const match of readFileSync(file, 'utf8').matchAll(/\.openFile\(([^)]*)\)/g))
            calls.push(`${file}: ${match[1]!.trim()}`);
        }
      }
    };
    walk('src');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) expect(call).toMatch(/: OPEN_[A-Z_]+$/);
  });

  it.each(requests)(
    '%s: a file exactly at its limit opens through the real preload and main',
    async (_name, request) => {
      const desktop = await loadDesktop();
      const name = `at-limit.${request.extensions[0]!}`;
      choose(desktop, textFile(name, request.maxBytes));
      const file = await desktop.platform.openFile(request);
      expect(file?.name).toBe(name);
      expect(file?.contents.length).toBe(request.maxBytes);
      // The dialog offered exactly the request's extensions.
      const options = desktop.fake.dialog.showOpenDialog.mock.calls[0]![1] as {
        filters: Array<{ extensions: string[] }>;
      };
      expect(options.filters[0]!.extensions).toEqual([...request.extensions]);
      expectNoRefusal(desktop);
    },
  );

  it.each(requests)(
    '%s: one byte over its limit is refused in words for the user, not by the IPC guard',
    async (_name, request) => {
      const desktop = await loadDesktop();
      const name = `too-big.${request.extensions[0]!}`;
      choose(desktop, sparseFile(name, request.maxBytes + 1));
      const opening = desktop.platform.openFile(request);
      await expect(opening).rejects.toBeInstanceOf(OpenFileRefusedError);
      const message = await opening.then(
        () => '',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(message).toContain(name);
      expect(message).toMatch(/large/i);
      expect(message).not.toMatch(/invalid-payload|too-large|remote method/);
      expectNoRefusal(desktop);
    },
  );

  it('Restore from file… (the real DataSafetyState) hands a file of the restore size to the store', async () => {
    const desktop = await loadDesktop();
    choose(desktop, textFile('headroom-data.json', FILE_LIMITS.restoreBytes));
    let received = -1;
    const state = dataSafetyOn(desktop.platform, {
      restoreFromExport: async (text: string) => {
        received = text.length;
        return { ok: false, issues: [{ path: '', message: 'not JSON' }] };
      },
    });
    await state.askRestoreFile(); // the file is read, then the user confirms (issue 9 §11)
    await state.confirmRestore();
    expect(received).toBe(OPEN_RESTORE.maxBytes);
    expect(state.message?.text).toContain('"headroom-data.json" was not restored');
    expectNoRefusal(desktop);
  });

  it('Export all (the real DataSafetyState) saves an export of the restore size, quotes and line breaks included', async () => {
    const desktop = await loadDesktop();
    const target = path.join(folder.dir, 'docs', 'export.json');
    desktop.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    // JSON as exportAll writes it: every quote and line break would be escaped (counted twice) in a JSON envelope.
    const row = '    {"id": "p1", "name": "Shop \\"Ünïcødé\\" ☃", "updatedAt": 1764374400000},\n';
    const rowBytes = Buffer.byteLength(row);
    const frame = '[\n\n]\n'.length;
    const body = row.repeat(Math.floor((FILE_LIMITS.restoreBytes - frame) / rowBytes));
    const padding = ' '.repeat(FILE_LIMITS.restoreBytes - frame - Buffer.byteLength(body));
    const contents = `[\n${body}${padding}\n]\n`;
    expect(Buffer.byteLength(contents)).toBe(FILE_LIMITS.restoreBytes);
    const state = dataSafetyOn(desktop.platform, { exportAll: async () => contents });
    await state.exportAll();
    expect(state.message).toEqual({ kind: 'info', text: `All data exported to ${target}.` });
    expect(statSync(target).size).toBe(FILE_LIMITS.restoreBytes);
    expect(readFileSync(target, 'utf8') === contents).toBe(true);
    expectNoRefusal(desktop);
  });

  it('a save one byte over the largest file is refused in words before it is sent', async () => {
    const desktop = await loadDesktop();
    const state = dataSafetyOn(desktop.platform, {
      exportAll: async () => 'x'.repeat(LARGEST_FILE_BYTES + 1),
    });
    await state.exportAll();
    expect(state.message?.kind).toBe('error');
    expect(state.message?.text).toMatch(
      /^"headroom-data-2026-11-29\.json" would be 64 MB; files up to 64 MB/,
    );
    expect(desktop.fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expectNoRefusal(desktop);
  });

  it('a plan opened from the OS is read with the plan limit', async () => {
    const desktop = await loadDesktop();
    const contents = desktop.fake.windows[0]!.webContents;
    const received: string[] = [];
    desktop.platform.onOpenFile((file) => received.push(`${file.name}:${file.contents.length}`));
    await waitFor(() => expect(desktop.fake.ipcRenderer.invoke).toHaveBeenCalled());
    const atLimit = textFile('big.headroom.json', OPEN_PLAN.maxBytes);
    desktop.fake.app.emit('second-instance', {}, ['x', atLimit], '/');
    await waitFor(() => expect(received).toEqual([`big.headroom.json:${OPEN_PLAN.maxBytes}`]));
    expect(contents.sent.map(([channel]) => channel)).toEqual([EVENT_CHANNELS.fileOpened]);
    const over = sparseFile('bigger.headroom.json', OPEN_PLAN.maxBytes + 1);
    desktop.fake.app.emit('second-instance', {}, ['x', over], '/');
    await waitFor(() =>
      expect(desktop.fake.dialog.showMessageBox).toHaveBeenCalledWith(
        expect.objectContaining({ type: 'error', detail: expect.stringContaining('bigger.headroom.json') }),
      ),
    );
    expect(received).toHaveLength(1);
    expectNoRefusal(desktop);
  });
});

describe('desktop contract: every bridge method', () => {
  it('the bridge exposes one function per contract entry and main handles exactly the invoke channels', async () => {
    const desktop = await loadDesktop();
    expect([...desktop.fake.ipcHandlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    // Every invoke channel is used by the preload (no handler without a caller) …
    const preload = readFileSync('electron/preload.ts', 'utf8');
    for (const key of Object.keys(INVOKE_CHANNELS)) expect(preload).toContain(`INVOKE_CHANNELS.${key}`);
    // … and every event main may send is listened to.
    for (const key of Object.keys(EVENT_CHANNELS)) expect(preload).toContain(`EVENT_CHANNELS.${key}`);
  });

  it('saveFile: a plan saved from the renderer arrives whole, and the reply passes the renderer reader', async () => {
    const desktop = await loadDesktop();
    const target = path.join(folder.dir, 'docs', 'plan.json');
    desktop.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await desktop.platform.saveFile({
      suggestedName: exportFileName('Food delivery / Ünïcødé', new Date(2026, 10, 29), 'json'),
      mimeType: 'application/json',
      contents: '{"name": "a"}\n',
    });
    expect(saved).toEqual({ saved: true, path: target });
    await expect(
      desktop.platform.saveFile({ suggestedName: 'report.csv', mimeType: 'text/csv', contents: '' }),
    ).resolves.toEqual({ saved: false });
    expectNoRefusal(desktop);
  });

  it('saveFile: the report for the meeting (text/html) passes main’s schema and is offered as an HTML file', async () => {
    const desktop = await loadDesktop();
    const target = path.join(folder.dir, 'docs', 'report.html');
    desktop.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await desktop.platform.saveFile({
      suggestedName: exportFileName('Food delivery report', new Date(2026, 10, 29), 'html'),
      mimeType: 'text/html',
      contents: '<!doctype html><title>r</title>\n',
    });
    expect(saved).toEqual({ saved: true, path: target });
    const options = desktop.fake.dialog.showSaveDialog.mock.calls.at(-1)?.at(-1) as { filters?: unknown };
    expect(options.filters).toEqual([{ name: 'HTML report', extensions: ['html'] }]);
    expectNoRefusal(desktop);
  });

  it('savePdf: Print / Save as PDF prints the sender’s page with the report set up, and saves the PDF’s bytes', async () => {
    const fake = await folder.loadMain();
    const { rejections } = connectRenderer(fake, fake.windows[0]!);
    await import('./preload.ts');
    const steps: string[] = [];
    const contents = fake.windows[0]!.webContents;
    contents.printToPDF.mockImplementationOnce(async () => {
      steps.push('printToPDF');
      return Buffer.from('%PDF-1.7\n\u00e9\u0000\u00ff binary\n%%EOF\n', 'latin1');
    });
    const platform = createElectronPlatform(fake.exposed.headroom as HeadroomBridge, (report) => {
      steps.push(`set up ${report.bodyHtml}`);
      return () => steps.push('taken out');
    });
    const target = path.join(folder.dir, 'docs', 'report.pdf');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const name = exportFileName('Food delivery / Ünïcødé report', new Date(2026, 10, 29), 'pdf');
    const saved = await platform.printReport({
      suggestedName: name,
      bodyHtml: '<div class="report">r</div>',
      style: '.report{}',
    });
    expect(saved).toEqual({ saved: true, path: target });
    // The report was in the page while main printed it, and taken out once the reply came.
    expect(steps).toEqual(['set up <div class="report">r</div>', 'printToPDF', 'taken out']);
    expect(contents.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
    );
    expect(
      readFileSync(target).equals(Buffer.from('%PDF-1.7\n\u00e9\u0000\u00ff binary\n%%EOF\n', 'latin1')),
    ).toBe(true);
    const options = fake.dialog.showSaveDialog.mock.calls.at(-1)?.at(-1) as {
      filters?: unknown;
      defaultPath?: string;
    };
    expect(options.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(path.basename(options.defaultPath ?? '')).toBe(name);
    // Cancelled: nothing written, nothing said.
    await expect(platform.printReport({ suggestedName: name, bodyHtml: '', style: '' })).resolves.toEqual({
      saved: false,
    });
    expect(rejections).toEqual([]);
    expect(folder.warn).not.toHaveBeenCalled();
  });

  it('savePdf: main takes only a .pdf name — the report’s content or any other field never crosses', async () => {
    const fake = await folder.loadMain();
    const { rejections } = connectRenderer(fake, fake.windows[0]!);
    await import('./preload.ts');
    const bridge = fake.exposed.headroom as HeadroomBridge;
    for (const bad of [
      { suggestedName: 'report.html' },
      { suggestedName: '../report.pdf' },
      { suggestedName: 'report.pdf', bodyHtml: '<p>x</p>' },
      {},
    ]) {
      await expect(bridge.savePdf(bad as { suggestedName: string })).rejects.toThrow();
    }
    expect(rejections).toHaveLength(4);
    expect(fake.windows[0]!.webContents.printToPDF).not.toHaveBeenCalled();
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('saveFile: every file name the renderer builds passes main’s file-name schema', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 0, max: 8.64e15 }),
        fc.constantFrom('csv' as const, 'json' as const, 'html' as const, 'pdf' as const),
        (name, time, extension) => {
          expect(FileNameSchema.safeParse(exportFileName(name, new Date(time), extension)).success).toBe(
            true,
          );
          expect(FileNameSchema.safeParse(dataFileName(time)).success).toBe(true);
          if (extension === 'pdf')
            expect(
              PdfToSaveSchema.safeParse({ suggestedName: exportFileName(name, new Date(time), 'pdf') })
                .success,
            ).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('openFile: a cancelled dialog is null, and every request shape passes main’s schema', async () => {
    const desktop = await loadDesktop();
    for (const [, request] of requests) await expect(desktop.platform.openFile(request)).resolves.toBeNull();
    expect(desktop.fake.dialog.showOpenDialog).toHaveBeenCalledTimes(requests.length);
    expectNoRefusal(desktop);
  });

  it('onMenuCommand: every command the native menu sends reaches the renderer', async () => {
    const desktop = await loadDesktop();
    const received: MenuCommand[] = [];
    const off = desktop.platform.onMenuCommand((command) => received.push(command));
    const clicked: string[] = [];
    const walk = (items: MenuItemConstructorOptions[]): void => {
      for (const item of items) {
        if (Array.isArray(item.submenu)) walk(item.submenu);
        if (item.id !== undefined && (MENU_COMMANDS as readonly string[]).includes(item.id)) {
          clicked.push(item.id);
          (item.click as () => void)();
        }
      }
    };
    walk(desktop.fake.menu.template as MenuItemConstructorOptions[]);
    expect(clicked.length).toBeGreaterThan(0);
    expect(received).toEqual(clicked);
    off();
  });

  it('onOpenFile: files waiting before the renderer subscribed, and later ones, arrive as {name, contents}', async () => {
    const desktop = await loadDesktop();
    const first = path.join(folder.dir, 'docs', 'first.json');
    const later = path.join(folder.dir, 'docs', 'later.json');
    writeFileSync(first, '{"a":1}');
    writeFileSync(later, '{"b":2}');
    desktop.fake.app.emit('second-instance', {}, ['x', first], '/');
    await waitFor(() => expect(desktop.fake.app.addRecentDocument).toHaveBeenCalledWith(first));
    const received: unknown[] = [];
    desktop.platform.onOpenFile((file) => received.push(file));
    await waitFor(() => expect(received).toEqual([{ name: 'first.json', contents: '{"a":1}' }]));
    desktop.fake.app.emit('second-instance', {}, ['x', later], '/');
    await waitFor(() => expect(received).toHaveLength(2));
    expect(received[1]).toEqual({ name: 'later.json', contents: '{"b":2}' });
    expectNoRefusal(desktop);
  });

  it('onFlushRequest: closing the window waits for the renderer’s flush, then closes', async () => {
    const desktop = await loadDesktop();
    const window = desktop.fake.windows[0]!;
    let finishFlush: () => void = () => {};
    const flush = vi.fn(() => new Promise<void>((resolve) => (finishFlush = resolve)));
    desktop.platform.onFlushRequest(flush);
    window.close();
    await waitFor(() => expect(flush).toHaveBeenCalledTimes(1));
    expect(window.isDestroyed()).toBe(false);
    finishFlush();
    await waitFor(() => expect(window.isDestroyed()).toBe(true));
    expect(flush).toHaveBeenCalledTimes(1);
    expectNoRefusal(desktop);
  });
});
