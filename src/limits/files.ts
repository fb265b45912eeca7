// Every limit on the size of a file the app opens or saves, in one place. The renderer's parsers (plan import,
// restore, traffic CSV), the requests it sends to the desktop shell (src/platform/file-requests.ts) and the shell's
// IPC schemas (electron/ipc-contract.ts) all read these numbers, so no side can refuse what another allows.
// Dependency-free on purpose: the sandboxed preload and the main process bundle it too. Documented in
// docs/data-safety.md ("Limits").

const MiB = 1024 * 1024;

export const FILE_LIMITS = Object.freeze({
  /** Largest plan file (Import…, a file opened from the OS), in bytes of UTF-8 text. */
  planBytes: 32 * MiB,
  /** Largest "Export all data" file that Restore reads back; also the largest export the app writes. */
  restoreBytes: 64 * MiB,
  /** Largest traffic CSV (the traffic import panel). */
  trafficBytes: 32 * MiB,
});

/** The largest file of any kind the app reads or writes: what the desktop shell must let through. */
export const LARGEST_FILE_BYTES = Math.max(
  FILE_LIMITS.planBytes,
  FILE_LIMITS.restoreBytes,
  FILE_LIMITS.trafficBytes,
);

/**
 * Room for what travels with a file over IPC besides its contents: the suggested name (≤ 255 characters, up to 4
 * bytes each in UTF-8), the MIME type, the keys. 64 KiB is far more than that needs.
 */
export const IPC_ENVELOPE_BYTES = 64 * 1024;

/** A size as the user reads it: `2 KB`, `64 MB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** Bytes of `text` in UTF-8 (a lone surrogate counts 3, as the encoder writes U+FFFD), without allocating a copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
