// kubectl top pod|node, as kubectl 1.32 prints metrics-server's numbers (pkg/cmd/top,
// pkg/metricsutil/metrics_printer.go): CPU in whole millicores rounded up, memory in whole Mi
// rounded down, percentages of allocatable (or capacity) truncated, every cell tab-terminated.
import { cluster, namespaceOf } from '../common';
import { CliError, StatusError } from '../../api/errors';
import { parseSelector, parseFieldSelector, matchesFields } from '../../api/selectors';
import { tryParseQuantity } from '../../api/quantity';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { err, out } from '../io';
import { tabwrite } from '../../printers/tabwriter';
import { goDurationString } from '../../printers/duration';
import { parseTime } from '../../sim/clock';
import { MetricsView, type PodUsage, type NodeUsage } from '../../metrics/usage';

const MiB = 1024 * 1024;
/** metricsCreationDelay: younger pods without metrics are "not available yet". */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

/** Quantity.MilliValue() of nanocores: rounded up. */
function cpuMilli(nanos: number): number {
  return Math.ceil(nanos / 1_000_000);
}

function memMi(bytes: number): number {
  return Math.floor(bytes / MiB);
}

function sortByOf(flags: Record<string, unknown>): string {
  const s = String(flags['sort-by'] ?? '');
  if (s && s !== 'cpu' && s !== 'memory') throw new CliError('--sort-by accepts only cpu or memory');
  return s;
}

interface PodRow {
  ns: string;
  name: string;
  cpuNanos: number;
  memoryBytes: number;
  containers: { name: string; cpuNanos: number; memoryBytes: number }[];
}

function podRow(u: PodUsage): PodRow {
  const containers = u.containers.map((c) => ({ name: c.name, cpuNanos: c.cpuNanos, memoryBytes: c.memoryBytes }));
  return {
    ns: u.pod.metadata.namespace!,
    name: u.pod.metadata.name,
    cpuNanos: containers.reduce((s, c) => s + c.cpuNanos, 0),
    memoryBytes: containers.reduce((s, c) => s + c.memoryBytes, 0),
    containers,
  };
}

