/* eslint-disable @typescript-eslint/no-explicit-any -- these tests edit arbitrary JSON documents on purpose */
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/index.ts';
import { DEFAULT_STRATEGIES, evaluate, STRATEGY_IDS } from '../model/index.ts';
import { formatIssue, parsePlan, parsePlanText, planToFile, PLAN_LIMITS, type PlanFile } from './index.ts';

const day = (v: number) => new Array<number>(24).fill(v);

function validFile(): PlanFile & Record<string, unknown> {
  return {
    format: 'headroom-plan',
    version: 1,
    name: 'Test plan',
    catalog: 'aws-us-east-1',
    services: [
      { name: 'orders', trafficRps: day(20), cpuMsPerRequest: 12, durationMs: 80, memoryMiB: 512 },
      { name: 'kitchen', trafficRps: day(5), cpuMsPerRequest: 8, durationMs: 40, memoryMiB: 256 },
    ],
  };
}

/** Messages of a file that must fail, as `path: message` lines. */
function problems(input: unknown): string[] {
  const r = parsePlan(input);
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.issues.map(formatIssue);
}

function mutate(f: (p: Record<string, any>) => void): unknown {
  const p = structuredClone(validFile()) as Record<string, any>;
  f(p);
  return p;
}

describe('parsePlan: a valid plan', () => {
  it('fills every default from src/model/defaults.ts', () => {
    const r = parsePlan(validFile());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.hoursPerMonth).toBe(730);
    expect(r.plan.catalog).toEqual(bundledCatalog('aws-us-east-1'));
    expect(r.plan.strategies).toEqual(DEFAULT_STRATEGIES);
    const s = r.plan.services[0]!;
    expect(s).toMatchObject({
      growthPerMonth: 0,
      minInstances: 1,
      stateful: false,
      vmInstanceType: null,
      container: { cpuMillicores: 250, memoryMiB: 512 },
      serverless: {
        memoryMiB: 512,
        architecture: 'x86_64',
        ephemeralStorageMiB: 512,
        provisionedConcurrency: 0,
      },
    });
  });

  it('takes controlPlaneHourly from an inline catalog when the plan leaves it out', () => {
    const cat = bundledCatalog('aws-us-east-1')!;
    const r = parsePlan(
      mutate((p) => (p.catalog = { ...cat, id: 'mine', kubernetes: { controlPlaneHourly: 0.6 } })),
    );
    expect(r.ok && r.plan.strategies.containerCluster.controlPlaneHourly).toBe(0.6);
    const r2 = parsePlan(
      mutate((p) => {
        p.catalog = { ...cat, id: 'mine', kubernetes: { controlPlaneHourly: 0.6 } };
        p.strategies = { containerCluster: { controlPlaneHourly: 0 } };
      }),
    );
    expect(r2.ok && r2.plan.strategies.containerCluster.controlPlaneHourly).toBe(0);
  });

  it('keeps explicit settings and per-service overrides', () => {
    const r = parsePlan(
      mutate((p) => {
        p.hoursPerMonth = 744;
        p.services[0] = {
          ...p.services[0],
          growthPerMonth: -0.5,
          minInstances: 0,
          stateful: true,
          vmInstanceType: 'r6i.large',
          container: { cpuMillicores: 500 },
          serverless: { memoryMiB: 1024, architecture: 'arm64', provisionedConcurrency: day(2) },
        };
        p.strategies = {
          vmPerService: { scaling: 'hourly' },
          serverless: { apiGateway: 'http', freeTier: false },
        };
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.hoursPerMonth).toBe(744);
    expect(r.plan.services[0]).toMatchObject({
      growthPerMonth: -0.5,
      minInstances: 0,
      stateful: true,
      vmInstanceType: 'r6i.large',
      container: { cpuMillicores: 500, memoryMiB: 512 },
      serverless: { memoryMiB: 1024, architecture: 'arm64', provisionedConcurrency: day(2) },
    });
    expect(r.plan.strategies.vmPerService).toEqual({ ...DEFAULT_STRATEGIES.vmPerService, scaling: 'hourly' });
    expect(r.plan.strategies.serverless).toEqual({
      ...DEFAULT_STRATEGIES.serverless,
      freeTier: false,
      apiGateway: 'http',
    });
  });

  it('clamps the default Lambda memory to 128..10240', () => {
    const r = parsePlan(mutate((p) => (p.services[0].memoryMiB = 64)));
    expect(r.ok && r.plan.services[0]!.serverless.memoryMiB).toBe(128);
  });

  it('accepts 168-hour curves and a null vmInstanceType', () => {
    const r = parsePlan(
      mutate((p) => {
        p.services[0].trafficRps = new Array(168).fill(1);
        p.services[0].vmInstanceType = null;
      }),
    );
    expect(r.ok).toBe(true);
  });

  it('does not share arrays with the input (later edits of the file cannot change the plan)', () => {
    const f = validFile();
    const r = parsePlan(f);
    f.services[0]!.trafficRps[0] = 999;
    expect(r.ok && r.plan.services[0]!.trafficRps[0]).toBe(20);
  });
});

describe('parsePlan: every problem, with its path', () => {
  it('lists all problems at once, not only the first', () => {
    const msgs = problems(
      mutate((p) => {
        p.services[0].trafficRps[3] = -1;
        p.services[1].memoryMiB = 0;
        p.colour = 'blue';
      }),
    );
    expect(msgs).toEqual(
      expect.arrayContaining([
        'services[0].trafficRps[3]: must be a number >= 0',
        'services[1].memoryMiB: must be a number > 0',
        'colour: unknown field',
      ]),
    );
    expect(msgs).toHaveLength(3);
  });

  it.each([
    [
      'a string in a curve',
      (p: any) => (p.services[0].trafficRps[10] = 'x'),
      'services[0].trafficRps[10]: must be a number >= 0 and <= 1000000000',
    ],
    [
      'NaN',
      (p: any) => (p.services[0].cpuMsPerRequest = NaN),
      'services[0].cpuMsPerRequest: must be a number >= 0 and <= 10000000',
    ],
    [
      'Infinity',
      (p: any) => (p.services[0].trafficRps[0] = Infinity),
      'services[0].trafficRps[0]: must be a number >= 0 and <= 1000000000',
    ],
    [
      'too much traffic',
      (p: any) => (p.services[0].trafficRps[0] = 2e9),
      'services[0].trafficRps[0]: must be a number <= 1000000000',
    ],
    [
      'a curve of 23',
      (p: any) => p.services[0].trafficRps.pop(),
      'services[0].trafficRps: must have 24 values (one day) or 168 values (one week), not 23',
    ],
    [
      'cpu over cap',
      (p: any) => (p.services[0].cpuMsPerRequest = 1e8),
      'services[0].cpuMsPerRequest: must be a number <= 10000000',
    ],
    [
      'zero duration',
      (p: any) => (p.services[0].durationMs = 0),
      'services[0].durationMs: must be a number > 0',
    ],
    [
      'duration over cap',
      (p: any) => (p.services[0].durationMs = 1e8 + 1),
      'services[0].durationMs: must be a number <= 100000000',
    ],
    [
      'memory over cap',
      (p: any) => (p.services[0].memoryMiB = 1e7 + 1),
      'services[0].memoryMiB: must be a number <= 10000000',
    ],
    [
      'fractional minInstances',
      (p: any) => (p.services[0].minInstances = 1.5),
      'services[0].minInstances: must be a whole number >= 0 and <= 10000',
    ],
    [
      'minInstances over cap',
      (p: any) => (p.services[0].minInstances = 10_001),
      'services[0].minInstances: must be a whole number <= 10000',
    ],
    [
      'growth below -0.99',
      (p: any) => (p.services[0].growthPerMonth = -1),
      'services[0].growthPerMonth: must be a number >= -0.99',
    ],
    [
      'growth above 10',
      (p: any) => (p.services[0].growthPerMonth = 11),
      'services[0].growthPerMonth: must be a number <= 10',
    ],
    [
      'stateful not boolean',
      (p: any) => (p.services[0].stateful = 'yes'),
      'services[0].stateful: must be true or false',
    ],
    ['empty name', (p: any) => (p.services[0].name = ''), 'services[0].name: must not be empty'],
    [
      'long name',
      (p: any) => (p.services[0].name = 'x'.repeat(201)),
      'services[0].name: must be at most 200 characters',
    ],
    ['missing name', (p: any) => delete p.services[0].name, 'services[0].name: is required'],
    ['missing curve', (p: any) => delete p.services[0].trafficRps, 'services[0].trafficRps: is required'],
    [
      'lambda memory 127',
      (p: any) => (p.services[0].serverless = { memoryMiB: 127 }),
      'services[0].serverless.memoryMiB: must be a whole number >= 128',
    ],
    [
      'lambda memory 10241',
      (p: any) => (p.services[0].serverless = { memoryMiB: 10_241 }),
      'services[0].serverless.memoryMiB: must be a whole number <= 10240',
    ],
    [
      'ephemeral 511',
      (p: any) => (p.services[0].serverless = { ephemeralStorageMiB: 511 }),
      'services[0].serverless.ephemeralStorageMiB: must be a whole number >= 512',
    ],
    [
      'bad architecture',
      (p: any) => (p.services[0].serverless = { architecture: 'sparc' }),
      'services[0].serverless.architecture: must be one of "x86_64", "arm64"',
    ],
    [
      'negative PC',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: -1 }),
      'services[0].serverless.provisionedConcurrency: must be a whole number >= 0',
    ],
    [
      'PC over cap',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: 1e6 + 1 }),
      'services[0].serverless.provisionedConcurrency: must be a whole number <= 1000000',
    ],
    [
      'PC curve with a bad level',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: [...day(1).slice(1), -2] }),
      'services[0].serverless.provisionedConcurrency[23]: must be a whole number >= 0',
    ],
    [
      'fractional PC (issue 10 §7.4: environments are whole)',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: 2.5 }),
      'services[0].serverless.provisionedConcurrency: must be a whole number >= 0 and <= 1000000, or a list of 24 or 168 such numbers',
    ],
    [
      'PC curve with a fractional level',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: [...day(1).slice(1), 0.5] }),
      'services[0].serverless.provisionedConcurrency[23]: must be a whole number >= 0 and <= 1000000',
    ],
    [
      'PC curve of 3',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: [1, 2, 3] }),
      'services[0].serverless.provisionedConcurrency: must have 24 values (one day) or 168 values (one week), not 3',
    ],
    [
      'PC as text',
      (p: any) => (p.services[0].serverless = { provisionedConcurrency: 'two' }),
      'services[0].serverless.provisionedConcurrency: must be a whole number >= 0 and <= 1000000, or a list of 24 or 168 such numbers',
    ],
    [
      'zero pod CPU',
      (p: any) => (p.services[0].container = { cpuMillicores: 0 }),
      'services[0].container.cpuMillicores: must be a number > 0',
    ],
    [
      'unknown container field',
      (p: any) => (p.services[0].container = { gpu: 1 }),
      'services[0].container.gpu: unknown field',
    ],
    [
      'utilization 0',
      (p: any) => (p.strategies = { sharedHost: { targetUtilization: 0 } }),
      'strategies.sharedHost.targetUtilization: must be a number > 0',
    ],
    [
      'utilization 1.01',
      (p: any) => (p.strategies = { vmPerService: { targetUtilization: 1.01 } }),
      'strategies.vmPerService.targetUtilization: must be a number <= 1',
    ],
    [
      'discount 1',
      (p: any) => (p.strategies = { serverless: { discount: 1 } }),
      'strategies.serverless.discount: must be a number < 1',
    ],
    [
      'negative discount',
      (p: any) => (p.strategies = { containerCluster: { discount: -0.1 } }),
      'strategies.containerCluster.discount: must be a number >= 0',
    ],
    [
      'overprovisioning 11',
      (p: any) => (p.strategies = { containerCluster: { overprovisioning: 11 } }),
      'strategies.containerCluster.overprovisioning: must be a number <= 10',
    ],
    [
      'minHosts 0',
      (p: any) => (p.strategies = { sharedHost: { minHosts: 0 } }),
      'strategies.sharedHost.minHosts: must be a whole number >= 1',
    ],
    [
      'minHosts 100001',
      (p: any) => (p.strategies = { sharedHost: { minHosts: 100_001 } }),
      'strategies.sharedHost.minHosts: must be a whole number <= 100000',
    ],
    [
      'bad scaling',
      (p: any) => (p.strategies = { containerCluster: { scaling: 'weekly' } }),
      'strategies.containerCluster.scaling: must be one of "static", "hourly"',
    ],
    [
      'bad reservation',
      (p: any) => (p.strategies = { containerCluster: { reservation: 'ecs' } }),
      'strategies.containerCluster.reservation: must be one of "eks", "gke", "aks", "none"',
    ],
    [
      'bad gateway',
      (p: any) => (p.strategies = { serverless: { apiGateway: 'graphql' } }),
      'strategies.serverless.apiGateway: must be one of "none", "http", "rest", "alb"',
    ],
    ['unknown strategy', (p: any) => (p.strategies = { fargate: {} }), 'strategies.fargate: unknown field'],
    ['hoursPerMonth 0', (p: any) => (p.hoursPerMonth = 0), 'hoursPerMonth: must be a number > 0'],
    [
      'hoursPerMonth over a year',
      (p: any) => (p.hoursPerMonth = 8929),
      'hoursPerMonth: must be a number <= 8928',
    ],
    ['version 0', (p: any) => (p.version = 0), 'version: must be 1 or 2'],
    ['services not a list', (p: any) => (p.services = {}), 'services: must be a list'],
    ['service not an object', (p: any) => (p.services[1] = 3), 'services[1]: must be an object'],
    ['plan name missing', (p: any) => delete p.name, 'name: is required'],
    [
      'catalog a number',
      (p: any) => (p.catalog = 7),
      'catalog: must be the id of a bundled catalog (text) or a whole catalog object',
    ],
    ['odd unknown key', (p: any) => (p['my key'] = 1), 'my key: unknown field'],
  ])('%s', (_label, f, expected) => {
    const msgs = problems(mutate(f));
    expect(msgs).toContain(expected.replace(/^my key/, '["my key"]'));
  });

  it('names both indexes of a duplicate service name', () => {
    expect(problems(mutate((p) => (p.services[1].name = 'orders')))).toEqual([
      'services[1].name: "orders" is also the name of services[0]',
    ]);
  });

  it('names unknown references and their path', () => {
    const msgs = problems(
      mutate((p) => {
        p.strategies = {
          sharedHost: { instanceType: 'm9.huge' },
          vmPerService: { instanceType: 'm9.small' },
          containerCluster: { nodeType: 'x1.metal' },
        };
        p.services[1].vmInstanceType = 'z.tiny';
      }),
    );
    expect(msgs).toEqual([
      'strategies.sharedHost.instanceType: "m9.huge" is not in catalog "aws-us-east-1"',
      'strategies.vmPerService.instanceType: "m9.small" is not in catalog "aws-us-east-1"',
      'strategies.containerCluster.nodeType: "x1.metal" is not in catalog "aws-us-east-1"',
      'services[1].vmInstanceType: "z.tiny" is not in catalog "aws-us-east-1"',
    ]);
  });

  it('accepts "auto" only for the VM-per-service type', () => {
    expect(parsePlan(mutate((p) => (p.strategies = { vmPerService: { instanceType: 'auto' } }))).ok).toBe(
      true,
    );
    expect(problems(mutate((p) => (p.strategies = { sharedHost: { instanceType: 'auto' } })))).toEqual([
      'strategies.sharedHost.instanceType: "auto" is not in catalog "aws-us-east-1"',
    ]);
  });

  it('refuses to survive the loss of a zone on one zone (issue 10 §3)', () => {
    const zones = (resilience: Record<string, unknown>) =>
      mutate((p) => {
        p.version = 2;
        p.resilience = resilience;
      });
    const message =
      'resilience.surviveZoneLoss: surviving the loss of a zone needs at least 2 zones; set resilience.zones to 2 or more';
    expect(problems(zones({ surviveZoneLoss: true }))).toEqual([message]);
    expect(problems(zones({ zones: 1, surviveZoneLoss: true }))).toEqual([message]);
    expect(parsePlan(zones({ zones: 2, surviveZoneLoss: true })).ok).toBe(true);
  });

  it('names an unknown catalog id', () => {
    expect(problems(mutate((p) => (p.catalog = 'gcp-mars-1')))).toEqual([
      'catalog: "gcp-mars-1" is not a bundled catalog (bundled: "aws-us-east-1", "aws-us-east-1@2025-10", "aws-us-east-1@2026-11", "gcp-us-central1", "azure-eastus"); give its id or a whole catalog object',
    ]);
  });

  it('a service too big for a strategy’s types is not a plan problem: the engine says which strategy cannot be costed (issue 9 §1)', () => {
    const r = parsePlan(mutate((p) => (p.services[0].memoryMiB = 1e6)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const report = evaluate(r.plan);
    const vm = report.strategies.find((s) => s.id === 'vm-per-service')!;
    expect(vm.cannotCost).toEqual([
      expect.objectContaining({
        path: 'services[0].memoryMiB',
        message: expect.stringMatching(/fits no .*instance type/),
      }),
    ]);
    expect(report.strategies.find((s) => s.id === 'serverless')!.cannotCost).toBeUndefined();
  });

  it('rejects a file that is not a plan with one line', () => {
    expect(problems({ hello: 'world' })).toEqual([
      'format: is required and must be "headroom-plan": this is not a Headroom plan file',
    ]);
    expect(problems(mutate((p) => (p.format = 'other')))).toEqual([
      'format: must be "headroom-plan": this is not a Headroom plan file',
    ]);
    expect(problems([1, 2])).toEqual(['(plan): must be an object (a Headroom plan)']);
    expect(problems(null)).toEqual(['(plan): must be an object (a Headroom plan)']);
    expect(problems('plan')).toEqual(['(plan): must be an object (a Headroom plan)']);
  });

  it('refuses a file written by a newer version, saying so', () => {
    expect(problems(mutate((p) => (p.version = 3)))).toEqual([
      'version: written by a newer Headroom (version 3); this version reads versions 1 and 2',
    ]);
    expect(problems(mutate((p) => (p.version = 1.5)))).toEqual(['version: must be 1 or 2']);
    expect(problems(mutate((p) => (p.version = '1')))).toEqual(['version: must be 1 or 2']);
  });

  it('treats __proto__ and constructor as unknown fields and never pollutes prototypes', () => {
    const text = JSON.stringify(validFile()).replace(
      '"name":"orders",',
      '"name":"orders","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const r = parsePlanText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual([
      'services[0].__proto__: unknown field',
      'services[0].constructor: unknown field',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('caps the number of listed problems and counts the rest', () => {
    const p = mutate((q) => {
      q.services = Array.from({ length: 40 }, (_, i) => ({
        name: `s${i}`,
        trafficRps: day(-1),
        cpuMsPerRequest: 1,
        durationMs: 1,
        memoryMiB: 1,
      }));
    });
    const r = parsePlan(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(PLAN_LIMITS.maxIssues + 1);
    expect(formatIssue(r.issues.at(-1)!)).toBe(
      `(plan): and ${40 * 24 - PLAN_LIMITS.maxIssues} more problems`,
    );
  });

  it('rejects more than 10,000 services', () => {
    const s = validFile().services[0]!;
    const p = mutate(
      (q) => (q.services = Array.from({ length: 10_001 }, (_, i) => ({ ...s, name: `s${i}` }))),
    );
    expect(problems(p)).toEqual(['services: must have at most 10000 services']);
  });

  it('rejects deep nesting, long lists and cycles without overflowing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(problems(mutate((p) => (p.extra = deep)))[0]).toMatch(/nested more than 32 levels deep$/);
    expect(problems(mutate((p) => (p.services[0].trafficRps = new Array(200_000).fill(1))))).toEqual([
      'services[0].trafficRps: has 200000 items; at most 100000',
    ]);
    const cyc = mutate(() => undefined) as Record<string, unknown>;
    cyc.self = cyc;
    expect(problems(cyc)[0]).toMatch(/nested more than 32 levels deep$/);
  });
});

describe('inline catalogs', () => {
  const cat = () => structuredClone(bundledCatalog('aws-us-east-1')!) as Record<string, any>;

  it('accepts a whole catalog with extra fields and uses it', () => {
    const c = cat();
    c.id = 'negotiated';
    c.note = 'our 2026 contract';
    c.instanceTypes[0].comment = 'x';
    const r = parsePlan(mutate((p) => (p.catalog = c)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.catalog.id).toBe('negotiated');
    expect(r.plan.catalog).not.toHaveProperty('note');
    expect(r.file.catalog).toHaveProperty('note', 'our 2026 contract');
  });

  it('carries an instance type’s optional architecture into the plan and checks it', () => {
    const c = cat();
    c.id = 'with-arch';
    c.instanceTypes[0].architecture = 'arm64';
    const r = parsePlan(mutate((p) => (p.catalog = c)));
    expect(r.ok && r.plan.catalog.instanceTypes[0]).toMatchObject({
      name: 't3.micro',
      architecture: 'arm64',
    });
    expect(r.ok && r.plan.catalog.instanceTypes[1]).not.toHaveProperty('architecture');
    c.instanceTypes[1].architecture = 'riscv';
    expect(problems(mutate((p) => (p.catalog = c)))).toEqual([
      'catalog.instanceTypes[1].architecture: must be one of "x86_64", "arm64"',
    ]);
  });

  it('requires the listed fields and checks their values', () => {
    const c = cat();
    delete c.serverless.freeTier;
    c.currency = 'usd';
    c.instanceTypes[1].vcpu = 0;
    c.instanceTypes[2].maxPods = 1.5;
    c.apiGateway.http = [];
    const msgs = problems(mutate((p) => (p.catalog = c)));
    expect(msgs).toEqual(
      expect.arrayContaining([
        'catalog.serverless.freeTier: is required',
        'catalog.currency: must be a three-letter currency code such as "USD"',
        'catalog.instanceTypes[1].vcpu: must be a number > 0',
        'catalog.instanceTypes[2].maxPods: must be a whole number >= 1 and <= 100000',
        'catalog.apiGateway.http: must have at least one tier',
      ]),
    );
  });

  it('checks tier order and the open-ended last tier', () => {
    const c = cat();
    c.serverless.gbSecond.x86_64 = [
      { upTo: 15e9, price: 1 },
      { upTo: 6e9, price: 1 },
      { upTo: null, price: 1 },
    ];
    c.serverless.gbSecond.arm64 = [
      { upTo: null, price: 1 },
      { upTo: 5, price: 1 },
    ];
    c.apiGateway.rest = [{ upTo: 10, price: 3.5 }];
    expect(problems(mutate((p) => (p.catalog = c)))).toEqual([
      "catalog.serverless.gbSecond.x86_64[1].upTo: must be greater than the previous tier's upTo (15000000000)",
      'catalog.serverless.gbSecond.arm64[0].upTo: only the last tier may have upTo null (no end)',
      'catalog.serverless.gbSecond.arm64[1].upTo: the last tier must have upTo null (no end)',
      'catalog.apiGateway.rest[0].upTo: the last tier must have upTo null (no end)',
    ]);
  });

  it('requires unique instance names and resolves references against the inline catalog', () => {
    const c = cat();
    c.id = 'small';
    c.instanceTypes = [c.instanceTypes[0], { ...c.instanceTypes[0] }];
    expect(problems(mutate((p) => (p.catalog = c)))).toEqual([
      'catalog.instanceTypes[1].name: "t3.micro" is also the name of catalog.instanceTypes[0]',
      'strategies.sharedHost.instanceType: is not set, and the default "m6i.2xlarge" is not in catalog "small"',
      'strategies.containerCluster.nodeType: is not set, and the default "m6i.xlarge" is not in catalog "small"',
    ]);
  });

  it('refuses __proto__ and constructor among a catalog’s extra fields', () => {
    const c = cat();
    const text = JSON.stringify({ ...validFile(), catalog: c }).replace(
      '"id":"aws-us-east-1",',
      '"id":"aws-us-east-1","__proto__":{"x":1},"constructor":1,',
    );
    const r = parsePlanText(text);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'catalog.__proto__: field name not allowed',
      'catalog.constructor: field name not allowed',
    ]);
  });
});

describe('parsePlanText', () => {
  it('locates JSON syntax errors by line and column', () => {
    const r = parsePlanText('{\n  "format": "headroom-plan",\n  "version": 1,,\n}');
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'line 3, column 16: not valid JSON: found "," where a field name in double quotes was expected',
    ]);
  });

  it('accepts a byte-order mark and rejects an oversized file before parsing', () => {
    expect(parsePlanText('\uFEFF' + JSON.stringify(validFile())).ok).toBe(true);
    const big = ' '.repeat(PLAN_LIMITS.maxFileBytes + 1);
    const r = parsePlanText(big);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      '(plan): the file is larger than 32 MiB; a plan file must be smaller',
    ]);
  });

  // Issue 8 §8: JSON.parse keeps the last of two equal keys, so a plan could say one thing and mean another.
  it('refuses a duplicate key at the top level, naming it and both lines', () => {
    const text = JSON.stringify(validFile(), null, 2).replace(
      '"name": "Test plan",',
      '"name": "Test plan",\n  "name": "Other shop",',
    );
    expect(text).toContain('"Other shop"');
    const r = parsePlanText(text);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'name: appears twice in the same object (lines 4 and 5); a JSON reader would silently keep only the last',
    ]);
  });

  it('refuses a duplicate key in an object inside a list, and in nested objects, with its path', () => {
    const file = validFile();
    const compact = JSON.stringify(file);
    const inList = compact.replace('"cpuMsPerRequest":12', '"cpuMsPerRequest":12,"cpuMsPerRequest":1');
    expect(inList).not.toBe(compact);
    const r1 = parsePlanText(inList);
    expect(r1.ok ? [] : r1.issues.map(formatIssue)).toEqual([
      'services[0].cpuMsPerRequest: appears twice in the same object (line 1); a JSON reader would silently keep only the last',
    ]);
    const withBlock = JSON.stringify({
      ...file,
      services: [
        file.services[0],
        { ...file.services[1], container: { cpuMillicores: 250, memoryMiB: 512 } },
      ],
    }).replace('"cpuMillicores":250', '"cpuMillicores":250,"cpu\\u004dillicores":500');
    const r2 = parsePlanText(withBlock);
    expect(r2.ok ? [] : r2.issues.map(formatIssue)).toEqual([
      'services[1].container.cpuMillicores: appears twice in the same object (line 1); a JSON reader would silently keep only the last',
    ]);
  });

  it('allows the same key in different objects, and keys that only look alike', () => {
    expect(parsePlanText(JSON.stringify(validFile())).ok).toBe(true);
    const text = JSON.stringify({ ...validFile(), note: { a: 1, A: 2, 'a ': 3, b: { a: 1 } } });
    const r = parsePlanText(text);
    // Unknown fields are reported by the schema, not as duplicates.
    expect(r.ok ? [] : r.issues.map(formatIssue)).not.toContainEqual(
      expect.stringContaining('appears twice'),
    );
  });

  it('reports 1e400 (Infinity after JSON.parse) as out of range', () => {
    const text = JSON.stringify(validFile()).replace('"cpuMsPerRequest":12', '"cpuMsPerRequest":1e400');
    const r = parsePlanText(text);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'services[0].cpuMsPerRequest: must be a number >= 0 and <= 10000000',
    ]);
  });
});

