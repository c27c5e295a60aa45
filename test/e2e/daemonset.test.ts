// DaemonSets end to end: kube-proxy of the default cluster, one pod per eligible node as nodes join
// and leave, rolling update with history and undo, restart, OnDelete.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const M = 'test/e2e/manifests';

describe('daemonset', () => {
  const clusters: Cluster[] = [];
  const fresh = () => {
    const c = new Cluster();
    clusters.push(c);
    return c;
  };
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('one pod per node as nodes come and go; rolling update, history, undo, restart', async () => {
    const c = fresh();
    await c.sh('get daemonsets -n kube-system');
    await c.sh('get pods -n kube-system -l k8s-app=kube-proxy -o wide');
    await c.sh(`apply -f ${M}/fluentd-ds.yaml`);
    await c.sh('get ds');
    await c.sh('rollout status ds/fluentd');
    await c.sh('get pods -o wide');
    await c.sh(`apply -f ${M}/node-worker-3.yaml`);
    await c.sh('get nodes');
    await c.sh('get pods -o wide');
    await c.sh('clock advance 5s');
    await c.sh('get ds fluentd');
    await c.sh('get ds -n kube-system kube-proxy');
    await c.sh('describe ds fluentd');
    await c.sh('set image ds/fluentd fluentd=busybox:1.37');
    await c.sh('rollout status ds/fluentd');
    await c.sh('get pods -L controller-revision-hash,pod-template-generation');
    await c.sh('rollout history ds/fluentd');
    await c.sh('rollout undo ds/fluentd');
    await c.sh('rollout status ds/fluentd');
    await c.sh('rollout history daemonset/fluentd');
    await c.sh('get controllerrevisions -l name=fluentd');
    await c.sh('delete node worker-3');
    await c.sh('get ds fluentd');
    await c.sh('get pods -o wide');
    // the pod GC finds the node gone at its next 20 s round, then waits out a 40 s quarantine
    await c.sh('clock advance 60s');
    await c.sh('get pods -o wide');
    await c.sh('get ds fluentd');
    await c.sh('rollout restart ds/fluentd');
    await c.sh('rollout status ds/fluentd');
    await c.sh('rollout pause ds/fluentd');
    await c.sh('get events --field-selector involvedObject.kind=DaemonSet');
    await c.sh(`patch ds fluentd -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`);
    await c.sh('rollout status ds/fluentd');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/daemonset-lifecycle.txt');
  });

  it('a fresh cluster runs kube-proxy through the DaemonSet controller', async () => {
    const c = fresh();
    const r = await c.run(['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-proxy', '--no-headers', '-o', 'custom-columns=STATUS:.status.phase,NODE:.spec.nodeName,OWNER:.metadata.ownerReferences[0].kind', '--sort-by=.spec.nodeName']);
    expect(r.stdout).toBe('Running   control-plane   DaemonSet\nRunning   worker-1        DaemonSet\nRunning   worker-2        DaemonSet\n');
    const ds = await c.run(['get', 'ds', 'kube-proxy', '-n', 'kube-system', '-o', 'jsonpath={.status.numberReady}/{.status.desiredNumberScheduled}']);
    expect(ds.stdout).toBe('3/3');
  });
});
