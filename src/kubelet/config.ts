// What the kubelet feeds into a container from the API: environment variables (env, envFrom,
// downward API, service links) and the contents of configMap / secret / downwardAPI / projected
// volumes, with the errors and events of a 1.32 kubelet when a referenced object or key is missing.
//
// Facts relied on (kubernetes release-1.32):
// - kubelet_pods.go makeEnvironmentVariables: envFrom first, then env in order (env overrides);
//   `$(VAR)` expansion against the variables defined so far and the service variables; a missing
//   ConfigMap/Secret is the API's NotFound text (`configmap "cfg" not found`), a missing key is
//   `couldn't find key db in ConfigMap default/cfg`; `optional` skips both. Since 1.30 the kubelet
//   no longer skips envFrom keys that are not C identifiers (KEP-4369, kubernetes#123385; the
//   InvalidEnvironmentVariableNames event is gone, kubernetes#130099).
// - kuberuntime startContainer: the failure is the container's waiting reason
//   CreateContainerConfigError and a Warning `Failed` event `Error: <message>`; the pod worker retries
//   after its back-off (10 s, jitter 0.5).
// - pkg/volume/configmap|secret|projected: MountVolume.SetUp failures (`configmap "x" not found`,
//   `configmap references non-existent config key: k`, `references non-existent secret key: k`) are
//   FailedMount events; the operation executor retries after 500 ms doubling to 2 m 2 s. The pod
//   waits in ContainerCreating without a sandbox (the 2 m 3 s WaitForAttachAndMount timeout emits no
//   event since 1.29: wait.Interrupted).
// - envvars.FromServices: the docker-link variables of every service of the namespace (when
//   enableServiceLinks) plus the `kubernetes` service of the default namespace.
// - fieldpath.FormatMap: downward API label/annotation files are `key="value"` lines, sorted.
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import { parseQuantity, type Quantity } from '../api/quantity';

export type EnvPair = [name: string, value: string];

function hostIP(node: KObject | undefined): string | undefined {
  return (node?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
}

interface ConfigState {
  /** `${podUid}/${i|c}:${container}` → the env the kubelet resolved when it last created that container. */
  env: Record<string, EnvPair[]>;
  /** Pod uid → volume mount progress (absent once every volume is mounted). */
  mounts: Record<string, MountState>;
  /** Pod uid → when its volumes were set up (ms): the atomic writer's timestamped directories. */
  mountedAt: Record<string, number>;
}

interface MountState {
  /** Volume name → attempts so far and when the next one is due. */
  vols: Record<string, { n: number; next: number }>;
}

function state(ctx: Ctx): ConfigState {
  const s = simState<ConfigState>(ctx, 'kubeletConfig', () => ({ env: {}, mounts: {}, mountedAt: {} }));
  s.env ??= {};
  s.mounts ??= {};
  s.mountedAt ??= {};
  return s;
}

const ENV_KEY = (uid: string, init: boolean, name: string) => `${uid}/${init ? 'i' : 'c'}:${name}`;

/** Forgets everything kept for a pod (it is gone). */
export function forgetPodConfig(ctx: Ctx, uid: string): void {
  const s = state(ctx);
  for (const k of Object.keys(s.env)) if (k.startsWith(`${uid}/`)) delete s.env[k];
  delete s.mounts[uid];
  delete s.mountedAt[uid];
}

// ---------------------------------------------------------------- expansion

/** third_party/forked/golang/expansion.Expand: `$(VAR)` replaced when known, `$$` is `$`. */
export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const n = input[i + 1]!;
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        // unterminated: the rest is kept as written
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const v = name === '' ? undefined : lookup(name);
      out += v === undefined ? `$(${name})` : v;
      i = close;
      continue;
    }
    out += c + n;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------- service links

function envName(s: string): string {
  return s.toUpperCase().replace(/-/g, '_');
}

/**
 * The service variables a container sees: every service with a cluster IP in the pod's namespace
 * (enableServiceLinks) and `kubernetes` in default, as they existed when the container started.
 */
