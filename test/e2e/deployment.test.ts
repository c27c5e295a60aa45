// The deployment lifecycle end to end, as a learner types it, compared with a golden transcript.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

async function lifecycle(c: Cluster): Promise<string> {
  await c.sh('apply -f fixtures/nginx-deployment.yaml');
  await c.sh('get pods');
  await c.sh('get deploy');
  await c.sh('clock advance 10s');
  await c.sh('get pods -o wide');
  await c.sh('get deploy,rs');
  await c.sh('scale deployment nginx-deployment --replicas=5');
  await c.sh('clock advance 10s');
  await c.sh('get pods');
  await c.sh('set image deployment/nginx-deployment nginx=nginx:1.27.3 --record');
  await c.sh('rollout status deployment/nginx-deployment');
  await c.sh('get rs');
  await c.sh('rollout history deployment/nginx-deployment');
  await c.sh('rollout undo deployment/nginx-deployment');
  await c.sh('rollout status deployment/nginx-deployment');
  await c.sh('rollout history deployment/nginx-deployment');
  await c.sh('rollout history deployment/nginx-deployment --revision=3');
  await c.sh('describe deployment nginx-deployment');
  await c.sh('get events --field-selector involvedObject.kind=Deployment');
  return c.transcript();
}

describe('deployment lifecycle', () => {
  const a = new Cluster();
  const b = new Cluster();
  afterAll(() => {
    a.cleanup();
    b.cleanup();
  });

  it('apply → Running → scale → set image → rollout status → history → undo → history', async () => {
    const t = await lifecycle(a);
    await expect(t).toMatchFileSnapshot('__snapshots__/deployment-lifecycle.txt');
  });

  it('is deterministic: the same commands on a fresh state print byte-identical output', async () => {
    const t = await lifecycle(b);
    expect(t).toBe(a.transcript());
  });

  it('pods show the kubelet lifecycle: ContainerCreating, then Running and Ready', async () => {
    const c = new Cluster();
    try {
      await c.run(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
      let r = await c.run(['get', 'pods', '--no-headers', '-o', 'custom-columns=STATUS:.status.phase,READY:.status.containerStatuses[0].ready']);
      expect(r.stdout).toBe('Pending   false\nPending   false\n');
      r = await c.run(['get', 'pods', '--no-headers']);
      expect(r.stdout.split('\n').filter(Boolean).every((l) => /0\/1\s+ContainerCreating/.test(l))).toBe(true);
      await c.run(['clock', 'advance', '30s']);
      r = await c.run(['get', 'pods', '--no-headers']);
      expect(r.stdout.split('\n').filter(Boolean).every((l) => /1\/1\s+Running\s+0\s+30s/.test(l))).toBe(true);
      r = await c.run(['get', 'deploy', 'web', '-o', 'jsonpath={.status.availableReplicas}/{.status.replicas}']);
      expect(r.stdout).toBe('2/2');
    } finally {
      c.cleanup();
    }
  });
});
