import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/platform/types.ts';
import type { ExternalLinkId } from './external-links.ts';

export interface MenuContext {
  appName: string;
  isMac: boolean;
  /** Development build: adds reload and DevTools to the View menu. */
  isDev: boolean;
  recentFiles: readonly string[];
  send(command: MenuCommand): void;
  openRecent(file: string): void;
  clearRecent(): void;
  openLink(id: ExternalLinkId): void;
}

/** The native menu, following each platform's conventions. Pure: `Menu.buildFromTemplate` is the caller's. */
export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    id: cmd,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => ctx.send(cmd),
  });

  const recentItems: MenuItemConstructorOptions[] =
    ctx.recentFiles.length === 0
      ? [{ label: 'No recent plans', enabled: false }]
      : ctx.recentFiles.map((file) => ({
          label: path.basename(file),
          toolTip: file,
          click: () => ctx.openRecent(file),
        }));

  const fileMenu: MenuItemConstructorOptions = {
    label: ctx.isMac ? 'File' : '&File',
    submenu: [
      command('New Plan', 'new-plan', 'CmdOrCtrl+N'),
      command('Open Plan File…', 'open-plan', 'CmdOrCtrl+O'),
      {
        label: 'Open Recent',
        id: 'open-recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          {
            label: 'Clear Recent',
            id: 'clear-recent',
            enabled: ctx.recentFiles.length > 0,
            click: () => ctx.clearRecent(),
          },
        ],
      },
      { type: 'separator' },
      command('Import…', 'import', 'CmdOrCtrl+I'),
      command('Save Plan As…', 'save-plan-as', 'CmdOrCtrl+Shift+S'),
      command('Export CSV Report…', 'export-csv', 'CmdOrCtrl+E'),
      { type: 'separator' },
      ctx.isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: ctx.isMac ? 'Edit' : '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', ctx.isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      command('Price Catalogs…', 'edit-catalogs'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: ctx.isMac ? 'View' : '&View',
    submenu: [
      ...(ctx.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: ctx.isMac ? 'Help' : '&Help',
    submenu: [
      command(`${ctx.appName} User Guide`, 'open-guide', 'F1'),
      { type: 'separator' },
      { label: 'Amazon EC2 On-Demand Pricing', click: () => ctx.openLink('aws-ec2-pricing') },
      { label: 'AWS Lambda Pricing', click: () => ctx.openLink('aws-lambda-pricing') },
      { label: 'AWS Fargate Pricing', click: () => ctx.openLink('aws-fargate-pricing') },
      ...(ctx.isMac ? [] : [{ type: 'separator' } as const, command(`About ${ctx.appName}`, 'about')]),
    ],
  };

  const template: MenuItemConstructorOptions[] = [fileMenu, editMenu, viewMenu];
  if (ctx.isMac) {
    template.unshift({
      label: ctx.appName,
      submenu: [
        command(`About ${ctx.appName}`, 'about'),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
    template.push({ role: 'windowMenu' });
  }
  template.push(helpMenu);
  return template;
}

/** What the right-click menu needs to know about the spot clicked (a subset of Electron's ContextMenuParams). */
export interface ContextMenuTarget {
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/** The right-click menu: clipboard actions for text fields and selections; nothing elsewhere. */
export function buildContextMenuTemplate(target: ContextMenuTarget): MenuItemConstructorOptions[] {
  const { editFlags } = target;
  if (target.isEditable) {
    return [
      { role: 'cut', enabled: editFlags.canCut },
      { role: 'copy', enabled: editFlags.canCopy },
      { role: 'paste', enabled: editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: editFlags.canSelectAll },
    ];
  }
  if (target.selectionText.trim() !== '') return [{ role: 'copy', enabled: editFlags.canCopy }];
  return [];
}
