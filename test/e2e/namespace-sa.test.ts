// Namespaces (Terminating, emptied, then gone; protected system namespaces; creating into a
// terminating or missing namespace), service accounts (default account, token volume, rejection of
// a missing account, create serviceaccount) and set-based label selectors, end to end.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const M = 'test/e2e/manifests';

describe('namespaces and service accounts', () => {
  const clusters: Cluster[] = [];
  const fresh = () => {
    const c = new Cluster();
    clusters.push(c);
    return c;
  };
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('namespace deletion', async () => {
    const c = fresh();
    await c.sh('create namespace dev');
    await c.sh('get sa,cm -n dev');
    await c.sh('run web --image=nginx:1.27 -n dev');
    await c.sh('create deployment api --image=nginx:1.27 --replicas=2 -n dev');
    await c.sh('clock advance 10s');
    await c.sh('get all -n dev');
    await c.sh('delete namespace dev --wait=false');
    await c.sh('get ns');
    await c.sh('describe ns dev');
    await c.sh('get pods -n dev');
    await c.sh('run late --image=nginx -n dev');
    await c.sh('create deployment late --image=nginx -n dev');
    await c.sh('create configmap late --from-literal=a=b -n dev');
    await c.sh('create namespace dev');
    await c.sh('clock advance 5s');
    await c.sh('get ns dev');
    await c.sh('get pods -n dev');
    await c.sh('run web --image=nginx -n dev');
    await c.sh(`apply -f ${M}/kubia-rc.yaml -n dev`);
    await c.sh('delete namespace default');
    await c.sh('delete namespace kube-system');
    await c.sh('delete ns kube-public');
    await c.sh('create namespace qa');
    await c.sh('delete namespace qa');
    await c.sh('get ns');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/namespace-deletion.txt');
  });

  it('service accounts', async () => {
    const c = fresh();
    await c.sh('get serviceaccounts -A');
    await c.sh('create serviceaccount ci-bot --dry-run=client -o yaml');
    await c.sh(`apply -f ${M}/pod-missing-sa.yaml`);
    await c.sh(`apply -f ${M}/deployment-missing-sa.yaml`);
    await c.sh('get deploy,rs,pods');
    await c.sh('describe rs -l app=api');
    await c.sh('clock advance 30s');
    await c.sh('get events --field-selector reason=FailedCreate');
    await c.sh('create serviceaccount ci-bot');
    await c.sh('create sa api-sa');
    await c.sh('create serviceaccount ci-bot');
    await c.sh('create serviceaccount');
    await c.sh('get sa');
    await c.sh('describe sa ci-bot');
    await c.sh(`apply -f ${M}/pod-missing-sa.yaml`);
    await c.sh(`get pod builder -o jsonpath='{.spec.serviceAccountName}{" "}{.spec.volumes[0].name}{" "}{.spec.containers[0].volumeMounts[0].mountPath}{"\\n"}'`);
    await c.sh("get pod builder -o jsonpath='{.spec.volumes[0].projected}'");
    await c.sh('clock advance 5m');
    await c.sh('get deploy api');
    await c.sh('describe rs -l app=api');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/serviceaccounts.txt');
  });

  it('set-based label selectors', async () => {
    const c = fresh();
    await c.sh('run a --image=nginx:1.27 --labels=env=dev,tier=web');
    await c.sh('run b --image=nginx:1.27 --labels=env=prod,tier=web,canary=true');
    await c.sh('run c --image=nginx:1.27 --labels=env=test');
    await c.sh("get pods -l 'env in (dev,prod),!canary' --show-labels");
    await c.sh("get pods -l 'env notin (dev),tier' -o name");
    await c.sh("get pods -l 'canary' -o name");
    await c.sh("get pods -l '!tier' -o name");
    await c.sh("delete pods -l 'env in (test)' --wait=false");
    await c.sh("get pods -l 'env in (dev,prod'");
    await c.sh("get pods -l 'env not in (dev)'");
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/label-selectors.txt');
  });
});
