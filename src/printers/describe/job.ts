// Job and CronJob describers (describeJob, describeCronJob, describeJobTemplate of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { humanDuration } from '../duration';
import { LEVEL_0, tabbed, type Writer } from './writer';
import {
  type DCtx,
  fmtTime,
  goBool,
  goInt,
  goStr,
  isNil,
  maybeEvents,
  printAnnotationsMultiline,
  printBoolPtr,
  printController,
  printLabelsMultiline,
  selectorString,
} from './common';
import { describePodTemplate } from './pod';

/** capIndexesListOrNone: cut after the first comma at or beyond the soft limit. */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + '...';
}

export function describeJob(job: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = job.spec ?? {};
    const st = job.status ?? {};
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(job.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const controlledBy = printController(job);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (!isNil(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    if (!isNil(spec.completions)) w.write(LEVEL_0, `Completions:\t${spec.completions}\n`);
    else w.write(LEVEL_0, 'Completions:\t<unset>\n');
    if (!isNil(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (!isNil(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${goBool(spec.suspend)}\n`);
    if (!isNil(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (!isNil(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${fmtTime(st.startTime)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${fmtTime(st.completionTime)}\n`);
    if (st.startTime && st.completionTime) {
      w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
    }
    if (!isNil(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (isNil(st.ready)) {
      w.write(LEVEL_0, `Pods Statuses:\t${goInt(st.active)} Active / ${goInt(st.succeeded)} Succeeded / ${goInt(st.failed)} Failed\n`);
    } else {
      w.write(LEVEL_0, `Pods Statuses:\t${goInt(st.active)} Active (${st.ready} Ready) / ${goInt(st.succeeded)} Succeeded / ${goInt(st.failed)} Failed\n`);
    }
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
    describePodTemplate(spec.template, w);
    maybeEvents(job, w, ctx);
  });
}

function describeJobTemplate(jt: any, w: Writer): void {
  const spec = jt?.spec ?? {};
  if (spec.selector) w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  else w.write(LEVEL_0, 'Selector:\t<unset>\n');
  if (!isNil(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  else w.write(LEVEL_0, 'Parallelism:\t<unset>\n');
  if (!isNil(spec.completions)) w.write(LEVEL_0, `Completions:\t${spec.completions}\n`);
  else w.write(LEVEL_0, 'Completions:\t<unset>\n');
  if (!isNil(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(spec.template ?? {}, w);
}

export function describeCronJob(cj: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = cj.spec ?? {};
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(cj.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${goStr(spec.schedule)}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${goStr(spec.concurrencyPolicy)}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    if (!isNil(spec.successfulJobsHistoryLimit)) w.write(LEVEL_0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n`);
    else w.write(LEVEL_0, 'Successful Job History Limit:\t<unset>\n');
    if (!isNil(spec.failedJobsHistoryLimit)) w.write(LEVEL_0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n`);
    else w.write(LEVEL_0, 'Failed Job History Limit:\t<unset>\n');
    if (!isNil(spec.startingDeadlineSeconds)) w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n`);
    else w.write(LEVEL_0, 'Starting Deadline Seconds:\t<unset>\n');
    describeJobTemplate(spec.jobTemplate, w);
    if (cj.status?.lastScheduleTime) w.write(LEVEL_0, `Last Schedule Time:\t${fmtTime(cj.status.lastScheduleTime)}\n`);
    else w.write(LEVEL_0, 'Last Schedule Time:\t<unset>\n');
    const active: any[] = cj.status?.active ?? [];
    w.write(LEVEL_0, 'Active Jobs:\t');
    if (active.length === 0) w.writeLine('<none>');
    else {
      active.forEach((j, i) => {
        if (i !== 0) w.write(LEVEL_0, ', ');
        w.write(LEVEL_0, goStr(j.name));
      });
      w.writeLine('');
    }
    maybeEvents(cj, w, ctx);
  });
}
