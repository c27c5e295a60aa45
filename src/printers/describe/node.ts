// Node describer (describeNode, describeNodeLease, describeNodeResource of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, tabbed, type Writer } from './writer';
import {
  type DCtx,
  byString,
  fmtTime,
  goBool,
  goStr,
  maybeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  since,
} from './common';
import { add, formatQuantity, milliValue, parseQuantity, value, ZERO, type Quantity } from './quantity';
import { get, podRequestsAndLimits, type ResourceList } from './resources';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles. */
function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const r = k.slice(ROLE_PREFIX.length);
      if (r) roles.add(r);
    } else if (k === ROLE_LABEL && v !== '') roles.add(v);
  }
  return [...roles].sort(byString);
}

/** Go's int64(float64(a) / float64(b) * 100), including the amd64 result for ±Inf/NaN. */
function percent(a: number, b: number): string {
  const f = (a / b) * 100;
  if (!Number.isFinite(f)) return '-9223372036854775808';
  return String(Math.trunc(f));
}

function resourceList(raw: Record<string, unknown> | undefined): Map<string, Quantity> {
  const m = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(raw ?? {})) {
    const p = parseQuantity(v);
    if (p) m.set(k, p);
  }
  return m;
}

function describeNodeLease(lease: KObject, w: Writer): void {
  w.write(LEVEL_0, 'Lease:\n');
  const spec = lease.spec ?? {};
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? fmtTime(spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? fmtTime(spec.renewTime) : '<unset>'}\n`);
}

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function describeNodeResource(pods: KObject[], node: KObject, w: Writer, ctx: DCtx): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0 ? resourceList(node.status.allocatable) : resourceList(node.status?.capacity);
  const allocCpu = milliValue(allocatable.get('cpu') ?? ZERO);
  const allocMem = value(allocatable.get('memory') ?? ZERO);
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const rl = podRequestsAndLimits(pod);
    const cpuReq = get(rl.reqs, 'cpu');
    const cpuLim = get(rl.limits, 'cpu');
    const memReq = get(rl.reqs, 'memory');
    const memLim = get(rl.limits, 'memory');
    w.write(
      LEVEL_1,
      `${goStr(pod.metadata.namespace)}\t${pod.metadata.name}\t\t${formatQuantity(cpuReq)} (${percent(milliValue(cpuReq), allocCpu)}%)\t${formatQuantity(cpuLim)} (${percent(milliValue(cpuLim), allocCpu)}%)\t${formatQuantity(memReq)} (${percent(value(memReq), allocMem)}%)\t${formatQuantity(memLim)} (${percent(value(memLim), allocMem)}%)\t${since(pod.metadata.creationTimestamp, ctx)}\n`,
    );
    for (const [k, v] of rl.reqs) reqs.set(k, reqs.has(k) ? add(reqs.get(k)!, v) : v);
    for (const [k, v] of rl.limits) limits.set(k, limits.has(k) ? add(limits.get(k)!, v) : v);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, allocValue: number, scale: (q: Quantity) => number) => {
    const r = get(reqs, name);
    const l = get(limits, name);
    const fr = allocValue !== 0 ? Math.trunc((scale(r) / allocValue) * 100) : 0;
    const fl = allocValue !== 0 ? Math.trunc((scale(l) / allocValue) * 100) : 0;
    w.write(LEVEL_1, `${name}\t${formatQuantity(r)} (${fr}%)\t${formatQuantity(l)} (${fl}%)\n`);
  };
  row('cpu', allocCpu, milliValue);
  row('memory', allocMem, value);
  row('ephemeral-storage', value(allocatable.get('ephemeral-storage') ?? ZERO), value);
  const hugePages: string[] = [];
  const ext: string[] = [];
  for (const name of allocatable.keys()) {
    if (name.startsWith('hugepages-')) hugePages.push(name);
    else if (!STANDARD.has(name) && name !== 'pods') ext.push(name);
  }
  hugePages.sort(byString);
  ext.sort(byString);
  for (const name of hugePages) row(name, value(allocatable.get(name)!), value);
  for (const name of ext) w.write(LEVEL_1, `${name}\t${formatQuantity(get(reqs, name))}\t${formatQuantity(get(limits, name))}\n`);
}

export function describeNode(node: KObject, ctx: DCtx): string {
  const pods = ctx.store.podsOnNode(node.metadata.name).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const lease = ctx.store.get('Lease.coordination.k8s.io', 'kube-node-lease', node.metadata.name);
  return tabbed((w) => {
    const spec = node.spec ?? {};
    const status = node.status ?? {};
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${fmtTime(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${goBool(spec.unschedulable)}\n`);
    if (lease) describeNodeLease(lease, w);
    else w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
    const conditions: any[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${goStr(c.type)} \t${goStr(c.status)} \t${fmtTime(c.lastHeartbeatTime)} \t${fmtTime(c.lastTransitionTime)} \t${goStr(c.reason)} \t${goStr(c.message)}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${goStr(a.type)}:\t${goStr(a.address)}\n`);
    const printResourceList = (raw: Record<string, unknown>) => {
      for (const k of Object.keys(raw).sort(byString)) {
        const p = parseQuantity(raw[k]);
        w.write(LEVEL_0, `  ${k}:\t${p ? formatQuantity(p) : String(raw[k])}\n`);
      }
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity);
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable);
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${goStr(info.machineID)}\n`);
    w.write(LEVEL_0, `  System UUID:\t${goStr(info.systemUUID)}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${goStr(info.bootID)}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${goStr(info.kernelVersion)}\n`);
    w.write(LEVEL_0, `  OS Image:\t${goStr(info.osImage)}\n`);
    w.write(LEVEL_0, `  Operating System:\t${goStr(info.operatingSystem)}\n`);
    w.write(LEVEL_0, `  Architecture:\t${goStr(info.architecture)}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${goStr(info.containerRuntimeVersion)}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${goStr(info.kubeletVersion)}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${goStr(info.kubeProxyVersion)}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, ctx);
    maybeEvents(node, w, ctx);
  });
}
