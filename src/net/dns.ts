// Name resolution as a client in (or out of) the simulated cluster experiences it.
//
// Inside a pod with dnsPolicy ClusterFirst the resolver reads the resolv.conf the kubelet wrote —
// `nameserver 10.96.0.10`, `search <ns>.svc.cluster.local svc.cluster.local cluster.local`,
// `options ndots:5` — so a name with fewer than five dots is tried with each search suffix first. Each
// query goes to the kube-dns ClusterIP, which kube-proxy sends to one of the CoreDNS pods: with no
// usable CoreDNS endpoint the query is rejected, and when the chosen CoreDNS pod is not actually running
// it times out, as a real resolver would. CoreDNS answers from the API objects the way its `kubernetes`
// plugin does (Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure … }`):
//   <svc>.<ns>.svc.cluster.local          the ClusterIP; for a headless service the ready endpoints;
//                                          for ExternalName a CNAME to the external name
//   <hostname>.<svc>.<ns>.svc.cluster.local  an endpoint of a headless service that has that hostname
//                                          (StatefulSet pods: web-0.nginx.default.svc.cluster.local)
//   <a-b-c-d>.<ns>.pod.cluster.local       a-b-c-d as an address ("pods insecure": not checked)
// and forwards anything else upstream (`forward . /etc/resolv.conf`): the nodes' resolver is Docker's,
// which knows the node containers by name; there is no Internet in the simulation, so every other
// name fails to resolve.
//
// From the machine the cluster runs on (kubesim curl without --from) only /etc/hosts helps: the
// simulation treats every Ingress rule host as if the learner had pointed it at the Ingress's address
// there; cluster names do not resolve. dnsPolicy Default and host-network pods use the node's resolver.
import type { Ctx } from '../controllers/context';
import type { KObject } from '../api/types';
import { chooseEndpoint } from './proxy';
import { isHeadless } from '../controllers/endpoints';
import { ES_GK, SERVICE_NAME_LABEL } from '../controllers/endpointslice';
import { hostIP } from '../kubelet';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS_IP = '10.96.0.10';

export type Origin = { kind: 'pod'; pod: KObject } | { kind: 'node'; node: string } | { kind: 'outside' };

export interface DnsAnswer {
  ok: true;
  /** The name as asked. */
  query: string;
  /** The name that answered (after search-list expansion), without the trailing dot. */
  fqdn: string;
  addresses: string[];
  /** CNAME chain followed (ExternalName services). */
  cnames: string[];
  /** What the name stands for, for explanations. */
  what?: string;
  /** The CoreDNS pod that answered, if the cluster DNS did. */
  server?: { pod: KObject; ip: string };
}

export interface DnsFailure {
  ok: false;
  query: string;
  /** nxdomain: no such name anywhere; refused: no DNS server reachable; timeout: the server did not answer. */
  reason: 'nxdomain' | 'refused' | 'timeout';
  /** Names tried, in order. */
  tried: string[];
}

export type DnsResult = DnsAnswer | DnsFailure;

/** The resolv.conf a pod's containers see (kubelet dns.go for ClusterFirst / Default / None). */
export function podResolvConf(ctx: Ctx, pod: KObject): { nameservers: string[]; searches: string[]; options: string[] } {
  const policy = podDnsPolicy(pod);
  const cfg = pod.spec?.dnsConfig ?? {};
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (policy === 'cluster') {
    nameservers = [CLUSTER_DNS_IP];
    const ns = pod.metadata.namespace ?? 'default';
    searches = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
    options = ['ndots:5'];
  } else if (policy === 'node') {
    // the kind node's resolver: Docker's embedded DNS server
    nameservers = ['172.18.0.1'];
    options = [];
  }
  for (const s of cfg.nameservers ?? []) if (!nameservers.includes(s)) nameservers.push(s);
  for (const s of cfg.searches ?? []) if (!searches.includes(s)) searches.push(s);
  for (const o of (cfg.options ?? []) as { name: string; value?: string }[]) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
    options = options.filter((x) => x.split(':')[0] !== o.name);
    options.push(text);
  }
  void ctx;
  return { nameservers, searches, options };
}

/** Which resolver a pod uses: the cluster DNS, the node's, or only its own dnsConfig. */
export function podDnsPolicy(pod: KObject): 'cluster' | 'node' | 'none' {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'None') return 'none';
  if (policy === 'Default') return 'node';
  if (policy === 'ClusterFirstWithHostNet') return 'cluster';
  return pod.spec?.hostNetwork ? 'node' : 'cluster';
}

function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

/** The names of the node containers, as Docker's DNS on the kind network answers them. */
function nodeAddress(ctx: Ctx, name: string): string | undefined {
  const node = ctx.store.get('Node', undefined, name);
  return node ? hostIP(node) : undefined;
}

