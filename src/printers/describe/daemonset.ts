// DaemonSet describer (describeDaemonSet of kubectl). The "Number of Nodes …" lines have no tab, as in kubectl.
import type { KObject } from '../../api/types';
import { fromLabelSelector } from '../../api/selectors';
import { LEVEL_0, tabbed } from './writer';
import { type DCtx, formatLabels, goInt, maybeEvents, printAnnotationsMultiline, printLabelsMultiline, selectorString } from './common';
import { describePodTemplate } from './pod';
import { podStatusCounts, podsStatusLine } from './workloads';

export function describeDaemonSet(ds: KObject, ctx: DCtx): string {
  const counts = podStatusCounts(ds, fromLabelSelector(ds.spec?.selector), ctx);
  return tabbed((w) => {
    const spec = ds.spec ?? {};
    const st = ds.status ?? {};
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${goInt(st.desiredNumberScheduled)}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${goInt(st.currentNumberScheduled)}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${goInt(st.updatedNumberScheduled)}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${goInt(st.numberAvailable)}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${goInt(st.numberMisscheduled)}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(spec.template, w);
    maybeEvents(ds, w, ctx);
  });
}
