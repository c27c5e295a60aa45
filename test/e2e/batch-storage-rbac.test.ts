// Jobs, CronJobs, volumes, RBAC and custom resources end to end, as a learner types them, against
// golden transcripts (manual clock).
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

describe('batch, storage, RBAC and CRDs', () => {
  const clusters: Cluster[] = [];
  const cluster = () => {
    const c = new Cluster();
    clusters.push(c);
    return c;
  };
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('a Job with completions 5 and parallelism 2 reaches 5/5', async () => {
    const c = cluster();
    await c.sh('apply -f fixtures/job-pi.yaml');
    await c.sh('get jobs');
    await c.sh('get pods');
    await c.sh('clock advance 20s');
    await c.sh('get jobs');
    await c.sh('get pods');
    await c.sh('clock advance 40s');
    await c.sh('get jobs');
    await c.sh('get jobs -o wide');
    await c.sh('get pods');
    await c.sh('describe job pi');
    await c.sh('get job pi -o jsonpath={.status}');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/job-completions.txt');
  });

  it('a failing Job backs off 10 s, 20 s, 40 s and stops at backoffLimit', async () => {
    const c = cluster();
    await c.sh('apply -f fixtures/job-failing.yaml');
    await c.sh('clock advance 30s');
    await c.sh('get pods');
    await c.sh('clock advance 3m');
    await c.sh('get jobs');
    await c.sh('get pods --sort-by=.metadata.creationTimestamp -o custom-columns=NAME:.metadata.name,CREATED:.metadata.creationTimestamp,FINISHED:.status.containerStatuses[0].state.terminated.finishedAt,STATUS:.status.phase');
    await c.sh('describe job flaky');
    await c.sh('get events --field-selector involvedObject.kind=Job --sort-by=.lastTimestamp');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/job-backoff.txt');
  });

  it('a CronJob runs every minute and keeps its history limits', async () => {
    const c = cluster();
    await c.sh('apply -f fixtures/cronjob-hello.yaml');
    await c.sh('get cronjobs');
    await c.sh('clock advance 5m');
    await c.sh('get cj');
    await c.sh('get jobs');
    await c.sh('get pods');
    await c.sh('describe cronjob hello');
    await c.sh('create job hello-manual --from=cronjob/hello');
    await c.sh('get jobs');
    await c.sh('clock advance 10s');
    await c.sh('get cronjob hello -o jsonpath={.status}');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/cronjob-every-minute.txt');
  });

  it('claims bind statically and through the default class when a pod comes', async () => {
    const c = cluster();
    await c.sh('get storageclass');
    await c.sh('apply -f fixtures/storage-static.yaml');
    await c.sh('get pv,pvc');
    await c.sh('describe pvc manual-claim');
    await c.sh('apply -f fixtures/storage-dynamic.yaml');
    await c.sh('get pvc,pods');
    await c.sh('describe pod writer');
    await c.sh('clock advance 3s');
    await c.sh('get pvc,pv');
    await c.sh('clock advance 10s');
    await c.sh('get pods -o wide');
    await c.sh('describe pvc notes');
    await c.sh('delete pvc manual-claim');
    await c.sh('get pv pv-manual');
    await c.sh('delete pod writer');
    await c.sh('delete pvc notes');
    await c.sh('get pv');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/storage-binding.txt');
  });

  it('auth can-i answers for a service account bound to a Role', async () => {
    const c = cluster();
    await c.sh('auth can-i create deployments');
    await c.sh('apply -f fixtures/rbac-pod-reader.yaml');
    await c.sh('get role,rolebinding');
    await c.sh('describe role pod-reader');
    await c.sh('auth can-i list pods --as system:serviceaccount:default:ci-bot');
    await c.sh('auth can-i get pods --subresource=log --as system:serviceaccount:default:ci-bot');
    await c.sh('auth can-i delete pods --as system:serviceaccount:default:ci-bot');
    await c.sh('auth can-i list pods --as system:serviceaccount:default:ci-bot -n kube-system');
    await c.sh('auth can-i list pods --as system:serviceaccount:default:ci-bot -A');
    await c.sh('auth can-i --list --as system:serviceaccount:default:ci-bot');
    await c.sh('create rolebinding ci-view --clusterrole=view --serviceaccount=default:ci-bot -n kube-system');
    await c.sh('auth can-i list deployments.apps --as system:serviceaccount:default:ci-bot -n kube-system');
    await c.sh('auth can-i get secrets --as system:serviceaccount:default:ci-bot -n kube-system');
    await c.sh('create role cm-writer --verb=create,update --resource=configmaps --resource-name=app --dry-run=client -o yaml');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/rbac-can-i.txt');
  });

  it('a CRD serves its kind until it is deleted', async () => {
    const c = cluster();
    await c.sh('apply -f fixtures/crontab.yaml');
    await c.sh('apply -f fixtures/crd-crontab.yaml');
    await c.sh('get crd');
    await c.sh('apply -f fixtures/crontab.yaml');
    await c.sh('get crontabs');
    await c.sh('get ct my-new-cron-object -o yaml');
    await c.sh('describe crontab my-new-cron-object');
    await c.sh('api-resources --api-group=stable.example.com');
    await c.sh('delete crd crontabs.stable.example.com');
    await c.sh('get crontabs');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/crd-lifecycle.txt');
  });
});
