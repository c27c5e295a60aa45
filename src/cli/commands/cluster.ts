// kubesim cluster create|reset|info.
import * as fs from 'node:fs';
import { Session, readStateHeader } from '../../cluster/session';
import { applyTopology, defaultClusterConfig, type ClusterConfig } from '../../cluster/config';
import { StateLock, backupState } from '../../store/statefile';
import { CliError, RawError, KubeError } from '../../api/errors';
import { rfc3339, type ClockMode } from '../../sim/clock';
import { statePath, cluster } from '../common';
import type { RunContext } from '../spec';
import { out, colorEnabled } from '../io';
import { nodeStatus, nodeRoles } from '../../printers/columns';

function clockModeOf(v: unknown, fallback?: ClockMode): ClockMode {
  const s = String(v ?? '');
  if (s === 'real' || s === 'manual') return s;
  if (s === '' && fallback) return fallback;
  if (s === '') return process.env.KUBESIM_CLOCK === 'manual' ? 'manual' : 'real';
  throw new CliError(`invalid clock mode "${s}": must be "real" or "manual"`);
}

/** Writes a brand-new cluster to the state file, replacing whatever is there (under the lock). */
function createFresh(path: string, mode: ClockMode, config: ClusterConfig, keepBackup: boolean): { backup?: string; session: Session } {
  const lock = new StateLock(`${path}.lock`);
  lock.acquire();
  let backup: string | undefined;
  try {
    if (keepBackup && fs.existsSync(path)) backup = backupState(path);
    const s = Session.fresh(path, lock, { clock: mode, config });
    s.save();
    return { backup, session: s };
  } finally {
    lock.release();
  }
}

function summary(s: Session): string {
  const cps = s.cluster.nodes.filter((n) => n.role === 'control-plane').length;
  const workers = s.cluster.nodes.length - cps;
  return `cluster "${s.cluster.name}" created: ${cps} control-plane node${cps === 1 ? '' : 's'}, ${workers} worker node${workers === 1 ? '' : 's'}; ${s.clock.mode} clock at ${rfc3339(s.clock.now())}; seed ${s.cluster.seed}`;
}

export async function runClusterCreate(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length) throw new CliError(`unexpected arguments: ${args.join(' ')}`);
  const path = statePath(ctx);
  const workers = flags.workers as number;
  const cps = flags['control-planes'] as number;
  if (workers < 0 || workers > 5000) throw new CliError('--workers must be between 0 and 5000');
  if (cps < 1 || cps > 7) throw new CliError('--control-planes must be between 1 and 7');
  const mode = clockModeOf(ctx.explicit.has('clock') ? flags.clock : undefined);
  if (fs.existsSync(path) && !flags.force)
    throw new RawError(`error: a kubesim cluster already exists in ${path}\nUse --force to replace it (the old file is kept as ${path}.bak), or "kubesim cluster reset".`);
  const config = await topologyOf(flags, ctx, { workers, controlPlanes: cps, seed: flags.seed as number });
  const { session, backup } = createFresh(path, mode, config, true);
  out.line(summary(session));
  if (backup) out.line(`previous state kept in ${backup}`);
  return 0;
}

