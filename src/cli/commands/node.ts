// kubesim node add|remove|stop|start: change the running cluster's machines. A new node registers like
// a joining kubelet (Node object with capacity = allocatable, labels, taints, its Lease, a kube-proxy
// pod, and the static control-plane pods on a control-plane node); removing one deletes the Node
// object, as `kubectl delete node` does — the pod garbage collector then deletes the pods bound to it.
// Stopping a node stops its kubelet (no lease renewals, no status, containers left as they are): the
// node lifecycle controller takes it from there; starting it brings the kubelet back.
import { cluster } from '../common';
import { CliError, RawError, notFound } from '../../api/errors';
import { DEFAULT_PODS, type NodeConfig } from '../../cluster/config';
import { addNode, createControlPlanePods, podCIDRIndex } from '../../cluster/bootstrap';
import { checkNodeName, parseLabels, parseTaintArgs, quantityArg } from '../../cluster/nodespec';
import type { RunContext } from '../spec';
import { out } from '../io';
import { forgetNode, startNode, stopNode } from '../../kubelet/heartbeat';

export async function runNodeAdd(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length !== 1) throw new RawError(`error: exactly one node name is required\nSee 'kubesim node add -h' for help and examples`);
  const name = args[0]!;
  checkNodeName(name);
  const role = String(flags.role ?? 'worker');
  if (role !== 'worker' && role !== 'control-plane') throw new CliError(`invalid --role "${role}": must be "worker" or "control-plane"`);
  const pods = ctx.explicit.has('pods') ? (flags.pods as number) : DEFAULT_PODS;
  if (!Number.isInteger(pods) || pods < 1) throw new CliError('--pods must be a positive integer');
  const taints = parseTaintArgs((flags.taints as string[]) ?? []);
  if (role === 'control-plane' && !ctx.explicit.has('taints')) taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  const labels = parseLabels((flags.labels as string[]) ?? []);
  const config: NodeConfig = {
    name,
    role,
    cpu: quantityArg('--cpu', flags.cpu ?? '4'),
    memory: quantityArg('--memory', flags.memory ?? '8148692Ki'),
    pods,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(taints.length ? { taints } : {}),
  };
  cluster(ctx, (s) => {
    if (s.store.get('Node', undefined, name)) throw new RawError(`Error from server (AlreadyExists): nodes "${name}" already exists`);
    // the next free pod CIDR (10.244.<n>.0/24) and address (172.18.0.<n+2>)
    let max = -1;
    for (const n of s.store.list('Node')) {
      const i = podCIDRIndex(n.spec?.podCIDR ?? '');
      if (i !== undefined) max = Math.max(max, i);
    }
    forgetNode(s.ctx, name);
    const node = addNode(s.ctx, config, max + 1);
    s.cluster.nodes.push(config);
    // the DaemonSet controller gives the new node its kube-proxy pod
    s.settle();
    if (role === 'control-plane') createControlPlanePods(s.ctx, s.store.get('Node', undefined, name) ?? node);
  });
  out.line(`node/${name} added`);
  return 0;
}

/** The NODE argument of remove/stop/start: a name, or node/NAME. */
function nodeArg(args: string[], verb: string): string {
  if (args.length !== 1) throw new RawError(`error: exactly one node name is required\nSee 'kubesim node ${verb} -h' for help and examples`);
  return args[0]!.replace(/^(nodes?|no)\//, '');
}

export async function runNodeRemove(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = nodeArg(args, 'remove');
  cluster(ctx, (s) => {
    if (!s.store.get('Node', undefined, name)) throw notFound('nodes', '', name);
    s.ctx.api.delete('Node', undefined, name);
    s.cluster.nodes = s.cluster.nodes.filter((n) => n.name !== name);
    forgetNode(s.ctx, name);
  });
  out.line(`node/${name} removed`);
  return 0;
}

export async function runNodeStop(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return kubeletVerb(args, ctx, 'stop');
}

export async function runNodeStart(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return kubeletVerb(args, ctx, 'start');
}

function kubeletVerb(args: string[], ctx: RunContext, verb: 'stop' | 'start'): number {
  const name = nodeArg(args, verb);
  const line = cluster(ctx, (s) => {
    if (!s.store.get('Node', undefined, name)) throw notFound('nodes', '', name);
    const changed = verb === 'stop' ? stopNode(s.ctx, name) : startNode(s.ctx, name);
    if (!changed) return `node/${name} already ${verb === 'stop' ? 'stopped' : 'running'}`;
    return `node/${name} ${verb === 'stop' ? 'stopped' : 'started'}`;
  });
  out.line(line);
  return 0;
}
