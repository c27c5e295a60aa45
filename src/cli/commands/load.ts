// kubesim load: puts simulated CPU/memory load on a workload (spread over its Ready pods) or a pod.
//   kubesim load deploy/web --cpu 300m [--memory 100Mi]
//   kubesim load deploy/web --clear
//   kubesim load                       (lists the loads in effect)
import { cluster, kindName, namespaceOf, gk } from '../common';
import { CliError, notFound } from '../../api/errors';
import { registry } from '../../api/registry';
import { parseQuantity, QuantityParseError } from '../../api/quantity';
import type { RunContext } from '../spec';
import { out } from '../io';
import { tabwrite } from '../../printers/tabwriter';
import { loadKey, setLoad, pruneLoads, type LoadSetting } from '../../metrics/usage';

const LOADABLE = new Set(['Deployment.apps', 'ReplicaSet.apps', 'StatefulSet.apps', 'DaemonSet.apps', 'ReplicationController', 'Job.batch', 'Pod']);

function quantity(flag: string, v: unknown): { milli: number; text: string } | undefined {
  const s = String(v ?? '');
  if (!s) return undefined;
  try {
    const q = parseQuantity(s);
    if (q.sign() < 0) throw new CliError(`--${flag} must not be negative, got ${s}`);
    return { milli: q.milliValue(), text: s };
  } catch (e) {
    if (e instanceof QuantityParseError) throw new CliError(`invalid --${flag} "${s}": ${e.message}`);
    throw e;
  }
}

export async function runLoad(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length === 0) return listLoads(ctx);
  if (args.length > 2) throw new CliError('exactly one TYPE/NAME (or TYPE NAME) is required, e.g. kubesim load deploy/web --cpu 300m');
  const [type, name] = args.length === 2 ? [args[0]!, args[1]!] : args[0]!.includes('/') ? [args[0]!.slice(0, args[0]!.indexOf('/')), args[0]!.slice(args[0]!.indexOf('/') + 1)] : [args[0]!, ''];
  if (!name) throw new CliError('a NAME is required, e.g. kubesim load deploy/web --cpu 300m');
  const info = registry.mustResolve(type);
  const g = gk(info);
  if (!LOADABLE.has(g)) throw new CliError(`cannot put load on a ${info.kind}: use a pod or a workload (deployment, replicaset, statefulset, daemonset, replicationcontroller, job)`);
  const cpu = quantity('cpu', flags.cpu);
  const mem = quantity('memory', flags.memory);
  if (!flags.clear && !cpu && !mem) throw new CliError('--cpu and/or --memory is required (or --clear)');
  const ns = namespaceOf(ctx);
  const line = cluster(ctx, (s) => {
    if (!s.store.get(g, ns, name)) throw notFound(info.plural, info.group, name);
    const key = loadKey(g, ns, name);
    if (flags.clear || ((cpu?.milli ?? 0) === 0 && (mem?.milli ?? 0) === 0)) {
      setLoad(s.ctx, key, 0, 0);
      return `${kindName(info, name)} load cleared`;
    }
    setLoad(s.ctx, key, cpu?.milli ?? 0, Math.round((mem?.milli ?? 0) / 1000));
    const parts = [cpu ? `cpu ${cpu.text}` : undefined, mem ? `memory ${mem.text}` : undefined].filter(Boolean);
    return `${kindName(info, name)} load set: ${parts.join(', ')}`;
  });
  out.line(line);
  return 0;
}

function listLoads(ctx: RunContext): number {
  const rows = cluster(ctx, (s) => {
    pruneLoads(s.ctx, (k) => {
      const [g, ns, name] = k.split('/');
      return !!s.store.get(g!, ns || undefined, name!);
    });
    const all = (s.ctx.sim.load as Record<string, LoadSetting> | undefined) ?? {};
    return Object.entries(all)
      .filter(([, l]) => l.cpuMilli > 0 || l.memoryBytes > 0)
      .map(([k, l]) => {
        const [g, ns, name] = k.split('/');
        const info = registry.mustGroupKind(g!);
        return [ns!, kindName(info, name!), `${l.cpuMilli}m`, `${Math.floor(l.memoryBytes / (1024 * 1024))}Mi`];
      });
  });
  if (rows.length === 0) {
    out.line('No load set');
    return 0;
  }
  out.write(tabwrite(['NAMESPACE\tTARGET\tCPU\tMEMORY\n', ...rows.map((r) => `${r.join('\t')}\n`)].join('')));
  return 0;
}
