// Which pod and container `exec` and `logs` talk to: POD or TYPE/NAME (kubectl's
// polymorphichelpers: SelectorsForObject, GetFirstPod with the verb's sort order), and the container
// (podcmd.FindOrDefaultContainerByName: the default-container annotation, else the first container,
// with kubectl's "Defaulted container" notice).
import { CliError, notFound, StatusError } from '../../api/errors';
import { registry } from '../../api/registry';
import { fromLabelSelector, fromMap, type Selector } from '../../api/selectors';
import type { Container, KObject } from '../../api/types';
import type { Session } from '../../cluster/session';
import { isPodReady, podCondition } from '../../controllers/util';
import { gk } from '../common';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** podcmd.AllContainerNames */
export function allContainerNames(pod: KObject): string {
  const names: string[] = (pod.spec?.containers ?? []).map((c: Container) => c.name);
  for (const c of pod.spec?.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  for (const c of pod.spec?.initContainers ?? []) names.push(`${c.name} (init)`);
  return names.join(', ');
}

export function findContainer(pod: KObject, name: string): { container: Container; kind: 'containers' | 'initContainers' | 'ephemeralContainers' } | undefined {
  for (const kind of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const c = ((pod.spec?.[kind] ?? []) as Container[]).find((x) => x.name === name);
    if (c) return { container: c, kind };
  }
  return undefined;
}

/** The container to use when none was named; `notice` receives kubectl's stderr line if any. */
export function defaultContainer(pod: KObject, quiet: boolean, notice: (line: string) => void): Container {
  const ann = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (ann) {
    const c = findContainer(pod, ann);
    if (c) return c.container;
  }
  const containers = (pod.spec?.containers ?? []) as Container[];
  const first = containers[0]!;
  if (!quiet && (containers.length > 1 || (pod.spec?.initContainers ?? []).length || (pod.spec?.ephemeralContainers ?? []).length))
    notice(`Defaulted container "${first.name}" out of: ${allContainerNames(pod)}`);
  return first;
}

function maxRestarts(p: KObject): number {
  return Math.max(0, ...((p.status?.containerStatuses ?? []) as { restartCount?: number }[]).map((s) => s.restartCount ?? 0));
}

function readyTime(p: KObject): number {
  const c = podCondition(p, 'Ready');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
}

function created(p: KObject): number {
  return Date.parse(p.metadata.creationTimestamp ?? '') || NaN;
}

/** afterOrZero(a, b): a is after b, with zero times last */
function afterOrZero(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a);
  return a > b;
}

const phaseRank = (order: string[]) => (p: KObject) => {
  const i = order.indexOf(p.status?.phase ?? '');
  return i < 0 ? order.length : i;
};

/** podutils.ActivePods Less: the less active pod first (exec takes the last one). */
function activeLess(a: KObject, b: KObject): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na;
  const r = phaseRank(['Pending', 'Unknown', 'Running']);
  if (r(a) !== r(b)) return r(a) < r(b);
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(a), readyTime(b));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  if (created(a) !== created(b)) return afterOrZero(created(a), created(b));
  return false;
}

/** podutils.ByLogging Less: the pod to read logs from first. */
function loggingLess(a: KObject, b: KObject): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !!na;
  const r = phaseRank(['Running', 'Unknown', 'Pending']);
  if (r(a) !== r(b)) return r(a) < r(b);
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a);
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  if (created(a) !== created(b)) return afterOrZero(created(b), created(a));
  return false;
}

function sortBy(pods: KObject[], less: (a: KObject, b: KObject) => boolean): KObject[] {
  return [...pods].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/** The selector behind TYPE/NAME (SelectorsForObject), or the error kubectl gives for the kind. */
function selectorFor(obj: KObject, verb: 'attach' | 'logs'): Selector {
  const kind = obj.kind;
  const fail = (why: string) => new CliError(verb === 'logs' ? `cannot get the logs from *v1.${kind}: ${why}` : `cannot attach to *v1.${kind}: ${why}`);
  switch (kind) {
    case 'ReplicationController':
      return fromMap(obj.spec?.selector);
    case 'Service':
      if (!obj.spec?.selector || !Object.keys(obj.spec.selector).length) throw fail(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
      return fromMap(obj.spec.selector);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return fromLabelSelector(obj.spec?.selector);
  }
  throw fail(`selector for *v1.${kind} not implemented`);
}

export interface Resolved {
  pod: KObject;
  /** How many pods matched TYPE/NAME (logs prints "Found N pods"). */
  matched: number;
}

/** The pods `POD` or `TYPE/NAME` stands for, best first in the verb's order. */
export function matchingPods(s: Session, arg: string, ns: string, verb: 'attach' | 'logs'): KObject[] {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = s.store.get('Pod', ns, arg);
    if (!pod) throw notFound('pods', '', arg);
    return [pod];
  }
  const type = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  if (!type || !name) throw new CliError('arguments in resource/name form must have a single resource and name');
  const info = registry.mustResolve(type);
  const obj = s.store.get(gk(info), info.namespaced ? ns : undefined, name);
  if (!obj) throw notFound(info.plural, info.group, name);
  if (info.kind === 'Pod') return [obj];
  const sel = selectorFor(obj, verb);
  const pods = s.store.list('Pod', ns).filter((p) => sel.matches(p.metadata.labels));
  if (!pods.length) throw new CliError('timed out waiting for the condition');
  // exec takes the most active pod (sort.Reverse(ActivePods)); logs the best one to read (ByLogging)
  return verb === 'attach' ? sortBy(pods, (a, b) => activeLess(b, a)) : sortBy(pods, loggingLess);
}

/** Resolves `POD` or `TYPE/NAME` to one pod. */
export function resolvePod(s: Session, arg: string, ns: string, verb: 'attach' | 'logs'): Resolved {
  const pods = matchingPods(s, arg, ns, verb);
  return { pod: pods[0]!, matched: pods.length };
}

export { StatusError };
