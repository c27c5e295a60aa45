// Helpers shared by the controller describers: pods owned by a controller and their phase counts
// (getPodStatusForController of kubectl pkg/describe).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import type { Selector } from '../../api/selectors';
import type { PrintContext } from '../context';
import { controllerOf } from './common';

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** Pods in the owner's namespace matching `selector` whose controller ownerReference is the owner. */
export function controlledPods(owner: KObject, selector: Selector, ctx: PrintContext): KObject[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  return ctx.store
    .dependents(uid)
    .filter(({ gk, obj }) => gk === 'Pod' && obj.metadata.namespace === owner.metadata.namespace)
    .map(({ obj }) => obj)
    .filter((p) => controllerOf(p)?.uid === uid && selector.matches(p.metadata.labels));
}

export function podStatusCounts(owner: KObject, selector: Selector, ctx: PrintContext): PodCounts {
  const c: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of controlledPods(owner, selector, ctx)) {
    switch (p.status?.phase) {
      case 'Running':
        c.running++;
        break;
      case 'Pending':
        c.waiting++;
        break;
      case 'Succeeded':
        c.succeeded++;
        break;
      case 'Failed':
        c.failed++;
        break;
    }
  }
  return c;
}

export function podsStatusLine(c: PodCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}
