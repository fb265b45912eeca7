// The words of a latency target's outcome (issue 12 §3), shared by the app, the CSV and the terminal table.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate, STRATEGY_IDS, type LatencySizing } from '../model/index.ts';
import { flat, testPlan, testService } from '../model/testing.ts';
import { reportToTable, servicesToCsv } from './index.ts';
import { latencyNote, latencyShortNote, percentileLabel, waitText } from './latency.ts';

// The call-centre example (pricing-2.md §8) as a service: A = 10, 80% within 20 s → 14 VMs where CPU needs 9.
const agents = testService({
  name: 'agents',
  trafficRps: flat(1 / 18),
  cpuMsPerRequest: 180_000,
  durationMs: 180_000,
  memoryMiB: 512,
});
const plan = (latency: boolean) =>
  testPlan(
    structuredClone(awsUsEast1),
    [
      latency
        ? { ...agents, latency: { targetWaitMs: 20_000, percentile: 0.8, concurrencyPerInstance: 1 } }
        : agents,
      testService({ name: 'web' }),
    ],
    { vmPerService: { instanceType: 'm6i.large', scaling: 'static', targetUtilization: 0.6 } },
  );
const parse = (csv: string) => Papa.parse<string[]>(csv.trim()).data;

const sized = (over: Partial<LatencySizing> = {}): LatencySizing => ({
  sizedBy: 'latency',
  cpuInstances: 9,
  instances: 14,
  latencyHours: 168,
  waitMs: 12.3456,
  percentile: 0.95,
  targetWaitMs: 50,
  ...over,
});

describe('latency words', () => {
  it('says what decided the count, and the percentile wait', () => {
    expect(latencyNote(sized())).toBe('latency decides: 14 instances instead of 9; p95 wait 12 ms');
    expect(latencyNote(sized({ sizedBy: 'cpu', instances: 9, latencyHours: 0, waitMs: 3.14 }))).toBe(
      'CPU decides; p95 wait 3.1 ms',
    );
    expect(latencyNote(sized({ sizedBy: 'cpu', latencyHours: 40, waitMs: 0, percentile: 0.999 }))).toBe(
      'CPU decides at the busiest hour, latency in 40 hours a week; p99.9 wait 0 ms',
    );
  });

  it('beside a cost, a short note only when latency decided', () => {
    expect(latencyShortNote(sized())).toBe('latency decides: 14 instead of 9');
    expect(latencyShortNote(sized({ sizedBy: 'cpu' }))).toBeNull();
  });

  it('formats percentiles and waits', () => {
    expect(percentileLabel(0.8)).toBe('p80');
    expect(percentileLabel(0.9999)).toBe('p99.99');
    expect(waitText(1250.4)).toBe('1,250 ms');
    expect(waitText(Infinity)).toBe('—');
  });
});

describe('latency in the exports', () => {
  it('the per-service CSV adds what decided and the wait, per strategy, only when a service has a target', () => {
    const plain = parse(servicesToCsv(evaluate(plan(false))));
    expect(plain[0]).toEqual(['service', ...STRATEGY_IDS]);
    const rows = parse(servicesToCsv(evaluate(plan(true))));
    const head = rows[0]!;
    expect(head).toContain('vm-per-service_sized_by');
    const at = (row: string[], key: string) => row[head.indexOf(key)];
    expect(at(rows[1]!, 'vm-per-service_sized_by')).toBe('latency');
    expect(at(rows[1]!, 'vm-per-service_instances')).toBe('14');
    expect(at(rows[1]!, 'vm-per-service_cpu_instances')).toBe('9');
    expect(at(rows[1]!, 'vm-per-service_wait_ms')).toBe('0');
    expect(at(rows[2]!, 'vm-per-service_sized_by')).toBe('');
    // Lambda sizes no instances: no latency columns of its own.
    expect(head).not.toContain('serverless_sized_by');
  });

  it('the terminal table says what decided, per strategy and service', () => {
    const text = reportToTable(evaluate(plan(true)));
    expect(text).toContain('Latency targets');
    expect(text).toContain(
      '- VM per service: agents: latency decides: 14 instances instead of 9; p80 wait 0 ms',
    );
    expect(reportToTable(evaluate(plan(false)))).not.toContain('Latency targets');
  });
});
