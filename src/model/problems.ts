// Checks that need the catalog: does every service fit the instance and node types a strategy gives it? Each problem
// concerns one strategy only (a pod too big for the cluster's node type says nothing about Lambda), so it is not a
// problem with the plan: the strategy's report says it "cannot be costed" and why, with the fix, and the others are
// costed as usual (issue 9 §1). Schema checks (types, ranges, unknown fields, references that do not resolve) live in
// src/plan and run before this.
import { nodeAllocatable } from './kubernetes.ts';
import { clean } from './money.ts';
import { serverlessContainersProblems } from './serverless-containers.ts';
import type { CostingProblem, InstanceType, Plan, PlanIssue, StrategyId } from './types.ts';
import { typeArchitecture } from './vm-per-service.ts';

const mib = (t: InstanceType): number => t.memoryGiB * 1024;
const gib = (memoryMiB: number): string => `${clean(Math.ceil((memoryMiB / 1024) * 100) / 100)} GiB`;

/** The cheapest catalog type that passes `fits` (catalog order on a tie), for a fix that names one. */
function cheapest(
  types: readonly InstanceType[],
  fits: (t: InstanceType) => boolean,
): InstanceType | undefined {
  let best: InstanceType | undefined;
  for (const t of types) if (fits(t) && (!best || t.hourly < best.hourly)) best = t;
  return best;
}

const eg = (t: InstanceType | undefined): string => (t ? ` (e.g. ${t.name})` : '');

/**
 * Per strategy, every reason it cannot be costed for this plan, located by path, with a fix. Strategies that can be
 * costed are absent. Pure and independent of traffic (sizes, not demand), so one check serves every forecast month.
 */