export function serviceEnv(ctx: Ctx, ns: string, serviceLinks: boolean, asOfMs: number): EnvPair[] {
  const chosen = new Map<string, KObject>();
  const ok = (s: KObject) => {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None' || !(s.spec?.ports ?? []).length) return false;
    const created = Date.parse(s.metadata.creationTimestamp ?? '');
    return !(created > asOfMs);
  };
  const master = ctx.store.get('Service', 'default', 'kubernetes');
  if (master && ok(master)) chosen.set('kubernetes', master);
  if (serviceLinks) for (const s of ctx.store.list('Service', ns)) if (ok(s)) chosen.set(s.metadata.name, s);
  const out: EnvPair[] = [];
  for (const name of [...chosen.keys()].sort()) {
    const svc = chosen.get(name)!;
    const ip: string = svc.spec.clusterIP;
    const ports = svc.spec.ports as { name?: string; port: number; protocol?: string }[];
    const prefix = envName(name);
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0]!.port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    const host = ip.includes(':') ? `[${ip}]` : ip;
    ports.forEach((p, i) => {
      const proto = (p.protocol || 'TCP').toLowerCase();
      const url = `${proto}://${host}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([pp, url], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
    });
  }
  return out;
}

// ---------------------------------------------------------------- downward API

/** Go's %q for a string (strconv.Quote): printable runes kept, others escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** fieldpath.FormatMap */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(m![k]!)}`)
    .join('\n');
}

export interface PodAddrs {
  podIP?: string;
  hostIP?: string;
}

/** The value of a downward API field (env fieldRef and downwardAPI volume items). */
export function fieldRefValue(pod: KObject, fieldPath: string, addrs: PodAddrs): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (m) return (pod.metadata[m[1] as 'labels' | 'annotations'] ?? {})[m[2]!] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return addrs.hostIP ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return addrs.podIP ?? '';
  }
  return '';
}

function findContainer(pod: KObject, name: string): Container | undefined {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: Container) => c.name === name);
}

function q(v: unknown): Quantity | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return parseQuantity(v as string);
  } catch {
    return undefined;
  }
}

/**
 * resource.ExtractContainerResourceValue with the kubelet's defaults: an unset limit is the node's
 * allocatable (defaultPodLimitsForDownwardAPI); cpu rounds up in divisor units of milli-cores,
 * memory and storage in bytes.
 */
export function resourceFieldValue(pod: KObject, container: Container | undefined, ref: { containerName?: string; resource: string; divisor?: string }, node: KObject | undefined): string {
  const c = ref.containerName ? findContainer(pod, ref.containerName) : container;
  const res = ref.resource;
  const [kind, name] = res.split(/\.(.*)/s) as [string, string];
  let value = q((c?.resources as Record<string, Record<string, string>> | undefined)?.[kind]?.[name]);
  if (!value && kind === 'limits') value = q(node?.status?.allocatable?.[name]);
  let divisor = q(ref.divisor);
  if (!divisor || divisor.isZero()) divisor = parseQuantity('1');
  if (name === 'cpu') {
    const milli = value ? value.milliValue() : 0;
    return String(Math.ceil(milli / divisor.milliValue()));
  }
  const v = value ? value.value() : 0;
  return String(Math.ceil(v / divisor.value()));
}

// ---------------------------------------------------------------- environment

export interface ContainerCtx {
  pod: KObject;
  container: Container;
  addrs: PodAddrs;
  node?: KObject;
}

/** makeEnvironmentVariables without the service variables. Returns the variables, or the error. */
export function resolveEnv(ctx: Ctx, cc: ContainerCtx, services: EnvPair[]): { env: EnvPair[] } | { error: string } {
  const { pod, container } = cc;
  const ns = pod.metadata.namespace ?? 'default';
  const cms = new Map<string, KObject>();
  const secrets = new Map<string, KObject>();
  const get = (kind: 'ConfigMap' | 'Secret', name: string): KObject | undefined => {
    const cache = kind === 'ConfigMap' ? cms : secrets;
    if (!cache.has(name)) {
      const o = ctx.store.get(kind, ns, name);
      if (!o) return undefined;
      cache.set(name, o);
    }
    return cache.get(name);
  };
  const tmp = new Map<string, string>();
  for (const ef of (container.envFrom ?? []) as { prefix?: string; configMapRef?: { name?: string; optional?: boolean }; secretRef?: { name?: string; optional?: boolean } }[]) {
    const ref = ef.configMapRef ?? ef.secretRef;
    if (!ref) continue;
    const kind = ef.configMapRef ? 'ConfigMap' : 'Secret';
    const name = ref.name ?? '';
    const obj = get(kind, name);
    if (!obj) {
      if (ref.optional) continue;
      return { error: `${kind.toLowerCase()} "${name}" not found` };
    }
    const data: Record<string, string> = obj.data ?? {};
    // the API returns maps with their keys sorted
    for (const k of Object.keys(data).sort()) tmp.set((ef.prefix ?? '') + k, kind === 'Secret' ? b64(data[k]!) : data[k]!);
  }
  const svc = new Map(services);
  const lookup = (n: string) => (tmp.has(n) ? tmp.get(n) : svc.get(n));
  for (const ev of (container.env ?? []) as { name: string; value?: string; valueFrom?: Record<string, Record<string, unknown>> }[]) {
    let v = ev.value ?? '';
    if (v !== '') v = expandVars(v, lookup);
    else if (ev.valueFrom) {
      const vf = ev.valueFrom;
      if (vf.fieldRef) v = fieldRefValue(pod, String(vf.fieldRef.fieldPath ?? ''), cc.addrs);
      else if (vf.resourceFieldRef) v = resourceFieldValue(pod, container, vf.resourceFieldRef as { resource: string }, cc.node);
      else if (vf.configMapKeyRef || vf.secretKeyRef) {
        const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
        const ref = (vf.configMapKeyRef ?? vf.secretKeyRef) as { name?: string; key?: string; optional?: boolean };
        const name = ref.name ?? '';
        const key = ref.key ?? '';
        const obj = get(kind, name);
        if (!obj) {
          if (ref.optional) continue;
          return { error: `${kind.toLowerCase()} "${name}" not found` };
        }
        const data: Record<string, string> = obj.data ?? {};
        if (!(key in data)) {
          if (ref.optional) continue;
          return { error: `couldn't find key ${key} in ${kind} ${ns}/${name}` };
        }
        v = kind === 'Secret' ? b64(data[key]!) : data[key]!;
      }
    }
    tmp.set(ev.name, v);
  }
  return { env: [...tmp.entries()] };
}