describe('round trip', () => {
  it('parse → planToFile → parse gives the same plan, and the file evaluates', () => {
    const r = parsePlan(
      mutate((p) => {
        p.services[0].serverless = { provisionedConcurrency: day(1), architecture: 'arm64' };
        p.services[1].vmInstanceType = 't3.small';
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = parsePlan(JSON.parse(JSON.stringify(planToFile(r.plan))));
    expect(again.ok && again.plan).toEqual(r.plan);
    expect(planToFile(r.plan).catalog).toBe('aws-us-east-1');
    expect(evaluate(r.plan).strategies).toHaveLength(STRATEGY_IDS.length);
  });

  it('writes an edited catalog inline', () => {
    const r = parsePlan(validFile());
    if (!r.ok) throw new Error('valid');
    r.plan.catalog.instanceTypes[0]!.hourly = 0.001;
    const f = planToFile(r.plan);
    expect(typeof f.catalog).toBe('object');
    const again = parsePlan(JSON.parse(JSON.stringify(f)));
    expect(again.ok && again.plan).toEqual(r.plan);
  });
});

describe('plan format version 2 (issue 10 §1)', () => {
  const v2 = (f: (p: Record<string, any>) => void = () => {}) => mutate((p) => ((p.version = 2), f(p)));

  it('opens version 1 and version 2 files', () => {
    expect(parsePlan(validFile()).ok).toBe(true);
    expect(parsePlan(v2()).ok).toBe(true);
  });

  it('refuses what version 2 added in a version 1 file, each with its path, and accepts it in version 2', () => {
    const additions = (p: Record<string, any>) => {
      p.frontDoor = { kind: 'alb' };
      p.resilience = { zones: 2 };
      p.storage = { rootVolumeGiB: 20 };
      p.network = { natGateways: 1 };
      p.logs = { bytesPerRequest: 100 };
      p.operations = { hourlyRate: 100 };
      p.strategies = {
        vmPerService: { scaleAheadHours: 1 },
        containerCluster: { scaleAheadHours: 1 },
        serverless: { inVpc: true, fallback: 'vmPerService', apiGateway: 'alb' },
      };
      p.services[1].serverless = { memoryMiB: 'auto' };
    };
    expect(problems(mutate(additions)).sort()).toEqual(
      [
        'frontDoor: needs "version": 2 (this file is version 1)',
        'resilience: needs "version": 2 (this file is version 1)',
        'storage: needs "version": 2 (this file is version 1)',
        'network: needs "version": 2 (this file is version 1)',
        'logs: needs "version": 2 (this file is version 1)',
        'operations: needs "version": 2 (this file is version 1)',
        'strategies.vmPerService.scaleAheadHours: needs "version": 2 (this file is version 1)',
        'strategies.containerCluster.scaleAheadHours: needs "version": 2 (this file is version 1)',
        'strategies.serverless.inVpc: needs "version": 2 (this file is version 1)',
        'strategies.serverless.fallback: needs "version": 2 (this file is version 1)',
        'strategies.serverless.apiGateway: "alb" needs "version": 2 (this file is version 1)',
        'services[1].serverless.memoryMiB: "auto" needs "version": 2 (this file is version 1)',
      ].sort(),
    );
    expect(parsePlan(v2(additions)).ok).toBe(true);
    // Version 1's own values of those fields stay allowed.
    expect(parsePlan(mutate((p) => (p.strategies = { serverless: { apiGateway: 'http' } }))).ok).toBe(true);
  });

  it('a pod request left out: 250 millicores in version 1, 1 vCPU per 4 GiB of pod memory (at least 250) in version 2', () => {
    const services = (p: Record<string, any>) => {
      p.services = [
        { name: 'small', trafficRps: day(1), cpuMsPerRequest: 1, durationMs: 10, memoryMiB: 512 },
        { name: 'batch', trafficRps: day(1), cpuMsPerRequest: 1, durationMs: 10, memoryMiB: 3072 },
        {
          name: 'pod-memory',
          trafficRps: day(1),
          cpuMsPerRequest: 1,
          durationMs: 10,
          memoryMiB: 512,
          container: { memoryMiB: 8192 },
        },
        {
          name: 'explicit',
          trafficRps: day(1),
          cpuMsPerRequest: 1,
          durationMs: 10,
          memoryMiB: 8192,
          container: { cpuMillicores: 300 },
        },
      ];
    };
    const pods = (input: unknown) => {
      const r = parsePlan(input);
      if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
      return r.plan.services.map((s) => s.container.cpuMillicores);
    };
    expect(pods(mutate(services))).toEqual([250, 250, 250, 300]);
    expect(pods(v2(services))).toEqual([250, 750, 2000, 300]);
  });

  it('planToFile writes version 2 with the pod request explicit: a version 1 plan saved keeps its figures', () => {
    const v1 = mutate((p) => (p.services[0].memoryMiB = 4096));
    const r1 = parsePlan(v1);
    if (!r1.ok) throw new Error('v1 must parse');
    const file = planToFile(r1.plan);
    expect(file.version).toBe(2);
    expect(file.services[0]!.container?.cpuMillicores).toBe(250);
    const r2 = parsePlan(JSON.parse(JSON.stringify(file)));
    if (!r2.ok) throw new Error(r2.issues.map(formatIssue).join('\n'));
    expect(r2.plan).toEqual(r1.plan);
    expect(evaluate(r2.plan)).toEqual(evaluate(r1.plan));
  });
});
