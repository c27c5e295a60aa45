// client-go's EventCorrelator as the recorder runs it: counting, spam filter, aggregation.
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store';
import { Clock } from '../../src/sim/clock';
import { Random } from '../../src/sim/random';
import { EventRecorder, eventsFor } from '../../src/sim/events';
import type { KObject } from '../../src/api/types';

function setup() {
  const store = new Store(0);
  const clock = new Clock('manual', Date.UTC(2026, 0, 1));
  const rec = new EventRecorder(store, clock, Random.fromSeed(1), {});
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' } } as KObject;
  const src = { component: 'kubelet', host: 'worker-1' };
  return { store, clock, rec, pod, src };
}

describe('event recorder', () => {
  it('counts identical events in one object', () => {
    const { store, clock, rec, pod, src } = setup();
    rec.record(pod, 'Warning', 'BackOff', 'Back-off', src);
    clock.nowMs += 10_000;
    rec.record(pod, 'Warning', 'BackOff', 'Back-off', src);
    const evs = store.list('Event');
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ count: 2, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:10Z' });
  });

  it('lets a source write 25 events about an object, then one per 5 minutes, carrying the held-back count', () => {
    const { store, clock, rec, pod, src } = setup();
    for (let i = 0; i < 40; i++) {
      rec.record(pod, 'Warning', 'BackOff', 'Back-off', src);
      clock.nowMs += 10_000;
    }
    // 40 occurrences over 390 s: 25 written right away, one more token after 300 s
    let ev = store.list('Event')[0]!;
    expect(ev.count).toBe(31);
    expect(ev.lastTimestamp).toBe('2026-01-01T00:05:00Z');
    // once the bucket has refilled, the next write carries everything seen in between
    clock.nowMs += 300_000;
    rec.record(pod, 'Warning', 'BackOff', 'Back-off', src);
    ev = store.list('Event')[0]!;
    expect(ev.count).toBe(41);
    // another source (or another object) has its own bucket
    rec.record(pod, 'Normal', 'Scheduled', 'Successfully assigned default/p to worker-1', { component: 'default-scheduler' });
    expect(store.list('Event')).toHaveLength(2);
  });

  it('combines more than 10 distinct messages of one reason within 10 minutes', () => {
    const { store, clock, rec, pod } = setup();
    const src = { component: 'deployment-controller' };
    for (let i = 0; i < 12; i++) {
      rec.record(pod, 'Normal', 'ScalingReplicaSet', `Scaled up replica set x from ${i} to ${i + 1}`, src);
      clock.nowMs += 1000;
    }
    const msgs = store.list('Event').map((e) => `${e.count} ${e.message}`);
    expect(msgs).toHaveLength(10);
    expect(msgs).toContain('3 (combined from similar events): Scaled up replica set x from 11 to 12');
  });

  it('finds events by uid as kubectl describe does (and node events by name too)', () => {
    const { store, rec, pod, src } = setup();
    rec.record(pod, 'Normal', 'Pulled', 'ok', src);
    rec.record({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } } as KObject, 'Normal', 'TaintManagerEviction', 'Marking for deletion Pod default/p', { component: 'taint-eviction-controller' });
    expect(eventsFor(store, pod).map((e) => e.reason)).toEqual(['Pulled']);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', uid: 'n1' } } as KObject;
    rec.record(node, 'Normal', 'RegisteredNode', 'Node worker-1 event: Registered Node worker-1 in Controller', { component: 'node-controller' });
    rec.record({ kind: 'Node', metadata: { name: 'worker-1', uid: 'worker-1' } } as unknown as KObject, 'Normal', 'Starting', 'Starting kubelet.', src);
    expect(eventsFor(store, node).map((e) => e.reason).sort()).toEqual(['RegisteredNode', 'Starting']);
  });
});
