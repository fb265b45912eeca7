// Serverless containers on Fargate (issue 12 §2): the published examples of pricing-2.md §5 to the cent, the task
// count formula, EKS's pod sizing and control plane, architecture, discount, ephemeral storage, zones, the stateful
// warning, the components on equal terms, and the plans it cannot cost.
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { evaluate } from './engine.ts';
import { line } from './prepare.ts';
import { serverlessContainers, taskLines, tasksPerHour } from './serverless-containers.ts';
import { prepare } from './prepare.ts';
import { flat, testPlan, testService } from './testing.ts';
import type { Catalog, LineItem, Report, StrategyReport } from './types.ts';
import { sumCents } from './money.ts';

const catalog: Catalog = structuredClone(awsUsEast1);

function fargate(r: Report): StrategyReport {
  return r.strategies.find((s) => s.id === 'serverless-containers')!;
}

function lineNamed(lines: LineItem[], prefix: string): LineItem {
  const l = lines.find((x) => x.component.startsWith(prefix));
  if (!l) throw new Error(`no line "${prefix}…" in ${lines.map((x) => x.component).join(', ')}`);
  return l;
}

/** One hour a day at `rps` (the first hour), none otherwise. */
function oneHourADay(rps: number): number[] {
  const day = new Array<number>(24).fill(0);
  day[0] = rps;
  return day;
}

describe('serverless containers: published examples (pricing-2.md §5)', () => {
  it('EKS: 10 pods for 3,600 s a day, billed 0.25 vCPU / 1 GB, 30 days: vCPU $3.04 + memory $1.33 = $4.37', () => {
    // Pods of 0.25 vCPU / 0.5 GiB requested, billed as 0.25 vCPU / 1 GiB (+256 MB, rounded up). 1.75 vCPU of demand
    // at 70% of 0.25 vCPU needs exactly 10 pods, in the first hour of each day only.
    const plan = testPlan(
      catalog,
      [
        testService({
          trafficRps: oneHourADay(1.75),
          cpuMsPerRequest: 1000,
          minInstances: 0,
          fargate: { cpu: 0.25, memoryGiB: 0.5 },
        }),
      ],
      { serverlessContainers: { platform: 'eks', controlPlaneHourly: 0, scaling: 'hourly' } },
      720,
    );
    const s = fargate(evaluate(plan));
    expect(s.cannotCost).toBeUndefined();
    expect(s.capacity.peakTasks).toBe(10);
    expect(s.capacity.taskHours).toBe(300);
    const vcpu = lineNamed(s.lineItems, 'Task vCPU-hours');
    expect(vcpu.component).toBe(
      'Task vCPU-hours (EKS on Fargate, pod 0.25 vCPU / 0.5 GiB billed as 0.25 vCPU / 1 GiB)',
    );
    expect([vcpu.quantity, vcpu.unitPrice, vcpu.cost]).toEqual([75, 0.04048, 3.04]);
    const memory = lineNamed(s.lineItems, 'Task memory GiB-hours');
    expect([memory.quantity, memory.unitPrice, memory.cost]).toEqual([300, 0.004445, 1.33]);
    expect(s.monthlyCost).toBe(4.37);
  });

  it('EKS: a 1 vCPU + 8 GB pod is billed as 2 vCPU / 9 GB, $0.12097 an hour (720 h: $58.29 + $28.80)', () => {
    const plan = testPlan(
      catalog,
      [testService({ trafficRps: flat(0.1), fargate: { cpu: 1, memoryGiB: 8 } })],
      { serverlessContainers: { platform: 'eks', controlPlaneHourly: 0 } },
      720,
    );
    const s = fargate(evaluate(plan));
    expect(lineNamed(s.lineItems, 'Task vCPU-hours').component).toContain(
      'pod 1 vCPU / 8 GiB billed as 2 vCPU / 9 GiB',
    );
    expect(lineNamed(s.lineItems, 'Task vCPU-hours').quantity).toBe(1440);
    expect(lineNamed(s.lineItems, 'Task memory GiB-hours').quantity).toBe(6480);
    expect(s.monthlyCost).toBe(87.09);
    expect(Math.round((s.monthlyCost / 720) * 1e5) / 1e5).toBe(0.12096);
    expect(Math.round(720 * (2 * 0.04048 + 9 * 0.004445) * 100) / 100).toBe(87.09);
  });

  it('Windows (not modelled as a platform): the formula with the Windows rates gives $27.45 + $13.80 + $6.00 = $47.25', () => {
    // 10 tasks for 3,600 s a day, 1 vCPU / 2 GB, 30 days = 300 task-hours; Windows rates per second × 3,600.
    const windows = { vcpuHourly: 0.0000254167 * 3600, memoryGiBHourly: 0.0000027778 * 3600 };
    const [vcpu, memory] = taskLines('w', 'Windows', 300, { vcpu: 1, memoryGiB: 2 }, windows);
    const licence = line('w', 'OS licence vCPU-hours', 'vCPU-hours', 300 * 1, 0.0000127778 * 3600);
    expect([vcpu!.cost, licence.cost, memory!.cost]).toEqual([27.45, 13.8, 6]);
    expect(sumCents([vcpu!.cost, licence.cost, memory!.cost])).toBe(47.25);
  });
});

