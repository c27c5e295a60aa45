// ReplicaSet and ReplicationController describers (describeReplicaSet, describeReplicationController).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { fromLabelSelector, fromMap } from '../../api/selectors';
import { LEVEL_0, LEVEL_1, tabbed, type Writer } from './writer';
import {
  type DCtx,
  formatLabelSelector,
  formatLabels,
  goInt,
  goStr,
  maybeEvents,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
} from './common';
import { describePodTemplate } from './pod';
import { podStatusCounts, podsStatusLine } from './workloads';

function describeConditions(conditions: any[] | undefined, w: Writer): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${goStr(c.type)} \t${goStr(c.status)}\t${goStr(c.reason)}\n`);
}

export function describeReplicaSet(rs: KObject, ctx: DCtx): string {
  const counts = podStatusCounts(rs, fromLabelSelector(rs.spec?.selector), ctx);
  return tabbed((w) => {
    const spec = rs.spec ?? {};
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(rs.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const controlledBy = printController(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${goInt(rs.status?.replicas)} current / ${goInt(spec.replicas)} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podsStatusLine(counts)}\n`);
    describePodTemplate(spec.template, w);
    describeConditions(rs.status?.conditions, w);
    maybeEvents(rs, w, ctx);
  });
}

export function describeReplicationController(rc: KObject, ctx: DCtx): string {
  const counts = podStatusCounts(rc, fromMap(rc.spec?.selector), ctx);
  return tabbed((w) => {
    const spec = rc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(rc.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${goInt(rc.status?.replicas)} current / ${goInt(spec.replicas)} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(spec.template, w);
    describeConditions(rc.status?.conditions, w);
    maybeEvents(rc, w, ctx);
  });
}
