// The components priced around compute (issue 10 §2, §4) end to end through `evaluate`: the published ALB example,
// the published NAT example, and hand-computed figures for NLB, per-service load balancers, root volumes, logs and
// operations (pricing-2.md §1–§2; docs/cost-model.md "Components around compute").
import { describe, expect, it } from 'vitest';
import { awsUsEast1 } from '../catalog/aws-us-east-1.ts';
import { COMPONENTS_OFF, NEW_PLAN_DEFAULTS } from './defaults.ts';
import { evaluate } from './engine.ts';
import { toCents } from './money.ts';
import { flat, testPlan, testService, type Components } from './testing.ts';
import type { Catalog, FrontDoor, LineItem, Plan, Service, StrategyId, StrategyReport } from './types.ts';

const catalog: Catalog = structuredClone(awsUsEast1);
const NOT_LAMBDA: StrategyId[] = ['shared-host', 'vm-per-service', 'container-cluster'];

/**
 * The ELB pricing page example (pricing-2.md §1) as a plan's traffic: 5 requests/s, one new connection/s (5 requests
 * each) lasting 2 minutes, 300 KB/s processed (60,000 bytes a request) and 60 rules.
 */
const ELB_EXAMPLE: FrontDoor = {
  kind: 'alb',
  perService: false,
  rules: 60,
  bytesPerRequest: 60_000,
  requestsPerConnection: 5,
  connectionSeconds: 120,
};

function plan(services: Service[], components: Components, hours = 730, cat = catalog): Plan {
  return testPlan(cat, services, { sharedHost: { minHosts: 1 } }, hours, components);
}

const strategy = (p: Plan, id: StrategyId): StrategyReport =>
  evaluate(p).strategies.find((s) => s.id === id)!;

/** The lines whose component matches `re`, as [service, component, cost]. */
function lines(r: StrategyReport, re: RegExp): [string | null, string, number][] {
  return r.lineItems
    .filter((l: LineItem) => re.test(l.component))
    .map((l) => [l.service, l.component, l.cost]);
}

