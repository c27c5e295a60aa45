// NetworkPolicy describer (describeNetworkPolicy / describeNetworkPolicySpec of kubectl). No events.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbed, type Writer } from './writer';
import { formatLabelSelector, goStr, goTimeString, intOrString, isNil, printAnnotationsMultiline, printLabelsMultiline } from './common';

function printPorts(ports: any[], indent: string, w: Writer): void {
  for (const p of ports) {
    const proto = isNil(p.protocol) ? 'TCP' : p.protocol;
    if (isNil(p.endPort)) w.write(LEVEL_0, `${indent}To Port: ${intOrString(p.port)}/${proto}\n`);
    else w.write(LEVEL_0, `${indent}To Port Range: ${intOrString(p.port)}-${p.endPort}/${proto}\n`);
  }
}

function printPeers(peers: any[], label: string, indent: string, w: Writer): void {
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${label}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${goStr(peer.ipBlock.cidr)}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

function printRules(rules: any[], ingress: boolean, indent: string, w: Writer): void {
  if (rules.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${ingress ? 'ingress' : 'egress'} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    const ports: any[] = r.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else printPorts(ports, indent, w);
    const peers: any[] = (ingress ? r.from : r.to) ?? [];
    if (peers.length === 0) {
      w.write(LEVEL_0, ingress ? `${indent}From: <any> (traffic not restricted by source)\n` : `${indent}To: <any> (traffic not restricted by destination)\n`);
    } else {
      printPeers(peers, ingress ? 'From' : 'To', indent, w);
    }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KObject): string {
  return tabbed((w) => {
    const spec = np.spec ?? {};
    w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(np.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', np.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
    w.write(LEVEL_0, 'Spec:\n');
    w.write(LEVEL_1, 'PodSelector: ');
    const ps = spec.podSelector ?? {};
    if (Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0) {
      w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
    } else {
      w.write(LEVEL_2, `${formatLabelSelector(ps)}\n`);
    }
    const types: string[] = spec.policyTypes ?? [];
    if (types.includes('Ingress')) {
      w.write(LEVEL_1, 'Allowing ingress traffic:\n');
      printRules(spec.ingress ?? [], true, '    ', w);
    } else {
      w.write(LEVEL_1, 'Not affecting ingress traffic\n');
    }
    if (types.includes('Egress')) {
      w.write(LEVEL_1, 'Allowing egress traffic:\n');
      printRules(spec.egress ?? [], false, '    ', w);
    } else {
      w.write(LEVEL_1, 'Not affecting egress traffic\n');
    }
    w.write(LEVEL_1, `Policy Types: ${types.length > 0 ? types.join(', ') : '<none>'}\n`);
  });
}