describe('serverless containers: tasks per hour', () => {
  it('= max(minInstances, ⌈CPU demand ÷ (task vCPU × target utilization)⌉)', () => {
    expect(tasksPerHour([0, 0.1, 0.35, 0.36, 3.5], 0.5, 0.7, 1)).toEqual([1, 1, 1, 2, 10]);
    expect(tasksPerHour([0, 0.35], 0.5, 0.7, 0)).toEqual([0, 1]);
    expect(tasksPerHour([0, 0.35], 0.5, 0.7, 3)).toEqual([3, 3]);
  });

  it('hourly follows the curve, static holds the peak hour all period, scale-ahead sizes for the hours ahead', () => {
    // 0.25 vCPU / 0.5 GiB tasks at 70%: 0.175 vCPU a task; demand 0.7 vCPU in hour 1, 0.175 otherwise.
    const day = new Array<number>(24).fill(0.175);
    day[1] = 0.7;
    const service = testService({ trafficRps: day, cpuMsPerRequest: 1000 });
    const run = (st: Parameters<typeof testPlan>[2]) => fargate(evaluate(testPlan(catalog, [service], st)));
    const hourly = run({ serverlessContainers: { scaling: 'hourly' } });
    expect(hourly.week.units.slice(0, 3)).toEqual([1, 4, 1]);
    expect(hourly.capacity.taskHours).toBe(((23 + 4) * 7 * 730) / 168);
    expect(hourly.scaling).toEqual({ mode: 'hourly', aheadHours: 0 });
    const ahead = run({ serverlessContainers: { scaling: 'hourly', scaleAheadHours: 1 } });
    expect(ahead.week.units.slice(0, 3)).toEqual([4, 4, 1]);
    expect(ahead.scaling).toEqual({ mode: 'hourly', aheadHours: 1 });
    const fixed = run({ serverlessContainers: { scaling: 'static' } });
    expect(new Set(fixed.week.units)).toEqual(new Set([4]));
    expect(fixed.capacity.taskHours).toBe(4 * 730);
    expect(fixed.scaling).toEqual({ mode: 'static', aheadHours: 0 });
    expect(fixed.utilization.cpuPeak).toBe(0.7);
  });

  it('spreads tasks over the zones (at least one per zone; surviving a zone loss) and says what zones added', () => {
    const service = testService({ name: 'api', trafficRps: flat(0.175), cpuMsPerRequest: 1000 });
    const one = fargate(evaluate(testPlan(catalog, [service])));
    expect(one.capacity.peakTasks).toBe(1);
    const two = fargate(
      evaluate(testPlan(catalog, [service], {}, 730, { resilience: { zones: 2, surviveZoneLoss: false } })),
    );
    expect(two.capacity.peakTasks).toBe(2);
    expect(two.capacity.zones).toBe(2);
    expect(two.warnings.find((w) => w.code === 'zones')?.message).toBe(
      '2 zones: 1 service runs more tasks than its demand needs (at least one per zone): api; +730 task-hours a month.',
    );
    const survive = fargate(
      evaluate(testPlan(catalog, [service], {}, 730, { resilience: { zones: 3, surviveZoneLoss: true } })),
    );
    expect(survive.capacity.peakTasks).toBe(3);
  });
});

