// Simulated HTTP traffic through the cluster's own objects. A request starts at a client — a pod
// (its network namespace and resolver), a node, or the machine the kind-style cluster runs on
// (172.18.0.1 on the nodes' Docker network) — and goes where the real packets would:
//
//   name → address      src/net/dns.ts (cluster DNS from pods; /etc/hosts-style Ingress hosts outside)
//   ClusterIP:port      kube-proxy picks one usable endpoint of the service port (src/net/proxy.ts);
//                       only reachable from inside the cluster
//   <node IP>:nodePort  kube-proxy on that node, externalTrafficPolicy applied
//   LB address:port     the simulated cloud load balancer sends the connection to an eligible node
//                       (workers; with externalTrafficPolicy Local only nodes whose health check
//                       passes), whose kube-proxy takes it from there
//   pod IP:port         the container listening on that port answers (src/net/apps.ts), or the
//                       connection is refused; the ingress-nginx controller routes by Host and path
//                       (src/net/ingress-route.ts) to the ready endpoints of the backend service
//
// Every served request appends the line the program would log to that container's log. Failures carry
// curl's exit code and message (curl 8.x wording): 6 could not resolve host, 7 connection refused,
// 28 timed out (dropped packets), 52 empty reply, 35/60 TLS problems. `httpRequest` is what
// `kubesim curl` and the in-container curl/wget of `kubesim exec` call.
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import type { Container, KObject } from '../api/types';
import { appendLog } from '../kubelet/logstore';
import { hostIP, kubeletState } from '../kubelet';
import { parseImage } from '../kubelet/images';
import { resolveHost, type Origin } from './dns';
import { chooseEndpoint, usable, serviceEndpoints } from './proxy';
import { appFor, byteLength, header, httpDate, logTime, nginxErrorPage, timeLocal, type AppModel, type HttpRequest, type HttpResponse, type ServerAnswer } from './apps';
import { routeIngress } from './ingress-route';
import { isNginxIngress } from '../controllers/ingress-nginx';
import { serviceForLoadBalancerIP } from '../controllers/servicelb';
import { INGRESS_NGINX_NS } from '../cluster/networking';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** The host the cluster's node containers run on, as seen on their Docker network. */
export const OUTSIDE_CLIENT_IP = '172.18.0.1';
export const CURL_USER_AGENT = 'curl/8.5.0';
/** Linux gives up a connect() after six SYN retransmissions (tcp_syn_retries = 6). */
export const CONNECT_TIMEOUT_MS = 127_000;
/** A neighbour that never answers ARP: "No route to host" after about three seconds. */
const NO_ROUTE_MS = 3_000;

export interface HttpOptions {
  method?: string;
  /** Extra request headers (`Host: x` replaces the Host header). */
  headers?: [string, string][];
  data?: string;
  /** curl -k: accept any server certificate. */
  insecure?: boolean;
  userAgent?: string;
  /** curl -L: follow redirects (up to 50, as curl does). */
  followRedirects?: boolean;
}

export interface Hop {
  /** `10.96.45.12:80` */
  addr: string;
  /** `service default/nginx`, `pod default/nginx-… on worker-1` */
  what: string;
}

export type FailureKind = 'url' | 'protocol' | 'resolve' | 'refused' | 'timeout' | 'noroute' | 'empty' | 'tls' | 'cert';

export interface HttpResult {
  url: string;
  /** An HTTP response arrived (whatever its status). */
  ok: boolean;
  /** curl's exit code for this outcome (0 when a response arrived). */
  exitCode: number;
  /** curl's error message without the `curl: (N) ` prefix. */
  error?: string;
  failure?: { kind: FailureKind; host?: string; ip?: string; port?: number; elapsedMs?: number; dns?: 'nxdomain' | 'refused' | 'timeout' };
  status?: number;
  reason?: string;
  headers?: [string, string][];
  body?: string;
  /** The way the request went, hop by hop. */
  hops: Hop[];
  /** The pod that produced the response. */
  served?: { pod: KObject; container: string; node?: string; ip: string; port: number };
  /** The client's own address. */
  clientIP: string;
  /** Redirects followed with -L (earlier results). */
  redirects?: HttpResult[];
}

export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path and query, always starting with '/'. */
  path: string;
  /** Host header value (host, plus :port when not the scheme's default). */
  hostHeader: string;
}