describe('front door', () => {
  it('reproduces the ELB page example through evaluate: $16.20 + $6.22 = $22.42 at 720 hours, for every non-Lambda strategy', () => {
    const p = plan([testService({ name: 'web', trafficRps: flat(5) })], { frontDoor: ELB_EXAMPLE }, 720);
    for (const id of NOT_LAMBDA) {
      const r = strategy(p, id);
      expect(lines(r, /^Load balancer/), id).toEqual([
        [null, 'Load balancer hours (ALB, shared)', 16.2],
        [null, 'Load balancer capacity units (LCU-hours)', 6.22],
      ]);
      const lcu = r.lineItems.find((l) => l.unit === 'LCU-hours')!;
      expect(lcu.quantity).toBeCloseTo(1.08 * 720, 9);
    }
    // Lambda behind an HTTP API has no load balancer.
    expect(lines(strategy(p, 'serverless'), /^Load balancer/)).toEqual([]);
  });

  it('prices an NLB on NLCUs: 1,000 requests/s of 2 KB = 7.3728 NLCU an hour', () => {
    const frontDoor: FrontDoor = { ...COMPONENTS_OFF.frontDoor, kind: 'nlb' };
    const p = plan([testService({ name: 'tcp', trafficRps: flat(1000) })], { frontDoor });
    // 730 h × $0.0225 = $16.425 → $16.43 (infracost's golden figure); 7.3728 × 730 × $0.006 = $32.292864.
    expect(lines(strategy(p, 'shared-host'), /^Load balancer/)).toEqual([
      [null, 'Load balancer hours (NLB, shared)', 16.43],
      [null, 'Load balancer capacity units (NLCU-hours)', 32.29],
    ]);
  });

  it('one load balancer per service: a fee each and units on its own traffic; shared: units on the sum, split by requests', () => {
    const services = [
      testService({ name: 'a', trafficRps: flat(5) }),
      testService({ name: 'b', trafficRps: flat(10) }),
    ];
    const perService = plan(services, { frontDoor: { ...ELB_EXAMPLE, perService: true } }, 720);
    // a: 1.08 LCU × 720 h × $0.008 = $6.2208; b: 2.16 LCU → $12.4416; $16.20 of hours each.
    expect(lines(strategy(perService, 'vm-per-service'), /^Load balancer/)).toEqual([
      ['a', 'Load balancer hours (ALB)', 16.2],
      ['a', 'Load balancer capacity units (LCU-hours)', 6.22],
      ['b', 'Load balancer hours (ALB)', 16.2],
      ['b', 'Load balancer capacity units (LCU-hours)', 12.44],
    ]);
    const shared = plan(services, { frontDoor: ELB_EXAMPLE }, 720);
    const r = strategy(shared, 'vm-per-service');
    // 3.24 LCU × 720 × $0.008 = $18.6624: the sum's largest dimension, less than two load balancers.
    expect(lines(r, /^Load balancer/)).toEqual([
      [null, 'Load balancer hours (ALB, shared)', 16.2],
      [null, 'Load balancer capacity units (LCU-hours)', 18.66],
    ]);
    // Allocated by requests (1 : 2): $34.86 → $11.62 and $23.24, on top of each service's own instances.
    const own = (name: string) =>
      r.lineItems.filter((l) => l.service === name).reduce((a, l) => a + toCents(l.cost), 0);
    const cost = (name: string) => toCents(r.services.find((s) => s.service === name)!.cost);
    expect(cost('a') - own('a')).toBe(1162);
    expect(cost('b') - own('b')).toBe(2324);
  });

  it('prices Lambda’s "alb" front door with Lambda targets: processed bytes ÷ 0.4 GB', () => {
    const p = testPlan(
      catalog,
      [testService({ name: 'fn', trafficRps: flat(5) })],
      { serverless: { apiGateway: 'alb' } },
      720,
      { frontDoor: { ...ELB_EXAMPLE, kind: 'none' } },
    );
    // 1.08 GB/h ÷ 0.4 = 2.7 LCU × 720 × $0.008 = $15.552. The traffic shape is plan.frontDoor's, whatever its kind.
    expect(lines(strategy(p, 'serverless'), /^Load balancer|API Gateway/)).toEqual([
      [null, 'Load balancer hours (ALB with Lambda targets, shared)', 16.2],
      [null, 'Load balancer capacity units (LCU-hours, Lambda targets)', 15.55],
    ]);
    expect(strategy(p, 'serverless').notIncluded.join(' ')).not.toMatch(/front door/);
  });

  it('warns when a request outlasts an ALB’s default idle timeout (60 s)', () => {
    const slow = testService({ name: 'report', durationMs: 90_000 });
    const p = testPlan(
      catalog,
      [slow, testService({ name: 'fast' })],
      { serverless: { apiGateway: 'alb' } },
      730,
      {
        frontDoor: { ...COMPONENTS_OFF.frontDoor, kind: 'alb' },
      },
    );
    for (const id of [...NOT_LAMBDA, 'serverless'] as const) {
      const w = strategy(p, id).warnings.filter((x) => x.code === 'front-door-timeout');
      expect(
        w.map((x) => x.service),
        id,
      ).toEqual(['report']);
      expect(w[0]!.message).toMatch(/90,000 ms.*idle timeout of 60 s/);
    }
    const nlb = plan([slow], { frontDoor: { ...COMPONENTS_OFF.frontDoor, kind: 'nlb' } });
    expect(strategy(nlb, 'shared-host').warnings.filter((x) => x.code === 'front-door-timeout')).toEqual([]);
  });
});

