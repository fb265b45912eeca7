// A service's "Curve & details" is shown in a panel docked beside the services table (issue 9 §2: it used to open
// below the table and the add form, 2,233 px down in a 300-service plan). The table still owns which service is
// open; the editor provides the dock, and the panel moves its own element there while it is mounted.
import { getContext, setContext } from 'svelte';

const KEY = Symbol('details-dock');

/** The id of the details panel, which the row's button names in `aria-controls` while the panel is open. */
export const DETAILS_PANEL_ID = 'service-details-panel';

/** Called by the editor with the id of the element the details panel goes into. */
export function provideDock(id: string): void {
  setContext(KEY, id);
}

/** The dock's element id, or `undefined` where there is no dock (the panel then stays where it is rendered). */
export function dockId(): string | undefined {
  return getContext<string | undefined>(KEY);
}

/**
 * Svelte action: moves `node` into the element with id `dock` while it is mounted, and removes it when it is
 * destroyed. The node must be an inner element of its component (not the component's first or last node): Svelte
 * removes a component's own nodes by walking its siblings, which would go wrong for a node moved elsewhere.
 */
export function docked(node: HTMLElement, dock: string | undefined): { destroy(): void } {
  const target = dock ? document.getElementById(dock) : null;
  if (target) target.append(node);
  return {
    destroy() {
      if (target) node.remove();
    },
  };
}
