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

/**
 * Size of a request in bytes: the UTF-8 length of every string and key, plus 8 per other value; `null` when it is
 * not plain data (a cycle, a BigInt, a symbol, a function, nesting too deep). Measured this way rather than as
 * JSON text because JSON escaping would count a file's quotes and line breaks twice (a control character six
 * times), so a file the schema accepts could be refused as too large; and no copy of a 64 MiB file is made.
 * Stops counting once the total passes `stopAbove`.
 */
export function payloadSize(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number | null {
  const path = new Set<object>();
  let total = 0;
  const visit = (item: unknown, depth: number): boolean => {
    if (total > stopAbove) return true;
    switch (typeof item) {
      case 'string':
        total += Buffer.byteLength(item, 'utf8') + 2;
        return true;
      case 'number':
      case 'boolean':
      case 'undefined':
        total += 8;
        return true;
      case 'object': {
        if (item === null) {
          total += 8;
          return true;
        }
        if (path.has(item) || depth > MAX_DEPTH) return false;
        path.add(item);
        for (const key of Object.keys(item)) {
          total += Buffer.byteLength(key, 'utf8') + 2;
          if (!visit((item as Record<string, unknown>)[key], depth + 1)) return false;
          if (total > stopAbove) break;
        }
        path.delete(item);
        total += 8;
        return true;
      }
      default:
        return false;
    }
  };
  try {
    return visit(value, 0) ? total : null;
  } catch {
    return null;
  }
}

/** Deeper than any request of the contract needs (the deepest is 3). */
const MAX_DEPTH = 64;

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
    const size = payloadSize(args[0], IPC_LIMITS.maxPayloadBytes);
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