type ZoneAnswer = { kind: 'A'; addresses: string[]; what: string } | { kind: 'CNAME'; target: string; what: string } | { kind: 'NXDOMAIN' };

function readyEndpointAddresses(ctx: Ctx, svc: KObject, hostname?: string): string[] {
  const out: string[] = [];
  for (const s of ctx.store.list(ES_GK, svc.metadata.namespace)) {
    if (s.metadata.labels?.[SERVICE_NAME_LABEL] !== svc.metadata.name || s.addressType !== 'IPv4') continue;
    for (const e of (s.endpoints ?? []) as Any[]) {
      const ready = e.conditions?.ready;
      if (ready === false) continue;
      if (hostname !== undefined) {
        const dashed = (e.addresses?.[0] ?? '').replace(/\./g, '-');
        if (e.hostname !== hostname && !(e.hostname === undefined && dashed === hostname)) continue;
      }
      for (const a of e.addresses ?? []) if (!out.includes(a)) out.push(a);
    }
  }
  return out;
}

/** What CoreDNS's kubernetes plugin answers for a name in the cluster domain. */
export function clusterZoneLookup(ctx: Ctx, fqdn: string): ZoneAnswer {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  if (!name.endsWith(`.${CLUSTER_DOMAIN}`)) return { kind: 'NXDOMAIN' };
  const labels = name.slice(0, -(CLUSTER_DOMAIN.length + 1)).split('.');
  const zone = labels[labels.length - 1];
  if (zone === 'pod' && labels.length === 3) {
    const [dashed, ns] = labels as [string, string];
    const ip = dashed.replace(/-/g, '.');
    if (!isIPv4(ip) || !ctx.store.get('Namespace', undefined, ns)) return { kind: 'NXDOMAIN' };
    return { kind: 'A', addresses: [ip], what: `pod address ${ip}` };
  }
  if (zone !== 'svc') return { kind: 'NXDOMAIN' };
  if (labels.length === 3) {
    const [svcName, ns] = labels as [string, string];
    const svc = ctx.store.get('Service', ns, svcName);
    if (!svc) return { kind: 'NXDOMAIN' };
    if (svc.spec?.type === 'ExternalName') return { kind: 'CNAME', target: String(svc.spec.externalName ?? '').replace(/\.$/, ''), what: `ExternalName service ${ns}/${svcName}` };
    if (isHeadless(svc)) {
      const addrs = readyEndpointAddresses(ctx, svc);
      return addrs.length ? { kind: 'A', addresses: addrs, what: `headless service ${ns}/${svcName}` } : { kind: 'NXDOMAIN' };
    }
    return { kind: 'A', addresses: [svc.spec.clusterIP], what: `service ${ns}/${svcName}` };
  }
  if (labels.length === 4) {
    const [host, svcName, ns] = labels as [string, string, string];
    const svc = ctx.store.get('Service', ns, svcName);
    if (!svc || !isHeadless(svc) || svc.spec?.type === 'ExternalName') return { kind: 'NXDOMAIN' };
    const addrs = readyEndpointAddresses(ctx, svc, host);
    return addrs.length ? { kind: 'A', addresses: addrs, what: `endpoint ${host} of headless service ${ns}/${svcName}` } : { kind: 'NXDOMAIN' };
  }
  return { kind: 'NXDOMAIN' };
}

/** The candidate names a resolver tries for `name` (search list and ndots). */
export function searchCandidates(name: string, searches: string[], ndots: number): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = (name.match(/\./g) ?? []).length;
  const expanded = searches.map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...expanded] : [...expanded, name];
}

/** The Ingress hosts a learner would have put in /etc/hosts, pointing at the Ingress's address. */
export function ingressHostAddress(ctx: Ctx, host: string): string | undefined {
  const h = host.toLowerCase();
  let wildcard: string | undefined;
  for (const ing of ctx.store.list('Ingress.networking.k8s.io')) {
    const addr = (ing.status?.loadBalancer?.ingress ?? []).map((i: Any) => i.ip).find(Boolean);
    if (!addr) continue;
    for (const r of (ing.spec?.rules ?? []) as Any[]) {
      const rh = String(r.host ?? '').toLowerCase();
      if (!rh) continue;
      if (rh === h) return addr;
      if (rh.startsWith('*.') && h.endsWith(rh.slice(1)) && h.slice(0, -(rh.length - 1)).indexOf('.') < 0 && !wildcard) wildcard = addr;
    }
  }
  return wildcard;
}

