// Copying text to the clipboard from a button. The desktop shell denies every permission prompt (electron/
// web-guards.ts), `clipboard-sanitized-write` included, so `navigator.clipboard.writeText` may be refused there; a
// `copy` event started by the click needs no permission in Chromium, so that is tried first.

/** Puts `text` on the clipboard as plain text; false when neither way was allowed. */
export async function copyText(text: string): Promise<boolean> {
  let copied = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    copied = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    // Deprecated for editing, but still the one permission-free way to copy from a user's click.
    document.execCommand('copy');
  } catch {
    // fall through to the async API
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (copied) return true;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
