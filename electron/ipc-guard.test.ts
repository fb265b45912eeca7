import fc from 'fast-check';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, IPC_LIMITS, type InvokeChannel } from './ipc-contract.ts';
import {
  checkSender,
  guardInvokeHandler,
  IpcRejectedError,
  payloadSize,
  registerInvokeHandler,
} from './ipc-guard.ts';
import { REQUEST_SCHEMAS } from './ipc-schemas.ts';
import { CPU_BOUND } from '../src/test-support/cpu-bound.ts';

const trusted = { id: 1 } as unknown as WebContents;
const stranger = { id: 2 } as unknown as WebContents;
const policy = { isTrustedWebContents: (c: WebContents) => c === trusted };

function event(overrides: { sender?: unknown; url?: string; parent?: unknown; frame?: unknown } = {}) {
  const frame =
    'frame' in overrides
      ? overrides.frame
      : { url: overrides.url ?? 'app://headroom/index.html', parent: overrides.parent ?? null };
  return {
    sender: 'sender' in overrides ? overrides.sender : trusted,
    senderFrame: frame,
  } as unknown as IpcMainInvokeEvent;
}

const validSave = { suggestedName: 'plan.json', mimeType: 'application/json', contents: '{}' };

describe('checkSender', () => {
  it('accepts the main frame of a trusted window showing the app', () => {
    expect(checkSender(event(), policy)).toBeNull();
  });

  it.each([
    ['no-sender', null],
    ['no-sender', undefined],
    ['no-sender', 'a string'],
    ['no-sender', event({ frame: null })],
    ['no-sender', event({ sender: null })],
    ['unknown-sender', event({ sender: stranger })],
    ['sub-frame', event({ parent: { url: 'app://headroom/' } })],
    ['foreign-origin', event({ url: 'https://evil.example/' })],
    ['foreign-origin', event({ url: 'app://headroom.evil/' })],
    ['foreign-origin', event({ url: 'file:///index.html' })],
    ['foreign-origin', event({ url: '' })],
  ])('refuses (%s)', (reason, e) => {
    expect(checkSender(e, policy)).toBe(reason);
  });
});