function b64(s: string): string {
  return Buffer.from(s, 'base64').toString('utf8');
}

/** What the kubelet needs to know about the pod's addresses and node. */
export function containerCtx(ctx: Ctx, pod: KObject, container: Container, podIP?: string): ContainerCtx {
  const node = pod.spec?.nodeName ? ctx.store.get('Node', undefined, pod.spec.nodeName) : undefined;
  return { pod, container, node, addrs: { podIP: podIP ?? pod.status?.podIP, hostIP: hostIP(node) ?? pod.status?.hostIP } };
}

/**
 * generateContainerConfig's environment step, run when the kubelet creates a container: returns the
 * error that keeps it in CreateContainerConfigError, or records the variables the new container gets.
 */
export function prepareContainerConfig(ctx: Ctx, pod: KObject, container: Container, init: boolean, podIP: string | undefined): string | undefined {
  const cc = containerCtx(ctx, pod, container, podIP);
  const services = serviceEnv(ctx, pod.metadata.namespace ?? 'default', pod.spec?.enableServiceLinks !== false, ctx.clock.now());
  const r = resolveEnv(ctx, cc, services);
  if ('error' in r) return r.error;
  const key = ENV_KEY(pod.metadata.uid!, init, container.name);
  const s = state(ctx);
  if (r.env.length) s.env[key] = r.env;
  else delete s.env[key];
  return undefined;
}

/** The variables set from the pod spec for the container's current instance (as resolved at its start). */
export function specEnv(ctx: Ctx, pod: KObject, container: string, init = false): EnvPair[] {
  return state(ctx).env[ENV_KEY(pod.metadata.uid!, init, container)] ?? [];
}

// ---------------------------------------------------------------- volumes

export interface PayloadFile {
  data: Buffer;
  mode: number;
}

export type Payload = Record<string, PayloadFile>;

type KeyToPath = { key: string; path: string; mode?: number };

/** configmap.MakePayload / secret.MakePayload */
function makePayload(kind: 'ConfigMap' | 'Secret', items: KeyToPath[] | undefined, obj: KObject | undefined, defaultMode: number, optional: boolean): Payload | { error: string } {
  const out: Payload = {};
  const data: Record<string, Buffer> = {};
  if (obj) {
    for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>)) data[k] = kind === 'Secret' ? Buffer.from(v, 'base64') : Buffer.from(v, 'utf8');
    if (kind === 'ConfigMap') for (const [k, v] of Object.entries((obj.binaryData ?? {}) as Record<string, string>)) data[k] = Buffer.from(v, 'base64');
  }
  if (!items || items.length === 0) {
    for (const k of Object.keys(data)) out[k] = { data: data[k]!, mode: defaultMode };
    return out;
  }
  for (const it of items) {
    if (!(it.key in data)) {
      if (optional) continue;
      return { error: kind === 'ConfigMap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}` };
    }
    out[it.path] = { data: data[it.key]!, mode: it.mode ?? defaultMode };
  }
  return out;
}

type DownwardItem = { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { containerName?: string; resource: string; divisor?: string }; mode?: number };

