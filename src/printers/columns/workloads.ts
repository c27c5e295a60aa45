// Workload controllers and autoscaling: Deployment, ReplicaSet, ReplicationController, StatefulSet,
// DaemonSet, Job, CronJob, HorizontalPodAutoscaler, ControllerRevision, PodDisruptionBudget — the
// column sets and cell formulas of kubernetes pkg/printers/internalversion (v1.32).
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';
import { humanDuration } from '../duration';
import type { TablePrinter } from './types';
import {
  boolPtr,
  cols,
  containerCells,
  int,
  intOrString,
  labelsCell,
  qtyPtr,
  selectorCell,
  selectorString,
  since,
  timeMs,
  type Any,
} from './util';

/** spec.replicas of Deployment/ReplicaSet/RC/StatefulSet; the v1 default is 1. */
function replicas(o: KObject): number {
  const r = o.spec?.replicas;
  return typeof r === 'number' ? r : 1;
}

export const deploymentPrinter: TablePrinter = {
  columns: cols('Name*', 'Ready', 'Up-to-date', 'Available', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const st: Any = o.status ?? {};
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      `${int(st.readyReplicas)}/${replicas(o)}`,
      int(st.updatedReplicas),
      int(st.availableReplicas),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      selectorString(o.spec?.selector),
    ];
  },
};

export const replicaSetPrinter: TablePrinter = {
  columns: cols('Name*', 'Desired', 'Current', 'Ready', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const st: Any = o.status ?? {};
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      String(replicas(o)),
      int(st.replicas),
      int(st.readyReplicas),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      selectorCell(o.spec?.selector),
    ];
  },
};

export const replicationControllerPrinter: TablePrinter = {
  columns: cols('Name*', 'Desired', 'Current', 'Ready', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const st: Any = o.status ?? {};
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      String(replicas(o)),
      int(st.replicas),
      int(st.readyReplicas),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      labelsCell(o.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: TablePrinter = {
  columns: cols('Name*', 'Ready', 'Age', ['Containers', 1], ['Images', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      `${int(o.status?.readyReplicas)}/${replicas(o)}`,
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
    ];
  },
};

export const daemonSetPrinter: TablePrinter = {
  columns: cols(
    'Name*',
    'Desired',
    'Current',
    'Ready',
    'Up-to-date',
    'Available',
    'Node Selector',
    'Age',
    ['Containers', 1],
    ['Images', 1],
    ['Selector', 1],
  ),
  cells(o: KObject, ctx: PrintContext): string[] {
    const st: Any = o.status ?? {};
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      int(st.desiredNumberScheduled),
      int(st.currentNumberScheduled),
      int(st.numberReady),
      int(st.updatedNumberScheduled),
      int(st.numberAvailable),
      labelsCell(o.spec?.template?.spec?.nodeSelector),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      selectorCell(o.spec?.selector),
    ];
  },
};

/** hasJobCondition: the first condition of the type decides. */
function jobCondition(o: KObject, type: string): boolean {
  for (const c of o.status?.conditions ?? []) if (c?.type === type) return c.status === 'True';
  return false;
}

/** Job STATUS (column added in 1.30): Complete, Failed, Terminating, Suspended, FailureTarget, Running. */
export function jobStatus(o: KObject): string {
  if (jobCondition(o, 'Complete')) return 'Complete';
  if (jobCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (jobCondition(o, 'Suspended')) return 'Suspended';
  if (jobCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** Job COMPLETIONS: `2/5`; without spec.completions `0/1 of 3` (parallelism > 1) or `0/1`. */
export function jobCompletions(o: KObject): string {
  const succeeded = int(o.status?.succeeded);
  const completions = o.spec?.completions;
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = typeof o.spec?.parallelism === 'number' ? o.spec.parallelism : 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Job DURATION: empty before startTime; running → since start; finished → completion − start. */
export function jobDuration(o: KObject, nowMs: number): string {
  const start = timeMs(o.status?.startTime);
  if (!o.status?.startTime) return '';
  if (!o.status?.completionTime) return humanDuration(nowMs - start);
  return humanDuration(timeMs(o.status.completionTime) - start);
}

export const jobPrinter: TablePrinter = {
  columns: cols('Name*', 'Status', 'Completions', 'Duration', 'Age', ['Containers', 1], ['Images', 1], ['Selector', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name,
      jobStatus(o),
      jobCompletions(o),
      jobDuration(o, ctx.nowMs),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      selectorCell(o.spec?.selector),
    ];
  },
};

export const cronJobPrinter: TablePrinter = {
  columns: cols(
    'Name*',
    'Schedule',
    'Timezone',
    'Suspend',
    'Active',
    'Last Schedule',
    'Age',
    ['Containers', 1],
    ['Images', 1],
    ['Selector', 1],
  ),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    const last = o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, ctx.nowMs) : '<none>';
    const jobSpec: Any = spec.jobTemplate?.spec ?? {};
    const [names, images] = containerCells(jobSpec.template?.spec?.containers);
    return [
      o.metadata.name,
      spec.schedule ?? '',
      typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
      boolPtr(spec.suspend),
      String((o.status?.active ?? []).length),
      last,
      since(o.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      selectorCell(jobSpec.selector),
    ];
  },
};

// ---- HorizontalPodAutoscaler ----

/** autoscaling/v1 objects carry one CPU target; the internal form is a single Resource metric. */
function hpaMetrics(o: KObject): { specs: Any[]; statuses: Any[] } {
  const spec: Any = o.spec ?? {};
  if (Array.isArray(spec.metrics)) return { specs: spec.metrics, statuses: o.status?.currentMetrics ?? [] };
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    const cur = o.status?.currentCPUUtilizationPercentage;
    return {
      specs: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }],
      statuses: typeof cur === 'number' ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }] : [],
    };
  }
  return { specs: [], statuses: o.status?.currentMetrics ?? [] };
}

