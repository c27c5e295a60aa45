// What kube-proxy (iptables mode) does with a packet addressed to a Service: it reads the service's
// EndpointSlices, keeps the usable endpoints for the traffic policy in force, and DNATs each new
// connection to one of them chosen at random (iptables `statistic --mode random`), or to the one a
// client was sent to before when sessionAffinity is ClientIP (the `recent` module, per service port,
// refreshed by every connection, forgotten after sessionAffinityConfig.clientIP.timeoutSeconds).
//
// Facts relied on (pkg/proxy/topology.go CategorizeEndpoints, pkg/proxy/iptables/proxier.go, 1.32):
//  - usable = ready endpoints; when there are none, serving-and-terminating ones;
//  - a service port with no usable endpoint at all is REJECTed (the client sees "connection refused");
//  - with internalTrafficPolicy Local (traffic to the ClusterIP) or externalTrafficPolicy Local
//    (NodePort / load-balancer traffic), only endpoints on the receiving node count, and when there are
//    none the packets are DROPped (the client times out).
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import type { KObject } from '../api/types';
import { ES_GK, SERVICE_NAME_LABEL } from '../controllers/endpointslice';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The pod behind it, when the slice names one. */
  podRef?: { namespace: string; name: string };
}

/** The endpoints kube-proxy knows for one service port (by port name), from the service's slices. */
export function serviceEndpoints(ctx: Ctx, svc: KObject, portName: string): ProxyEndpoint[] {
  const out: ProxyEndpoint[] = [];
  const seen = new Set<string>();
  const slices = ctx.store.list(ES_GK, svc.metadata.namespace).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name);
  for (const s of slices) {
    if (s.addressType !== 'IPv4') continue;
    const port = (s.ports ?? []).find((p: Any) => (p.name ?? '') === portName);
    if (!port || typeof port.port !== 'number') continue;
    for (const e of (s.endpoints ?? []) as Any[]) {
      const ip = e.addresses?.[0];
      if (!ip) continue;
      const key = `${ip}:${port.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = e.conditions ?? {};
      const ready = c.ready === undefined || c.ready === null ? true : !!c.ready;
      const serving = c.serving === undefined || c.serving === null ? ready : !!c.serving;
      out.push({
        ip,
        port: port.port,
        nodeName: e.nodeName,
        ready,
        serving,
        terminating: !!c.terminating,
        podRef: e.targetRef?.kind === 'Pod' ? { namespace: e.targetRef.namespace ?? svc.metadata.namespace, name: e.targetRef.name } : undefined,
      });
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
}

export type EndpointChoice =
  | { kind: 'endpoint'; endpoint: ProxyEndpoint; candidates: ProxyEndpoint[]; sticky: boolean }
  /** No usable endpoint anywhere: kube-proxy REJECTs. */
  | { kind: 'reject' }
  /** Local traffic policy and no usable endpoint on this node: kube-proxy DROPs. */
  | { kind: 'drop' };

/** CategorizeEndpoints for one policy: ready endpoints, else serving-and-terminating ones. */
export function usable(eps: ProxyEndpoint[], localNode?: string): ProxyEndpoint[] {
  const scope = localNode === undefined ? eps : eps.filter((e) => e.nodeName === localNode);
  const ready = scope.filter((e) => e.ready);
  if (ready.length) return ready;
  return scope.filter((e) => e.serving && e.terminating);
}

interface AffinityState {
  /** `${svcUid}/${portName}` → clientIP → { ep: "ip:port", t: last seen ms } */
  table: Record<string, Record<string, { ep: string; t: number }>>;
}

function affinityState(ctx: Ctx): AffinityState {
  return simState<AffinityState>(ctx, 'kube-proxy', () => ({ table: {} }));
}

/**
 * Chooses the endpoint for a new connection to a service port. `localNode` applies a Local traffic
 * policy (the node the packet arrived on); `clientIP` is the source address kube-proxy sees.
 */
export function chooseEndpoint(ctx: Ctx, svc: KObject, portName: string, clientIP: string, localNode?: string): EndpointChoice {
  const all = serviceEndpoints(ctx, svc, portName);
  const cluster = usable(all);
  if (cluster.length === 0) return { kind: 'reject' };
  const candidates = localNode === undefined ? cluster : usable(all, localNode);
  if (candidates.length === 0) return { kind: 'drop' };
  const now = ctx.clock.now();
  if (svc.spec?.sessionAffinity === 'ClientIP') {
    const timeoutMs = (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
    const table = (affinityState(ctx).table[`${svc.metadata.uid}/${portName}`] ??= {});
    const prev = table[clientIP];
    if (prev && now - prev.t <= timeoutMs) {
      const hit = candidates.find((e) => `${e.ip}:${e.port}` === prev.ep);
      if (hit) {
        prev.t = now;
        return { kind: 'endpoint', endpoint: hit, candidates, sticky: true };
      }
    }
    const ep = candidates[ctx.rng.int(candidates.length)]!;
    table[clientIP] = { ep: `${ep.ip}:${ep.port}`, t: now };
    return { kind: 'endpoint', endpoint: ep, candidates, sticky: false };
  }
  return { kind: 'endpoint', endpoint: candidates[ctx.rng.int(candidates.length)]!, candidates, sticky: false };
}
