// The summary strip reads the engine's report: a strategy that cannot be costed shows no total (never $0) and is
// never named cheapest; one that leaves services out says so; a draft with problems says its totals are the last
// valid version's. (The strip's behaviour in a page, sticky and after an edit, is in e2e/summary.spec.ts.)
import { render } from 'svelte/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { awsUsEast1 } from '../../catalog/aws-us-east-1.ts';
import { evaluate, type PlanIssue, type Report } from '../../model/index.ts';
import { testPlan, testService } from '../../model/testing.ts';
import type { AppState } from '../../state/app.svelte.ts';

const fakeApp: Pick<AppState['plan'], 'currentId' | 'doc' | 'evaluating' | 'revealProblem'> & {
  report: Report | null;
  issues: PlanIssue[];
} = {
  report: null,
  issues: [],
  currentId: 'p1',
  doc: {},
  evaluating: false,
  revealProblem: () => undefined,
};

vi.mock('../context.ts', () => ({ useApp: () => ({ plan: fakeApp }) }));

const text = (html: string) =>
  html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** The strip's text of one strategy's item. */
function item(html: string, id: string): string {
  const m = new RegExp(`<li[^>]*data-strategy="${id}"[^]*?</li>`).exec(html);
  return m ? text(m[0]).trim() : '';
}

// A 16 GiB stateful database: containers cannot be costed, serverless leaves it out.
const blocked = evaluate(
  testPlan(structuredClone(awsUsEast1), [
    testService({ name: 'api' }),
    testService({ name: 'db', memoryMiB: 16384, stateful: true }),
  ]),
);

describe('SummaryStrip', () => {
  beforeEach(() => {
    fakeApp.report = null;
    fakeApp.issues = [];
  });

  it('marks a strategy that cannot be costed or leaves services out, and names the cheapest with its margin', async () => {
    fakeApp.report = blocked;
    const { default: SummaryStrip } = await import('./SummaryStrip.svelte');
    const html = render(SummaryStrip).body;
    expect(item(html, 'container-cluster')).toBe('Containers — cannot be costed');
    expect(item(html, 'container-cluster')).not.toMatch(/\$/);
    expect(item(html, 'serverless')).toMatch(/^Serverless \$[\d,]+\.\d\d leaves out 1 service$/);
    const cheapest = blocked.cheapest!;
    expect(['shared-host', 'vm-per-service', 'serverless-containers']).toContain(cheapest);
    expect(item(html, cheapest)).toMatch(/cheapest$/);
    expect(text(html)).toMatch(
      /(Shared hosts|VM per service|Fargate) is the cheapest: \d+(\.\d)?% below (Shared hosts|VM per service|Fargate)(, the next cheapest)?\./,
    );
    expect(text(html)).not.toContain('Containers is the cheapest');
  });

  it('says a draft with problems shows the last valid version’s totals, or none yet', async () => {
    fakeApp.report = blocked;
    fakeApp.issues = [{ path: 'services[1].cpuMsPerRequest', message: 'must be a number' }];
    const { default: SummaryStrip } = await import('./SummaryStrip.svelte');
    expect(text(render(SummaryStrip).body)).toContain(
      '1 problem: totals of the last valid version. Go to the problem',
    );
    fakeApp.report = null;
    const none = text(render(SummaryStrip).body);
    expect(none).toContain('1 problem: no totals until it is fixed.');
    expect(none).not.toMatch(/\$/);
  });
});
