// Namespace, ResourceQuota and LimitRange describers (describeNamespace, DescribeResourceQuotas,
// DescribeLimitRanges, describeQuota, describeLimitRange of kubectl). None of them shows events.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, tabbed, type Writer } from './writer';
import { type DCtx, byString, fmtTime, goStr, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { formatQuantity, newQuantity, parseQuantity, quantityString, value, ZERO } from './quantity';

function scopeHelp(scope: string): string {
  switch (scope) {
    case 'Terminating':
      return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating':
      return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort':
      return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort':
      return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default:
      return '';
  }
}

/** Limit range rows; kubectl iterates a Go map (random order), we print resources sorted. */
function describeLimitRangeSpec(spec: any, prefix: string, w: Writer): void {
  for (const item of spec?.limits ?? []) {
    const names = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[f] ?? {})) names.add(k);
    for (const k of [...names].sort(byString)) {
      const v = (f: string) => (item[f] && k in item[f] ? quantityString(item[f][k]) : '-');
      w.write(LEVEL_0, `${prefix}${goStr(item.type)}\t${k}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`);
    }
  }
}

function describeLimitRanges(list: KObject[], w: Writer): void {
  if (list.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of list) describeLimitRangeSpec(lr.spec, ' ', w);
}

function sortedScopes(q: KObject): string[] {
  return [...(q.spec?.scopes ?? [])].map(String).sort(byString);
}

function describeResourceQuotas(list: KObject[], w: Writer): void {
  if (list.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  const quotas = [...list].sort((a, b) => byString(a.metadata.name, b.metadata.name));
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of quotas) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
    const scopes = sortedScopes(q);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) {
        const help = scopeHelp(s);
        if (help) w.write(LEVEL_1, `* ${help}\n`);
      }
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = q.status?.hard ?? {};
    const used = q.status?.used ?? {};
    for (const r of Object.keys(hard).sort(byString)) {
      w.write(LEVEL_1, `${r}\t${quantityString(used[r])}\t${quantityString(hard[r])}\n`);
    }
  }
}

export function describeNamespace(ns: KObject, ctx: DCtx): string {
  const quotas = ctx.store.list('ResourceQuota', ns.metadata.name);
  const limitRanges = ctx.store.list('LimitRange', ns.metadata.name);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${goStr(ns.status?.phase)}\n`);
    const conditions: any[] = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${goStr(c.type)}\t${goStr(c.status)}\t${fmtTime(c.lastTransitionTime)}\t${goStr(c.reason)}\t${goStr(c.message)}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(limitRanges, w);
  });
}

export function describeLimitRange(lr: KObject): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(lr.metadata.namespace)}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec(lr.spec, '', w);
  });
}

export function describeResourceQuota(rq: KObject): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${rq.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(rq.metadata.namespace)}\n`);
    const scopes = sortedScopes(rq);
    if (scopes.length > 0) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) {
        const help = scopeHelp(s);
        if (help) w.write(LEVEL_0, ` * ${help}\n`);
      }
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    const hard = rq.status?.hard ?? {};
    const used = rq.status?.used ?? {};
    for (const r of Object.keys(hard).sort(byString)) {
      const h = parseQuantity(hard[r]) ?? ZERO;
      let u = parseQuantity(used[r]);
      // A used value in another format is re-expressed in the hard value's format (Value() rounds up);
      // an absent used value is a zero Quantity with no format.
      if (!u || u.format !== h.format) u = newQuantity(u ? value(u) : 0, h.format);
      w.write(LEVEL_0, `${r}\t${formatQuantity(u)}\t${parseQuantity(hard[r]) ? formatQuantity(h) : String(hard[r])}\n`);
    }
  });
}
