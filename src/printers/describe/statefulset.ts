// StatefulSet describer (describeStatefulSet and describeVolumeClaimTemplates of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { fromLabelSelector } from '../../api/selectors';
import { LEVEL_0, LEVEL_1, tabbed, type Writer } from './writer';
import {
  type DCtx,
  fmtTime,
  goInt,
  goSlice,
  goStr,
  intOrString,
  maybeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  selectorString,
} from './common';
import { describePodTemplate } from './pod';
import { podStatusCounts, podsStatusLine } from './workloads';
import { pvcClass } from './volumes';
import { quantityString } from './quantity';

function describeVolumeClaimTemplates(templates: any[] | undefined, w: Writer): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    const md = pvc.metadata ?? {};
    w.write(LEVEL_1, `Name:\t${goStr(md.name)}\n`);
    w.write(LEVEL_1, `StorageClass:\t${pvcClass(pvc)}\n`);
    printLabelsMultiline(w, 'Labels', md.labels, '  ', '\t');
    printLabelsMultiline(w, 'Annotations', md.annotations, '  ', '\t');
    const storage = pvc.spec?.resources?.requests?.storage;
    if (storage !== undefined && storage !== null) w.write(LEVEL_1, `Capacity:\t${quantityString(storage)}\n`);
    else w.write(LEVEL_1, 'Capacity:\t<default>\n');
    w.write(LEVEL_1, `Access Modes:\t${goSlice(pvc.spec?.accessModes)}\n`);
  }
}

export function describeStatefulSet(ss: KObject, ctx: DCtx): string {
  const selector = fromLabelSelector(ss.spec?.selector);
  const counts = podStatusCounts(ss, selector, ctx);
  return tabbed((w) => {
    const spec = ss.spec ?? {};
    w.write(LEVEL_0, `Name:\t${ss.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(ss.metadata.namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${fmtTime(ss.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', ss.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${goInt(spec.replicas)} desired | ${goInt(ss.status?.replicas)} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${goStr(spec.updateStrategy?.type)}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(spec.template, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    maybeEvents(ss, w, ctx);
  });
}
