// api-resources, api-versions, version, cluster-info.
import { registry, apiVersionOf, type KindInfo } from '../../api/registry';
import { tabulate } from '../../printers/tabwriter';
import { CliError } from '../../api/errors';
import { cluster } from '../common';
import { toJson, toYaml } from '../manifests';
import type { RunContext } from '../spec';
import { out, colorEnabled, progName } from '../io';
import { KUBE_VERSION } from '../../cluster/config';

function sortedResources(): KindInfo[] {
  return [...registry.all()].sort((a, b) => {
    if (a.group !== b.group) return a.group < b.group ? -1 : 1;
    return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
  });
}

export async function runApiResources(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  if (output && output !== 'wide' && output !== 'name') throw new CliError(`--output ${output} is not available`);
  // CRDs registered in the cluster belong to the list too
  cluster(ctx, () => undefined, { readOnly: true });
  let list = sortedResources();
  const group = flags['api-group'] as string | undefined;
  if (ctx.explicit.has('api-group')) list = list.filter((i) => i.group === (group ?? ''));
  if (ctx.explicit.has('namespaced')) list = list.filter((i) => i.namespaced === (flags.namespaced !== false));
  const verbs = (flags.verbs as string[]) ?? [];
  if (verbs.length) list = list.filter((i) => verbs.every((v) => i.verbs.includes(v)));
  const cats = (flags.categories as string[]) ?? [];
  if (cats.length) list = list.filter((i) => cats.every((c) => i.categories?.includes(c)));
  const sortBy = (flags['sort-by'] as string) || '';
  if (sortBy === 'name') list.sort((a, b) => (a.plural < b.plural ? -1 : 1));
  else if (sortBy === 'kind') list.sort((a, b) => (a.kind < b.kind ? -1 : 1));
  else if (sortBy) throw new CliError(`--sort-by accepts only name or kind`);
  if (output === 'name') {
    out.write(list.map((i) => `${i.group ? `${i.plural}.${i.group}` : i.plural}\n`).join(''));
    return 0;
  }
  const rows: string[][] = [];
  if (!flags['no-headers']) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]);
  for (const i of list)
    rows.push([i.plural, i.shortNames.join(','), apiVersionOf(i), String(i.namespaced), i.kind, ...(output === 'wide' ? [i.verbs.join(','), (i.categories ?? []).join(',')] : [])]);
  out.write(tabulate(rows));
  void args;
  return 0;
}

export async function runApiVersions(_args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  cluster(ctx, () => undefined, { readOnly: true });
  const set = new Set<string>();
  for (const i of registry.all()) for (const v of [i.version, ...(i.otherVersions ?? [])]) set.add(i.group ? `${i.group}/${v}` : v);
  out.write([...set].sort().map((v) => `${v}\n`).join(''));
  return 0;
}

function versionInfo(version: string): Record<string, string> {
  const m = /^v(\d+)\.(\d+)/.exec(version)!;
  return {
    major: m[1]!,
    minor: m[2]!,
    gitVersion: version,
    gitCommit: 'kubesim',
    gitTreeState: 'clean',
    buildDate: '2024-12-11T18:04:20Z',
    goVersion: 'go1.23.3',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export async function runVersion(_args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  if (output && output !== 'yaml' && output !== 'json') throw new CliError(`--output must be 'yaml' or 'json'`);
  const client = KUBE_VERSION;
  let server: string | undefined;
  if (!flags.client) server = cluster(ctx, (s) => s.cluster.version, { readOnly: true });
  if (output) {
    const data: Record<string, unknown> = { clientVersion: versionInfo(client) };
    if (server) data.serverVersion = versionInfo(server);
    out.write(output === 'json' ? toJson(data) : toYaml(data));
    return 0;
  }
  out.line(`Client Version: ${client}`);
  if (server) out.line(`Server Version: ${server}`);
  return 0;
}

export async function runClusterInfo(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args[0] === 'dump') throw new CliError('cluster-info dump is not supported by kubesim; use "kubesim get all -A -o yaml"');
  const lines = cluster(
    ctx,
    (s) => {
      const cp = s.store.list('Node').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
      const ip = cp?.status?.addresses?.find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '127.0.0.1';
      const base = `https://${ip}:6443`;
      const res: [string, string][] = [['Kubernetes control plane', base]];
      for (const svc of s.store.list('Service', 'kube-system')) {
        if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
        const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
        const port = svc.spec?.ports?.[0];
        const portName = port?.name ? `:${port.name}` : port ? `:${port.port}` : '';
        res.push([name, `${base}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portName}/proxy`]);
      }
      return res;
    },
    { readOnly: true },
  );
  const color = colorEnabled();
  const green = (s: string) => (color ? `\x1b[32m${s}\x1b[0m` : s);
  const yellow = (s: string) => (color ? `\x1b[33m${s}\x1b[0m` : s);
  for (const [what, url] of lines) out.line(`${green(what)} is running at ${yellow(url)}`);
  out.line('');
  out.line(`To further debug and diagnose cluster problems, use '${progName()} cluster-info dump'.`);
  return 0;
}
