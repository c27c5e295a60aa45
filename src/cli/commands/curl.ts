// kubesim curl: simulated HTTP requests through the cluster (src/net/traffic.ts), printed the way curl
// prints them, with one extra line (`* …`) saying which way the request went and who answered.
import { cluster, namespaceOf } from '../common';
import { CliError, RawError } from '../../api/errors';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { tabulate } from '../../printers/tabwriter';
import type { Ctx } from '../../controllers/context';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const MAX_COUNT = 1000;

function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

/** `svc/NAME[:PORT][/PATH]` → the URL a client at that place would use. */
function serviceUrl(ctx: Ctx, target: string, ns: string, inside: boolean): string {
  const rest = target.slice(target.indexOf('/') + 1);
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?::([\w-]+))?(\/.*)?$/.exec(rest);
  if (!m) throw new CliError(`invalid service target ${JSON.stringify(target)}: expected svc/NAME[:PORT][/PATH]`);
  const name = m[1]!;
  const portSpec = m[3];
  const path = m[4] ?? '/';
  const svc = ctx.store.get('Service', ns, name);
  if (!svc) throw new RawError(`Error from server (NotFound): services "${name}" not found`);
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return `http://${spec.externalName}${path}`;
  const ports: Any[] = spec.ports ?? [];
  const sp = portSpec === undefined ? ports[0] : ports.find((p) => String(p.port) === portSpec || p.name === portSpec);
  if (!sp) throw new CliError(portSpec === undefined ? `service "${name}" has no ports` : `service "${name}" has no port ${portSpec}`);
  const scheme = sp.port === 443 || sp.name === 'https' || sp.appProtocol === 'https' ? 'https' : 'http';
  const hostPort = (host: string, port: number) => `${scheme}://${host}${(scheme === 'https' && port === 443) || (scheme === 'http' && port === 80) ? '' : `:${port}`}${path}`;
  if (inside) {
    if (spec.clusterIP && spec.clusterIP !== 'None') return hostPort(spec.clusterIP, sp.port);
    return hostPort(`${name}.${ns}.svc.cluster.local`, sp.port);
  }
  const lb = (svc.status?.loadBalancer?.ingress ?? []).find((i: Any) => i.ip);
  if (spec.type === 'LoadBalancer' && lb) return hostPort(lb.ip, sp.port);
  if (sp.nodePort) {
    const nodes = ctx.store.list('Node').filter((n) => n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined);
    const node = nodes[0] ?? ctx.store.list('Node')[0];
    const ip = (node?.status?.addresses ?? []).find((a: Any) => a.type === 'InternalIP')?.address;
    if (ip) return `${scheme}://${ip}:${sp.nodePort}${path}`;
  }
  if (spec.type === 'LoadBalancer') throw new CliError(`service "${name}" has no load-balancer address yet (EXTERNAL-IP is <pending>)`);
  throw new CliError(`service "${name}" is of type ${spec.type ?? 'ClusterIP'}: it cannot be reached from outside the cluster (send the request from inside with --from POD)`);
}

