import { describe, expect, it } from 'vitest';
import { daemonSetStatus, statefulSetStatus } from '../../src/cli/rollout/statefulset';
import type { KObject } from '../../src/api/types';

const sts = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 1): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', generation },
  spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
  status,
});

const ds = (status: Record<string, unknown>, type = 'RollingUpdate', generation = 1): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd', generation },
  spec: { updateStrategy: { type } },
  status,
});

describe('rollout status messages (StatefulSetStatusViewer, DaemonSetStatusViewer)', () => {
  it('statefulsets', () => {
    expect(statefulSetStatus(sts({}, {}))).toEqual({ message: 'Waiting for statefulset spec update to be observed...', done: false });
    expect(statefulSetStatus(sts({}, { observedGeneration: 1, readyReplicas: 1 }))).toEqual({ message: 'Waiting for 2 pods to be ready...', done: false });
    expect(statefulSetStatus(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 }))).toEqual({
      message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
      done: false,
    });
    expect(statefulSetStatus(sts({}, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 }))).toEqual({ message: 'partitioned roll out complete: 3 new pods have been updated...', done: true });
    // an explicit `type: RollingUpdate` without rollingUpdate is not defaulted to a partition
    const plain = { updateStrategy: { type: 'RollingUpdate' } };
    expect(statefulSetStatus(sts(plain, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'web-1', updateRevision: 'web-2' }))).toEqual({
      message: 'waiting for statefulset rolling update to complete 1 pods at revision web-2...',
      done: false,
    });
    expect(statefulSetStatus(sts(plain, { observedGeneration: 1, readyReplicas: 3, currentReplicas: 3, currentRevision: 'web-2', updateRevision: 'web-2' }))).toEqual({
      message: 'statefulset rolling update complete 3 pods at revision web-2...',
      done: true,
    });
    expect(statefulSetStatus(sts({ updateStrategy: { type: 'OnDelete' } }, {}))).toEqual({ message: 'rollout status is only available for RollingUpdate strategy type', done: true, error: true });
  });

  it('daemonsets', () => {
    expect(daemonSetStatus(ds({ observedGeneration: 1 }, 'RollingUpdate', 2)).message).toBe('Waiting for daemon set spec update to be observed...');
    expect(daemonSetStatus(ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1 })).message).toBe(
      'Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...',
    );
    expect(daemonSetStatus(ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 })).message).toBe(
      'Waiting for daemon set "fluentd" rollout to finish: 2 of 3 updated pods are available...',
    );
    expect(daemonSetStatus(ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }))).toEqual({ message: 'daemon set "fluentd" successfully rolled out', done: true });
    expect(daemonSetStatus(ds({}, 'OnDelete'))).toEqual({ message: 'rollout status is only available for RollingUpdate strategy type', done: true, error: true });
  });
});