/** The cluster's nodes: the default layout shaped by --node-cpu/--node-memory/--node-pods/--zones, or --nodes-file. */
async function topologyOf(flags: Record<string, unknown>, ctx: RunContext, base: { workers: number; controlPlanes: number; seed: number }): Promise<ClusterConfig> {
  const { quantityArg, readNodesFile } = await import('../../cluster/nodespec');
  const cpu = ctx.explicit.has('node-cpu') ? quantityArg('--node-cpu', flags['node-cpu']) : undefined;
  const memory = ctx.explicit.has('node-memory') ? quantityArg('--node-memory', flags['node-memory']) : undefined;
  const pods = ctx.explicit.has('node-pods') ? (flags['node-pods'] as number) : undefined;
  if (pods !== undefined && (!Number.isInteger(pods) || pods < 1)) throw new CliError('--node-pods must be a positive integer');
  const zones = ctx.explicit.has('zones') ? String(flags.zones ?? '').split(',').map((z) => z.trim()) : undefined;
  if (zones) {
    const { isValidLabelValue } = await import('../../api/validation/util');
    for (const z of zones) if (!z || isValidLabelValue(z).length) throw new CliError(`invalid zone "${z}" in --zones: ${z ? isValidLabelValue(z).join('; ') : 'zone names cannot be empty'}`);
  }
  const file = flags['nodes-file'] as string | undefined;
  if (file) {
    if (ctx.explicit.has('workers') || ctx.explicit.has('control-planes')) throw new CliError('--nodes-file cannot be combined with --workers or --control-planes');
    const { yamlLoad } = await import('../manifests');
    const nodes = readNodesFile(file, yamlLoad, { cpu, memory, pods });
    const config = defaultClusterConfig({ seed: base.seed, workers: 0, controlPlanes: 1 });
    config.nodes = nodes;
    return zones ? applyTopology(config, { zones }) : config;
  }
  return applyTopology(defaultClusterConfig(base), { cpu, memory, pods, zones });
}

export async function runClusterReset(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length) throw new CliError(`unexpected arguments: ${args.join(' ')}`);
  const path = statePath(ctx);
  let mode: ClockMode | undefined;
  let config: ClusterConfig | undefined;
  // keep the old cluster's shape and clock when it can still be read
  try {
    const old = readStateHeader(path);
    if (old) {
      mode = old.clock.mode;
      config = old.cluster;
    }
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
  }
  mode = clockModeOf(ctx.explicit.has('clock') ? flags.clock : undefined, mode);
  const { session, backup } = createFresh(path, mode, config ?? defaultClusterConfig(), true);
  out.line(summary(session).replace(' created:', ' reset:'));
  if (backup) out.line(`previous state kept in ${backup}`);
  return 0;
}

export async function runClusterInfoSim(_args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const info = cluster(
    ctx,
    (s) => {
      const counts = new Map<string, number>();
      for (const gk of s.store.kinds()) counts.set(gk, s.store.count(gk));
      return {
        name: s.cluster.name,
        version: s.cluster.version,
        seed: s.cluster.seed,
        mode: s.clock.mode,
        now: rfc3339(s.clock.now()),
        nodes: s.store.list('Node').map((n) => ({
          name: n.metadata.name,
          roles: nodeRoles(n),
          status: nodeStatus(n),
          cpu: String(n.status?.capacity?.cpu ?? ''),
          memory: String(n.status?.capacity?.memory ?? ''),
          pods: `${s.store.podsOnNode(n.metadata.name).filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase)).length}/${n.status?.capacity?.pods ?? ''}`,
          ip: n.status?.addresses?.find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '',
        })),
        counts,
        rv: s.store.resourceVersion,
      };
    },
    { readOnly: true },
  );
  const Table = (await import('cli-table3')).default;
  const color = colorEnabled();
  const style = { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] };
  const general = new Table({ style });
  general.push(
    { 'Cluster': `${info.name} (Kubernetes ${info.version})` },
    { 'State file': statePath(ctx) },
    { 'Clock': `${info.now} (${info.mode})` },
    { 'Seed': String(info.seed) },
    { 'resourceVersion': String(info.rv) },
  );
  out.line(general.toString());
  const nodes = new Table({ head: ['NODE', 'ROLES', 'STATUS', 'INTERNAL-IP', 'CPU', 'MEMORY', 'PODS'], style });
  for (const n of info.nodes) nodes.push([n.name, n.roles, n.status, n.ip, n.cpu, n.memory, n.pods]);
  out.line(nodes.toString());
  const objs = new Table({ head: ['KIND', 'OBJECTS'], style });
  for (const [gk, n] of info.counts) objs.push([gk, String(n)]);
  out.line(objs.toString());
  return 0;
}