/** A short summary of a response body: the HTML title, else its first line. */
export function summarize(body: string): string {
  const t = /<title>([^<]*)<\/title>/i.exec(body);
  let s = t ? t[1]!.trim() : (body.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  if (s.length > 60) s = `${s.slice(0, 57)}...`;
  return s;
}

export async function runCurl(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length !== 1) throw new RawError(`error: exactly one URL or svc/NAME is required, got ${args.length}\nSee 'kubesim curl -h' for help and examples`);
  const target = args[0]!;
  const count = (flags.count as number) ?? 1;
  if (count < 1 || count > MAX_COUNT) throw new CliError(`--count must be between 1 and ${MAX_COUNT}`);
  const fromFlag = ((flags.from as string) ?? '').trim();
  const clientIP = ((flags['client-ip'] as string) ?? '').trim();
  if (clientIP && fromFlag) throw new CliError('--client-ip sets the address of a client outside the cluster: it cannot be used with --from');
  if (clientIP && !isIPv4(clientIP)) throw new CliError(`invalid --client-ip ${JSON.stringify(clientIP)}: must be an IPv4 address`);
  const headers: [string, string][] = [];
  for (const h of (flags.header as string[]) ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new CliError(`invalid header ${JSON.stringify(h)}: expected "Name: value"`);
    headers.push([h.slice(0, i).trim(), h.slice(i + 1).trim()]);
  }
  const method = ((flags.request as string) ?? '') || undefined;
  const data = ctx.explicit.has('data') ? ((flags.data as string) ?? '') : undefined;
  const failWithBody = flags['fail-with-body'] !== false;
  const ns = namespaceOf(ctx);
  const { httpRequest } = await import('../../net/traffic');
  const results = cluster(ctx, (s) => {
    let from: { pod?: KObject; node?: string; clientIP?: string } = { clientIP: clientIP || undefined };
    if (fromFlag) {
      if (fromFlag.startsWith('node/') || fromFlag.startsWith('nodes/') || fromFlag.startsWith('no/')) {
        const name = fromFlag.slice(fromFlag.indexOf('/') + 1);
        if (!s.store.get('Node', undefined, name)) throw new RawError(`Error from server (NotFound): nodes "${name}" not found`);
        from = { node: name };
      } else {
        const name = fromFlag.replace(/^(pod|pods|po)\//, '');
        if (name.includes('/')) throw new CliError(`invalid --from ${JSON.stringify(fromFlag)}: expected POD, pod/NAME or node/NAME`);
        const pod = s.store.get('Pod', ns, name);
        if (!pod) throw new RawError(`Error from server (NotFound): pods "${name}" not found`);
        if (!pod.status?.podIP || !(pod.status?.containerStatuses ?? []).some((c: Any) => c.state?.running)) {
          throw new CliError(`pod ${name} is not running (${pod.status?.phase ?? 'Pending'}): it has no network to send from yet`);
        }
        from = { pod };
      }
    }
    const inside = !!(from.pod || from.node);
    const url = /^(svc|service|services)\//.test(target) ? serviceUrl(s.ctx, target, ns, inside) : target;
    const list = [];
    for (let i = 0; i < count; i++) list.push(httpRequest(s.ctx, from, url, { method, headers, data, insecure: !!flags.insecure, followRedirects: !!flags.location }));
    return list;
  });
  const failOf = (r: (typeof results)[number]): { code: number; message: string } | undefined => {
    if (!r.ok) return { code: r.exitCode, message: `curl: (${r.exitCode}) ${r.error}` };
    if (failWithBody && (r.status ?? 0) >= 400) return { code: 22, message: `curl: (22) The requested URL returned error: ${r.status}` };
    return undefined;
  };
  if (count === 1) {
    const r = results[0]!;
    const chain = [...(r.redirects ?? []), r];
    for (const step of chain) {
      if (!flags.silent) out.line(routeLine(step));
      if (flags.include && step.ok) {
        out.write(`HTTP/1.1 ${step.status} ${step.reason}`.trimEnd() + '\n');
        for (const [k, v] of step.headers ?? []) out.write(`${k}: ${v}\n`);
        out.write('\n');
      }
    }
    if (r.ok && r.body) out.write(r.body);
    const f = failOf(r);
    if (f) {
      err.line(f.message);
      return f.code;
    }
    return 0;
  }
  const rows: string[][] = [['#', 'STATUS', 'POD', 'NODE', 'RESPONSE']];
  const byPod = new Map<string, number>();
  let firstFail: number | undefined;
  results.forEach((r, i) => {
    const f = failOf(r);
    if (f && firstFail === undefined) firstFail = f.code;
    const pod = r.served?.pod.metadata.name;
    if (r.ok && pod) byPod.set(pod, (byPod.get(pod) ?? 0) + 1);
    if (!r.ok) rows.push([String(i + 1), `curl: (${r.exitCode})`, pod ?? '-', r.served?.node ?? '-', (r.error ?? '').split('\n')[0]!]);
    else rows.push([String(i + 1), `${r.status} ${r.reason}`.trimEnd(), pod ?? '-', r.served?.node ?? '-', summarize(r.body ?? '')]);
  });
  out.write(tabulate(rows));
  const answered = [...byPod.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const ok = results.filter((r) => r.ok).length;
  out.line(`${results.length} requests, ${ok} answered${answered.length ? `: ${answered.map(([p, n]) => `${p} ${n}`).join(', ')}` : ''}`);
  return firstFail ?? 0;
}

function routeLine(r: { hops: { addr: string; what: string }[]; ok: boolean; status?: number; reason?: string; exitCode: number }): string {
  const parts = r.hops.map((h) => (h.addr && h.what ? `${h.addr} (${h.what})` : h.addr ? h.addr : `(${h.what})`));
  const end = r.ok ? `: ${r.status} ${r.reason}`.trimEnd() : '';
  return `* ${parts.join(' → ')}${end}`;
}
