// Each strategy's report states the settings it was priced with (issue 12 §1), and the exports show them.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { buildMeetingDocument } from './meeting.ts';
import { meetingToMarkdown } from './meeting-markdown.ts';

describe('the settings a report was priced with', () => {
  const plan = testPlan(awsUsEast1, [testService({ name: 'api', trafficRps: flat(30) })], {
    containerCluster: { nodeType: 'm6i.2xlarge', targetUtilization: 0.65, scaling: 'static' },
    vmPerService: { instanceType: 'm6i.large' },
  });
  const report = evaluate(plan);

  it('are in the JSON report of every strategy', () => {
    const json = JSON.parse(JSON.stringify(report)) as typeof report;
    const cluster = json.strategies.find((s) => s.id === 'container-cluster')!;
    expect(cluster.settings).toMatchObject({
      nodeType: 'm6i.2xlarge',
      targetUtilization: 0.65,
      scaling: 'static',
    });
    expect(json.strategies.find((s) => s.id === 'vm-per-service')!.settings).toMatchObject({
      instanceType: 'm6i.large',
    });
  });

  it('are a table of the meeting report, one row per strategy', () => {
    const md = meetingToMarkdown(buildMeetingDocument({ report }));
    expect(md).toContain('Settings: what each strategy was priced with');
    expect(md).toMatch(
      /\| Containers \| nodeType m6i\.2xlarge, [^|]*targetUtilization 0\.65, [^|]*scaling static/,
    );
    expect(md).toMatch(/\| VM per service \| instanceType m6i\.large, /);
  });
});