export function costingProblems(plan: Plan): Map<StrategyId, CostingProblem[]> {
  const out = new Map<StrategyId, CostingProblem[]>();
  const add = (id: StrategyId, p: CostingProblem) => out.set(id, [...(out.get(id) ?? []), p]);
  const all = plan.catalog.instanceTypes;
  const types = new Map(all.map((t) => [t.name, t]));
  const st = plan.strategies;

  const host = types.get(st.sharedHost.instanceType);
  if (host) {
    plan.services.forEach((s, i) => {
      if (s.memoryMiB > mib(host)) {
        add('shared-host', {
          path: `services[${i}].memoryMiB`,
          service: s.name,
          message: `${s.memoryMiB} MiB does not fit on one ${host.name} shared host (${host.memoryGiB} GiB)`,
          fix: `choose a host instance type with at least ${gib(s.memoryMiB)} of memory${eg(cheapest(all, (t) => mib(t) >= s.memoryMiB))}, or give “${s.name}” less memory`,
        });
      }
    });
  }

  // `auto` finds no type for a service when no type of its architecture has its memory (autoCandidates is empty):
  // the largest memory per architecture answers that for every service at once.
  const largest = new Map<string, number>();
  for (const t of all) {
    const arch = typeArchitecture(t);
    largest.set(arch, Math.max(largest.get(arch) ?? -Infinity, mib(t)));
  }
  plan.services.forEach((s, i) => {
    const name = s.vmInstanceType ?? st.vmPerService.instanceType;
    if (name === 'auto') {
      if (!((largest.get(s.serverless.architecture) ?? -Infinity) >= s.memoryMiB)) {
        add('vm-per-service', {
          path: `services[${i}].memoryMiB`,
          service: s.name,
          message: `${s.memoryMiB} MiB fits no ${s.serverless.architecture} instance type in catalog "${plan.catalog.id}" (service "${s.name}")`,
          fix: `give “${s.name}” less memory, or use a catalog with a larger ${s.serverless.architecture} instance type`,
        });
      }
      return;
    }
    const t = types.get(name);
    if (t && mib(t) < s.memoryMiB) {
      const own = s.vmInstanceType !== null;
      add('vm-per-service', {
        path: own ? `services[${i}].vmInstanceType` : `services[${i}].memoryMiB`,
        service: s.name,
        message: `${s.memoryMiB} MiB does not fit on one ${t.name} (${t.memoryGiB} GiB) for service "${s.name}"`,
        fix: `choose an instance type with at least ${gib(s.memoryMiB)} of memory${eg(cheapest(all, (x) => mib(x) >= s.memoryMiB))} ${own ? `for “${s.name}”` : 'in the strategy settings'} (or “auto”), or give “${s.name}” less memory`,
      });
    }
  });

  // Surviving the loss of a zone needs a second zone (zones.ts). The plan layer refuses such a file
  // (src/plan/parse.ts); a plan built in code still gets a located reason instead of a thrown error. Lambda is
  // multi-zone by design and does not read the zones.
  if (plan.resilience.surviveZoneLoss && plan.resilience.zones < 2) {
    for (const id of ['shared-host', 'vm-per-service', 'container-cluster'] as const) {
      add(id, {
        path: 'resilience.surviveZoneLoss',
        service: null,
        message: `surviving the loss of a zone needs at least 2 zones (the plan has ${plan.resilience.zones})`,
        fix: 'set resilience.zones to 2 or more, or turn off surviving the loss of a zone',
      });
    }
  }

  const cc = st.containerCluster;
  const node = types.get(cc.nodeType);
  if (node) {
    const daemonSet = {
      cpuMillicores: cc.daemonSetCpuMillicores,
      memoryMiB: cc.daemonSetMemoryMiB,
      pods: cc.daemonSetPods,
    };
    const allocatable = (t: InstanceType) =>
      nodeAllocatable(t, cc.reservation, daemonSet, plan.catalog.kubernetes.maxPodsPerNode);
    /**
     * The cheapest node type that can hold every pod of the plan, for the fix; only looked for when there is a
     * problem to fix (it reads every service for every type).
     */
    let largerFound: { type: InstanceType | undefined } | undefined;
    const larger = (): InstanceType | undefined =>
      (largerFound ??= {
        type: cheapest(all, (t) => {
          const a = allocatable(t);
          return (
            a !== undefined &&
            a.cpuMillicores > 0 &&
            a.memoryMiB > 0 &&
            plan.services.every(
              (s) => s.container.cpuMillicores <= a.cpuMillicores && s.container.memoryMiB <= a.memoryMiB,
            )
          );
        }),
      }).type;
    const a = allocatable(node);
    if (cc.reservation === 'eks' && node.maxPods === undefined) {
      add('container-cluster', {
        path: 'strategies.containerCluster.nodeType',
        service: null,
        message: `"${node.name}" has no maxPods in the catalog; EKS reservations need it`,
        fix: 'choose a node type with maxPods in the catalog, or another reservation formula',
      });
    } else if (a && (a.cpuMillicores <= 0 || a.memoryMiB <= 0)) {
      add('container-cluster', {
        path: 'strategies.containerCluster.nodeType',
        service: null,
        message: `${node.name} has nothing left for pods after reservations and DaemonSets (${clean(a.cpuMillicores)}m CPU, ${clean(a.memoryMiB)} MiB)`,
        fix: `choose a larger node type${eg(larger())}, or smaller DaemonSet requests`,
      });
    } else if (a) {
      plan.services.forEach((s, i) => {
        const fix = (what: string) =>
          `choose a larger node type${eg(larger())} in the strategy settings, or a smaller ${what} request for “${s.name}”`;
        if (s.container.cpuMillicores > a.cpuMillicores) {
          add('container-cluster', {
            path: `services[${i}].container.cpuMillicores`,
            service: s.name,
            message: `a pod request of ${s.container.cpuMillicores}m is more than a ${node.name} node can allocate (${clean(a.cpuMillicores)}m)`,
            fix: fix('CPU'),
          });
        }
        if (s.container.memoryMiB > a.memoryMiB) {
          add('container-cluster', {
            path: `services[${i}].container.memoryMiB`,
            service: s.name,
            message: `a pod request of ${s.container.memoryMiB} MiB is more than a ${node.name} node can allocate (${clean(a.memoryMiB)} MiB)`,
            fix: fix('memory'),
          });
        }
      });
    }
  }
  // Serverless containers (issue 12 §2): Fargate prices, platform and architecture, each service's task size.
  for (const problem of serverlessContainersProblems(plan)) add('serverless-containers', problem);
  return out;
}

/** Every costing problem of every strategy as located issues (for callers that want one list, such as tests). */
export function planProblems(plan: Plan): PlanIssue[] {
  return [...costingProblems(plan).values()].flat().map(({ path, message }) => ({ path, message }));
}
