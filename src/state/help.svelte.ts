// Which page of the in-app Help is open, and where. One small state, shared by the Help button, the desktop menu's
// "User Guide" command and the links inside the pages; the dialog (src/ui/help/GuideDialog.svelte) reads it.

export interface HelpPlace {
  doc: string;
  /** A heading's slug, or null for the top of the page. */
  anchor: string | null;
}

export class HelpState {
  #open = $state(false);
  #place = $state.raw<HelpPlace>({ doc: 'guide', anchor: null });
  /** Counts requests to go somewhere, so following the same link twice still scrolls to it. */
  #visits = $state(0);

  get open(): boolean {
    return this.#open;
  }
  get place(): HelpPlace {
    return this.#place;
  }
  get visits(): number {
    return this.#visits;
  }

  /** Opens Help at a page (the guide by default) and heading. */
  show(doc = 'guide', anchor: string | null = null): void {
    this.go(doc, anchor);
    this.#open = true;
  }

  /** Moves to another page or heading while Help is open. */
  go(doc: string, anchor: string | null = null): void {
    this.#place = { doc, anchor };
    this.#visits++;
  }

  close(): void {
    this.#open = false;
  }
}

export const help = new HelpState();
