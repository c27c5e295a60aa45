// kubectl expose (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go and polymorphichelpers at
// v0.32.4): looks the object up, derives the selector (map-based only), the ports (all container ports
// when --port is not given, named port-1, port-2…) and the labels from it, builds the Service on the
// client and creates it.
import { cluster, dryRunOf, dryRunSuffix, kindName, namespaceOf, parseResourceArgs, requireResources, resolveTargets, type Target } from '../common';
import { checkOutputFormat, forOutput } from '../printing';
import { CliError, KubeError } from '../../api/errors';
import { registry, type KindInfo } from '../../api/registry';
import { applyJsonPatch, applyMergePatch, lastAppliedConfiguration, strategicMergePatch } from '../../api/merge';
import type { KObject } from '../../api/types';
import { readManifests } from '../manifests';
import type { RunContext } from '../spec';
import { out } from '../io';
import { renderObjectOutput } from './output';
import { changeCause, recordWarning } from './record';
import { LAST_APPLIED } from './apply';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment.apps', 'ReplicaSet.apps']);

function gkString(info: KindInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/** MakeLabels: `k=v` joined by commas (map order; ours is the object's). */
function makeLabels(m: Record<string, string> | undefined): string {
  return Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function fmtExpressions(exprs: Any[]): string {
  return `[${exprs.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ')}]`;
}

/** mapBasedSelectorForObject. */
function selectorFor(info: KindInfo, o: KObject): string {
  const kind = gkString(info);
  switch (kind) {
    case 'ReplicationController':
      return makeLabels(o.spec?.selector);
    case 'Pod':
      if (!Object.keys(o.metadata.labels ?? {}).length) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(o.metadata.labels);
    case 'Service':
      if (o.spec?.selector === undefined || o.spec?.selector === null) throw new Error('the service has no pod selector set');
      return makeLabels(o.spec.selector);
    case 'Deployment.apps':
    case 'ReplicaSet.apps': {
      const what = kind === 'Deployment.apps' ? 'deployment' : 'replicaset';
      const sel = o.spec?.selector;
      if (!sel || !Object.keys(sel.matchLabels ?? {}).length) throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if ((sel.matchExpressions ?? []).length) throw new Error(`couldn't convert expressions - "${fmtExpressions(sel.matchExpressions)}" to map-based selector format`);
      return makeLabels(sel.matchLabels);
    }
  }
  throw new Error(`cannot extract pod selector from ${kind}`);
}

function podSpecOf(info: KindInfo, o: KObject): Any | undefined {
  return gkString(info) === 'Pod' ? o.spec : o.spec?.template?.spec;
}

/** portsForObject: container ports (or a service's ports), without duplicates. */
function portsFor(info: KindInfo, o: KObject): string[] {
  const out: string[] = [];
  if (gkString(info) === 'Service') {
    for (const p of o.spec?.ports ?? []) if (!out.includes(String(p.port))) out.push(String(p.port));
    return out;
  }
  for (const c of podSpecOf(info, o)?.containers ?? []) for (const p of c.ports ?? []) if (!out.includes(String(p.containerPort))) out.push(String(p.containerPort));
  return out;
}

/** multiProtocolsForObject: port → protocols. */
function protocolsFor(info: KindInfo, o: KObject): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (port: unknown, proto: unknown) => {
    const k = String(port);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push((proto as string) || 'TCP');
  };
  if (gkString(info) === 'Service') for (const p of o.spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(info, o)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return m;
}

/** parseLabels of expose.go. */
function parseLabelSpec(spec: string): Record<string, string> {
  if (!spec) throw new CliError('no label spec passed');
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new CliError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new CliError('unexpected empty label key');
    labels[kv[0]] = kv[1]!;
  }
  return labels;
}

interface ExposeFlags {
  name: string;
  selector: string;
  port: string;
  ports: string;
  protocol: string;
  protocols?: Map<string, string[]>;
  labels: string;
  targetPort: string;
  externalIP: string;
  type: string;
  loadBalancerIP: string;
  sessionAffinity: string;
  clusterIP: string;
  defaultName: string;
}

/** createService of expose.go, with Go struct field order for client-side output. */
function buildService(o: ExposeFlags): KObject {
  if (!o.selector) throw new CliError('selector must be specified');
  const selector = parseLabelSpec(o.selector);
  const labels = o.labels ? parseLabelSpec(o.labels) : undefined;
  const name = o.name || o.defaultName;
  if (!name) throw new CliError('name must be specified');
  const portString = o.ports || o.port;
  const ports: Record<string, unknown>[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((s, i) => {
      if (!/^[+-]?\d+$/.test(s)) throw new CliError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
      const port = Number(s);
      const pname = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = o.protocol;
      const map = o.protocols;
      if (!protocol && (!map || map.size === 0)) protocol = 'TCP';
      else if (!protocol && map && map.size) {
        protocol = 'TCP';
        const found = map.get(s);
        if (found) {
          if (found.length === 1) protocol = found[0]!;
          else {
            for (const p of found) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port });
            return;
          }
        }
      }
      const p: Record<string, unknown> = {};
      if (pname) p.name = pname;
      p.protocol = protocol;
      p.port = port;
      ports.push(p);
    });
  }
  const target = o.targetPort ? (/^-?\d+$/.test(o.targetPort) ? Number(o.targetPort) : o.targetPort) : undefined;
  for (const p of ports) p.targetPort = target ?? p.port;
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = selector;
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (o.type) spec.type = o.type;
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new CliError(`unknown session affinity: ${o.sessionAffinity}`);
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.type === 'LoadBalancer' && o.loadBalancerIP) spec.loadBalancerIP = o.loadBalancerIP;
  const metadata: Record<string, unknown> = { name, creationTimestamp: null };
  if (labels) metadata.labels = labels;
  return { kind: 'Service', apiVersion: 'v1', metadata: metadata as KObject['metadata'], spec, status: { loadBalancer: {} } };
}

