// HorizontalPodAutoscaler describer (describeHorizontalPodAutoscalerV2 / V1 of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbed, type Writer } from './writer';
import { type DCtx, fmtTime, goInt, goStr, isNil, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { quantityString } from './quantity';

/** (*Quantity).String(): `<nil>` for a nil pointer. */
function qs(v: unknown): string {
  return isNil(v) ? '<nil>' : quantityString(v);
}

function printDirectionBehavior(w: Writer, direction: string, rules: any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (!isNil(rules.stabilizationWindowSeconds)) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if ((rules.policies ?? []).length > 0) {
    w.write(LEVEL_2, `Select Policy: ${isNil(rules.selectPolicy) ? 'Max' : rules.selectPolicy}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${goStr(p.type)}\tValue: ${goInt(p.value)}\tPeriod: ${goInt(p.periodSeconds)} seconds\n`);
  }
}

function describeV2(hpa: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = hpa.spec ?? {};
    const status = hpa.status ?? {};
    const current: any[] = status.currentMetrics ?? [];
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(hpa.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${fmtTime(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${goStr(spec.scaleTargetRef?.kind)}/${goStr(spec.scaleTargetRef?.name)}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((m: any, i: number) => {
      const cur = current[i];
      switch (m.type) {
        case 'External': {
          const name = JSON.stringify(goStr(m.external?.metric?.name));
          if (!isNil(m.external?.target?.averageValue)) {
            const c = cur?.external && !isNil(cur.external.current?.averageValue) ? qs(cur.external.current.averageValue) : '<unknown>';
            w.write(LEVEL_1, `${name} (target average value):\t${c} / ${qs(m.external.target.averageValue)}\n`);
          } else {
            const c = cur?.external ? qs(cur.external.current?.value) : '<unknown>';
            w.write(LEVEL_1, `${name} (target value):\t${c} / ${qs(m.external?.target?.value)}\n`);
          }
          break;
        }
        case 'Pods': {
          const c = cur?.pods ? qs(cur.pods.current?.averageValue) : '<unknown>';
          w.write(LEVEL_1, `${JSON.stringify(goStr(m.pods?.metric?.name))} on pods:\t${c} / ${qs(m.pods?.target?.averageValue)}\n`);
          break;
        }
        case 'Object': {
          const o = m.object ?? {};
          w.write(LEVEL_1, `"${goStr(o.metric?.name)}" on ${goStr(o.describedObject?.kind)}/${goStr(o.describedObject?.name)} `);
          if (o.target?.type === 'AverageValue') {
            const c = cur?.object ? qs(cur.object.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `(target average value):\t${c} / ${qs(o.target?.averageValue)}\n`);
          } else {
            const c = cur?.object ? qs(cur.object.current?.value) : '<unknown>';
            w.write(LEVEL_0, `(target value):\t${c} / ${qs(o.target?.value)}\n`);
          }
          break;
        }
        case 'Resource':
        case 'ContainerResource': {
          const isContainer = m.type === 'ContainerResource';
          const r = isContainer ? m.containerResource ?? {} : m.resource ?? {};
          const cr = isContainer ? cur?.containerResource : cur?.resource;
          if (isContainer) w.write(LEVEL_1, `resource ${goStr(r.name)} of container "${goStr(r.container)}" on pods`);
          else w.write(LEVEL_1, `resource ${goStr(r.name)} on pods`);
          if (!isNil(r.target?.averageValue)) {
            const c = cr ? qs(cr.current?.averageValue) : '<unknown>';
            w.write(LEVEL_0, `:\t${c} / ${qs(r.target.averageValue)}\n`);
          } else {
            const c = cr && !isNil(cr.current?.averageUtilization) ? `${cr.current.averageUtilization}% (${qs(cr.current.averageValue)})` : '<unknown>';
            const target = !isNil(r.target?.averageUtilization) ? `${r.target.averageUtilization}%` : '<auto>';
            w.write(LEVEL_1, `(as a percentage of request):\t${c} / ${target}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(goStr(m.type))}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${isNil(spec.minReplicas) ? '<unset>' : spec.minReplicas}\n`);
    w.write(LEVEL_0, `Max replicas:\t${goInt(spec.maxReplicas)}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${goStr(spec.scaleTargetRef?.kind)} pods:\t`);
    w.write(LEVEL_0, `${goInt(status.currentReplicas)} current / ${goInt(status.desiredReplicas)} desired\n`);
    const conditions: any[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of conditions) w.write(LEVEL_1, `${goStr(c.type)}\t${goStr(c.status)}\t${goStr(c.reason)}\t${goStr(c.message)}\n`);
    }
    maybeEvents(hpa, w, ctx);
  });
}

/** The autoscaling/v1 → v2 conversion the API server applies before kubectl reads v2. */
function toV2(hpa: KObject): KObject {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  const metrics = isNil(spec.targetCPUUtilizationPercentage)
    ? []
    : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  const currentMetrics = isNil(status.currentCPUUtilizationPercentage)
    ? []
    : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
  return {
    ...hpa,
    apiVersion: 'autoscaling/v2',
    spec: { scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics },
    status: { ...status, currentMetrics },
  };
}

/** kubectl reads autoscaling/v2 first (a 1.32 server always serves it), so v1-shaped objects are converted. */
export function describeHorizontalPodAutoscaler(hpa: KObject, ctx: DCtx): string {
  return describeV2(hpa.apiVersion === 'autoscaling/v1' ? toV2(hpa) : hpa, ctx);
}
