// Cascading deletion end to end (background, foreground, orphan and adoption), and the
// ReplicationController: create, scale, describe, delete.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const M = 'test/e2e/manifests';

describe('cascading deletion and replication controllers', () => {
  const clusters: Cluster[] = [];
  const fresh = () => {
    const c = new Cluster();
    clusters.push(c);
    return c;
  };
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('background, foreground and orphan deletes; orphans adopted by a new owner', async () => {
    const c = fresh();
    await c.sh('create deployment web --image=nginx:1.27 --replicas=2');
    await c.sh('clock advance 10s');
    await c.sh('get deploy,rs,pods');
    // foreground: the owner stays, marked for deletion, until its blocking dependents are gone
    await c.sh('delete deployment web --cascade=foreground --wait=false');
    await c.sh(`get deploy web -o jsonpath='{.metadata.deletionTimestamp}{" "}{.metadata.finalizers}{"\\n"}'`);
    await c.sh('get rs -o custom-columns=NAME:.metadata.name,DELETING:.metadata.deletionTimestamp,FINALIZERS:.metadata.finalizers');
    await c.sh('get deploy,rs,pods');
    await c.sh('clock advance 5s');
    await c.sh('get deploy,rs,pods');
    // orphan: the ReplicaSet and its pods keep running without the owner reference
    await c.sh('create deployment api --image=nginx:1.27 --replicas=2');
    await c.sh('clock advance 10s');
    await c.sh('delete deployment api --cascade=orphan');
    await c.sh('get deploy,rs,pods');
    await c.sh('get rs -o custom-columns=NAME:.metadata.name,OWNERS:.metadata.ownerReferences');
    await c.sh('delete rs --all --cascade=orphan');
    await c.sh('get pods -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name,LABELS:.metadata.labels');
    // a new deployment with the same template adopts the orphans: no new pods
    await c.sh('create deployment api --image=nginx:1.27 --replicas=2');
    await c.sh('get deploy,rs,pods');
    await c.sh('get pods -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name');
    // background (the default): the owner goes at once, the garbage collector removes the rest
    await c.sh('delete deployment api');
    await c.sh('get rs,pods');
    await c.sh('delete deployment api --cascade=sideways');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/cascade-delete.txt');
  });

  it('replication controllers: create, scale, describe, orphan and adopt, delete', async () => {
    const c = fresh();
    await c.sh(`apply -f ${M}/kubia-rc.yaml`);
    await c.sh('get rc');
    await c.sh('clock advance 10s');
    await c.sh('get rc -o wide');
    await c.sh('get pods --show-labels');
    await c.sh('scale rc kubia --replicas=5');
    await c.sh('get rc kubia');
    await c.sh('scale replicationcontroller kubia --replicas=2');
    await c.sh('clock advance 5s');
    await c.sh('get pods');
    await c.sh('describe rc kubia');
    await c.sh(`get rc kubia -o jsonpath='{.spec.selector}{" "}{.metadata.labels}{" "}{.status}{"\\n"}'`);
    await c.sh('delete rc kubia --cascade=orphan');
    await c.sh('get pods -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name');
    await c.sh(`apply -f ${M}/kubia-rc.yaml`);
    await c.sh('get pods');
    await c.sh('rollout status rc/kubia');
    await c.sh('rollout history rc/kubia');
    await c.sh('rollout undo rc/kubia');
    await c.sh('rollout restart rc/kubia');
    await c.sh('rolling-update kubia --image=nginx:1.27.3');
    await c.sh('delete rc kubia');
    await c.sh('get pods');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/replicationcontroller.txt');
  });
});
