// Conversion between served versions and the storage version, for the kinds that need more than a
// new apiVersion. autoscaling/v1 HorizontalPodAutoscaler carries one CPU target
// (targetCPUUtilizationPercentage) that autoscaling/v2 — the storage version — expresses as a
// Resource metric (pkg/apis/autoscaling/v1/conversion.go); an HPA created through v1 without a
// target gets v2's default (cpu at 80 %) when it is read back.
import type { KObject } from './types';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** autoscaling/v1 → autoscaling/v2 (in place). */
function hpaV1ToV2(obj: J): void {
  const spec: J = obj.spec ?? {};
  const next: J = { scaleTargetRef: spec.scaleTargetRef, maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined) next.minReplicas = spec.minReplicas;
  if (spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null)
    next.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  obj.spec = next;
  if (obj.status) {
    const st: J = obj.status;
    const s: J = { desiredReplicas: st.desiredReplicas ?? 0 };
    if (st.currentReplicas) s.currentReplicas = st.currentReplicas;
    if (st.lastScaleTime) s.lastScaleTime = st.lastScaleTime;
    if (st.observedGeneration !== undefined) s.observedGeneration = st.observedGeneration;
    if (st.currentCPUUtilizationPercentage !== undefined && st.currentCPUUtilizationPercentage !== null)
      s.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
    obj.status = s;
  }
}

/** autoscaling/v2 → autoscaling/v1, as the v1 API serves a stored HPA (what `kubectl autoscale -o yaml` prints). */
export function hpaV2ToV1(hpa: KObject, opts: { keepDefaultTarget?: boolean } = {}): KObject {
  const spec: J = hpa.spec ?? {};
  const status: J = hpa.status ?? {};
  const cpu = (spec.metrics ?? []).find((m: J) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
  const v1spec: J = { maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined) v1spec.minReplicas = spec.minReplicas;
  v1spec.scaleTargetRef = spec.scaleTargetRef;
  if (cpu && opts.keepDefaultTarget !== false) v1spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const v1status: J = { currentReplicas: status.currentReplicas ?? 0, desiredReplicas: status.desiredReplicas ?? 0 };
  if (status.lastScaleTime) v1status.lastScaleTime = status.lastScaleTime;
  const cur = (status.currentMetrics ?? []).find((m: J) => m?.type === 'Resource' && m.resource?.name === 'cpu');
  if (cur?.resource?.current?.averageUtilization !== undefined) v1status.currentCPUUtilizationPercentage = cur.resource.current.averageUtilization;
  return { ...hpa, apiVersion: 'autoscaling/v1', spec: v1spec, status: v1status };
}

/** Converts an object sent in another served version to its kind's storage version (in place). */
export function convertToStorage(obj: KObject): void {
  if (obj.kind === 'HorizontalPodAutoscaler' && obj.apiVersion === 'autoscaling/v1') hpaV1ToV2(obj as J);
}
