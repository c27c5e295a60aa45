// Nodes and scheduling end to end, as a learner types it, compared with golden transcripts (manual
// clock): the seeds' "2 masters, 3 workers" topology, cordon and drain against a disruption budget,
// anti-affinity leaving a replica Pending, NoExecute taints evicting, priority preemption,
// LimitRange defaults and ResourceQuota refusals, and `kubesim why`.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const clusters: Cluster[] = [];
function cluster(): Cluster {
  const c = new Cluster('kubesim-sched');
  clusters.push(c);
  return c;
}
afterAll(() => {
  for (const c of clusters) c.cleanup();
});

async function podName(c: Cluster, selector: string, index = 0): Promise<string> {
  const r = await c.run(['get', 'pods', '-l', selector, '-o', `jsonpath={.items[${index}].metadata.name}`]);
  return r.stdout;
}

describe('nodes and scheduling', () => {
  it('the seeds’ 2 masters, 3 workers: topology, capacity, zones, nodes added and removed', async () => {
    const c = cluster();
    await c.sh('cluster create --control-planes 2 --workers 3 --node-cpu 2 --node-memory 4Gi --zones a,b,c');
    await c.sh('get nodes -o wide -L topology.kubernetes.io/zone');
    await c.sh('get pods -n kube-system -o wide');
    await c.sh('describe node worker-1');
    await c.sh('node add worker-4 --cpu 8 --memory 16Gi --labels disktype=ssd,topology.kubernetes.io/zone=a --taints dedicated=batch:NoSchedule');
    await c.sh('get nodes -L disktype,topology.kubernetes.io/zone');
    await c.sh('create deployment web --image=nginx:1.27 --replicas=4');
    await c.sh('clock advance 10s');
    await c.sh('get pods -o wide');
    await c.sh('node remove worker-1');
    await c.sh('get nodes');
    await c.sh('clock advance 30s');
    await c.sh('get pods -o wide');
    await c.sh('clock advance 30s');
    await c.sh('get pods -o wide');
    await c.sh('cluster create --nodes-file fixtures/scheduling/nodes.yaml --force');
    await c.sh('get nodes -L topology.kubernetes.io/zone,disktype,gpu');
    await c.sh('describe node gpu-1');
    await expect(c.transcript().replace(c.state, '<state>')).toMatchFileSnapshot('__snapshots__/scheduling-topology.txt');
  });

  it('cordon and drain: refusals, then a disruption budget refusing and later allowing an eviction', async () => {
    const c = cluster();
    await c.sh('cluster create --workers 3');
    // both replicas and a bare pod on worker-1
    await c.sh('cordon worker-2 worker-3');
    await c.sh('create deployment web --image=nginx:1.27 --replicas=2');
    await c.sh('run debug --image=busybox:1.36 -- sleep 3600');
    await c.sh('uncordon worker-2 worker-3');
    await c.sh('apply -f fixtures/scheduling/web-pdb.yaml');
    await c.sh('clock advance 10s');
    await c.sh('get pods -o wide');
    await c.sh('get pdb');
    await c.sh('cordon worker-1');
    await c.sh('cordon worker-1');
    await c.sh('get nodes');
    await c.sh('get node worker-1 -o jsonpath={.spec}');
    await c.sh('drain worker-1');
    await c.sh('drain worker-1 --ignore-daemonsets');
    await c.sh('drain worker-1 --ignore-daemonsets --force --dry-run=client');
    await c.sh('drain worker-1 --ignore-daemonsets --force');
    await c.sh('clock');
    await c.sh('get pods -o wide');
    await c.sh('get pdb web-pdb -o yaml');
    await c.sh('describe pdb web-pdb');
    await c.sh('uncordon worker-1');
    await c.sh('get nodes');
    await c.sh('get node worker-1 -o jsonpath={.spec}');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/scheduling-drain.txt');
  });

  it('drain gives up at --timeout while a budget allows no disruption', async () => {
    const c = cluster();
    await c.sh('cluster create --workers 2');
    await c.sh('create deployment web --image=nginx:1.27 --replicas=1');
    await c.sh('apply -f fixtures/scheduling/web-pdb.yaml');
    await c.sh('clock advance 10s');
    const node = (await c.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}'])).stdout;
    expect(node).toBe('worker-1');
    await c.sh('drain worker-1 --ignore-daemonsets --timeout=12s');
    await c.sh('drain worker-1 --ignore-daemonsets');
    await c.sh('get pods -o wide');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/scheduling-drain-timeout.txt');
  });

  it('anti-affinity spreads three replicas over three nodes and leaves the fourth Pending', async () => {
    const c = cluster();
    await c.sh('cluster create --control-planes 2 --workers 3');
    await c.sh('apply -f fixtures/scheduling/web-anti-affinity.yaml');
    await c.sh('clock advance 10s');
    await c.sh('get pods -o wide');
    const pending = (await c.run(['get', 'pods', '--field-selector', 'spec.nodeName=', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
    expect(pending).toMatch(/^web-/);
    await c.sh(`describe pod ${pending}`);
    await c.sh('get events --field-selector reason=FailedScheduling');
    await c.sh(`why pod/${pending}`);
    await c.sh(`why pod/${await podName(c, 'app=web', 0) === pending ? await podName(c, 'app=web', 1) : await podName(c, 'app=web', 0)}`);
    await c.sh('scale deployment web --replicas=3');
    await c.sh('get pods -o wide');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/scheduling-anti-affinity.txt');
  });

  it('a NoExecute taint evicts at once, or after tolerationSeconds', async () => {
    const c = cluster();
    await c.sh('cluster create --workers 2');
    await c.sh('create deployment web --image=nginx:1.27 --replicas=2');
    await c.sh('apply -f fixtures/scheduling/tolerating-pod.yaml');
    await c.sh('clock advance 10s');
    await c.sh('get pods -o wide');
    await c.sh('taint nodes worker-1 maintenance=planned:NoExecute');
    await c.sh('get pods -o wide');
    await c.sh('get events --field-selector reason=TaintManagerEviction');
    await c.sh('clock advance 25s');
    await c.sh('get pods -o wide');
    await c.sh('clock advance 5s');
    await c.sh('get pods -o wide');
    await c.sh('get events --field-selector reason=TaintManagerEviction');
    await c.sh('why pod/patient');
    await c.sh('describe node worker-1');
    await c.sh('taint nodes worker-1 maintenance=planned:NoExecute');
    await c.sh('taint nodes worker-1 maintenance=later:NoExecute --overwrite');
    await c.sh('taint nodes worker-1 maintenance:NoExecute-');
    await c.sh('taint nodes worker-1 maintenance-');
    await c.sh('taint nodes worker-1 dedicated=gpu:NoSchedule gpu:PreferNoSchedule');
    await c.sh('get node worker-1 -o jsonpath={.spec.taints}');
    await c.sh('taint nodes worker-1 dedicated-');
    await c.sh('taint pods patient a=b:NoSchedule');
    await c.sh('taint nodes worker-1 bad=spec=x:NoSchedule');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/scheduling-taints.txt');
  });

  async function preemption(c: Cluster): Promise<string> {
    await c.sh('cluster create --workers 2 --node-cpu 2');
    await c.sh('apply -f fixtures/scheduling/batch-low-priority.yaml');
    await c.sh('clock advance 10s');
    await c.sh('get pods -o wide');
    await c.sh('apply -f fixtures/scheduling/important-pod.yaml');
    await c.sh('get pods -o wide');
    await c.sh('describe pod important');
    await c.sh('why pod/important');
    await c.sh('get events --field-selector reason=Preempted');
    await c.sh('clock advance 35s');
    await c.sh('get pods -o wide');
    await c.sh('why pod/important');
    const pending = (await c.run(['get', 'pods', '-l', 'app=batch', '--field-selector', 'spec.nodeName=', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
    await c.sh(`why pod/${pending}`);
    await c.sh('get priorityclasses');
    return c.transcript();
  }

  it('a high-priority pod preempts lower-priority pods', async () => {
    await expect(await preemption(cluster())).toMatchFileSnapshot('__snapshots__/scheduling-preemption.txt');
  });

  it('is deterministic: the same commands on a fresh state print byte-identical output', async () => {
    const a = await preemption(cluster());
    const b = await preemption(cluster());
    expect(b).toBe(a);
  });

  it('LimitRange defaults and bounds, ResourceQuota usage and refusals', async () => {
    const c = cluster();
    await c.sh('cluster create --workers 2');
    await c.sh('create namespace shop');
    await c.sh('apply -n shop -f fixtures/scheduling/limits.yaml');
    await c.sh('describe namespace shop');
    await c.sh('run -n shop web --image=nginx:1.27');
    await c.sh(`get pod -n shop web -o 'jsonpath={.metadata.annotations}{"\\n"}{.spec.containers[0].resources}{"\\n"}{.status.qosClass}{"\\n"}'`);
    await c.sh(`run -n shop tiny --image=nginx:1.27 '--overrides={"apiVersion":"v1","spec":{"containers":[{"name":"tiny","image":"nginx:1.27","resources":{"requests":{"cpu":"50m"}}}]}}'`);
    await c.sh(`run -n shop greedy --image=nginx:1.27 '--overrides={"apiVersion":"v1","spec":{"containers":[{"name":"greedy","image":"nginx:1.27","resources":{"requests":{"cpu":"900m"},"limits":{"cpu":"1"}}}]}}'`);
    await c.sh('create deployment -n shop api --image=nginx:1.27 --replicas=3');
    await c.sh('get pods -n shop');
    await c.sh('get quota -n shop');
    await c.sh('describe quota -n shop compute');
    await c.sh('get events -n shop --field-selector reason=FailedCreate');
    await c.sh('delete -n shop limitrange container-limits');
    await c.sh('run -n shop bare --image=nginx:1.27');
    await c.sh('describe namespace shop');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/scheduling-limits-quota.txt');
  });
});