export function renderPodMetrics(rows: PodRow[], opts: { containers: boolean; allNamespaces: boolean; noHeaders: boolean; sortBy: string; sum: boolean }): string {
  if (rows.length === 0) return '';
  const lines: string[] = [];
  const cell = (v: string) => `${v}\t`;
  if (!opts.noHeaders) lines.push((opts.allNamespaces ? cell('NAMESPACE') : '') + (opts.containers ? cell('POD') : '') + ['NAME', 'CPU(cores)', 'MEMORY(bytes)'].map(cell).join(''));
  const sorted = [...rows].sort((a, b) => {
    if (opts.sortBy === 'cpu') return cpuMilli(b.cpuNanos) - cpuMilli(a.cpuNanos);
    if (opts.sortBy === 'memory') return b.memoryBytes - a.memoryBytes;
    if (opts.allNamespaces && a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  for (const r of sorted) {
    if (opts.containers) {
      const cs = [...r.containers].sort((a, b) => {
        if (opts.sortBy === 'cpu') return cpuMilli(b.cpuNanos) - cpuMilli(a.cpuNanos);
        if (opts.sortBy === 'memory') return b.memoryBytes - a.memoryBytes;
        return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      });
      for (const c of cs) lines.push((opts.allNamespaces ? cell(r.ns) : '') + cell(r.name) + cell(c.name) + cell(`${cpuMilli(c.cpuNanos)}m`) + cell(`${memMi(c.memoryBytes)}Mi`));
    } else lines.push((opts.allNamespaces ? cell(r.ns) : '') + cell(r.name) + cell(`${cpuMilli(r.cpuNanos)}m`) + cell(`${memMi(r.memoryBytes)}Mi`));
  }
  if (opts.sum) {
    const lead = (opts.allNamespaces ? cell('') : '') + (opts.containers ? cell('') : '') + cell('');
    const cpu = rows.reduce((s, r) => s + r.cpuNanos, 0);
    const mem = rows.reduce((s, r) => s + r.memoryBytes, 0);
    lines.push(lead + cell('________') + cell('________'));
    lines.push(lead + cell(`${cpuMilli(cpu)}m`) + cell(`${memMi(mem)}Mi`));
  }
  return tabwrite(lines.map((l) => `${l}\n`).join(''));
}

export function renderNodeMetrics(rows: { name: string; usage?: NodeUsage; cpuAvailMilli?: number; memAvailBytes?: number }[], opts: { noHeaders: boolean; sortBy: string }): string {
  const withMetrics = rows.filter((r) => r.usage);
  if (withMetrics.length === 0) return '';
  const cell = (v: string) => `${v}\t`;
  const lines: string[] = [];
  if (!opts.noHeaders) lines.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'].map(cell).join(''));
  const sorted = [...withMetrics].sort((a, b) => {
    if (opts.sortBy === 'cpu') return cpuMilli(b.usage!.cpuNanos) - cpuMilli(a.usage!.cpuNanos);
    if (opts.sortBy === 'memory') return b.usage!.memoryBytes - a.usage!.memoryBytes;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  for (const r of sorted) {
    const u = r.usage!;
    let line = cell(r.name) + cell(`${cpuMilli(u.cpuNanos)}m`);
    if (r.cpuAvailMilli) line += cell(`${Math.trunc((cpuMilli(u.cpuNanos) / r.cpuAvailMilli) * 100)}%`);
    line += cell(`${memMi(u.memoryBytes)}Mi`);
    if (r.memAvailBytes) line += cell(`${Math.trunc((u.memoryBytes / r.memAvailBytes) * 100)}%`);
    lines.push(line);
  }
  // nodes whose metrics are unreachable
  for (const r of rows) if (!r.usage) lines.push(cell(r.name) + ['<unknown>', '<unknown>', '<unknown>', '<unknown>'].map(cell).join(''));
  return tabwrite(lines.map((l) => `${l}\n`).join(''));
}

export async function runTopPod(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const sortBy = sortByOf(flags);
  const allNs = !!flags['all-namespaces'];
  const selector = flags.selector ? parseSelector(String(flags.selector)) : undefined;
  const fields = flags['field-selector'] ? parseFieldSelector(String(flags['field-selector'])) : [];
  if (args.length > 1) throw new CliError('top pod accepts at most one POD name');
  const name = args[0];
  if (name && (selector || fields.length)) throw new CliError('only one of NAME or selector can be provided');
  const ns = namespaceOf(ctx);
  const result = cluster(
    ctx,
    (s) => {
      const view = new MetricsView(s.ctx);
      if (name) {
        const pod = s.store.get('Pod', ns, name);
        const u = pod ? view.pod(pod) : undefined;
        if (!u) throw new StatusError('NotFound', `podmetrics.metrics.k8s.io "${ns}/${name}" not found`);
        return { rows: [podRow(u)], empty: null as string | null };
      }
      const pods = s.store.list('Pod', allNs ? undefined : ns).filter((p) => (!selector || selector.matches(p.metadata.labels)) && (!fields.length || matchesFields(p, fields)));
      const rows: PodRow[] = [];
      for (const p of pods) {
        const u = view.pod(p);
        if (u) rows.push(podRow(u));
      }
      if (rows.length === 0 && pods.length > 0) {
        // verifyEmptyMetrics: pods older than two minutes should have metrics by now
        for (const p of pods) {
          const age = s.clock.now() - parseTime(p.metadata.creationTimestamp);
          if (age > METRICS_CREATION_DELAY_MS) throw new CliError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDurationString(Math.floor(age / 1000) * 1000)}`);
        }
        throw new CliError('metrics not available yet');
      }
      return { rows, empty: rows.length === 0 ? (allNs ? 'No resources found' : `No resources found in ${ns} namespace.`) : null };
    },
    { readOnly: true },
  );
  if (result.empty) err.line(result.empty);
  out.write(renderPodMetrics(result.rows, { containers: !!flags.containers, allNamespaces: allNs, noHeaders: !!flags['no-headers'], sortBy, sum: !!flags.sum }));
  return 0;
}

export async function runTopNode(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const sortBy = sortByOf(flags);
  const selector = flags.selector ? parseSelector(String(flags.selector)) : undefined;
  if (args.length > 1) throw new CliError('top node accepts at most one NODE name');
  const name = args[0];
  if (name && selector) throw new CliError('only one of NAME or --selector can be provided');
  const rows = cluster(
    ctx,
    (s) => {
      const view = new MetricsView(s.ctx);
      const nodes: KObject[] = name ? [s.store.get('Node', undefined, name)].filter((n): n is KObject => !!n) : s.store.list('Node').filter((n) => !selector || selector.matches(n.metadata.labels));
      const usages = nodes.map((n) => ({ node: n, usage: view.node(n) }));
      if (name && !usages[0]?.usage) throw new StatusError('NotFound', `nodemetrics.metrics.k8s.io "${name}" not found`);
      if (!usages.some((u) => u.usage)) throw new CliError('metrics not available yet');
      return usages.map(({ node, usage }) => {
        const avail = flags['show-capacity'] ? node.status?.capacity : node.status?.allocatable;
        const cpu = tryParseQuantity(avail?.cpu);
        const mem = tryParseQuantity(avail?.memory);
        return { name: node.metadata.name, usage, cpuAvailMilli: cpu ? cpu.milliValue() : undefined, memAvailBytes: mem ? mem.milliValue() / 1000 : undefined };
      });
    },
    { readOnly: true },
  );
  out.write(renderNodeMetrics(rows, { noHeaders: !!flags['no-headers'], sortBy }));
  return 0;
}