/**
 * formatHPAMetrics: `cpu: 45%/80%`, `cpu: <unknown>/80%`, `memory: 100Mi/200Mi`, `5/10 (avg)`;
 * the first two metrics, then ` + N more...`; `<none>` without metrics. The current value is read
 * from status.currentMetrics at the same index as the spec entry.
 */
export function formatHpaMetrics(specs: Any[], statuses: Any[]): string {
  if (specs.length === 0) return '<none>';
  const list: string[] = [];
  const max = 2;
  let count = 0;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] ?? {};
    const st = statuses.length > i ? (statuses[i] ?? {}) : undefined;
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const key = spec.type === 'External' ? 'external' : 'object';
        const target = spec[key]?.target ?? {};
        const cur = st?.[key];
        if (target.averageValue !== undefined && target.averageValue !== null) {
          const current = cur && cur.current?.averageValue != null ? String(cur.current.averageValue) : '<unknown>';
          list.push(`${current}/${target.averageValue} (avg)`);
        } else {
          const current = cur ? qtyPtr(cur.current?.value) : '<unknown>';
          list.push(`${current}/${qtyPtr(target.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = st?.pods;
        const current = cur ? qtyPtr(cur.current?.averageValue) : '<unknown>';
        list.push(`${current}/${qtyPtr(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const src = spec[key] ?? {};
        const target = src.target ?? {};
        const cur = st?.[key];
        if (target.averageValue !== undefined && target.averageValue !== null) {
          const current = cur ? qtyPtr(cur.current?.averageValue) : '<unknown>';
          list.push(`${src.name ?? ''}: ${current}/${target.averageValue}`);
        } else {
          const current = cur && typeof cur.current?.averageUtilization === 'number' ? `${cur.current.averageUtilization}%` : '<unknown>';
          const tgt = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
          list.push(`${src.name ?? ''}: ${current}/${tgt}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
    count++;
  }
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

export const hpaPrinter: TablePrinter = {
  columns: cols('Name*', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    const { specs, statuses } = hpaMetrics(o);
    return [
      o.metadata.name,
      `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`,
      formatHpaMetrics(specs, statuses),
      typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>',
      int(spec.maxReplicas),
      int(o.status?.currentReplicas),
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

// ---- ControllerRevision, PodDisruptionBudget ----

/** CONTROLLER: `<kind>[.<group>]/<name>` lower-cased kind.group of the controller ownerReference. */
export const controllerRevisionPrinter: TablePrinter = {
  columns: cols('Name*', 'Controller', 'Revision', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const ref: Any = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    let controller = '<none>';
    if (ref) {
      const apiVersion: string = ref.apiVersion ?? '';
      const slash = apiVersion.indexOf('/');
      const group = slash < 0 ? '' : apiVersion.slice(0, slash);
      const gk = group ? `${ref.kind}.${group}` : String(ref.kind ?? '');
      controller = gk ? `${gk.toLowerCase()}/${ref.name}` : ref.name;
    }
    return [o.metadata.name, controller, int(o.revision), since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

export const podDisruptionBudgetPrinter: TablePrinter = {
  columns: cols('Name*', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    return [
      o.metadata.name,
      spec.minAvailable !== undefined && spec.minAvailable !== null ? intOrString(spec.minAvailable) : 'N/A',
      spec.maxUnavailable !== undefined && spec.maxUnavailable !== null ? intOrString(spec.maxUnavailable) : 'N/A',
      int(o.status?.disruptionsAllowed),
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
