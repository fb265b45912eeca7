import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../src/platform/types.ts';
import { buildContextMenuTemplate, buildMenuTemplate, type MenuContext } from './menu.ts';

function context(overrides: Partial<MenuContext> = {}): MenuContext & { sent: MenuCommand[] } {
  const sent: MenuCommand[] = [];
  return {
    appName: 'Headroom',
    isMac: false,
    isDev: false,
    recentFiles: [],
    send: (command) => sent.push(command),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    openLink: vi.fn(),
    sent,
    ...overrides,
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const menuLabels = (template: MenuItemConstructorOptions[]) => template.map((m) => m.label ?? m.role);
const submenu = (template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] => {
  const menu = template.find((m) => m.label?.replace('&', '') === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no menu ${label}`);
  return menu.submenu;
};
const click = (item: MenuItemConstructorOptions | undefined): void => {
  (item?.click as (() => void) | undefined)?.();
};

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Help on Windows/Linux with mnemonics', () => {
    expect(menuLabels(buildMenuTemplate(context()))).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('has the app menu first and a Window menu on macOS', () => {
    const template = buildMenuTemplate(context({ isMac: true }));
    expect(menuLabels(template)).toEqual(['Headroom', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((i) => i.role ?? i.label ?? i.type)).toEqual([
      'About Headroom',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    // About lives in the app menu on macOS, not in Help; File ends with Close, not Quit.
    expect(submenu(template, 'Help').some((i) => i.id === 'about')).toBe(false);
    expect(submenu(template, 'File').at(-1)?.role).toBe('close');
  });

  it('sends every menu command of the platform contract, with the File menu in the issue order', () => {
    const ctx = context();
    const template = buildMenuTemplate(ctx);
    const file = submenu(template, 'File');
    expect(file.map((i) => i.label ?? i.type)).toEqual([
      'New Plan',
      'Open Plan File…',
      'Open Recent',
      'separator',
      'Import…',
      'Save Plan As…',
      'Export CSV Report…',
      'separator',
      'E&xit',
    ]);
    for (const item of items(template))
      if (item.id && (MENU_COMMANDS as readonly string[]).includes(item.id)) click(item);
    expect([...ctx.sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('uses the platform accelerators', () => {
    const accel = (isMac: boolean) =>
      Object.fromEntries(
        items(buildMenuTemplate(context({ isMac })))
          .filter((i) => i.id && i.accelerator)
          .map((i) => [i.id, i.accelerator]),
      );
    expect(accel(false)).toEqual({
      'new-plan': 'CmdOrCtrl+N',
      'open-plan': 'CmdOrCtrl+O',
      import: 'CmdOrCtrl+I',
      'save-plan-as': 'CmdOrCtrl+Shift+S',
      'export-csv': 'CmdOrCtrl+E',
      undo: 'CmdOrCtrl+Z',
      redo: 'Ctrl+Y',
      'open-guide': 'F1',
    });
    expect(accel(true).redo).toBe('Shift+Cmd+Z');
    // No two items share an accelerator.
    const all = items(buildMenuTemplate(context())).flatMap((i) =>
      i.accelerator ? [String(i.accelerator)] : [],
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it('wires Edit: app undo/redo, the price catalogs, plus the native clipboard roles', () => {
    const edit = submenu(buildMenuTemplate(context()), 'Edit');
    expect(edit.map((i) => i.id ?? i.role ?? i.type)).toEqual([
      'undo',
      'redo',
      'separator',
      'edit-catalogs',
      'separator',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    // Undo/Redo are the app's, not Chromium's text-field undo.
    expect(edit.filter((i) => i.role === 'undo' || i.role === 'redo')).toEqual([]);
  });

  it('offers reload and DevTools only in development', () => {
    const roles = (isDev: boolean) =>
      submenu(buildMenuTemplate(context({ isDev })), 'View').map((i) => i.role);
    expect(roles(false)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', undefined, 'togglefullscreen']);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    for (const isMac of [true, false]) {
      const prod = items(buildMenuTemplate(context({ isMac, isDev: false })));
      expect(prod.some((i) => ['reload', 'forceReload', 'toggleDevTools'].includes(String(i.role)))).toBe(
        false,
      );
    }
  });

  it('lists recent plans and clears them', () => {
    const ctx = context({ recentFiles: ['/home/u/a.headroom.json', '/home/u/b.json'] });
    const recent = submenu(submenu(buildMenuTemplate(ctx), 'File'), 'Open Recent');
    expect(recent.map((i) => i.label ?? i.type)).toEqual([
      'a.headroom.json',
      'b.json',
      'separator',
      'Clear Recent',
    ]);
    click(recent[1]);
    expect(ctx.openRecent).toHaveBeenCalledWith('/home/u/b.json');
    click(recent[3]);
    expect(ctx.clearRecent).toHaveBeenCalled();
    const empty = submenu(submenu(buildMenuTemplate(context()), 'File'), 'Open Recent');
    expect(empty[0]).toMatchObject({ label: 'No recent plans', enabled: false });
    expect(empty.at(-1)).toMatchObject({ id: 'clear-recent', enabled: false });
  });

  it('opens external pages only by id', () => {
    const ctx = context();
    const links = submenu(buildMenuTemplate(ctx), 'Help').filter((i) => i.label?.includes('Pricing'));
    expect(links).toHaveLength(3);
    links.forEach(click);
    expect(vi.mocked(ctx.openLink).mock.calls.map(([id]) => id)).toEqual([
      'aws-ec2-pricing',
      'aws-lambda-pricing',
      'aws-fargate-pricing',
    ]);
  });
});

describe('buildContextMenuTemplate', () => {
  const flags = { canCut: true, canCopy: true, canPaste: false, canSelectAll: true };

  it('offers clipboard actions in text fields, enabled as Chromium says', () => {
    const template = buildContextMenuTemplate({ isEditable: true, selectionText: '', editFlags: flags });
    expect(template.map((i) => [i.role ?? i.type, i.enabled])).toEqual([
      ['cut', true],
      ['copy', true],
      ['paste', false],
      ['separator', undefined],
      ['selectAll', true],
    ]);
  });

  it('offers Copy for a selection and nothing elsewhere', () => {
    expect(
      buildContextMenuTemplate({ isEditable: false, selectionText: '$1,234', editFlags: flags }),
    ).toEqual([{ role: 'copy', enabled: true }]);
    expect(buildContextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags: flags })).toEqual(
      [],
    );
  });
});
