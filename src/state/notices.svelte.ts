// The messages shown at the bottom of the window (toasts): at most three at a time, each gone after a few seconds
// (longer when it offers an action, so there is time to take it). Every other state class reports through this one.

export interface Notice {
  id: number;
  text: string;
  kind: 'info' | 'error';
  /** An action offered with the notice (Undo after a delete). */
  action?: { label: string; run: () => void } | undefined;
}

export class Notices {
  /** The notices on screen, oldest first. */
  items = $state.raw<Notice[]>([]);

  #lastId = 0;

  notify(text: string, kind: Notice['kind'] = 'info', action?: Notice['action']): void {
    const notice: Notice = { id: ++this.#lastId, text, kind, action };
    this.items = [...this.items.slice(-2), notice];
    setTimeout(() => this.dismiss(notice.id), action ? 12_000 : 6_000);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}
