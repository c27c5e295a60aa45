// Small helpers shared by the scheduler plugins, the taint manager and the why verb.
import type { KObject, Toleration, Taint } from '../api/types';
import { fromMap } from '../api/selectors';
import { matchNodeSelectorTerms } from './affinity';

/** Toleration.ToleratesTaint: an empty effect/key matches any; operator Exists ignores the value. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? '';
  if (op === 'Exists') return true;
  if (op === '' || op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

/** v1helper.FindMatchingUntoleratedTaint restricted to the given effects. */
export function firstUntoleratedTaint(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

/** GetRequiredNodeAffinity(pod).Match(node): nodeSelector and required node affinity terms. */
export function matchesRequiredNodeAffinity(pod: KObject, node: KObject): boolean {
  const sel = pod.spec?.nodeSelector as Record<string, string> | undefined;
  if (sel && Object.keys(sel).length && !fromMap(sel).matches(node.metadata.labels ?? {})) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req && !matchNodeSelectorTerms(req.nodeSelectorTerms ?? [], node)) return false;
  return true;
}