export function parseUrl(raw: string): ParsedUrl | { exitCode: number; error: string } {
  let rest = raw.trim();
  let scheme = 'http';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
  }
  if (scheme !== 'http' && scheme !== 'https') return { exitCode: 1, error: `Protocol "${scheme}" not supported` };
  const slash = rest.search(/[/?#]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '/' : rest.slice(slash);
  if (path.startsWith('?')) path = `/${path}`;
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  const at = authority.lastIndexOf('@');
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  if (!hostport) return { exitCode: 3, error: 'URL rejected: No host part in the URL' };
  const colon = hostport.lastIndexOf(':');
  let host = hostport;
  let port = scheme === 'https' ? 443 : 80;
  let explicitPort = false;
  if (colon >= 0) {
    host = hostport.slice(0, colon);
    const ps = hostport.slice(colon + 1);
    if (ps !== '') {
      if (!/^\d+$/.test(ps) || Number(ps) > 65535) return { exitCode: 3, error: 'URL rejected: Port number was not a decimal number between 0 and 65535' };
      port = Number(ps);
      explicitPort = true;
    }
  }
  if (!host) return { exitCode: 3, error: 'URL rejected: No host part in the URL' };
  const def = scheme === 'https' ? 443 : 80;
  return { scheme: scheme as 'http' | 'https', host, port, path, hostHeader: explicitPort && port !== def ? `${host}:${port}` : host };
}

// ---------------------------------------------------------------- the network

interface Client {
  origin: Origin;
  /** Source address of the client's packets. */
  ip: string;
  /** The node the client's packets leave from (undefined outside the cluster). */
  node?: string;
  /** The client pod, if any. */
  pod?: KObject;
}

/** A connection that reached a listening program. */
interface Conn {
  pod: KObject;
  container: Container;
  status: Any;
  app: AppModel;
  ip: string;
  port: number;
  /** The peer address the server sees. */
  remoteIP: string;
}

type ConnectResult = { ok: true; conn: Conn } | { ok: false; kind: 'refused' | 'timeout' | 'noroute'; elapsedMs: number };

const refused = (): ConnectResult => ({ ok: false, kind: 'refused', elapsedMs: 0 });
const timedOut = (): ConnectResult => ({ ok: false, kind: 'timeout', elapsedMs: CONNECT_TIMEOUT_MS });

function nodeByIP(ctx: Ctx, ip: string): KObject | undefined {
  return ctx.store.list('Node').find((n) => hostIP(n) === ip);
}

/** The first address of a node's pod CIDR: the gateway its pods see traffic from after masquerade. */
function podGateway(ctx: Ctx, nodeName: string | undefined): string | undefined {
  const cidr: string | undefined = nodeName ? ctx.store.get('Node', undefined, nodeName)?.spec?.podCIDR : undefined;
  if (!cidr) return undefined;
  const base = cidr.split('/')[0]!.split('.');
  return `${base[0]}.${base[1]}.${base[2]}.1`;
}

interface PodIndex {
  rv: number;
  byIP: Map<string, KObject>;
}

/** Pods by pod IP (host-network pods excluded), rebuilt when the store changed. */
function podsByIP(ctx: Ctx): Map<string, KObject> {
  const cached = ctx.transient['traffic.podsByIP'] as PodIndex | undefined;
  if (cached && cached.rv === ctx.store.resourceVersion) return cached.byIP;
  const byIP = new Map<string, KObject>();
  for (const p of ctx.store.list('Pod')) {
    if (p.spec?.hostNetwork) continue;
    const ip = p.status?.podIP;
    if (ip && !(p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')) byIP.set(ip, p);
  }
  ctx.transient['traffic.podsByIP'] = { rv: ctx.store.resourceVersion, byIP };
  return byIP;
}

function inPodNetwork(ip: string): boolean {
  // 10.244.0.0/16, and 10.128.0.0/10 where clusters of more than 256 nodes continue (podCIDRFor)
  if (ip.startsWith('10.244.')) return true;
  const second = Number(ip.split('.')[1]);
  return ip.startsWith('10.') && second >= 128 && second < 192;
}

function inServiceNetwork(ip: string): boolean {
  const p = ip.split('.').map(Number);
  return p[0] === 10 && p[1]! >= 96 && p[1]! <= 111;
}

function nodeRunning(ctx: Ctx, node: string | undefined): boolean {
  if (!node) return false;
  return !(kubeletState(ctx).stoppedNodes ?? []).includes(node) && !!ctx.store.get('Node', undefined, node);
}

function podLabel(pod: KObject): string {
  return `pod ${pod.metadata.name}${pod.spec?.nodeName ? ` on ${pod.spec.nodeName}` : ''}`;
}

/** The program answering on a container port of a pod, if it is running. */
function listener(ctx: Ctx, pod: KObject, port: number): { container: Container; status: Any; app: AppModel } | undefined {
  const statuses: Any[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...((pod.spec?.initContainers ?? []) as Container[]).filter((c: Any) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    const st = statuses.find((s) => s.name === c.name);
    if (!st?.state?.running) continue;
    const app = special(ctx, pod, c) ?? appFor(c);
    if (app && app.ports.includes(port)) return { container: c, status: st, app: app.model };
  }
  return undefined;
}

/** Connects to a pod's IP and port; `remoteIP` is the source address the pod will see. */
function connectPod(ctx: Ctx, pod: KObject, ip: string, port: number, remoteIP: string): ConnectResult {
  if (!nodeRunning(ctx, pod.spec?.nodeName)) return timedOut();
  const l = listener(ctx, pod, port);
  if (!l) return refused();
  return { ok: true, conn: { pod, container: l.container, status: l.status, app: l.app, ip, port, remoteIP } };
}

/** The source address a pod sees for a connection kube-proxy masqueraded on `viaNode`. */
function masqueraded(ctx: Ctx, viaNode: string | undefined, targetNode: string | undefined): string {
  if (viaNode && viaNode === targetNode) return podGateway(ctx, viaNode) ?? hostIP(ctx.store.get('Node', undefined, viaNode)) ?? OUTSIDE_CLIENT_IP;
  return (viaNode && hostIP(ctx.store.get('Node', undefined, viaNode))) || OUTSIDE_CLIENT_IP;
}

function findServicePort(svc: KObject, port: number): Any | undefined {
  return (svc.spec?.ports ?? []).find((p: Any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
}

/** Sends a connection through kube-proxy to one endpoint of a service port. */
function viaService(ctx: Ctx, client: Client, svc: KObject, sp: Any, hops: Hop[], opts: { external: boolean; node?: string; keepSource: boolean }): ConnectResult {
  const local = opts.external ? svc.spec?.externalTrafficPolicy === 'Local' : svc.spec?.internalTrafficPolicy === 'Local';
  const atNode = opts.node ?? client.node;
  // traffic that started inside the cluster is sent by Cluster policy to external addresses as well
  const policyNode = local && !(opts.external && client.origin.kind !== 'outside') ? atNode : undefined;
  const choice = chooseEndpoint(ctx, svc, sp.name ?? '', client.ip, policyNode);
  if (choice.kind === 'reject') {
    hops.push({ addr: '', what: `no ready endpoints for service ${svc.metadata.namespace}/${svc.metadata.name} port ${sp.port}: kube-proxy rejects the connection` });
    return refused();
  }
  if (choice.kind === 'drop') {
    hops.push({ addr: '', what: `no ready endpoints on ${atNode} with ${opts.external ? 'externalTrafficPolicy' : 'internalTrafficPolicy'} Local: kube-proxy drops the packets` });
    return timedOut();
  }
  const ep = choice.endpoint;
  if (choice.sticky) hops.push({ addr: '', what: `session affinity ClientIP (${client.ip})` });
  let remote = client.ip;
  const hairpin = client.pod && client.pod.status?.podIP === ep.ip;
  if (!opts.keepSource) {
    if (opts.external && !local) remote = masqueraded(ctx, atNode, ep.nodeName);
    else if (client.origin.kind === 'node' || client.pod?.spec?.hostNetwork) remote = masqueraded(ctx, client.node, ep.nodeName);
  }
  if (hairpin) remote = podGateway(ctx, ep.nodeName) ?? remote;
  return connectIP(ctx, client, ep.ip, ep.port, hops, { remoteIP: remote, fromProxy: true });
}

/** Eligible load-balancer backends: Ready nodes not excluded from external load balancers. */
function lbNodes(ctx: Ctx): string[] {
  return ctx.store
    .list('Node')
    .filter((n) => n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined)
    .filter((n) => (n.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True') && !n.spec?.unschedulable)
    .map((n) => n.metadata.name);
}

/** Routes a connection to ip:port as the network would. */
function connectIP(ctx: Ctx, client: Client, ip: string, port: number, hops: Hop[], opts: { remoteIP?: string; fromProxy?: boolean } = {}): ConnectResult {
  const outside = client.origin.kind === 'outside';
  const remoteIP = opts.remoteIP ?? client.ip;
  // loopback: the client's own network namespace
  if (ip.startsWith('127.')) {
    if (client.pod && !client.pod.spec?.hostNetwork) {
      hops.push({ addr: `${ip}:${port}`, what: `localhost of ${podLabel(client.pod)}` });
      return connectPod(ctx, client.pod, ip, port, '127.0.0.1');
    }
    if (client.node) return connectNode(ctx, client, ctx.store.get('Node', undefined, client.node)!, port, hops, '127.0.0.1');
    return refused();
  }
  // a Service's ClusterIP: kube-proxy on the client's node
  if (!opts.fromProxy && inServiceNetwork(ip)) {
    const svc = ctx.store.list('Service').find((s) => s.spec?.clusterIP === ip || (s.spec?.clusterIPs ?? []).includes(ip));
    if (outside || !svc) {
      hops.push({ addr: `${ip}:${port}`, what: outside ? 'ClusterIP, not routable from outside the cluster' : 'no service has this ClusterIP' });
      return timedOut();
    }
    const sp = findServicePort(svc, port);
    hops.push({ addr: `${ip}:${port}`, what: `service ${svc.metadata.namespace}/${svc.metadata.name}` });
    if (!sp) return timedOut();
    return viaService(ctx, client, svc, sp, hops, { external: false, keepSource: false });
  }
  // an externalIP of a Service: kube-proxy on the node the packets reach takes it as external traffic
  if (!opts.fromProxy) {
    for (const svc of ctx.store.list('Service')) {
      if (!(svc.spec?.externalIPs ?? []).includes(ip)) continue;
      const sp = findServicePort(svc, port);
      if (!sp) continue;
      const owner = nodeByIP(ctx, ip);
      if (outside && !owner) break;
      hops.push({ addr: `${ip}:${port}`, what: `external IP of service ${svc.metadata.namespace}/${svc.metadata.name}` });
      const node = outside ? owner!.metadata.name : client.node;
      return viaService(ctx, client, svc, sp, hops, { external: true, node, keepSource: svc.spec?.externalTrafficPolicy === 'Local' && outside });
    }
  }
  // a load-balancer address
  const lbSvc = !opts.fromProxy ? serviceForLoadBalancerIP(ctx, ip) : undefined;
  if (lbSvc) {
    const sp = findServicePort(lbSvc, port);
    hops.push({ addr: `${ip}:${port}`, what: `load balancer of service ${lbSvc.metadata.namespace}/${lbSvc.metadata.name}` });
    if (!sp) return timedOut();
    if (!outside) return viaService(ctx, client, lbSvc, sp, hops, { external: true, keepSource: false });
    let nodes = lbNodes(ctx);
    if (lbSvc.spec?.externalTrafficPolicy === 'Local') {
      // the health check on healthCheckNodePort passes only where a usable endpoint runs
      const eps = serviceEndpoints(ctx, lbSvc, sp.name ?? '');
      const healthy = nodes.filter((n) => usable(eps, n).length > 0);
      if (healthy.length) nodes = healthy;
    }
    if (!nodes.length) return timedOut();
    const node = nodes[ctx.rng.int(nodes.length)]!;
    hops.push({ addr: `${hostIP(ctx.store.get('Node', undefined, node)) ?? node}`, what: `node ${node}` });
    return viaService(ctx, client, lbSvc, sp, hops, { external: true, node, keepSource: lbSvc.spec?.externalTrafficPolicy === 'Local' });
  }
  // a node
  const node = nodeByIP(ctx, ip);
  if (node) {
    if (!nodeRunning(ctx, node.metadata.name) && !(node.status?.conditions ?? []).length) return timedOut();
    return connectNode(ctx, client, node, port, hops, remoteIP, opts.fromProxy);
  }
  // a pod
  const pod = inPodNetwork(ip) ? podsByIP(ctx).get(ip) : undefined;
  if (pod) {
    if (outside && !opts.fromProxy) {
      hops.push({ addr: `${ip}:${port}`, what: 'pod IP, not routable from outside the cluster' });
      return timedOut();
    }
    hops.push({ addr: `${ip}:${port}`, what: podLabel(pod) });
    return connectPod(ctx, pod, ip, port, remoteIP);
  }
  if (inPodNetwork(ip) && (!outside || opts.fromProxy)) {
    hops.push({ addr: `${ip}:${port}`, what: 'no pod has this address' });
    return { ok: false, kind: 'noroute', elapsedMs: NO_ROUTE_MS };
  }
  if (ip === OUTSIDE_CLIENT_IP) return refused();
  hops.push({ addr: `${ip}:${port}`, what: 'no host answers at this address' });
  return timedOut();
}

/** A connection arriving at a node address: NodePorts, host-network pods, hostPorts. */
function connectNode(ctx: Ctx, client: Client, node: KObject, port: number, hops: Hop[], remoteIP: string, fromProxy = false): ConnectResult {
  const nodeName = node.metadata.name;
  const ip = hostIP(node) ?? '';
  if (!nodeRunning(ctx, nodeName)) {
    hops.push({ addr: `${ip}:${port}`, what: `node ${nodeName} (stopped)` });
    return timedOut();
  }
  if (!fromProxy && port >= 30000 && port <= 32767) {
    for (const svc of ctx.store.list('Service')) {
      const sp = (svc.spec?.ports ?? []).find((p: Any) => p.nodePort === port && (p.protocol ?? 'TCP') === 'TCP');
      if (sp) {
        hops.push({ addr: `${ip}:${port}`, what: `NodePort of service ${svc.metadata.namespace}/${svc.metadata.name} on node ${nodeName}` });
        const keep = svc.spec?.externalTrafficPolicy === 'Local' && client.origin.kind === 'outside';
        return viaService(ctx, client, svc, sp, hops, { external: true, node: nodeName, keepSource: keep });
      }
      if (svc.spec?.healthCheckNodePort === port) {
        hops.push({ addr: `${ip}:${port}`, what: `kube-proxy health check of service ${svc.metadata.namespace}/${svc.metadata.name} on node ${nodeName}` });
        return { ok: true, conn: healthCheckConn(ctx, svc, node, port, remoteIP) };
      }
    }
  }
  for (const pod of ctx.store.podsOnNode(nodeName)) {
    if (pod.metadata.deletionTimestamp && !(pod.status?.containerStatuses ?? []).some((c: Any) => c.state?.running)) continue;
    if (pod.spec?.hostNetwork) {
      const l = listener(ctx, pod, port);
      if (l) {
        hops.push({ addr: `${ip}:${port}`, what: `${podLabel(pod)} (host network)` });
        return { ok: true, conn: { pod, container: l.container, status: l.status, app: l.app, ip, port, remoteIP } };
      }
    } else {
      for (const c of (pod.spec?.containers ?? []) as Container[]) {
        const hp = (c.ports ?? []).find((p) => p.hostPort === port && (p.protocol ?? 'TCP') === 'TCP');
        if (hp && pod.status?.podIP) {
          hops.push({ addr: `${ip}:${port}`, what: `hostPort of ${podLabel(pod)}` });
          return connectPod(ctx, pod, pod.status.podIP, hp.containerPort, remoteIP);
        }
      }
    }
  }
  if (port === 10250) {
    hops.push({ addr: `${ip}:${port}`, what: `kubelet on node ${nodeName}` });
    return { ok: true, conn: kubeletConn(ctx, node, port, remoteIP) };
  }
  hops.push({ addr: `${ip}:${port}`, what: `node ${nodeName}: nothing listens on this port` });
  return refused();
}

// ---------------------------------------------------------------- programs that are not images' apps

function pseudoPod(node: KObject): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: node.metadata.name, namespace: '' }, spec: { nodeName: node.metadata.name, containers: [] } };
}

const TLS_ONLY = Symbol('tls-only');

function healthCheckConn(ctx: Ctx, svc: KObject, node: KObject, port: number, remoteIP: string): Conn {
  const app: AppModel = {
    ports: () => [port],
    serve() {
      const sp = (svc.spec?.ports ?? [])[0];
      const local = usable(serviceEndpoints(ctx, svc, sp?.name ?? ''), node.metadata.name).length;
      const body = `{"service":{"namespace":"${svc.metadata.namespace}","name":"${svc.metadata.name}"},"localEndpoints":${local},"serviceProxyHealthy":true}`;
      return { kind: 'response', response: { status: local ? 200 : 503, reason: local ? 'OK' : 'Service Unavailable', headers: [['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff'], ['X-Load-Balancing-Endpoint-Weight', String(local)], ['Date', httpDate(ctx.clock.now())], ['Content-Length', String(byteLength(body))]], body } };
    },
  };
  return { pod: pseudoPod(node), container: { name: 'kube-proxy' } as Container, status: {}, app, ip: hostIP(node) ?? '', port, remoteIP };
}

function kubeletConn(ctx: Ctx, node: KObject, port: number, remoteIP: string): Conn {
  const app: AppModel & { [TLS_ONLY]?: boolean } = {
    ports: () => [port],
    serve() {
      return { kind: 'response', response: { status: 401, reason: 'Unauthorized', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Date', httpDate(ctx.clock.now())], ['Content-Length', '12']], body: 'Unauthorized' } };
    },
  };
  app[TLS_ONLY] = true;
  return { pod: pseudoPod(node), container: { name: 'kubelet' } as Container, status: {}, app, ip: hostIP(node) ?? '', port, remoteIP };
}

/** The kube-apiserver: HTTPS only; anonymous requests may read /version, /healthz, /livez, /readyz. */
function apiServerApp(ctx: Ctx): AppModel & { [TLS_ONLY]?: boolean } {
  const app: AppModel & { [TLS_ONLY]?: boolean } = {
    ports: () => [6443],
    serve(req) {
      const now = ctx.clock.now();
      const path = req.path.split('?')[0]!;
      const json = (status: number, reason: string, body: string): ServerAnswer => ({
        kind: 'response',
        response: { status, reason, headers: [['Audit-Id', ctx.rng.uuid()], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json'], ['Date', httpDate(now)], ['Content-Length', String(byteLength(body))]], body },
      });
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        return { kind: 'response', response: { status: 200, reason: 'OK', headers: [['Audit-Id', ctx.rng.uuid()], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(now)], ['Content-Length', '2']], body: 'ok' } };
      }
      if (path === '/version') {
        const v = ctx.cluster.version;
        const [maj, min] = v.replace(/^v/, '').split('.');
        return json(200, 'OK', `{\n  "major": "${maj}",\n  "minor": "${min}",\n  "gitVersion": "${v}",\n  "gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53",\n  "gitTreeState": "clean",\n  "buildDate": "2024-12-11T17:59:15Z",\n  "goVersion": "go1.23.3",\n  "compiler": "gc",\n  "platform": "linux/amd64"\n}`);
      }
      return json(403, 'Forbidden', `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`);
    },
  };
  app[TLS_ONLY] = true;
  return app;
}

const INGRESS_NGINX_REPO = 'registry.k8s.io/ingress-nginx/controller';
const APISERVER_REPO = 'registry.k8s.io/kube-apiserver';

/** Images whose programs need the network model itself (the API server, the ingress controller). */
function special(ctx: Ctx, pod: KObject, c: Container): { model: AppModel; ports: number[] } | undefined {
  const ref = c.image ? parseImage(c.image) : undefined;
  if (!ref) return undefined;
  if (ref.repository === APISERVER_REPO) return { model: apiServerApp(ctx), ports: [6443] };
  if (ref.repository === INGRESS_NGINX_REPO) {
    const model = ingressNginxApp(ctx, pod);
    return { model, ports: [80, 443, 10254] };
  }
  return undefined;
}

// ---------------------------------------------------------------- ingress-nginx

const INGRESS_404 = nginxErrorPage(404, 'Not Found', 'nginx');
const INGRESS_503 = nginxErrorPage(503, 'Service Temporarily Unavailable', 'nginx');

function requestLength(req: HttpRequest): number {
  let n = byteLength(`${req.method} ${req.path} HTTP/1.1\r\n`);
  for (const [k, v] of req.headers) n += byteLength(`${k}: ${v}\r\n`);
  return n + 2 + byteLength(req.body ?? '');
}

interface RoundRobin {
  rr: Record<string, number>;
}

/** The ingress-nginx controller's nginx: routes by Host and path to the backend's ready endpoints. */
function ingressNginxApp(ctx: Ctx, self: KObject): AppModel & { [TLS_ONLY]?: boolean; tlsPorts?: number[] } {
  const app: AppModel & { tlsPorts?: number[] } = {
    ports: () => [80, 443, 10254],
    tlsPorts: [443],
    serve(req, env) {
      const now = ctx.clock.now();
      if (req.serverPort === 10254) {
        const ok = req.path.split('?')[0] === '/healthz';
        return { kind: 'response', response: { status: ok ? 200 : 404, reason: ok ? 'OK' : 'Not Found', headers: [['Date', httpDate(now)], ['Content-Length', ok ? '2' : '19'], ['Content-Type', 'text/plain; charset=utf-8']], body: ok ? 'ok' : '404 page not found\n' } };
      }
      const hostHeader = header(req, 'Host') ?? req.serverIP;
      const host = hostHeader.replace(/:\d+$/, '');
      const ingresses = ctx.store.list('Ingress.networking.k8s.io').filter((i) => !i.metadata.deletionTimestamp && isNginxIngress(ctx, i));
      const match = routeIngress(ingresses, host, req.path);
      const reqId = ctx.rng.hex(32);
      const ua = header(req, 'User-Agent') ?? '-';
      // upstreaminfo log format; the default backend and refusals answer at once, a pod in about a millisecond
      const line = (status: number, bytes: number, upstream: string, upAddr: string, upLen: string, upStatus: string) => {
        const t = upAddr === '-' || upstream === 'upstream-default-backend' ? '0.000' : '0.001';
        return `${req.remoteIP} - - [${timeLocal(now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${bytes} "${header(req, 'Referer') ?? '-'}" "${ua}" ${requestLength(req)} ${t} [${upstream}] [] ${upAddr} ${upLen} ${upAddr === '-' ? '-' : t} ${upStatus} ${reqId}`;
      };
      const page = (status: number, reason: string, body: string): ServerAnswer => ({
        kind: 'response',
        response: { status, reason, headers: [['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive']], body },
      });
      if (!match) {
        env.log(line(404, byteLength(INGRESS_404), 'upstream-default-backend', '127.0.0.1:8181', String(byteLength(INGRESS_404)), '404'));
        env.trace({ addr: '', what: `ingress-nginx: no rule for host ${host} path ${req.path.split('?')[0]}: default backend` });
        return page(404, 'Not Found', INGRESS_404);
      }
      const ing = match.ingress;
      const ruleText = match.viaDefault ? `default backend of ingress ${ing.metadata.namespace}/${ing.metadata.name}` : `ingress ${ing.metadata.namespace}/${ing.metadata.name} host ${match.host || '*'} path ${match.path} (${match.pathType})`;
      env.trace({ addr: '', what: ruleText });
      // TLS hosts are redirected to https (ssl-redirect, on by default)
      const tlsHosts = (ing.spec?.tls ?? []).flatMap((t: Any) => t.hosts ?? []);
      if (req.scheme === 'http' && match.host && tlsHosts.includes(match.host) && ing.metadata.annotations?.['nginx.ingress.kubernetes.io/ssl-redirect'] !== 'false') {
        const body = nginxErrorPage(308, 'Permanent Redirect', 'nginx');
        env.log(line(308, byteLength(body), `${ing.metadata.namespace}-${match.backend?.service?.name ?? ''}-${match.backend?.service?.port?.number ?? match.backend?.service?.port?.name ?? ''}`, '-', '-', '-'));
        return { kind: 'response', response: { status: 308, reason: 'Permanent Redirect', headers: [['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive'], ['Location', `https://${host}${req.path}`]], body } };
      }
      const sb = match.backend?.service;
      const ns = ing.metadata.namespace;
      const portKey = sb?.port?.number ?? sb?.port?.name ?? '';
      const upstream = `${ns}-${sb?.name ?? ''}-${portKey}`;
      const svc = sb ? ctx.store.get('Service', ns, sb.name) : undefined;
      const sp = svc ? (svc.spec?.ports ?? []).find((p: Any) => (sb.port?.number ? p.port === sb.port.number : p.name === sb.port?.name)) : undefined;
      const eps = svc && sp ? serviceEndpoints(ctx, svc, sp.name ?? '').filter((e) => e.ready) : [];
      if (!svc || !sp || eps.length === 0) {
        env.log(line(503, byteLength(INGRESS_503), upstream, '-', '-', '-'));
        env.trace({ addr: '', what: !svc ? `service ${ns}/${sb?.name ?? ''} not found` : `service ${ns}/${svc.metadata.name} has no ready endpoints` });
        return page(503, 'Service Temporarily Unavailable', INGRESS_503);
      }
      const rr = simState<RoundRobin>(ctx, 'ingress-nginx-rr', () => ({ rr: {} }));
      const i = (rr.rr[upstream] ?? 0) % eps.length;
      rr.rr[upstream] = i + 1;
      const ep = eps[i]!;
      const fwd: [string, string][] = [
        ['Host', hostHeader],
        ['X-Request-ID', reqId],
        ['X-Real-IP', req.remoteIP],
        ['X-Forwarded-For', req.remoteIP],
        ['X-Forwarded-Host', hostHeader],
        ['X-Forwarded-Port', String(req.serverPort)],
        ['X-Forwarded-Proto', req.scheme],
        ['X-Forwarded-Scheme', req.scheme],
        ['X-Scheme', req.scheme],
        ...req.headers.filter(([k]) => !['host', 'connection'].includes(k.toLowerCase())),
      ];
      const upstreamReq: HttpRequest = { method: req.method, path: req.path, headers: fwd, body: req.body, scheme: 'http', serverIP: ep.ip, serverPort: ep.port, remoteIP: self.status?.podIP ?? '' };
      const client: Client = { origin: { kind: 'pod', pod: self }, ip: self.status?.podIP ?? '', node: self.spec?.nodeName, pod: self };
      const hops: Hop[] = [];
      const conn = connectIP(ctx, client, ep.ip, ep.port, hops, { fromProxy: true });
      for (const h of hops) env.trace(h);
      if (!conn.ok) {
        env.log(`${logTime(now)} [error] 33#33: *${ctx.rng.int(9000) + 100} connect() failed (111: Connection refused) while connecting to upstream, client: ${req.remoteIP}, server: ${host}, request: "${req.method} ${req.path} HTTP/1.1", upstream: "http://${ep.ip}:${ep.port}${req.path}", host: "${hostHeader}"`);
        const body = nginxErrorPage(502, 'Bad Gateway', 'nginx');
        env.log(line(502, byteLength(body), upstream, `${ep.ip}:${ep.port}`, '0', '502'));
        return page(502, 'Bad Gateway', body);
      }
      const answer = serveOn(ctx, conn.conn, upstreamReq);
      env.served(conn.conn);
      if (answer.kind === 'empty') {
        const body = nginxErrorPage(502, 'Bad Gateway', 'nginx');
        env.log(line(502, byteLength(body), upstream, `${ep.ip}:${ep.port}`, '0', '502'));
        return page(502, 'Bad Gateway', body);
      }
      const r = answer.response;
      env.log(line(r.status, byteLength(r.body), upstream, `${ep.ip}:${ep.port}`, String(byteLength(r.body)), String(r.status)));
      const headers: [string, string][] = [['Date', httpDate(now)], ...r.headers.filter(([k]) => !['date', 'server', 'connection', 'keep-alive', 'transfer-encoding'].includes(k.toLowerCase())), ['Connection', 'keep-alive']];
      return { kind: 'response', response: { ...r, headers } };
    },
  };
  return app;
}

// ---------------------------------------------------------------- serving

interface ServeHooks {
  trace(h: Hop): void;
  served(conn: Conn): void;
}

let hooks: ServeHooks | undefined;

/** Lets the connection's program answer; its log lines go to the container's log. */
function serveOn(ctx: Ctx, conn: Conn, req: HttpRequest): ServerAnswer {
  const restart = conn.status?.restartCount ?? 0;
  const env = {
    ctx,
    pod: conn.pod,
    container: conn.container,
    status: conn.status,
    log(line: string) {
      if (conn.pod.metadata.uid) appendLog(ctx, conn.pod.metadata.uid, conn.container.name, restart, line);
    },
    trace(h: Hop) {
      hooks?.trace(h);
    },
    served(c: unknown) {
      hooks?.served(c as Conn);
    },
  };
  return conn.app.serve(req, env);
}

function isTlsOnly(app: AppModel): boolean {
  return !!(app as { [TLS_ONLY]?: boolean })[TLS_ONLY];
}

function tlsPort(app: AppModel, port: number): boolean {
  return isTlsOnly(app) || ((app as { tlsPorts?: number[] }).tlsPorts ?? []).includes(port) || port === 8443;
}

function curlFailure(kind: FailureKind | 'ca', host: string, port: number, elapsedMs: number): { exitCode: number; error: string } {
  switch (kind) {
    case 'refused':
    case 'noroute':
      return { exitCode: 7, error: `Failed to connect to ${host} port ${port} after ${elapsedMs} ms: Couldn't connect to server` };
    case 'timeout':
      return { exitCode: 28, error: `Failed to connect to ${host} port ${port} after ${elapsedMs} ms: Couldn't connect to server` };
    case 'empty':
      return { exitCode: 52, error: 'Empty reply from server' };
    case 'tls':
      return { exitCode: 35, error: 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number' };
    case 'cert':
    case 'ca':
      return {
        exitCode: 60,
        error:
          `SSL certificate problem: ${kind === 'ca' ? 'unable to get local issuer certificate' : 'self-signed certificate'}\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.`,
      };
    default:
      return { exitCode: 1, error: 'unexpected failure' };
  }
}

export interface From {
  /** The client pod (its network namespace and resolver). */
  pod?: KObject;
  /** A node (its network namespace: the node's address, Docker's resolver). */
  node?: string;
  /** The source address of a client outside the cluster (default 172.18.0.1). */
  clientIP?: string;
}

function clientFor(ctx: Ctx, from: From): Client {
  if (from.pod) {
    const pod = from.pod;
    const node = pod.spec?.nodeName;
    const ip = pod.spec?.hostNetwork ? (hostIP(ctx.store.get('Node', undefined, node ?? '')) ?? '') : (pod.status?.podIP ?? '');
    return { origin: { kind: 'pod', pod }, ip, node, pod };
  }
  if (from.node) return { origin: { kind: 'node', node: from.node }, ip: hostIP(ctx.store.get('Node', undefined, from.node)) ?? '', node: from.node };
  return { origin: { kind: 'outside' }, ip: from.clientIP || OUTSIDE_CLIENT_IP };
}

/** One HTTP request from a client through the simulated cluster. */
export function httpRequest(ctx: Ctx, from: From, url: string, opts: HttpOptions = {}): HttpResult {
  const redirects: HttpResult[] = [];
  let cur = url;
  let method = opts.method;
  for (let i = 0; ; i++) {
    const r = singleRequest(ctx, from, cur, { ...opts, method });
    if (!opts.followRedirects || !r.ok || !r.status || r.status < 300 || r.status >= 400 || i >= 50) {
      if (redirects.length) r.redirects = redirects;
      return r;
    }
    const loc = r.headers?.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (!loc) return r;
    redirects.push(r);
    const base = parseUrl(cur);
    cur = /^[a-z]+:\/\//i.test(loc) || 'exitCode' in base ? loc : `${base.scheme}://${base.hostHeader}${loc.startsWith('/') ? loc : `/${loc}`}`;
    if (r.status === 302 || r.status === 303) method = method === 'HEAD' ? 'HEAD' : 'GET';
  }
}

function singleRequest(ctx: Ctx, from: From, url: string, opts: HttpOptions): HttpResult {
  const client = clientFor(ctx, from);
  const hops: Hop[] = [];
  const base = { url, hops, clientIP: client.ip };
  const parsed = parseUrl(url);
  if ('exitCode' in parsed) return { ...base, ok: false, exitCode: parsed.exitCode, error: parsed.error, failure: { kind: parsed.exitCode === 1 ? 'protocol' : 'url' } };
  const dns = resolveHost(ctx, parsed.host, client.origin);
  if (!dns.ok) {
    hops.push({ addr: parsed.host, what: dnsExplanation(dns, client.origin) });
    return { ...base, ok: false, exitCode: 6, error: `Could not resolve host: ${parsed.host}`, failure: { kind: 'resolve', host: parsed.host, dns: dns.reason } };
  }
  const ip = dns.addresses[0]!;
  if (ip !== parsed.host) {
    const notes: string[] = [];
    if (dns.cnames.length) notes.push(`CNAME ${dns.cnames.join(', ')}`);
    if (dns.what === 'Ingress host in /etc/hosts') notes.push('in /etc/hosts');
    else if (dns.what?.startsWith('node ')) notes.push('node');
    else if (dns.what?.startsWith('headless') || dns.what?.startsWith('endpoint')) notes.push(dns.addresses.join(', '));
    hops.push({ addr: dns.fqdn, what: notes.join('; ') });
  }
  const served: Conn[] = [];
  hooks = { trace: (h) => hops.push(h), served: (c) => served.push(c) };
  try {
    const c = connectIP(ctx, client, ip, parsed.port, hops);
    if (!c.ok) {
      const f = curlFailure(c.kind, parsed.host, parsed.port, c.elapsedMs);
      return { ...base, ok: false, ...f, failure: { kind: c.kind, host: parsed.host, ip, port: parsed.port, elapsedMs: c.elapsedMs } };
    }
    const conn = c.conn;
    const tls = tlsPort(conn.app, conn.port);
    const now = ctx.clock.now();
    if (parsed.scheme === 'https' && !tls) {
      const f = curlFailure('tls', parsed.host, parsed.port, 0);
      return { ...base, ok: false, ...f, failure: { kind: 'tls', host: parsed.host, ip, port: parsed.port } };
    }
    if (parsed.scheme === 'https' && !opts.insecure) {
      // the API server's certificate is signed by the cluster CA, the others are self-signed
      const f = curlFailure(conn.port === 6443 && conn.container.name === 'kube-apiserver' ? 'ca' : 'cert', parsed.host, parsed.port, 0);
      return { ...base, ok: false, ...f, failure: { kind: 'cert', host: parsed.host, ip, port: parsed.port } };
    }
    const headers: [string, string][] = [];
    const userHost = (opts.headers ?? []).find(([k]) => k.toLowerCase() === 'host');
    headers.push(['Host', userHost?.[1] ?? parsed.hostHeader]);
    const ua = (opts.headers ?? []).find(([k]) => k.toLowerCase() === 'user-agent');
    headers.push(['User-Agent', ua?.[1] ?? opts.userAgent ?? CURL_USER_AGENT]);
    headers.push(['Accept', '*/*']);
    for (const h of opts.headers ?? []) if (!['host', 'user-agent', 'accept'].includes(h[0].toLowerCase())) headers.push(h);
    if (opts.data !== undefined) {
      headers.push(['Content-Length', String(byteLength(opts.data))]);
      if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    }
    const method = opts.method ?? (opts.data !== undefined ? 'POST' : 'GET');
    const req: HttpRequest = { method, path: parsed.path, headers, body: opts.data, scheme: parsed.scheme, serverIP: conn.ip, serverPort: conn.port, remoteIP: conn.remoteIP };
    let answer: ServerAnswer;
    if (parsed.scheme === 'http' && isTlsOnly(conn.app)) {
      const body = 'Client sent an HTTP request to an HTTPS server.\n';
      answer = { kind: 'response', response: { status: 400, reason: 'Bad Request', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], body } };
    } else if (parsed.scheme === 'http' && tls && conn.port === 443) {
      const body = nginxErrorPage(400, 'The plain HTTP request was sent to HTTPS port', 'nginx');
      answer = { kind: 'response', response: { status: 400, reason: 'Bad Request', headers: [['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'close']], body } };
    } else answer = serveOn(ctx, conn, req);
    const last = served.length ? served[served.length - 1]! : conn;
    const servedInfo = { pod: last.pod, container: last.container.name, node: last.pod.spec?.nodeName, ip: last.ip, port: last.port };
    if (answer.kind === 'empty') {
      const f = curlFailure('empty', parsed.host, parsed.port, 0);
      return { ...base, ok: false, ...f, failure: { kind: 'empty', host: parsed.host, ip, port: parsed.port }, served: servedInfo };
    }
    const r: HttpResponse = answer.response;
    return { ...base, ok: true, exitCode: 0, status: r.status, reason: r.reason, headers: r.headers, body: method === 'HEAD' ? '' : r.body, served: servedInfo };
  } finally {
    hooks = undefined;
  }
}

function dnsExplanation(dns: { reason: 'nxdomain' | 'refused' | 'timeout'; tried: string[] }, origin: Origin): string {
  if (dns.reason === 'refused') return 'DNS query rejected: no ready CoreDNS endpoint behind kube-dns 10.96.0.10';
  if (dns.reason === 'timeout') return 'DNS query timed out: the CoreDNS pod it was sent to does not answer';
  if (origin.kind === 'outside') return 'does not resolve outside the cluster: cluster names resolve only inside pods, Ingress hosts once their Ingress has an address';
  return dns.tried.length > 1 ? `no such name; tried ${dns.tried.join(', ')}` : 'no such name';
}

/** curl's one-line summary of an outcome for the exec engineer's wget: wget's own words. */
export function wgetError(r: HttpResult): string {
  const f = r.failure;
  if (!f) return r.status && r.status >= 400 ? `wget: server returned error: HTTP/1.1 ${r.status} ${r.reason ?? ''}`.trimEnd() : '';
  switch (f.kind) {
    case 'resolve':
      return `wget: bad address '${f.host}${f.port && f.port !== 80 ? `:${f.port}` : ''}'`;
    case 'refused':
    case 'noroute':
      return `wget: can't connect to remote host (${f.ip}): ${f.kind === 'refused' ? 'Connection refused' : 'No route to host'}`;
    case 'timeout':
      return `wget: can't connect to remote host (${f.ip}): Connection timed out`;
    case 'empty':
      return 'wget: error getting response';
    case 'tls':
    case 'cert':
      return 'wget: error getting response: Connection reset by peer';
    default:
      return `wget: ${r.error ?? 'error'}`;
  }
}