describe('guardInvokeHandler', CPU_BOUND, () => {
  it('passes a valid request from a trusted sender to the handler, parsed', async () => {
    const handler = vi.fn(() => ({ saved: true }));
    const guarded = guardInvokeHandler(INVOKE_CHANNELS.saveFile, policy, handler);
    await expect(guarded(event(), validSave)).resolves.toEqual({ saved: true });
    expect(handler).toHaveBeenCalledWith(validSave, expect.anything());
  });

  it.each([
    ['foreign sender', () => [event({ sender: stranger }), validSave], 'unknown-sender'],
    ['sub-frame', () => [event({ parent: {} }), validSave], 'sub-frame'],
    ['remote page', () => [event({ url: 'https://evil.example/' }), validSave], 'foreign-origin'],
    ['no argument', () => [event()], 'wrong-arity'],
    ['two arguments', () => [event(), validSave, validSave], 'wrong-arity'],
    ['extra key', () => [event(), { ...validSave, path: '/etc/passwd' }], 'invalid-payload'],
    [
      'path in the name',
      () => [event(), { ...validSave, suggestedName: '../../.bashrc' }],
      'invalid-payload',
    ],
    [
      'bad mime type',
      () => [event(), { ...validSave, mimeType: 'application/x-msdownload' }],
      'invalid-payload',
    ],
    [
      'too large',
      () => [event(), { ...validSave, contents: 'x'.repeat(IPC_LIMITS.maxPayloadBytes + 1) }],
      'too-large',
    ],
    [
      'cyclic',
      () => {
        const a: Record<string, unknown> = {};
        a.a = a;
        return [event(), a];
      },
      'not-serializable',
    ],
    ['bigint', () => [event(), { n: 1n }], 'not-serializable'],
  ] as const)('refuses a request with %s and never calls the handler', async (_name, args, reason) => {
    const handler = vi.fn(() => ({ saved: true }));
    const refusals: IpcRejectedError[] = [];
    const guarded = guardInvokeHandler(INVOKE_CHANNELS.saveFile, policy, handler, (e) => refusals.push(e));
    const [e, ...rest] = args();
    await expect(guarded(e as IpcMainInvokeEvent, ...rest)).rejects.toMatchObject({
      name: 'IpcRejectedError',
      reason,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(refusals.map((r) => r.reason)).toEqual([reason]);
  });

  it('enforces file-size limits inside the schema (multi-byte text counted in bytes)', async () => {
    const handler = vi.fn(() => ({ saved: true }));
    const guarded = guardInvokeHandler(INVOKE_CHANNELS.saveFile, policy, handler);
    const contents = '€'.repeat(Math.floor(IPC_LIMITS.maxFileBytes / 3) + 10); // ~20 MiB of chars ×3 bytes
    await expect(guarded(event(), { ...validSave, contents })).rejects.toBeInstanceOf(IpcRejectedError);
    const open = guardInvokeHandler(INVOKE_CHANNELS.openFile, policy, vi.fn());
    await expect(
      open(event(), { extensions: ['json'], maxBytes: IPC_LIMITS.maxFileBytes + 1 }),
    ).rejects.toMatchObject({
      reason: 'invalid-payload',
    });
    await expect(open(event(), { extensions: ['../x'], maxBytes: 10 })).rejects.toMatchObject({
      reason: 'invalid-payload',
    });
  });

  it('has a schema for every invoke channel', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('never throws synchronously and never reaches the handler with an invalid payload (thousands of fuzzed requests)', async () => {
    const channels = Object.values(INVOKE_CHANNELS) as InvokeChannel[];
    const senders = fc.constantFrom(
      event(),
      event({ sender: stranger }),
      event({ parent: {} }),
      event({ url: 'https://evil.example/' }),
      event({ frame: null }),
      null,
      undefined,
      {},
    );
    const validRequests = fc.constantFrom<unknown>(validSave, { extensions: ['json'], maxBytes: 1000 }, null);
    const mutated = fc.oneof(
      fc.anything({
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withNullPrototype: true,
      }),
      fc.record(
        {
          suggestedName: fc.oneof(fc.string(), fc.constant('../x.json'), fc.anything()),
          mimeType: fc.oneof(fc.constantFrom('text/csv', 'application/json', 'text/html'), fc.anything()),
          contents: fc.oneof(fc.string(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          extensions: fc.oneof(fc.array(fc.string()), fc.anything()),
          maxBytes: fc.oneof(fc.double(), fc.integer(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
      validRequests,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        senders,
        fc.array(mutated, { maxLength: 3 }),
        async (channel, sender, args) => {
          const handler = vi.fn((request: unknown) => ({ echoed: request }));
          const guarded = guardInvokeHandler(channel, policy, handler as never);
          let promise: Promise<unknown> | undefined;
          expect(() => {
            promise = guarded(sender as IpcMainInvokeEvent, ...args);
          }).not.toThrow();
          const outcome = await promise!.then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const acceptable =
            checkSender(sender, policy) === null &&
            args.length === 1 &&
            payloadSize(args[0]) !== null &&
            REQUEST_SCHEMAS[channel].safeParse(args[0]).success;
          expect(outcome.ok).toBe(acceptable);
          if (outcome.ok) {
            expect(handler).toHaveBeenCalledTimes(1);
            expect(REQUEST_SCHEMAS[channel].safeParse(handler.mock.calls[0]![0]).success).toBe(true);
          } else {
            expect(outcome.error).toBeInstanceOf(IpcRejectedError);
            expect(handler).not.toHaveBeenCalled();
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('guardInvokeHandler with generated valid requests', CPU_BOUND, () => {
  it('passes every well-formed request from the app window through unchanged (thousands)', async () => {
    // eslint-disable-next-line no-control-regex
    const safeName = fc.stringMatching(/^[^\\/\u0000-\u001f]{1,60}$/).filter((n) => n !== '.' && n !== '..');
    const save = fc.record({
      suggestedName: safeName,
      mimeType: fc.constantFrom('text/csv' as const, 'application/json' as const),
      contents: fc.string({ unit: 'grapheme', maxLength: 200 }),
    });
    const open = fc.record({
      extensions: fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,16}$/), { minLength: 1, maxLength: 8 }),
      maxBytes: fc.integer({ min: 1, max: IPC_LIMITS.maxFileBytes }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          save.map((r) => [INVOKE_CHANNELS.saveFile, r] as const),
          open.map((r) => [INVOKE_CHANNELS.openFile, r] as const),
        ),
        async ([channel, request]) => {
          const handler = vi.fn((r: unknown) => ({ got: r }));
          const guarded = guardInvokeHandler(channel, policy, handler as never);
          await expect(guarded(event(), request)).resolves.toEqual({ got: request });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('payloadSize', () => {
  it('counts the UTF-8 bytes of strings once, whatever JSON would escape', () => {
    const text = '"\n\\\u0001€😀';
    expect(payloadSize(text)).toBe(Buffer.byteLength(text, 'utf8') + 2);
    const save = { suggestedName: 'a.json', mimeType: 'application/json', contents: text };
    const size = payloadSize(save)!;
    expect(size).toBeLessThan(Buffer.byteLength(JSON.stringify(save), 'utf8'));
    expect(size - Buffer.byteLength(text, 'utf8')).toBeLessThan(100);
  });

  it('is null for what is not plain data, and counts shared (acyclic) values', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(payloadSize(cyclic)).toBeNull();
    expect(payloadSize({ n: 1n })).toBeNull();
    expect(payloadSize({ f: () => 1 })).toBeNull();
    expect(payloadSize(Symbol('s'))).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(payloadSize(deep)).toBeNull();
    const shared = { s: 'x' };
    // Each element: its key ("0", "1": 1 byte + 2) and its value; the list itself: 8.
    expect(payloadSize([shared, shared])).toBe(2 * (3 + payloadSize(shared)!) + 8);
  });

  it('stops counting once past the limit (a huge fan-out of shared values is not walked to the end)', () => {
    let wide: unknown = 'x'.repeat(1000);
    for (let i = 0; i < 40; i++) wide = [wide, wide]; // 2^40 leaves if walked in full
    const size = payloadSize(wide, 10_000);
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(20_000);
  });

  it('lets the largest file the schema accepts through the size check', () => {
    const envelope = {
      suggestedName: 'n'.repeat(IPC_LIMITS.maxFileNameLength),
      mimeType: 'application/json',
    };
    expect(payloadSize({ ...envelope, contents: '' })! + IPC_LIMITS.maxFileBytes).toBeLessThanOrEqual(
      IPC_LIMITS.maxPayloadBytes,
    );
  });
});

describe('registerInvokeHandler', () => {
  it('registers the guarded handler under the channel name', async () => {
    const handle = vi.fn();
    registerInvokeHandler({ handle }, INVOKE_CHANNELS.takePendingFiles, policy, () => []);
    expect(handle).toHaveBeenCalledWith('headroom:take-pending-files', expect.any(Function));
    const listener = handle.mock.calls[0]![1] as (e: unknown, ...a: unknown[]) => Promise<unknown>;
    await expect(listener(event(), null)).resolves.toEqual([]);
    await expect(listener(event({ sender: stranger }), null)).rejects.toBeInstanceOf(IpcRejectedError);
  });
});