/** Sends one query to the cluster DNS service, as a pod's resolver does. */
function queryClusterDns(ctx: Ctx, pod: KObject, name: string): { answer?: ZoneAnswer; server?: { pod: KObject; ip: string }; fail?: 'refused' | 'timeout' } {
  const dnsSvc = ctx.store.list('Service').find((s) => s.spec?.clusterIP === CLUSTER_DNS_IP);
  if (!dnsSvc) return { fail: 'timeout' };
  const port = (dnsSvc.spec?.ports ?? []).find((p: Any) => p.port === 53 && (p.protocol ?? 'TCP') === 'UDP') ?? (dnsSvc.spec?.ports ?? []).find((p: Any) => p.port === 53);
  if (!port) return { fail: 'timeout' };
  const choice = chooseEndpoint(ctx, dnsSvc, port.name ?? '', pod.status?.podIP ?? '');
  if (choice.kind === 'reject') return { fail: 'refused' };
  if (choice.kind === 'drop') return { fail: 'timeout' };
  const ref = choice.endpoint.podRef;
  const server = ref ? ctx.store.get('Pod', ref.namespace, ref.name) : undefined;
  const running = !!server && (server.status?.containerStatuses ?? []).some((c: Any) => c.state?.running);
  if (!server || !running) return { fail: 'timeout' };
  return { answer: clusterZoneLookup(ctx, name), server: { pod: server, ip: choice.endpoint.ip } };
}

function shuffle(ctx: Ctx, list: string[]): string[] {
  if (list.length < 2) return list;
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = ctx.rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Resolves a host name (or returns an IPv4 literal) from a client's point of view. */
export function resolveHost(ctx: Ctx, name: string, origin: Origin): DnsResult {
  const query = name;
  if (isIPv4(name)) return { ok: true, query, fqdn: name, addresses: [name], cnames: [] };
  const lower = name.toLowerCase();
  if (lower === 'localhost' || lower === 'localhost.') return { ok: true, query, fqdn: 'localhost', addresses: ['127.0.0.1'], cnames: [], what: '/etc/hosts' };
  if (origin.kind === 'outside') {
    const addr = ingressHostAddress(ctx, lower.replace(/\.$/, ''));
    if (addr) return { ok: true, query, fqdn: lower.replace(/\.$/, ''), addresses: [addr], cnames: [], what: 'Ingress host in /etc/hosts' };
    return { ok: false, query, reason: 'nxdomain', tried: [lower] };
  }
  const policy = origin.kind === 'pod' ? podDnsPolicy(origin.pod) : 'node';
  const bare = lower.replace(/\.$/, '');
  if (policy === 'node') {
    // the node's resolver (Docker's) knows the node containers and nothing else
    const ip = nodeAddress(ctx, bare);
    if (ip) return { ok: true, query, fqdn: bare, addresses: [ip], cnames: [], what: `node ${bare}` };
    return { ok: false, query, reason: 'nxdomain', tried: [bare] };
  }
  // dnsPolicy None reaches the cluster DNS only when its dnsConfig names it
  if (policy === 'none' && !(podResolvConf(ctx, (origin as { pod: KObject }).pod).nameservers.includes(CLUSTER_DNS_IP))) return { ok: false, query, reason: 'nxdomain', tried: [bare] };
  const pod = (origin as { pod: KObject }).pod;
  const conf = podResolvConf(ctx, pod);
  const ndotsOpt = conf.options.find((o) => o.startsWith('ndots:'));
  const ndots = ndotsOpt ? Number(ndotsOpt.slice(6)) || 1 : 1;
  const candidates = searchCandidates(lower, conf.searches, ndots);
  const tried: string[] = [];
  for (const cand of candidates) {
    tried.push(cand);
    let fqdn = cand;
    const cnames: string[] = [];
    for (let hop = 0; hop < 8; hop++) {
      const q = queryClusterDns(ctx, pod, fqdn);
      if (q.fail) return { ok: false, query, reason: q.fail, tried };
      const a = q.answer!;
      // the Corefile's `loadbalance` plugin shuffles the A records of every answer
      if (a.kind === 'A') return { ok: true, query, fqdn: cand, addresses: shuffle(ctx, a.addresses), cnames, what: a.what, server: q.server };
      if (a.kind === 'CNAME') {
        cnames.push(a.target);
        fqdn = a.target;
        continue;
      }
      // NXDOMAIN in the cluster zone; other names go upstream, where only node names resolve
      if (!fqdn.endsWith(`.${CLUSTER_DOMAIN}`)) {
        const ip = nodeAddress(ctx, fqdn);
        if (ip) return { ok: true, query, fqdn: cand, addresses: [ip], cnames, what: `node ${fqdn}`, server: q.server };
      }
      break;
    }
  }
  return { ok: false, query, reason: 'nxdomain', tried };
}