describe('root volumes', () => {
  const storage = { rootVolumeGiB: 20, type: 'gp3' as const };

  it('prices GiB × price × instance-hours ÷ hoursPerMonth with each strategy’s own instance-hours', () => {
    const services = [
      testService({ name: 'a', minInstances: 2, vmInstanceType: 'm6i.large' }),
      testService({ name: 'b', minInstances: 1, vmInstanceType: 'm6i.large' }),
    ];
    const p = plan(services, { storage });
    // Shared hosts: 1 host all month = 20 GiB-months × $0.08 = $1.60 (allocated like the hosts, by CPU).
    const shared = strategy(p, 'shared-host');
    expect(shared.capacity.hosts).toBe(1);
    expect(lines(shared, /^Root/)).toEqual([[null, 'Root volumes (gp3, 20 GiB)', 1.6]]);
    // VMs: a line per service on its own instance-hours (static: 2 and 1 instances all month).
    expect(lines(strategy(p, 'vm-per-service'), /^Root/)).toEqual([
      ['a', 'Root volumes (gp3, 20 GiB)', 3.2],
      ['b', 'Root volumes (gp3, 20 GiB)', 1.6],
    ]);
    // Containers: node-hours, headroom included.
    const c = strategy(p, 'container-cluster');
    const gibMonths = (20 * c.capacity.nodeHours!) / 730;
    expect(c.lineItems.find((l) => l.component.startsWith('Root'))!.quantity).toBeCloseTo(gibMonths, 9);
    // Lambda has none, and does not list them as missing.
    expect(lines(strategy(p, 'serverless'), /^Root/)).toEqual([]);
    expect(strategy(p, 'serverless').notIncluded.join(' ')).not.toMatch(/root volumes/);
  });

  it('VM "auto" compares each type with its root volume: more traffic never costs less', () => {
    // Chosen on compute alone, 599 requests/s would take 5 × m5.large ($350.40) and 601 would take 3 × c6i.xlarge
    // ($372.30): with a 300 GiB volume each ($30), the busier plan would cost $38.10 less.
    const at = (rps: number) =>
      strategy(
        plan([testService({ name: 'a', trafficRps: flat(rps), memoryMiB: 5000 })], {
          storage: { rootVolumeGiB: 300, type: 'gp2' },
        }),
        'vm-per-service',
      ).monthlyCost;
    expect(at(601)).toBeGreaterThanOrEqual(at(599));
  });

  it('prices gp2 at $0.10 per GiB-month', () => {
    const p = plan([testService({ name: 'a' })], { storage: { rootVolumeGiB: 50, type: 'gp2' } });
    expect(lines(strategy(p, 'shared-host'), /^Root/)).toEqual([[null, 'Root volumes (gp2, 50 GiB)', 5]]);
  });
});

describe('NAT gateways', () => {
  const network = { natGateways: 1, natGBPerMonth: 100 };

  it('reproduces pricing-2.md §2: 1 gateway for 730 h with 100 GB = $32.85 + $4.50 = $37.35', () => {
    const p = plan([testService({ name: 'a' })], { network });
    for (const id of NOT_LAMBDA) {
      const r = strategy(p, id);
      expect(lines(r, /^NAT/), id).toEqual([
        [null, 'NAT gateway hours', 32.85],
        [null, 'NAT data processed', 4.5],
      ]);
    }
  });

  it('applies to Lambda only in a VPC', () => {
    const out = plan([testService({ name: 'a' })], { network });
    expect(lines(strategy(out, 'serverless'), /^NAT/)).toEqual([]);
    expect(strategy(out, 'serverless').notIncluded.join(' ')).not.toMatch(/NAT/);
    const inVpc = testPlan(catalog, [testService({ name: 'a' })], { serverless: { inVpc: true } }, 730, {
      network,
    });
    expect(lines(strategy(inVpc, 'serverless'), /^NAT/).map((l) => l[2])).toEqual([32.85, 4.5]);
  });
});

