// Deployment describer (describeDeployment + deploymentutil.GetAllReplicaSetsInChunks of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { fromLabelSelector } from '../../api/selectors';
import { LEVEL_0, LEVEL_1, tabbed } from './writer';
import {
  type DCtx,
  controllerOf,
  fmtTime,
  goInt,
  goStr,
  intOrString,
  maybeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  selectorString,
} from './common';
import { describePodTemplate } from './pod';

const HASH_LABEL = 'pod-template-hash';

/** Drops zero values (Go zero fields, empty slices/maps) so absent and empty compare equal, as
 * apiequality.Semantic.DeepEqual treats nil and empty slices/maps. */
function normalize(v: any): any {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return v.map((x) => normalize(x) ?? null);
  }
  if (typeof v === 'object') {
    const out: Record<string, any> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize(v[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

function withoutHash(t: any): any {
  const c = JSON.parse(JSON.stringify(t ?? {}));
  if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
  return c;
}

/** equalIgnoreHash of kubectl's deployment util. */
export function equalIgnoreHash(a: any, b: any): boolean {
  return JSON.stringify(normalize(withoutHash(a))) === JSON.stringify(normalize(withoutHash(b)));
}

/** The deployment's ReplicaSets: matched by selector and controller ownerReference, oldest first. */
export function replicaSetsOf(d: KObject, ctx: DCtx): { oldRSs: KObject[]; newRS: KObject | undefined } {
  const sel = fromLabelSelector(d.spec?.selector);
  const owned = ctx.store
    .list('ReplicaSet.apps', d.metadata.namespace)
    .filter((rs) => sel.matches(rs.metadata.labels) && controllerOf(rs)?.uid === d.metadata.uid && !!d.metadata.uid);
  const time = (o: KObject) => {
    const t = Date.parse(o.metadata.creationTimestamp ?? '');
    return Number.isNaN(t) ? -Infinity : t;
  };
  const sorted = [...owned].sort((a, b) => {
    const ta = time(a);
    const tb = time(b);
    if (ta !== tb) return ta - tb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const oldRSs = sorted.filter((rs) => rs !== newRS);
  return { oldRSs, newRS };
}

function printReplicaSets(rss: KObject[]): string {
  const list = rss.map((rs) => `${rs.metadata.name} (${goInt(rs.status?.replicas)}/${goInt(rs.spec?.replicas)} replicas created)`).join(', ');
  return list === '' ? '<none>' : list;
}

export function describeDeployment(d: KObject, ctx: DCtx): string {
  const { oldRSs, newRS } = replicaSetsOf(d, ctx);
  const newRSs = newRS ? [newRS] : [];
  return tabbed((w) => {
    const spec = d.spec ?? {};
    const status = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(d.metadata.namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${fmtTime(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${goInt(spec.replicas)} desired | ${goInt(status.updatedReplicas)} updated | ${goInt(status.replicas)} total | ${goInt(status.availableReplicas)} available | ${goInt(status.unavailableReplicas)} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${goStr(spec.strategy?.type)}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${goInt(spec.minReadySeconds)}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    describePodTemplate(spec.template, w);
    const conditions: any[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${goStr(c.type)} \t${goStr(c.status)}\t${goStr(c.reason)}\n`);
    }
    if (oldRSs.length > 0 || newRSs.length > 0) {
      w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRSs)}\n`);
    }
    maybeEvents(d, w, ctx);
  });
}
