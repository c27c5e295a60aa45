// StatefulSets end to end: ordered start, stable identity and storage, scale down and claim
// retention, a deleted pod coming back, rolling update with history and undo.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const M = 'test/e2e/manifests';

describe('statefulset', () => {
  const clusters: Cluster[] = [];
  const fresh = () => {
    const c = new Cluster();
    clusters.push(c);
    return c;
  };
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('ordered start, identity, scale down with retained claims, recreation, rolling update and undo', async () => {
    const c = fresh();
    await c.sh(`apply -f ${M}/web.yaml`);
    await c.sh('get pods');
    await c.sh('get pvc');
    await c.sh('clock advance 2s');
    await c.sh('get pods');
    await c.sh('rollout status statefulset/web');
    await c.sh('get statefulset web -o wide');
    await c.sh('get pods -o custom-columns=NAME:.metadata.name,HOSTNAME:.spec.hostname,SUBDOMAIN:.spec.subdomain,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName,NODE:.spec.nodeName');
    await c.sh('get pods -L apps.kubernetes.io/pod-index,controller-revision-hash');
    await c.sh('get pvc');
    await c.sh('describe statefulset web');
    await c.sh('scale statefulset web --replicas=1');
    await c.sh('get pods');
    await c.sh('clock advance 15s');
    await c.sh('get pods');
    await c.sh('get pvc');
    await c.sh('delete pod web-0');
    await c.sh('get pods -o custom-columns=NAME:.metadata.name,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName');
    await c.sh('scale sts web --replicas=3');
    await c.sh('rollout status sts/web');
    await c.sh('get pods');
    await c.sh('set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.26');
    await c.sh('rollout status sts/web');
    await c.sh('get pods -L controller-revision-hash');
    await c.sh('rollout history statefulset/web');
    await c.sh('rollout undo statefulset/web --dry-run=client');
    await c.sh('rollout undo statefulset/web');
    await c.sh('rollout status sts/web');
    await c.sh('rollout history statefulset/web');
    await c.sh('rollout history statefulset/web --revision=3');
    await c.sh('rollout undo statefulset/web --to-revision=3');
    await c.sh('rollout undo statefulset/web --to-revision=9');
    await c.sh('get controllerrevisions');
    await c.sh('get sts web -o jsonpath={.status}');
    await c.sh('get events --field-selector involvedObject.kind=StatefulSet');
    await c.sh('delete statefulset web');
    await c.sh('get pods');
    await c.sh('get pvc');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/statefulset-lifecycle.txt');
  });

  it('Parallel start and the Delete retention policy', async () => {
    const c = fresh();
    await c.sh(`apply -f ${M}/web-delete-pvcs.yaml`);
    await c.sh('get pods');
    await c.sh('rollout status sts/db');
    await c.sh('get pvc -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name');
    await c.sh('scale sts db --replicas=1');
    await c.sh('get pvc -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name');
    await c.sh('clock advance 40s');
    await c.sh('get pods');
    await c.sh('get pvc');
    await c.sh('delete sts db');
    await c.sh('get pvc');
    await c.sh('clock advance 40s');
    await c.sh('get pods,pvc,pv');
    await c.sh('rollout status sts/db');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/statefulset-retention.txt');
  });

  it('is deterministic', async () => {
    const a = fresh();
    const b = fresh();
    for (const c of [a, b]) {
      await c.sh(`apply -f ${M}/web.yaml`);
      await c.sh('rollout status sts/web');
      await c.sh('get pods -o wide');
    }
    expect(a.transcript()).toBe(b.transcript());
  });
});