describe('serverless containers: prices', () => {
  const service = testService({
    name: 'api',
    trafficRps: flat(0.1),
    memoryMiB: 2048,
    container: { cpuMillicores: 1000 },
  });

  it('ECS x86_64 by default: the smallest task holding the service, at the x86 rates', () => {
    const s = fargate(evaluate(testPlan(catalog, [service])));
    expect(lineNamed(s.lineItems, 'Task vCPU-hours').component).toBe(
      'Task vCPU-hours (ECS on Fargate, x86_64, 1 vCPU / 2 GiB)',
    );
    expect(lineNamed(s.lineItems, 'Task vCPU-hours').unitPrice).toBe(0.04048);
    expect(lineNamed(s.lineItems, 'Task memory GiB-hours').unitPrice).toBe(0.004445);
    // One task all month: 730 × (0.04048 + 2 × 0.004445).
    expect(s.monthlyCost).toBe(sumCents([29.55, 6.49]));
    expect(s.lineItems.some((l) => /control plane/i.test(l.component))).toBe(false);
  });

  it('arm64 on ECS at the ARM rates; arm64 on EKS cannot be costed, with the reason and fix', () => {
    const arm = fargate(
      evaluate(testPlan(catalog, [service], { serverlessContainers: { architecture: 'arm64' } })),
    );
    expect(lineNamed(arm.lineItems, 'Task vCPU-hours').unitPrice).toBe(0.03238);
    expect(lineNamed(arm.lineItems, 'Task memory GiB-hours').unitPrice).toBe(0.00356);
    const eks = evaluate(
      testPlan(catalog, [service], { serverlessContainers: { architecture: 'arm64', platform: 'eks' } }),
    );
    expect(fargate(eks).cannotCost).toEqual([
      {
        path: 'strategies.serverlessContainers.architecture',
        service: null,
        message: 'EKS on Fargate runs x86_64 pods only',
        fix: 'choose x86_64, or the ECS platform for arm64 tasks',
      },
    ]);
    expect(eks.cheapest).not.toBe('serverless-containers');
  });

  it('the discount comes off vCPU and memory, not ephemeral storage, billed above the 20 GiB included', () => {
    const big = testService({ ...service, fargate: { ephemeralStorageGiB: 50 } });
    const s = fargate(evaluate(testPlan(catalog, [big], { serverlessContainers: { discount: 0.5 } })));
    expect(lineNamed(s.lineItems, 'Task vCPU-hours').unitPrice).toBe(0.02024);
    expect(lineNamed(s.lineItems, 'Task memory GiB-hours').unitPrice).toBe(0.0022225);
    const storage = lineNamed(s.lineItems, 'Ephemeral storage above 20 GiB');
    expect(storage.component).toBe('Ephemeral storage above 20 GiB (50 GiB a task)');
    expect([storage.quantity, storage.unitPrice]).toEqual([30 * 730, 0.000111]);
    expect(storage.cost).toBe(2.43);
    // 20 GiB (the default) adds no line.
    const plain = fargate(evaluate(testPlan(catalog, [service])));
    expect(plain.lineItems.some((l) => l.component.startsWith('Ephemeral'))).toBe(false);
  });

  it('EKS adds its control plane fee, shared by the services’ vCPU-hours', () => {
    const a = testService({ name: 'a', trafficRps: flat(0.1), container: { cpuMillicores: 250 } });
    const b = testService({
      name: 'b',
      trafficRps: flat(0.1),
      container: { cpuMillicores: 1000 },
      memoryMiB: 1024,
    });
    const s = fargate(evaluate(testPlan(catalog, [a, b], { serverlessContainers: { platform: 'eks' } })));
    const fee = lineNamed(s.lineItems, 'EKS control plane hours');
    expect([fee.service, fee.quantity, fee.unitPrice, fee.cost]).toEqual([null, 730, 0.1, 73]);
    // a: 0.25 vCPU pods, b: 1 vCPU pods (1 GiB + 256 MB → 1 vCPU / 2 GiB): the fee splits 1 : 4.
    const cost = Object.fromEntries(s.services.map((x) => [x.service, x.cost]));
    expect(cost.a! + cost.b!).toBeCloseTo(s.monthlyCost, 10);
    const own = (name: string) => sumCents(s.lineItems.filter((l) => l.service === name).map((l) => l.cost));
    expect(cost.a! - own('a')).toBeCloseTo(14.6, 10);
    expect(cost.b! - own('b')).toBeCloseTo(58.4, 10);
  });

  it('warns for a stateful service (tasks can hold a volume, which is not priced)', () => {
    const db = testService({ name: 'db', stateful: true });
    const s = fargate(evaluate(testPlan(catalog, [db])));
    expect(s.services[0]!.included).toBe(true);
    expect(s.warnings.map((w) => [w.service, w.code])).toEqual([['db', 'stateful-task']]);
  });

  it('gets the components around compute on the same terms as the others: front door, NAT, logs, operations; no root volumes', () => {
    const plan = testPlan(catalog, [service], {}, 730, {
      frontDoor: {
        kind: 'alb',
        perService: false,
        rules: 10,
        bytesPerRequest: 2048,
        requestsPerConnection: 10,
        connectionSeconds: 60,
      },
      storage: { rootVolumeGiB: 20, type: 'gp3' },
      network: { natGateways: 1, natGBPerMonth: 100 },
      logs: { bytesPerRequest: 1000 },
      operations: {
        hourlyRate: 100,
        hoursPerMonth: {
          sharedHost: 1,
          vmPerService: 1,
          containerCluster: 1,
          serverless: 1,
          serverlessContainers: 2,
        },
      },
    });
    const r = evaluate(plan);
    const s = fargate(r);
    const vm = r.strategies.find((x) => x.id === 'vm-per-service')!;
    const names = (x: StrategyReport) =>
      x.lineItems.filter((l) => !/^(Task|Instance)/.test(l.component)).map((l) => [l.component, l.cost]);
    expect(names(s)).toEqual(
      names(vm)
        .filter(([c]) => !String(c).startsWith('Root volumes') && !String(c).startsWith('Operations'))
        .concat([['Operations (your estimate: 2 person-hours)', 200]]),
    );
    expect(s.notIncluded.some((x) => /root volumes/.test(x))).toBe(false);
  });
});