function downwardPayload(pod: KObject, items: DownwardItem[], defaultMode: number, addrs: PodAddrs, node: KObject | undefined): Payload {
  const out: Payload = {};
  for (const it of items) {
    let v = '';
    if (it.fieldRef) v = fieldRefValue(pod, it.fieldRef.fieldPath, addrs);
    else if (it.resourceFieldRef) v = resourceFieldValue(pod, undefined, it.resourceFieldRef, node);
    out[it.path] = { data: Buffer.from(v, 'utf8'), mode: it.mode ?? defaultMode };
  }
  return out;
}

export interface VolumeContents {
  payload: Payload;
  /** tmpfs-backed (secrets, projected): the mount point's mode shows the sticky bit. */
  tmpfs: boolean;
}

/**
 * The files an atomic-writer volume (configMap, secret, downwardAPI, projected) holds now, or the
 * MountVolume.SetUp error. `undefined` for volumes the kubelet does not write (emptyDir, PVC…).
 */
export function volumeContents(ctx: Ctx, pod: KObject, vol: Record<string, Record<string, unknown>>, mountedAt: number): VolumeContents | { error: string } | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const node = pod.spec?.nodeName ? ctx.store.get('Node', undefined, pod.spec.nodeName) : undefined;
  const addrs: PodAddrs = { podIP: pod.status?.podIP, hostIP: hostIP(node) ?? pod.status?.hostIP };
  const mode = (src: Record<string, unknown>) => (typeof src.defaultMode === 'number' ? src.defaultMode : 0o644);
  if (vol.configMap || vol.secret) {
    const kind = vol.configMap ? 'ConfigMap' : 'Secret';
    const src = (vol.configMap ?? vol.secret)!;
    const name = String((kind === 'ConfigMap' ? src.name : src.secretName) ?? '');
    const obj = ctx.store.get(kind, ns, name);
    if (!obj && !src.optional) return { error: `${kind.toLowerCase()} "${name}" not found` };
    const p = makePayload(kind, src.items as KeyToPath[] | undefined, obj, mode(src), !!src.optional);
    if ('error' in p && typeof p.error === 'string') return { error: p.error };
    return { payload: p as Payload, tmpfs: kind === 'Secret' };
  }
  if (vol.downwardAPI) {
    return { payload: downwardPayload(pod, (vol.downwardAPI.items ?? []) as DownwardItem[], mode(vol.downwardAPI), addrs, node), tmpfs: false };
  }
  if (vol.projected) {
    const src = vol.projected;
    const dm = mode(src);
    const payload: Payload = {};
    const errs: string[] = [];
    for (const s of (src.sources ?? []) as Record<string, Record<string, unknown>>[]) {
      if (s.configMap || s.secret) {
        const kind = s.configMap ? 'ConfigMap' : 'Secret';
        const ref = (s.configMap ?? s.secret)!;
        const name = String(ref.name ?? '');
        const obj = ctx.store.get(kind, ns, name);
        if (!obj && !ref.optional) {
          errs.push(`${kind.toLowerCase()} "${name}" not found`);
          continue;
        }
        const p = makePayload(kind, ref.items as KeyToPath[] | undefined, obj, dm, !!ref.optional);
        if ('error' in p && typeof p.error === 'string') errs.push(p.error);
        else Object.assign(payload, p);
      } else if (s.downwardAPI) Object.assign(payload, downwardPayload(pod, (s.downwardAPI.items ?? []) as DownwardItem[], dm, addrs, node));
      else if (s.serviceAccountToken) {
        const t = s.serviceAccountToken;
        payload[String(t.path)] = { data: Buffer.from(serviceAccountToken(ctx, pod, node, Number(t.expirationSeconds ?? 3607), String(t.audience ?? ''), mountedAt), 'utf8'), mode: dm };
      }
    }
    // utilerrors.NewAggregate: one error reads as itself, several as `[a, b]`
    if (errs.length === 1) return { error: errs[0]! };
    if (errs.length > 1) return { error: `[${errs.join(', ')}]` };
    return { payload, tmpfs: true };
  }
  return undefined;
}

