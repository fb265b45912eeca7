import { z } from 'zod';
import { INVOKE_CHANNELS, IPC_LIMITS, type InvokeChannel, type InvokeContract } from './ipc-contract.ts';

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\\/\u0000-\u001f]/;

/** A file name without any directory part or control character. */
export const FileNameSchema = z
  .string()
  .min(1)
  .max(IPC_LIMITS.maxFileNameLength)
  .refine((name) => !UNSAFE_NAME_CHARS.test(name) && name !== '.' && name !== '..', 'not a plain file name');

export const FileToSaveSchema = z.strictObject({
  suggestedName: FileNameSchema,
  mimeType: z.enum(['text/csv', 'application/json', 'text/html']),
  contents: z
    .string()
    .max(IPC_LIMITS.maxFileBytes)
    .refine((text) => byteLength(text) <= IPC_LIMITS.maxFileBytes, 'file too large'),
});

/** Print / Save as PDF: only the name to suggest, a plain file name ending in .pdf (nothing else crosses). */
export const PdfToSaveSchema = z.strictObject({
  suggestedName: FileNameSchema.refine((name) => /\.pdf$/i.test(name), 'not a .pdf file name'),
});

export const OpenFileOptionsSchema = z.strictObject({
  extensions: z
    .array(z.string().regex(/^[A-Za-z0-9]{1,16}$/))
    .min(1)
    .max(IPC_LIMITS.maxExtensions),
  maxBytes: z.number().int().positive().max(IPC_LIMITS.maxFileBytes),
});

export const NoPayloadSchema = z.null();

/** The id of the flush request being answered (main numbers them from 1). */
export const FlushDoneSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** One schema per invoke channel; `satisfies` keeps them in step with the typed contract. */
export const REQUEST_SCHEMAS = {
  [INVOKE_CHANNELS.saveFile]: FileToSaveSchema,
  [INVOKE_CHANNELS.savePdf]: PdfToSaveSchema,
  [INVOKE_CHANNELS.openFile]: OpenFileOptionsSchema,
  [INVOKE_CHANNELS.takePendingFiles]: NoPayloadSchema,
  [INVOKE_CHANNELS.flushDone]: FlushDoneSchema,
} satisfies { [C in InvokeChannel]: z.ZodType<InvokeContract[C]['request']> };
