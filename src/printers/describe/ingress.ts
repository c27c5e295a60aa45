// Ingress and IngressClass describers (describeIngressV1, describeBackendV1, describeIngressClassV1 of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbed, type Writer } from './writer';
import { type DCtx, byString, goStr, isNil, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { endpointSlicesFor, formatEndpointSlices } from './service';

/** serviceBackendStringer: `name:port`. */
function serviceBackendString(b: any): string {
  const port = b.port?.number ? String(b.port.number) : goStr(b.port?.name);
  return `${goStr(b.name)}:${port}`;
}

function describeBackend(ns: string, backend: any, ctx: DCtx): string {
  if (backend.service) {
    const b = backend.service;
    const sb = serviceBackendString(b);
    const svc = ctx.store.get('Service', ns, goStr(b.name));
    if (!svc) return `${sb} (<error: services "${goStr(b.name)}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (b.port?.number && b.port.number === sp.port) spName = goStr(sp.name);
      else if (b.port?.name && b.port.name === sp.name) spName = goStr(sp.name);
    }
    const ep = formatEndpointSlices(endpointSlicesFor(ns, goStr(b.name), ctx), new Set([spName]));
    return `${sb} (${ep})`;
  }
  if (backend.resource) {
    const r = backend.resource;
    const apiGroup = isNil(r.apiGroup) ? '<none>' : String(r.apiGroup);
    return `APIGroup: ${apiGroup}, Kind: ${goStr(r.kind)}, Name: ${goStr(r.name)}`;
  }
  return '';
}

/** ingressLoadBalancerStatusStringerV1 (wide): unique IPs/hostnames, sorted, comma-joined. */
function loadBalancerString(lb: any): string {
  const set = new Set<string>();
  for (const i of lb?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort(byString).join(',');
}

function describeTLS(w: Writer, tls: any[]): void {
  w.write(LEVEL_0, 'TLS:\n');
  for (const t of tls) {
    const hosts = (t.hosts ?? []).join(',');
    if (!t.secretName) w.write(LEVEL_1, `SNI routes ${hosts}\n`);
    else w.write(LEVEL_1, `${t.secretName} terminates ${hosts}\n`);
  }
}

export function describeIngress(ing: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = ing.spec ?? {};
    const ns = goStr(ing.metadata.namespace);
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerString(ing.status?.loadBalancer)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${isNil(spec.ingressClassName) ? '<none>' : spec.ingressClassName}\n`);
    const def = spec.defaultBackend ? describeBackend(ns, spec.defaultBackend, ctx) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${def}\n`);
    if ((spec.tls ?? []).length > 0) describeTLS(w, spec.tls);
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host ? rule.host : '*'}\t\n`);
      for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${goStr(p.path)} \t${describeBackend(ns, p.backend ?? {}, ctx)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    maybeEvents(ing, w, ctx);
  });
}

export function describeIngressClass(ic: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${goStr(ic.spec?.controller)}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (!isNil(p.apiGroup)) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${goStr(p.kind)}\n`);
      w.write(LEVEL_1, `Name:\t${goStr(p.name)}\n`);
    }
    maybeEvents(ic, w, ctx);
  });
}
