// `serverless.memoryMiB: "auto"` (issue 10 §7.6): the report says which memory the engine picked for each function.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from './engine.ts';
import { flat, testPlan, testService, type ServiceInput } from './testing.ts';

function lambda(overrides: Partial<ServiceInput>) {
  const s = testService({ name: 'api', trafficRps: flat(10), memoryMiB: 512, ...overrides });
  const plan = testPlan(awsUsEast1, [s], { serverless: { freeTier: false } });
  return evaluate(plan).strategies.find((x) => x.id === 'serverless')!;
}

const codes = (r: ReturnType<typeof lambda>) => r.warnings.map((w) => w.code);

describe('memoryMiB "auto" in the report', () => {
  it('says it picked 1,475 MB for 100 CPU-ms in 120 ms (1,769 × 100 ÷ 120 = 1,474.2, rounded up)', () => {
    const r = lambda({ cpuMsPerRequest: 100, durationMs: 120, serverless: { memoryMiB: 'auto' } });
    expect(r.warnings.find((w) => w.code === 'auto-memory')).toEqual({
      service: 'api',
      code: 'auto-memory',
      message:
        'api: memory "auto" picked 1,475 MB for its Lambda function (the smallest above its own 512 MB at which Lambda\'s CPU share does not slow its requests).',
    });
    expect(codes(r)).not.toContain('cpu-stretched');
    // Priced at that memory: 26.28M requests × 0.12 s × 1,475/1,024 GB = 4,542,539.0625 GB-s.
    const duration = r.lineItems.find((l) => l.component.startsWith('Duration, x86_64'))!;
    expect(duration.quantity).toBe(4542539.0625);
  });

  it('says it stopped at one full vCPU when the CPU work is longer than the duration', () => {
    const r = lambda({ cpuMsPerRequest: 200, durationMs: 120, serverless: { memoryMiB: 'auto' } });
    const note = r.warnings.find((w) => w.code === 'auto-memory')!;
    expect(note.message).toMatch(
      /^api: memory "auto" picked 1,769 MB for its Lambda function \(one full vCPU/,
    );
    expect(codes(r)).toContain('cpu-stretched');
  });

  it('says it kept the service’s own memory when that is enough', () => {
    const r = lambda({ cpuMsPerRequest: 10, durationMs: 50, serverless: { memoryMiB: 'auto' } });
    expect(r.warnings.find((w) => w.code === 'auto-memory')!.message).toContain('picked 512 MB');
  });

  it('says nothing when the plan names the memory', () => {
    expect(codes(lambda({ cpuMsPerRequest: 100, durationMs: 120 }))).not.toContain('auto-memory');
  });
});
