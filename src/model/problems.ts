// Checks that need the catalog: does every service fit the instance and node types it is given?
// Schema checks (types, ranges, unknown fields, references that do not resolve) live in src/plan; this runs after.
import { nodeAllocatable } from './kubernetes.ts';
import { clean } from './money.ts';
import type { InstanceType, Plan, PlanIssue } from './types.ts';
import { autoCandidates } from './vm-per-service.ts';

/** Every problem that would stop the engine from sizing the plan, located by path. */
export function planProblems(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const types = new Map(plan.catalog.instanceTypes.map((t) => [t.name, t]));
  const mib = (t: InstanceType): number => t.memoryGiB * 1024;
  const st = plan.strategies;

  const host = types.get(st.sharedHost.instanceType);
  if (host) {
    plan.services.forEach((s, i) => {
      if (s.memoryMiB > mib(host)) {
        issues.push({
          path: `services[${i}].memoryMiB`,
          message: `${s.memoryMiB} MiB does not fit on one ${host.name} shared host (${host.memoryGiB} GiB)`,
        });
      }
    });
  }

  plan.services.forEach((s, i) => {
    const name = s.vmInstanceType ?? st.vmPerService.instanceType;
    if (name === 'auto') {
      if (autoCandidates(plan.catalog.instanceTypes, s).length === 0) {
        issues.push({
          path: `services[${i}].memoryMiB`,
          message: `${s.memoryMiB} MiB fits no ${s.serverless.architecture} instance type in catalog "${plan.catalog.id}" (service "${s.name}")`,
        });
      }
      return;
    }
    const t = types.get(name);
    if (t && mib(t) < s.memoryMiB) {
      issues.push({
        path: s.vmInstanceType !== null ? `services[${i}].vmInstanceType` : `services[${i}].memoryMiB`,
        message: `${s.memoryMiB} MiB does not fit on one ${t.name} (${t.memoryGiB} GiB) for service "${s.name}"`,
      });
    }
  });

  const cc = st.containerCluster;
  const node = types.get(cc.nodeType);
  if (node) {
    if (cc.reservation === 'eks' && node.maxPods === undefined) {
      issues.push({
        path: 'strategies.containerCluster.nodeType',
        message: `"${node.name}" has no maxPods in the catalog; EKS reservations need it`,
      });
    } else {
      const a = nodeAllocatable(node, cc.reservation, {
        cpuMillicores: cc.daemonSetCpuMillicores,
        memoryMiB: cc.daemonSetMemoryMiB,
      });
      if (a && (a.cpuMillicores <= 0 || a.memoryMiB <= 0)) {
        issues.push({
          path: 'strategies.containerCluster.nodeType',
          message: `${node.name} has nothing left for pods after reservations and DaemonSets (${clean(a.cpuMillicores)}m CPU, ${clean(a.memoryMiB)} MiB)`,
        });
      } else if (a) {
        plan.services.forEach((s, i) => {
          if (s.container.cpuMillicores > a.cpuMillicores) {
            issues.push({
              path: `services[${i}].container.cpuMillicores`,
              message: `a pod request of ${s.container.cpuMillicores}m is more than a ${node.name} node can allocate (${clean(a.cpuMillicores)}m)`,
            });
          }
          if (s.container.memoryMiB > a.memoryMiB) {
            issues.push({
              path: `services[${i}].container.memoryMiB`,
              message: `a pod request of ${s.container.memoryMiB} MiB is more than a ${node.name} node can allocate (${clean(a.memoryMiB)} MiB)`,
            });
          }
        });
      }
    }
  }
  return issues;
}
