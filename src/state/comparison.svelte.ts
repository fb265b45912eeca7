// The comparison screen's state: which plans and scenarios are compared (2–4), which one is the base, and each one's
// report. The reports are evaluated when the comparison opens; the open plan is compared as it is on screen when it
// is valid.
import type { Report } from '../model/index.ts';
import type { PlanRecord } from '../db/types.ts';
import type { EngineClient } from '../worker/client.ts';
import type { OpenPlan } from './open-plan.svelte.ts';
import type { Scenarios } from './scenarios.svelte.ts';

/** What the comparison reads of the rest of the app (the root AppState passes itself). */
export interface ComparisonDeps {
  readonly engine: Pick<EngineClient, 'evaluate'>;
  readonly library: { readonly plans: PlanRecord[] };
  readonly scenarios: Pick<Scenarios, 'documentFor'>;
  readonly plan: Pick<OpenPlan, 'currentId' | 'current' | 'doc' | 'valid' | 'flush'>;
  /** Switches to the comparison screen. */
  showComparison(): void;
}

export class Comparison {
  readonly #app: ComparisonDeps;
  #ids = $state.raw<string[]>([]);
  #base = $state<string | null>(null);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced wholesale, never mutated in place
  #reports = $state.raw<Map<string, Report>>(new Map());

  constructor(app: ComparisonDeps) {
    this.#app = app;
  }

  /** Entries picked for comparison (ids), the first plan being the base unless `base` says otherwise. */
  get ids(): string[] {
    return this.#ids;
  }

  get base(): string | null {
    return this.#base;
  }

  get reports(): Map<string, Report> {
    return this.#reports;
  }

  /** Drops entries that are no longer stored (deleted here or in another window). */
  retain(exists: (id: string) => boolean): void {
    const kept = this.#ids.filter(exists);
    if (kept.length !== this.#ids.length) this.#ids = kept;
  }

  /** Opens the comparison with the given plans (2–4); the base defaults to the first plan that is not a scenario. */
  async compare(ids: string[], baseId?: string): Promise<void> {
    const app = this.#app;
    await app.plan.flush();
    const picked = ids.filter((id) => app.library.plans.some((p) => p.id === id)).slice(0, 4);
    this.#ids = picked;
    this.#base =
      baseId && picked.includes(baseId)
        ? baseId
        : (picked.find((id) => app.library.plans.find((p) => p.id === id)?.kind === 'plan') ??
          picked[0] ??
          null);
    app.showComparison();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here, then assigned wholesale
    const reports = new Map<string, Report>();
    for (const id of picked) {
      const p = app.library.plans.find((x) => x.id === id)!;
      // A scenario is costed as its changes applied to its base as it is now (the open one as on screen).
      const open = app.plan.doc && app.plan.valid ? app.plan.doc : undefined;
      const liveBase = p.baseId === app.plan.currentId ? open : undefined;
      const doc =
        id === app.plan.currentId && open ? open : app.scenarios.documentFor(p, app.library.plans, liveBase);
      const r = await app.engine.evaluate(doc, `compare:${id}`, null);
      if (r?.ok) reports.set(id, r.report);
    }
    this.#reports = reports;
  }

  /** Compare the open scenario with its base (or the open plan with its scenarios). */
  async compareCurrent(): Promise<void> {
    const cur = this.#app.plan.current;
    if (!cur) return;
    const baseId = cur.kind === 'scenario' && cur.baseId ? cur.baseId : cur.id;
    const family = this.#app.library.plans
      .filter((p) => p.id === baseId || p.baseId === baseId)
      .map((p) => p.id);
    const ids = [baseId, ...family.filter((id) => id !== baseId)];
    if (!ids.includes(cur.id)) ids.push(cur.id);
    await this.compare(ids.slice(0, 4), baseId);
  }
}
