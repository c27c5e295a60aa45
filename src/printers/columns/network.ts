// Service, Endpoints, EndpointSlice, Ingress, IngressClass, NetworkPolicy — column sets and cell
// formulas of kubernetes pkg/printers/internalversion (v1.32).
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';
import type { TablePrinter } from './types';
import { cols, joinHostPort, labelsCell, loadBalancerString, selectorCell, since, type Any } from './util';

/** The server builds every table with Wide: true, so load-balancer addresses are never clipped. */
const SERVER_WIDE = true;

/** getServiceExternalIP. */
export function serviceExternalIP(svc: KObject, wide: boolean = SERVER_WIDE): string {
  const spec: Any = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerString(svc.status?.loadBalancer?.ingress, wide);
      if (externalIPs.length > 0) {
        const results: string[] = [];
        if (lb.length > 0) results.push(...lb.split(','));
        results.push(...externalIPs);
        return results.join(',');
      }
      return lb.length > 0 ? lb : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-joined; `<none>` when there are no ports. */
export function servicePorts(ports: Any[] | undefined): string {
  const s = (ports ?? [])
    .map((p) => {
      const proto = p?.protocol ?? 'TCP';
      return p?.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p?.port}/${proto}`;
    })
    .join(',');
  return s.length === 0 ? '<none>' : s;
}

export const servicePrinter: TablePrinter = {
  columns: cols('Name*', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', ['Selector', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    // the v1→internal conversion fills clusterIPs from clusterIP when only the latter is set
    const clusterIP: string = spec.clusterIPs?.[0] || spec.clusterIP || '<none>';
    return [
      o.metadata.name,
      spec.type ?? 'ClusterIP',
      clusterIP,
      serviceExternalIP(o),
      servicePorts(spec.ports),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      labelsCell(spec.selector),
    ];
  },
};

/**
 * formatEndpoints: `ip:port` for each subset, each port, each address (IPv6 bracketed); bare IPs for
 * port-less subsets; after 3 entries `a,b,c + N more...`; `<none>` without subsets. Only ready
 * `addresses` count (notReadyAddresses are not shown).
 */
export function formatEndpoints(ep: KObject): string {
  const subsets: Any[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: Any[] = ss?.addresses ?? [];
    const ports: Any[] = ss?.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a?.ip ?? '');
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a?.ip ?? '', port?.port ?? 0));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: TablePrinter = {
  columns: cols('Name*', 'Endpoints', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    return [o.metadata.name, formatEndpoints(o), since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

/** listWithMoreString: `a,b,c + N more...`, `<unset>` when empty. */
function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

export const endpointSlicePrinter: TablePrinter = {
  columns: cols('Name*', 'AddressType', 'Ports', 'Endpoints', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const max = 3;
    // formatDiscoveryPorts: port number, else port name, else `*`
    const ports: string[] = [];
    let morePorts = false;
    let portCount = 0;
    for (const p of (o.ports ?? []) as Any[]) {
      if (ports.length < max) ports.push(typeof p?.port === 'number' ? String(p.port) : typeof p?.name === 'string' ? p.name : '*');
      else if (ports.length === max) morePorts = true;
      portCount++;
    }
    // formatDiscoveryEndpoints: every address of every endpoint
    const addrs: string[] = [];
    let moreAddrs = false;
    let addrCount = 0;
    for (const e of (o.endpoints ?? []) as Any[]) {
      for (const a of (e?.addresses ?? []) as string[]) {
        if (addrs.length < max) addrs.push(a);
        else if (addrs.length === max) moreAddrs = true;
        addrCount++;
      }
    }
    return [
      o.metadata.name,
      o.addressType ?? '',
      listWithMore(ports, morePorts, portCount, max),
      listWithMore(addrs, moreAddrs, addrCount, max),
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

/** formatHosts: the first 3 non-empty rule hosts, ` + N more...` (N counts rules), `*` when none. */
export function ingressHosts(rules: Any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  const all = rules ?? [];
  for (const r of all) {
    if (list.length === max) more = true;
    if (!more && r?.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${all.length - max} more...` : ret;
}

export const ingressPrinter: TablePrinter = {
  columns: cols('Name*', 'Class', 'Hosts', 'Address', 'Ports', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    return [
      o.metadata.name,
      typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
      ingressHosts(spec.rules),
      loadBalancerString(o.status?.loadBalancer?.ingress, SERVER_WIDE),
      (spec.tls ?? []).length !== 0 ? '80, 443' : '80',
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

export const ingressClassPrinter: TablePrinter = {
  columns: cols('Name*', 'Controller', 'Parameters', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const p: Any = o.spec?.parameters;
    let parameters = '<none>';
    if (p) {
      parameters = String(p.kind ?? '');
      if (typeof p.apiGroup === 'string') parameters += '.' + p.apiGroup;
      parameters += '/' + (p.name ?? '');
    }
    return [o.metadata.name, o.spec?.controller ?? '', parameters, since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

export const networkPolicyPrinter: TablePrinter = {
  columns: cols('Name*', 'Pod-Selector', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    return [o.metadata.name, selectorCell(o.spec?.podSelector ?? {}), since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};
