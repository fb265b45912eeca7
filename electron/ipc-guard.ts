import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { z } from 'zod';
import { isAppUrl } from './app-origin.ts';
import { IPC_LIMITS, type InvokeChannel, type InvokeContract } from './ipc-contract.ts';
import { REQUEST_SCHEMAS } from './ipc-schemas.ts';

/** Why a request was refused before reaching its handler. */
export type IpcRefusal =
  | 'no-sender'
  | 'unknown-sender'
  | 'sub-frame'
  | 'foreign-origin'
  | 'wrong-arity'
  | 'too-large'
  | 'not-serializable'
  | 'invalid-payload';

export class IpcRejectedError extends Error {
  override name = 'IpcRejectedError';
  constructor(
    readonly channel: string,
    readonly reason: IpcRefusal,
  ) {
    super(`Request on ${channel} refused (${reason})`);
  }
}

export interface SenderPolicy {
  /** True only for the web contents of the app's own windows. */
  isTrustedWebContents(contents: WebContents): boolean;
}

/** Size in bytes of the request as JSON, or `null` when it cannot be measured (cycles, BigInt, …). */
export function payloadSize(value: unknown): number | null {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  } catch {
    return null;
  }
}

/** Checks who sent a request: a live main frame of one of the app's windows, showing an app:// page. */
export function checkSender(event: unknown, policy: SenderPolicy): IpcRefusal | null {
  if (typeof event !== 'object' || event === null) return 'no-sender';
  const { sender, senderFrame } = event as Partial<IpcMainInvokeEvent>;
  if (sender === null || sender === undefined || senderFrame === null || senderFrame === undefined) {
    return 'no-sender';
  }
  if (!policy.isTrustedWebContents(sender)) return 'unknown-sender';
  if (senderFrame.parent !== null) return 'sub-frame';
  if (!isAppUrl(senderFrame.url)) return 'foreign-origin';
  return null;
}

export type InvokeHandler<C extends InvokeChannel> = (
  request: InvokeContract[C]['request'],
  event: IpcMainInvokeEvent,
) => Promise<InvokeContract[C]['reply']> | InvokeContract[C]['reply'];

/**
 * The one wrapper every `ipcMain.handle` goes through: sender check, exactly one argument, size limit, schema.
 * It never throws synchronously; a refused request becomes a rejected promise with an `IpcRejectedError`.
 */
export function guardInvokeHandler<C extends InvokeChannel>(
  channel: C,
  policy: SenderPolicy,
  handler: InvokeHandler<C>,
  onRefusal: (error: IpcRejectedError) => void = () => {},
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<InvokeContract[C]['reply']> {
  const schema = REQUEST_SCHEMAS[channel] as z.ZodType<InvokeContract[C]['request']>;
  return async (event, ...args) => {
    const refuse = (reason: IpcRefusal): never => {
      const error = new IpcRejectedError(channel, reason);
      onRefusal(error);
      throw error;
    };
    const senderProblem = checkSender(event, policy);
    if (senderProblem !== null) return refuse(senderProblem);
    if (args.length !== 1) return refuse('wrong-arity');
    const size = payloadSize(args[0]);
    if (size === null) return refuse('not-serializable');
    if (size > IPC_LIMITS.maxPayloadBytes) return refuse('too-large');
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) return refuse('invalid-payload');
    return handler(parsed.data, event);
  };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

export function registerInvokeHandler<C extends InvokeChannel>(
  ipcMain: IpcMainLike,
  channel: C,
  policy: SenderPolicy,
  handler: InvokeHandler<C>,
  onRefusal?: (error: IpcRejectedError) => void,
): void {
  ipcMain.handle(channel, guardInvokeHandler(channel, policy, handler, onRefusal));
}
