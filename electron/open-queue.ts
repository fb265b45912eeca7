import type { OpenedFile } from '../src/platform/types.ts';

/**
 * Files the OS or the command line asked to open wait here until the renderer has subscribed (it asks for them with
 * the take-pending request); after that they are delivered at once. A reload makes the renderer unsubscribed again.
 */
export class OpenFileQueue {
  #pending: OpenedFile[] = [];
  #ready = false;
  readonly #deliver: (file: OpenedFile) => boolean;

  /** `deliver` sends a file to the renderer and says whether there was one to send it to. */
  constructor(deliver: (file: OpenedFile) => boolean) {
    this.#deliver = deliver;
  }

  push(file: OpenedFile): void {
    if (this.#ready && this.#deliver(file)) return;
    this.#pending.push(file);
  }

  /** The renderer subscribed: hand over what waited. */
  take(): OpenedFile[] {
    this.#ready = true;
    return this.#pending.splice(0);
  }

  /** The renderer is (re)loading; hold files until it subscribes again. */
  reset(): void {
    this.#ready = false;
  }

  get size(): number {
    return this.#pending.length;
  }
}
