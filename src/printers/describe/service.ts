// Service, Endpoints and EndpointSlice describers (describeService, formatEndpointSlices,
// describeEndpoints, describeEndpointSliceV1 of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbed } from './writer';
import { type DCtx, formatLabels, goInt, goStr, isNil, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Converts a core/v1 Endpoints object into the EndpointSlice shape formatEndpointSlices reads. */
function slicesFromEndpoints(ep: KObject): any[] {
  return (ep.subsets ?? []).map((s: any) => ({
    endpoints: [
      ...(s.addresses ?? []).map((a: any) => ({ addresses: [a.ip], conditions: { ready: true } })),
      ...(s.notReadyAddresses ?? []).map((a: any) => ({ addresses: [a.ip], conditions: { ready: false } })),
    ],
    ports: (s.ports ?? []).map((p: any) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })),
  }));
}

/**
 * The service's EndpointSlices (label kubernetes.io/service-name), in list order. kubectl 1.32 reads only
 * EndpointSlices; when the simulation has none for the service its Endpoints object stands in.
 */
export function endpointSlicesFor(namespace: string | undefined, name: string, ctx: PrintContext): any[] {
  const slices = ctx.store
    .list('EndpointSlice.discovery.k8s.io', namespace ?? '')
    .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name);
  if (slices.length > 0) return slices;
  const ep = ctx.store.get('Endpoints', namespace, name);
  return ep ? slicesFromEndpoints(ep) : [];
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpointSlices: the first three ready `ip:port` (ports named in `ports`, or all when null). */
export function formatEndpointSlices(slices: any[], ports: Set<string> | null): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const endpoints: any[] = s.endpoints ?? [];
    const isReady = (e: any) => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready === true;
    if ((s.ports ?? []).length === 0) {
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(goStr(e.addresses?.[0]));
        count++;
      }
    } else {
      for (const port of s.ports) {
        if (ports !== null && !ports.has(goStr(port.name))) continue;
        for (const e of endpoints) {
          if (list.length === max) more = true;
          const addr = goStr(e.addresses?.[0]);
          if (!isReady(e)) continue;
          if (!more) list.push(joinHostPort(addr, goInt(port.port)));
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** buildIngressString. */
function ingressString(ingress: any[]): string {
  return ingress
    .map((i) => {
      if (i.ip) return i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip;
      return goStr(i.hostname);
    })
    .join(', ');
}

export function describeService(svc: KObject, ctx: DCtx): string {
  const slices = endpointSlicesFor(svc.metadata.namespace, svc.metadata.name, ctx);
  return tabbed((w) => {
    const spec = svc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(svc.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${goStr(spec.type)}\n`);
    if (!isNil(spec.ipFamilyPolicy)) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    if ((spec.ipFamilies ?? []).length > 0) w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies.join(',')}\n`);
    else w.write(LEVEL_0, 'IP Families:\t<none>\n');
    w.write(LEVEL_0, `IP:\t${goStr(spec.clusterIP)}\n`);
    if ((spec.clusterIPs ?? []).length > 0) w.write(LEVEL_0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
    else w.write(LEVEL_0, 'IPs:\t<none>\n');
    if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const lbIngress: any[] = svc.status?.loadBalancer?.ingress ?? [];
    if (lbIngress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(lbIngress)}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name ? sp.name : '<unset>';
      w.write(LEVEL_0, `Port:\t${name}\t${goInt(sp.port)}/${goStr(sp.protocol)}\n`);
      const tp = sp.targetPort;
      if (typeof tp === 'string') w.write(LEVEL_0, `TargetPort:\t${tp}/${goStr(sp.protocol)}\n`);
      else w.write(LEVEL_0, `TargetPort:\t${goInt(tp)}/${goStr(sp.protocol)}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${goStr(sp.protocol)}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([goStr(sp.name)]))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${goStr(spec.sessionAffinity)}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (!isNil(spec.internalTrafficPolicy)) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    }
    maybeEvents(svc, w, ctx);
  });
}

export function describeEndpoints(ep: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(ep.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      const addrs = (s.addresses ?? []).map((a: any) => goStr(a.ip)).join(',');
      w.write(LEVEL_1, `Addresses:\t${addrs || '<none>'}\n`);
      const notReady = (s.notReadyAddresses ?? []).map((a: any) => goStr(a.ip)).join(',');
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
      if ((s.ports ?? []).length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of s.ports) w.write(LEVEL_2, `${p.name ? p.name : '<unset>'}\t${goInt(p.port)}\t${goStr(p.protocol)}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    maybeEvents(ep, w, ctx);
  });
}

export function describeEndpointSlice(eps: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(eps.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${goStr(eps.addressType)}\n`);
    const ports: any[] = eps.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
    else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of ports) {
        const name = p.name ? p.name : '<unset>';
        const num = isNil(p.port) ? '<unset>' : String(p.port);
        w.write(LEVEL_1, `${name}\t${num}\t${goStr(p.protocol)}\n`);
      }
    }
    const endpoints: any[] = eps.endpoints ?? [];
    if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const e of endpoints) {
        const addrs = (e.addresses ?? []).join(', ');
        w.write(LEVEL_1, `- Addresses:\t${addrs || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        const ready = e.conditions?.ready;
        w.write(LEVEL_3, `Ready:\t${isNil(ready) ? '<unset>' : String(ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${isNil(e.hostname) ? '<unset>' : e.hostname}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${goStr(e.targetRef.kind)}/${goStr(e.targetRef.name)}\n`);
        w.write(LEVEL_2, `NodeName:\t${isNil(e.nodeName) ? '<unset>' : e.nodeName}\n`);
        w.write(LEVEL_2, `Zone:\t${isNil(e.zone) ? '<unset>' : e.zone}\n`);
      }
    }
    maybeEvents(eps, w, ctx);
  });
}
