import { afterEach, describe, expect, it } from 'vitest';
import { freshSession, deployment } from '../support/session';
import { fenceposts, maxSurge, maxUnavailable } from '../../src/controllers/deployment';
import { podDeletionOrder } from '../../src/controllers/replicaset';
import type { KObject } from '../../src/api/types';
import { clone } from '../../src/api/types';

let s: ReturnType<typeof freshSession> | undefined;
afterEach(() => s?.cleanup());

const pods = (sess: ReturnType<typeof freshSession>, app: string) =>
  sess.store.list('Pod', 'default').filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);

describe('deployment arithmetic (reference §5.1)', () => {
  it.each([
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [5, 2, 1],
    [10, 3, 2],
  ])('replicas %i → maxSurge %i, maxUnavailable %i', (replicas, surge, unavailable) => {
    const d = deployment('x', replicas, 'nginx', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(maxSurge(d)).toBe(surge);
    expect(maxUnavailable(d)).toBe(unavailable);
  });

  it('both fenceposts zero become maxUnavailable 1', () => {
    const d = deployment('x', 3, 'nginx', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } } });
    expect(fenceposts(d)).toEqual([0, 1]);
  });
});

describe('deployment controller', () => {
  it('creates one ReplicaSet named after the template hash and scales it to replicas', () => {
    s = freshSession();
    s.ctx.api.create(deployment('web', 3));
    s.settle();
    const rss = s.store.list('ReplicaSet.apps', 'default').filter((r) => r.metadata.labels?.app === 'web');
    expect(rss).toHaveLength(1);
    const hash = rss[0]!.metadata.labels!['pod-template-hash'];
    expect(rss[0]!.metadata.name).toBe(`web-${hash}`);
    expect(rss[0]!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(pods(s, 'web')).toHaveLength(3);
    expect(pods(s, 'web').every((p) => p.metadata.name.startsWith(`web-${hash}-`))).toBe(true);
  });

  it('rolls out with maxSurge 1 / maxUnavailable 0 for 3 replicas and keeps availability', () => {
    s = freshSession();
    s.ctx.api.create(deployment('web', 3));
    s.advance(30_000);
    const d = s.store.get('Deployment.apps', 'default', 'web')!;
    const next = clone(d);
    next.spec.template.spec.containers[0].image = 'nginx:1.27.3';
    s.ctx.api.update(next);
    let maxTotal = 0;
    let minAvailable = Infinity;
    s.ctx.loop.advanceTo(s.clock.now() + 120_000, () => {
      const all = s!.store.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
      maxTotal = Math.max(maxTotal, all.length);
      const dep = s!.store.get('Deployment.apps', 'default', 'web')!;
      minAvailable = Math.min(minAvailable, dep.status?.availableReplicas ?? 0);
      return false;
    });
    expect(maxTotal).toBeLessThanOrEqual(4);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const dep = s.store.get('Deployment.apps', 'default', 'web')!;
    expect(dep.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 });
    const progressing = dep.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    expect(progressing.reason).toBe('NewReplicaSetAvailable');
    const scaling = s.store
      .list('Event', 'default')
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .map((e) => e.message.replace(/web-[a-z0-9]+/, 'RS'));
    expect(scaling.slice(0, 2)).toEqual(['Scaled up replica set RS from 0 to 3', 'Scaled up replica set RS from 0 to 1']);
  });

  it('Recreate scales the old ReplicaSet to zero before creating new pods', () => {
    s = freshSession();
    s.ctx.api.create(deployment('rec', 2, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    s.advance(30_000);
    const next = clone(s.store.get('Deployment.apps', 'default', 'rec')!);
    next.spec.template.spec.containers[0].image = 'nginx:1.27.3';
    s.ctx.api.update(next);
    s.settle();
    // right after the change: old pods terminating, no new pods yet
    const live = s.store.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'rec');
    expect(live.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    s.advance(60_000);
    const after = pods(s, 'rec');
    expect(after).toHaveLength(2);
    expect(after.every((p) => p.spec.containers[0].image === 'nginx:1.27.3')).toBe(true);
  });

  it('reports ProgressDeadlineExceeded when new pods never become available', () => {
    s = freshSession();
    s.ctx.api.create(deployment('stuck', 1, 'nginx:1.27', { progressDeadlineSeconds: 60 }));
    s.advance(30_000);
    const next = clone(s.store.get('Deployment.apps', 'default', 'stuck')!);
    next.spec.template.spec.containers[0].image = 'nginx:9.99.99'; // no such tag
    s.ctx.api.update(next);
    s.advance(120_000);
    const d = s.store.get('Deployment.apps', 'default', 'stuck')!;
    const p = d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    expect(p.status).toBe('False');
    expect(p.reason).toBe('ProgressDeadlineExceeded');
    expect(p.message).toMatch(/^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    s = freshSession();
    s.ctx.api.create(deployment('hist', 1, 'nginx:1.27', { revisionHistoryLimit: 1 }));
    for (const tag of ['1.27.1', '1.27.2', '1.27.3']) {
      s.advance(30_000);
      const next = clone(s.store.get('Deployment.apps', 'default', 'hist')!);
      next.spec.template.spec.containers[0].image = `nginx:${tag}`;
      s.ctx.api.update(next);
    }
    s.advance(60_000);
    const rss = s.store.list('ReplicaSet.apps', 'default').filter((r) => r.metadata.labels?.app === 'hist');
    expect(rss).toHaveLength(2);
  });
});

describe('replica set controller', () => {
  it('deletes unscheduled and not-ready pods before ready ones', () => {
    const mk = (name: string, node: string | undefined, ready: boolean, phase = 'Running'): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { nodeName: node },
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
    });
    const order = podDeletionOrder([mk('ready', 'n1', true), mk('unscheduled', undefined, false, 'Pending'), mk('notready', 'n1', false)], new Map());
    expect(order.map((p) => p.metadata.name)).toEqual(['unscheduled', 'notready', 'ready']);
  });

  it('replaces a deleted pod (self-healing)', () => {
    s = freshSession();
    s.ctx.api.create(deployment('heal', 2));
    s.advance(30_000);
    const victim = pods(s, 'heal')[0]!;
    s.ctx.api.delete('Pod', 'default', victim.metadata.name);
    s.settle();
    const live = pods(s, 'heal');
    expect(live).toHaveLength(2);
    expect(live.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });
});

describe('garbage collector', () => {
  it('background deletion removes ReplicaSets and pods; orphan keeps them', () => {
    s = freshSession();
    s.ctx.api.create(deployment('bg', 2));
    s.ctx.api.create(deployment('or', 2));
    s.advance(30_000);
    s.ctx.api.delete('Deployment.apps', 'default', 'bg');
    s.ctx.api.delete('Deployment.apps', 'default', 'or', { propagationPolicy: 'Orphan' });
    s.advance(60_000);
    expect(s.store.list('ReplicaSet.apps', 'default').filter((r) => r.metadata.labels?.app === 'bg')).toHaveLength(0);
    expect(s.store.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'bg')).toHaveLength(0);
    const orphans = s.store.list('ReplicaSet.apps', 'default').filter((r) => r.metadata.labels?.app === 'or');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.metadata.ownerReferences).toBeUndefined();
    expect(pods(s, 'or')).toHaveLength(2);
  });
});