describe('log ingestion', () => {
  // 100 requests/s for 730 h = 262.8 million requests; 1,000 bytes each = 262.8 GB (decimal).
  const logs = { bytesPerRequest: 1000 };

  it('prices decimal GB less 5 free GB once per strategy, split by each service’s bytes', () => {
    const p = plan(
      [testService({ name: 'a', trafficRps: flat(25) }), testService({ name: 'b', trafficRps: flat(75) })],
      { logs },
    );
    const r = strategy(p, 'vm-per-service');
    // (262.8 − 5) GB × $0.50 = $128.90.
    expect(lines(r, /^Log/)).toEqual([
      [null, 'Log ingestion (free tier)', 0],
      [null, 'Log ingestion', 128.9],
    ]);
    const own = (name: string) =>
      r.lineItems.filter((l) => l.service === name).reduce((a, l) => a + toCents(l.cost), 0);
    const logShare = (name: string) => toCents(r.services.find((s) => s.service === name)!.cost) - own(name);
    expect([logShare('a'), logShare('b')]).toEqual([3223, 9667]);
  });

  it('adds Lambda’s START/END/REPORT lines: 300 bytes an invocation (a third-party estimate, said in the line)', () => {
    const p = plan([testService({ name: 'a', trafficRps: flat(100) })], { logs });
    const [line] = lines(strategy(p, 'serverless'), /^Log ingestion \(with/).filter(
      (l) => !/free/.test(l[1]),
    );
    // 1,300 bytes × 262.8 M = 341.64 GB; (341.64 − 5) × $0.50 = $168.32.
    expect(line![2]).toBe(168.32);
    expect(line![1]).toMatch(/START\/END\/REPORT.*300 bytes.*third-party/);
  });
});

describe('operations', () => {
  it('is its own shared line, the user’s hours × rate, in equal shares among the services the strategy runs', () => {
    const operations = {
      hourlyRate: 100,
      hoursPerMonth: {
        sharedHost: 10,
        vmPerService: 4,
        containerCluster: 20,
        serverless: 2,
        serverlessContainers: 3,
      },
    };
    const p = plan(
      [testService({ name: 'a' }), testService({ name: 'db', stateful: true }), testService({ name: 'c' })],
      { operations },
    );
    expect(lines(strategy(p, 'shared-host'), /^Operations/)).toEqual([
      [null, 'Operations (your estimate: 10 person-hours)', 1000],
    ]);
    expect(lines(strategy(p, 'container-cluster'), /^Operations/)[0]![2]).toBe(2000);
    const lambda = strategy(p, 'serverless');
    expect(lines(lambda, /^Operations/)[0]![2]).toBe(200);
    // Lambda does not run the stateful service: its $200 goes to the two it runs.
    const own = (name: string) =>
      lambda.lineItems.filter((l) => l.service === name).reduce((a, l) => a + toCents(l.cost), 0);
    const opsShare = (name: string) =>
      toCents(lambda.services.find((s) => s.service === name)!.cost) - own(name);
    expect(opsShare('db')).toBe(0);
    const vm = strategy(p, 'vm-per-service');
    const vmOwn = (name: string) =>
      toCents(vm.services.find((s) => s.service === name)!.cost) -
      vm.lineItems.filter((l) => l.service === name).reduce((a, l) => a + toCents(l.cost), 0);
    expect(['a', 'db', 'c'].map(vmOwn)).toEqual([13334, 13333, 13333]);
    expect(strategy(p, 'shared-host').notIncluded.join(' ')).not.toMatch(/operations/);
  });
});

describe('a new plan’s defaults (NEW_PLAN_DEFAULTS)', () => {
  it('price a shared ALB and 20 GiB gp3 root volumes in every non-Lambda strategy; Lambda keeps its HTTP API', () => {
    const { frontDoor, storage, network, logs, operations } = NEW_PLAN_DEFAULTS;
    const p = testPlan(
      catalog,
      [testService({ name: 'a', trafficRps: flat(50) }), testService({ name: 'b', trafficRps: flat(20) })],
      { serverless: { apiGateway: 'http' } },
      730,
      { frontDoor, storage, network, logs, operations },
    );
    for (const id of NOT_LAMBDA) {
      const r = strategy(p, id);
      // 70 requests/s of 2,048 bytes: 0.516096 GB/h is the largest dimension → 0.516096 × 730 × $0.008 = $3.01.
      expect(lines(r, /^Load balancer/), id).toEqual([
        [null, 'Load balancer hours (ALB, shared)', 16.43],
        [null, 'Load balancer capacity units (LCU-hours)', 3.01],
      ]);
      expect(lines(r, /^Root volumes \(gp3, 20 GiB\)$/).length, id).toBeGreaterThan(0);
      expect(r.notIncluded.join(' '), id).not.toMatch(/load balancer|root volumes/);
    }
    const lambda = strategy(p, 'serverless');
    expect(lines(lambda, /^Load balancer|^Root/)).toEqual([]);
    expect(lines(lambda, /^API Gateway HTTP API/).length).toBe(1);
  });
});

describe('what is and is not included', () => {
  it('a plan with every component off gives no component line and lists each as not configured', () => {
    const p = plan([testService({ name: 'a' })], {});
    for (const r of evaluate(p).strategies) {
      expect(lines(r, /^(Load balancer|Root|NAT|Log|Operations)/), r.id).toEqual([]);
      expect(r.notIncluded.at(-1)).toBe('data transfer between zones and to the internet');
    }
    expect(strategy(p, 'shared-host').notIncluded).toEqual([
      'a load balancer in front: none configured',
      'root volumes: none configured',
      'NAT gateways: none configured',
      'log ingestion: no log volume given',
      'people to run it: no operations estimate',
      'data transfer between zones and to the internet',
    ]);
  });

  it('a strategy that runs no service gets no component (Lambda with only stateful services)', () => {
    const p = testPlan(
      catalog,
      [testService({ name: 'db', stateful: true })],
      { serverless: { apiGateway: 'alb', inVpc: true } },
      730,
      {
        network: { natGateways: 1, natGBPerMonth: 10 },
        operations: {
          hourlyRate: 50,
          hoursPerMonth: { ...COMPONENTS_OFF.operations.hoursPerMonth, serverless: 2 },
        },
      },
    );
    const r = strategy(p, 'serverless');
    expect(r.lineItems).toEqual([]);
    expect(r.monthlyCost).toBe(0);
  });

  it('a configured and priced component is no longer listed', () => {
    const p = plan([testService({ name: 'a' })], {
      frontDoor: { ...COMPONENTS_OFF.frontDoor, kind: 'alb' },
      storage: { rootVolumeGiB: 20, type: 'gp3' },
      network: { natGateways: 1, natGBPerMonth: 0 },
      logs: { bytesPerRequest: 500 },
      operations: {
        ...COMPONENTS_OFF.operations,
        hourlyRate: 80,
        hoursPerMonth: { ...COMPONENTS_OFF.operations.hoursPerMonth, sharedHost: 5 },
      },
    });
    expect(strategy(p, 'shared-host').notIncluded).toEqual([
      'log storage after ingestion (retention)',
      'data transfer between zones and to the internet',
    ]);
  });

  it('a configured component the catalog cannot price is left out, listed and warned about', () => {
    const { loadBalancers: _lb, nat: _nat, blockStorage: _bs, logs: _logs, ...bare } = catalog;
    const p = plan(
      [testService({ name: 'a' })],
      {
        frontDoor: { ...COMPONENTS_OFF.frontDoor, kind: 'alb' },
        storage: { rootVolumeGiB: 20, type: 'gp3' },
        network: { natGateways: 1, natGBPerMonth: 10 },
        logs: { bytesPerRequest: 500 },
      },
      730,
      { ...bare, id: 'bare' },
    );
    const r = strategy(p, 'shared-host');
    expect(lines(r, /^(Load balancer|Root|NAT|Log)/)).toEqual([]);
    const missing = [
      'the load balancer in front (ALB)',
      'root volumes (gp3)',
      'NAT gateways',
      'log ingestion',
    ];
    for (const what of missing) {
      expect(r.notIncluded).toContain(`${what}: configured, but catalog "bare" has no price for it`);
      expect(r.warnings).toContainEqual({
        service: null,
        code: 'not-priced',
        message: `The plan configures ${what}, but catalog "bare" has no price for it: it is left out of this total.`,
      });
    }
    // The same figures as with the components off, apart from what is listed.
    const off = strategy(plan([testService({ name: 'a' })], {}, 730, { ...bare, id: 'bare' }), 'shared-host');
    expect(r.monthlyCost).toBe(off.monthlyCost);
  });
});