/** A bound service account token: a JWT shaped as the API server issues it (the signature is made up). */
function serviceAccountToken(ctx: Ctx, pod: KObject, node: KObject | undefined, expSeconds: number, audience: string, mountedAt: number): string {
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const ns = pod.metadata.namespace ?? 'default';
  const saObj = ctx.store.get('ServiceAccount', ns, sa);
  // the kubelet refreshes the token once 80% of its lifetime has passed
  const period = Math.max(1, Math.floor(expSeconds * 0.8)) * 1000;
  const issued = mountedAt + Math.floor(Math.max(0, ctx.clock.now() - mountedAt) / period) * period;
  const iat = Math.floor(issued / 1000);
  const iss = 'https://kubernetes.default.svc.cluster.local';
  const url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = { alg: 'RS256', kid: digest(`kid:${ctx.cluster.name}`, 32).toString('base64url').slice(0, 43) };
  // the API server extends the legacy 3607 s kube-api-access tokens to a year and says when to warn
  const extended = expSeconds === 3607;
  const claims = {
    aud: [audience || iss],
    exp: iat + (extended ? 365 * 24 * 3600 : expSeconds),
    iat,
    iss,
    jti: uuidFrom(digest(`jti:${pod.metadata.uid}:${iat}`, 16)),
    'kubernetes.io': {
      namespace: ns,
      node: { name: pod.spec?.nodeName ?? '', uid: node?.metadata.uid ?? '' },
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: sa, uid: saObj?.metadata.uid ?? '' },
      warnafter: extended ? iat + expSeconds : undefined,
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  const head = `${url(header)}.${url(claims)}`;
  return `${head}.${digest(`sig:${head}`, 256).toString('base64url')}`;
}

/** Deterministic bytes from a string (FNV-1a chained): fake digests and signatures. */
export function digest(seed: string, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  for (let i = 0; i < bytes; i++) {
    h = Math.imul(h ^ (i + 0x9e), 0x01000193) >>> 0;
    h ^= h >>> 13;
    out[i] = h & 0xff;
  }
  return out;
}

function uuidFrom(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** When the pod's volumes were set up (the atomic writer's timestamp), if they are. */
export function podMountedAt(ctx: Ctx, uid: string): number | undefined {
  return state(ctx).mountedAt[uid];
}

const MOUNT_BACKOFF_INITIAL_MS = 500;
const MOUNT_BACKOFF_MAX_MS = 122_000;

/**
 * The volume manager's part of syncPod: sets up every volume of the pod, recording FailedMount for
 * each one that fails and retrying it after its back-off. Returns when to look again, or undefined
 * once every volume is mounted (`justMounted` tells the caller the sandbox may start only now).
 */
export function mountVolumes(ctx: Ctx, pod: KObject, event: (reason: string, message: string) => void): { retryAt?: number; justMounted?: boolean } {
  const s = state(ctx);
  const uid = pod.metadata.uid!;
  if (s.mountedAt[uid] !== undefined) return {};
  const now = ctx.clock.now();
  const ms = s.mounts[uid];
  let retryAt: number | undefined;
  let failed = false;
  for (const vol of (pod.spec?.volumes ?? []) as Record<string, Record<string, unknown>>[]) {
    const name = String(vol.name);
    const st = ms?.vols[name];
    if (st && st.next > now) {
      failed = true;
      retryAt = retryAt === undefined ? st.next : Math.min(retryAt, st.next);
      continue;
    }
    const err = volumeSetUpError(ctx, pod, vol, now);
    if (err === undefined) {
      if (ms) delete ms.vols[name];
      continue;
    }
    failed = true;
    const entry = ((s.mounts[uid] ??= { vols: {} }).vols[name] ??= { n: 0, next: now });
    entry.n++;
    entry.next = now + Math.min(MOUNT_BACKOFF_INITIAL_MS * 2 ** (entry.n - 1), MOUNT_BACKOFF_MAX_MS);
    retryAt = retryAt === undefined ? entry.next : Math.min(retryAt, entry.next);
    if (err) event('FailedMount', `MountVolume.SetUp failed for volume "${name}" : ${err}`);
  }
  if (failed) return { retryAt };
  const hadFailures = !!s.mounts[uid];
  delete s.mounts[uid];
  s.mountedAt[uid] = now;
  return { justMounted: hadFailures };
}

/** Why a volume cannot be set up now: a message (FailedMount), '' (waits silently), or undefined. */
function volumeSetUpError(ctx: Ctx, pod: KObject, vol: Record<string, Record<string, unknown>>, now: number): string | undefined {
  if (vol.persistentVolumeClaim) {
    // the desired-state populator cannot process a claim that does not exist: the pod waits, and
    // the 1.32 kubelet reports nothing but a timeout it does not record as an event
    const claim = ctx.store.get('PersistentVolumeClaim', pod.metadata.namespace, String(vol.persistentVolumeClaim.claimName ?? ''));
    return claim ? undefined : '';
  }
  const c = volumeContents(ctx, pod, vol, now);
  return c && 'error' in c ? c.error : undefined;
}
