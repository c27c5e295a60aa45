// kubectl create service clusterip|nodeport|loadbalancer|externalname and kubectl create ingress
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_service.go, create_ingress.go at v0.32.4): the
// object is built on the client — field order as the Go structs serialize it — and POSTed.
import { CliError, RawError } from '../../api/errors';
import { registry } from '../../api/registry';
import { isDNS1123Subdomain } from '../../api/naming';
import { isValidPortName, isValidPortNum } from '../../api/validation/util';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { progName } from '../io';
import { createTyped, failedTo, requiredFlag } from './create';

function exactlyOneName(args: string[], path: string): string {
  if (args.length !== 1) throw new RawError(`error: exactly one NAME is required, got ${args.length}\nSee '${progName()} ${path} -h' for help and examples`);
  return args[0]!;
}

/** pflag StringSlice: every occurrence, split on commas. */
function stringSlice(v: unknown): string[] {
  return ((v as string[] | undefined) ?? []).flatMap((s) => s.split(','));
}

/** strconv.ParseUint(s, 10, 16) errors, as utilsnet.ParsePort reports them. */
function parsePortNumber(s: string): number {
  if (!/^\d+$/.test(s)) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** parsePorts: `port[:targetPort]`, the target a number or a port name. */
export function parseTcp(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':');
  const port = parsePortNumber(parts[0]!);
  if (parts.length === 1) return { port, targetPort: port };
  const t = parts[1]!;
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    const errs = isValidPortNum(n);
    if (errs.length) throw new CliError(errs.join(','));
    return { port, targetPort: n };
  }
  const errs = isValidPortName(t);
  if (errs.length) throw new CliError(errs.join(','));
  return { port, targetPort: t };
}

export async function runCreateService(type: string, args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const sub = type.toLowerCase();
  const name = exactlyOneName(args, `create service ${sub}`);
  if (type === 'ExternalName' && !ctx.explicit.has('external-name')) throw requiredFlag('external-name');
  const clusterIP = (flags.clusterip as string | undefined) ?? '';
  const tcp = stringSlice(flags.tcp);
  const externalName = (flags['external-name'] as string | undefined) ?? '';
  const nodePort = (flags['node-port'] as number | undefined) ?? 0;
  // Validate
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new CliError('ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new CliError('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length) throw new CliError(`invalid service external name ${externalName}`);
  const ports = tcp.map((s) => {
    const { port, targetPort } = parseTcp(s);
    const p: Record<string, unknown> = { name: s.replace(/:/g, '-'), protocol: 'TCP', port, targetPort };
    if (nodePort) p.nodePort = nodePort;
    return p;
  });
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (externalName) spec.externalName = externalName;
  const obj: KObject = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as unknown as string, labels: { app: name } },
    spec,
    status: { loadBalancer: {} },
  };
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Service'), obj, wrap: failedTo(`${type} service`) });
}

// ---------------------------------------------------------------- ingress

/** ruleRegex of create_ingress.go (Go's \w is [0-9A-Za-z_]; the match is not anchored at the end). */
const RULE_REGEX = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

function backendFor(service: string): Record<string, unknown> {
  const [name, port] = service.split(':') as [string, string];
  const portObj: Record<string, unknown> = {};
  // intstr.Parse: a number that fits an int32 is a number, anything else a name
  if (/^-?\d+$/.test(port) && Math.abs(Number(port)) <= 2147483647) {
    if (Number(port) !== 0) portObj.number = Number(port);
  } else if (port) portObj.name = port;
  return { service: { name, port: portObj } };
}

export async function runCreateIngress(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create ingress');
  const rules = (flags.rule as string[] | undefined) ?? [];
  const annotations = (flags.annotation as string[] | undefined) ?? [];
  const defaultBackend = (flags['default-backend'] as string | undefined) ?? '';
  const ingressClass = (flags.class as string | undefined) ?? '';
  if (!defaultBackend && rules.length === 0)
    throw new CliError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  for (const r of rules) if (!RULE_REGEX.test(r)) throw new CliError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  for (const a of annotations) if (!a.includes('=')) throw new CliError(`annotation ${a} is invalid and should be in format key=[value]`);
  if (defaultBackend && defaultBackend.split(':').length !== 2) throw new CliError('default-backend should be in format servicename:serviceport');

  const ann: Record<string, string> = {};
  for (const a of annotations) {
    const i = a.indexOf('=');
    ann[a.slice(0, i)] = a.slice(i + 1);
  }
  const spec: Record<string, unknown> = {};
  if (ingressClass) spec.ingressClassName = ingressClass;
  if (defaultBackend) spec.defaultBackend = backendFor(defaultBackend);
  // buildTLSRules
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  const hostSeen = new Set<string>();
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0]!;
    const secretParts = parts[1]!.split('=');
    const secret = secretParts.length > 1 ? secretParts[1]! : '';
    if (hostSeen.has(host)) continue;
    const idx = tls.findIndex((t) => (t.secretName ?? '') === secret);
    if (idx > -1) {
      (tls[idx]!.hosts ??= []).push(host);
      hostSeen.add(host);
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host) entry.hosts = [host];
    if (secret) entry.secretName = secret;
    if (entry.secretName || entry.hosts) tls.push(entry);
    hostSeen.add(host);
  }
  if (tls.length) spec.tls = tls;
  // buildIngressRules
  const out: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
  const hostIndex = new Map<string, number>();
  for (const rule of rules) {
    const noTls = rule.split(',')[0]!;
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const pathSvc = noTls.slice(slash + 1).split('=');
    let path = `/${pathSvc[0]}`;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const p = { path, pathType, backend: backendFor(pathSvc[1]!) };
    const idx = hostIndex.get(host);
    if (idx !== undefined) {
      out[idx]!.http.paths.push(p);
      continue;
    }
    hostIndex.set(host, out.length);
    out.push({ ...(host ? { host } : {}), http: { paths: [p] } });
  }
  if (out.length) spec.rules = out;
  const meta: Record<string, unknown> = { name, creationTimestamp: null };
  if (Object.keys(ann).length) meta.annotations = ann;
  const obj: KObject = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: meta as KObject['metadata'],
    spec,
    status: { loadBalancer: {} },
  };
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Ingress.networking.k8s.io'), obj, wrap: failedTo('ingress') });
}