function applyOverrides(svc: KObject, overrides: string, type: string): KObject {
  if (!overrides) return svc;
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch (e) {
    throw new CliError(`error: invalid JSON: ${(e as Error).message}`);
  }
  switch (type) {
    case 'json':
      return applyJsonPatch(svc, patch, { local: true }) as KObject;
    case 'strategic':
      return strategicMergePatch(svc, patch, 'Service', { local: true }) as KObject;
    case 'merge':
      return applyMergePatch(svc, patch, { local: true }) as KObject;
  }
  throw new CliError(`invalid override type: ${type}`);
}

export async function runExpose(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const dry = dryRunOf(flags);
  const filenames = (flags.filename as string[]) ?? [];
  requireResources(args, filenames);
  const refs = parseResourceArgs(args);
  for (const r of refs) if (r.names.length === 0) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readManifests(filenames, { recursive: !!flags.recursive }) : [];
  if (flags.record) recordWarning();
  const str = (k: string) => (flags[k] as string | undefined) ?? '';
  const ns = namespaceOf(ctx);
  const svcInfo = registry.mustGroupKind('Service');
  const lines: string[] = [];
  const errors: KubeError[] = [];
  const work = (s: Parameters<Parameters<typeof cluster>[1]>[0]) => {
    const { targets, errors: missing } = resolveTargets(s, refs, manifests, ns, { filters: { fields: [] }, all: false, allNamespaces: false });
    errors.push(...missing);
    if (missing.length) return;
    for (const t of targets as Target[]) {
      if (!EXPOSABLE.has(gkString(t.info))) throw new CliError(`cannot expose a ${gkString(t.info)}`);
      const o: ExposeFlags = {
        name: str('name'),
        selector: str('selector'),
        port: str('port'),
        ports: '',
        protocol: str('protocol'),
        labels: str('labels'),
        targetPort: str('target-port'),
        externalIP: str('external-ip'),
        type: str('type'),
        loadBalancerIP: str('load-balancer-ip'),
        sessionAffinity: str('session-affinity'),
        clusterIP: str('cluster-ip'),
        defaultName: t.obj.metadata.name.slice(0, 63),
      };
      if (!o.selector) {
        try {
          o.selector = selectorFor(t.info, t.obj);
        } catch (e) {
          throw new CliError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
        }
      }
      if (!o.port) {
        const ports = portsFor(t.info, t.obj);
        if (ports.length === 0 && o.clusterIP !== 'None') throw new CliError("couldn't find port via --port flag or introspection");
        if (ports.length === 1) o.port = ports[0]!;
        else if (ports.length > 1) o.ports = ports.join(',');
      }
      const protos = protocolsFor(t.info, t.obj);
      if (protos.size) o.protocols = protos;
      if (!o.labels) o.labels = makeLabels(t.obj.metadata.labels);
      let svc = applyOverrides(buildService(o), str('overrides'), str('override-type') || 'merge');
      if (flags.record) {
        svc.metadata.annotations = { ...(svc.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
      }
      if (dry === 'client') {
        if (ctx.explicit.has('namespace')) svc.metadata.namespace = ns;
        if (output) lines.push(renderObjectOutput([{ info: svcInfo, obj: svc }], output, true));
        else lines.push(`${kindName(svcInfo, svc.metadata.name)} exposed${dryRunSuffix(dry)}\n`);
        continue;
      }
      if (flags['save-config']) {
        svc = JSON.parse(JSON.stringify(svc));
        svc.metadata.annotations = { ...(svc.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedConfiguration(svc, undefined) };
      }
      svc.metadata.namespace = ns;
      const created = s.ctx.api.create(svc, { dryRun: dry === 'server' });
      if (output) lines.push(renderObjectOutput([{ info: svcInfo, obj: forOutput(created) }], output, false));
      else lines.push(`${kindName(svcInfo, created.metadata.name)} exposed${dryRunSuffix(dry)}\n`);
    }
  };
  try {
    cluster(ctx, work, { readOnly: dry === 'client' });
  } finally {
    for (const l of lines) out.write(l);
  }
  if (errors.length) throw errors[0];
  return 0;
}