describe('serverless containers: what it cannot cost', () => {
  const service = testService({ name: 'api' });

  it('an invalid task size: located at the service’s fargate, naming the valid sizes near it', () => {
    const r = evaluate(testPlan(catalog, [testService({ name: 'api', fargate: { cpu: 2, memoryGiB: 20 } })]));
    expect(fargate(r).cannotCost).toEqual([
      {
        path: 'services[0].fargate',
        service: 'api',
        message:
          '2 vCPU / 20 GiB is not a valid Fargate task size; valid sizes near it: 2 vCPU with 4–16 GiB in 1 GiB ' +
          'steps; 4 vCPU with 8–30 GiB in 1 GiB steps',
        fix: 'choose a valid size (the smallest that holds it is 4 vCPU / 20 GiB), or leave `fargate` out to get the smallest valid size that holds the service',
      },
    ]);
    expect(fargate(r).monthlyCost).toBe(0);
  });

  it('a catalog without Fargate prices: the strategy cannot be costed; every other strategy’s figures are the same', () => {
    const bare: Catalog = structuredClone(catalog);
    delete bare.fargate;
    const withF = evaluate(testPlan(catalog, [service]));
    const without = evaluate(testPlan(bare, [service]));
    expect(fargate(without).cannotCost).toEqual([
      {
        path: 'catalog',
        service: null,
        message: 'catalog "aws-us-east-1" has no Fargate prices',
        fix: 'use a catalog with Fargate prices (the bundled "aws-us-east-1" has them), or add `fargate` to this catalog',
      },
    ]);
    const others = (r: Report) => r.strategies.filter((s) => s.id !== 'serverless-containers');
    expect(others(without)).toEqual(others(withF));
  });

  it('its settings change no other strategy’s figures', () => {
    const base = evaluate(testPlan(catalog, [service]));
    const other = evaluate(
      testPlan(catalog, [service], {
        serverlessContainers: { platform: 'eks', targetUtilization: 0.2, scaling: 'static', discount: 0.4 },
      }),
    );
    const others = (r: Report) => r.strategies.filter((s) => s.id !== 'serverless-containers');
    expect(others(other)).toEqual(others(base));
    expect(fargate(other).monthlyCost).not.toBe(fargate(base).monthlyCost);
  });

  it('the function alone reports the same as the engine', () => {
    const plan = testPlan(catalog, [service, testService({ name: 'b', trafficRps: flat(40) })]);
    expect(serverlessContainers(prepare(plan))).toEqual(fargate(evaluate(plan)));
  });
});
