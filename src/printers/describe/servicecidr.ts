// ServiceCIDR and IPAddress (networking.k8s.io/v1beta1) describers of kubectl 1.32.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, tabbed } from './writer';
import { type DCtx, fmtTime, goStr, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';

export function describeServiceCIDR(sc: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', sc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sc.metadata.annotations);
    w.write(LEVEL_0, `CIDRs:\t${(sc.spec?.cidrs ?? []).join(', ')}\n`);
    const conditions: any[] = sc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Status:\n');
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${goStr(c.type)}\t${goStr(c.status)}\t${fmtTime(c.lastTransitionTime)}\t${goStr(c.reason)}\t${goStr(c.message)}\n`);
      }
    }
    maybeEvents(sc, w, ctx);
  });
}

export function describeIPAddress(ip: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ip.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ip.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ip.metadata.annotations);
    const ref = ip.spec?.parentRef;
    if (ref) {
      w.write(LEVEL_0, 'Parent Reference:\n');
      w.write(LEVEL_1, `Group:\t${goStr(ref.group)}\n`);
      w.write(LEVEL_1, `Resource:\t${goStr(ref.resource)}\n`);
      w.write(LEVEL_1, `Namespace:\t${goStr(ref.namespace)}\n`);
      w.write(LEVEL_1, `Name:\t${goStr(ref.name)}\n`);
    }
    maybeEvents(ip, w, ctx);
  });
}
