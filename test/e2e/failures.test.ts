// Failure and self-healing, end to end with a manual clock: golden transcripts reviewed against
// what Kubernetes 1.32 does and prints.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const clusters: Cluster[] = [];
function cluster(): Cluster {
  const c = new Cluster('kubesim-failures');
  clusters.push(c);
  return c;
}
afterAll(() => clusters.forEach((c) => c.cleanup()));

/** Manifests go through stdin (`apply -f -`) so that transcripts hold no temporary paths. */
function manifest(_c: Cluster, _name: string, text: string): string {
  return text;
}

describe('failure and self-healing', () => {
  it('a node stops: NotReady after the grace period, taints, eviction after 300 s, pods back on the other node', async () => {
    const c = cluster();
    await c.sh('create deployment web --image=nginx:1.27 --replicas=4');
    await c.sh('clock advance 20s');
    await c.sh('get pods -o wide');
    await c.sh('node stop worker-1');
    await c.sh('clock advance 30s');
    await c.sh('get nodes');
    await c.sh('clock advance 20s');
    await c.sh('get nodes');
    await c.sh('describe node worker-1');
    await c.sh('get pods -o wide');
    await c.sh('clock advance 6m');
    await c.sh('get pods -o wide');
    await c.sh('get deploy web');
    await c.sh('events --for node/worker-1');
    await c.sh('get events --field-selector reason=TaintManagerEviction');
    await c.sh('node start worker-1');
    await c.sh('clock advance 10s');
    await c.sh('get nodes');
    await c.sh('get pods -o wide');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/node-failure.txt');
  });

  it('a stopped node: drain stops instead of waiting forever, node remove lets the pod garbage collector free its pods, node add starts it afresh', async () => {
    const c = cluster();
    await c.sh('create deployment web --image=nginx:1.27 --replicas=4');
    await c.sh('clock advance 20s');
    await c.sh('get pods -o wide');
    await c.sh('node stop worker-1');
    await c.sh('clock advance 1m');
    await c.sh('get nodes');
    await c.sh('drain worker-1 --ignore-daemonsets');
    await c.sh('get pods -o wide');
    await c.sh('node remove worker-1');
    await c.sh('clock advance 30s');
    await c.sh('get pods -o wide');
    await c.sh('clock advance 30s');
    await c.sh('get pods -o wide');
    await c.sh('node add worker-1');
    await c.sh('clock advance 2m');
    await c.sh('get nodes');
    await c.sh('get node worker-1 -o jsonpath={.spec.taints}');
    await c.sh('events --for node/worker-1');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/node-stop-drain-remove.txt');
  });

  it('a typo in an image during a rollout stalls it, exceeds the progress deadline, and rollout undo heals it', async () => {
    const c = cluster();
    await c.sh('create deployment web --image=nginx:1.27.3 --replicas=3');
    await c.sh('rollout status deployment/web');
    await c.sh('set image deployment/web nginx=nginx:1.161');
    await c.sh('clock advance 15s');
    await c.sh('get pods');
    await c.sh('rollout status deployment/web --timeout=1m');
    await c.sh('get pods');
    await c.sh('clock advance 10m');
    await c.sh('rollout status deployment/web');
    await c.sh('describe deployment web');
    await c.sh('describe pods -l app=web --show-events=true');
    await c.sh('rollout undo deployment/web');
    await c.sh('rollout status deployment/web');
    await c.sh('get pods');
    await c.sh('get deploy web');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/rollout-bad-image.txt');
  });

  it('a crashing container: restarts with CrashLoopBackOff back-off, visible in RESTARTS', async () => {
    const c = cluster();
    await c.sh('run crasher --image=busybox:1.36 --restart=Always -- sh -c "echo starting; exit 1"');
    for (const d of ['5s', '10s', '15s', '30s', '1m', '2m', '3m', '5m']) {
      await c.sh(`clock advance ${d}`);
      await c.sh('get pod crasher');
    }
    await c.sh('describe pod crasher');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/crashloop.txt');
  });

  it('fault crash, fault oom and a deleted pod replaced by its ReplicaSet', async () => {
    const c = cluster();
    await c.sh('create deployment web --image=nginx:1.27 --replicas=2');
    await c.sh('clock advance 10s');
    const pods = (await c.run(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.split(' ');
    await c.sh(`fault oom ${pods[0]} --once`);
    await c.sh('get pods');
    await c.sh('clock advance 5s');
    await c.sh('get pods');
    await c.sh(`describe pod ${pods[0]}`);
    await c.sh(`fault crash ${pods[1]} --exit-code 3`);
    await c.sh('clock advance 1m');
    await c.sh('get pods');
    await c.sh(`fault crash ${pods[1]} --clear`);
    await c.sh('clock advance 2m');
    await c.sh('get pods');
    await c.sh(`delete pod ${pods[1]}`);
    await c.sh('get pods');
    await c.sh('clock advance 5s');
    await c.sh('get pods');
    await c.sh('fault crash nope');
    await c.sh(`fault crash ${pods[0]} -c sidecar`);
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/faults.txt');
  });

  it('liveness and readiness probes: restarts, not-ready pods, the events kubectl shows', async () => {
    const c = cluster();
    await c.sh('apply -f ../shared/corpus/kubernetes-in-action/Chapter04/kubia-liveness-probe.yaml');
    const web = manifest(
      c,
      'web.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 5
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
          initialDelaySeconds: 10
`,
    );
    await c.sh('apply -f -', { input: web });
    await c.sh('clock advance 20s');
    await c.sh('get pods');
    await c.sh('clock advance 1m');
    await c.sh('get pods');
    await c.sh('clock advance 2m');
    await c.sh('get pods');
    await c.sh('describe pod kubia-liveness');
    const pods = (await c.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.split(' ');
    await c.sh(`describe pod ${pods[0]}`);
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/probes.txt');
  });

  it('a failing readiness probe takes a pod out of service without restarting it', async () => {
    const c = cluster();
    const web = manifest(
      c,
      'web.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
`,
    );
    await c.sh('apply -f -', { input: web });
    await c.sh('expose pod web --port=80');
    await c.sh('clock advance 10s');
    await c.sh('get pod web');
    await c.sh('get endpoints web');
    await c.sh('fault probe web --type readiness --for 1m');
    await c.sh('clock advance 15s');
    await c.sh('get pod web');
    await c.sh('get endpoints web');
    await c.sh(`get pod web -o 'jsonpath={.status.conditions[?(@.type=="Ready")]}'`);
    await c.sh('clock advance 1m');
    await c.sh('get pod web');
    await c.sh('get endpoints web');
    await c.sh('describe pod web');
    await c.sh('fault probe web --type liveness');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/readiness.txt');
  });

  it('an image made unavailable: ErrImagePull, ImagePullBackOff, recovery when it is back', async () => {
    const c = cluster();
    await c.sh('fault image nginx:1.27.3');
    await c.sh('run web --image=nginx:1.27.3');
    await c.sh('clock advance 5s');
    await c.sh('get pod web');
    await c.sh('clock advance 20s');
    await c.sh('get pod web');
    await c.sh('fault image nginx:1.27.3 --clear');
    await c.sh('clock advance 1m');
    await c.sh('get pod web');
    await c.sh('get events --field-selector involvedObject.name=web --sort-by=.lastTimestamp');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/image-fault.txt');
  });

  it('init containers and a sidecar go through their states', async () => {
    const c = cluster();
    const f = manifest(
      c,
      'init.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: myapp
spec:
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 10']
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', 'sleep 5']
  - name: logshipper
    image: alpine:3.20
    restartPolicy: Always
    command: ['sh', '-c', 'tail -F /opt/logs.txt']
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
`,
    );
    await c.sh('apply -f -', { input: f });
    for (const d of ['1s', '10s', '2s', '5s', '1s', '2s']) {
      await c.sh('get pod myapp');
      await c.sh(`clock advance ${d}`);
    }
    await c.sh('get pod myapp');
    await c.sh('describe pod myapp');
    // a sidecar crashing once the app runs: the pod stays initialized, the app keeps running
    await c.sh('fault crash myapp -c logshipper');
    await c.sh('clock advance 30s');
    await c.sh('get pod myapp');
    await c.sh(`get pod myapp -o 'jsonpath={range .status.conditions[*]}{.type}={.status}{" "}{end}'`);
    await c.sh('fault crash myapp -c logshipper --clear');
    await c.sh('clock advance 2m');
    await c.sh('get pod myapp');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/init-containers.txt');
  });
});

describe('metrics and autoscaling', () => {
  it('top, load and an HPA scaling 2 → 6 and back after the stabilization window', async () => {
    const c = cluster();
    const f = manifest(
      c,
      'web.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
          limits:
            cpu: 500m
`,
    );
    await c.sh('apply -f -', { input: f });
    await c.sh('top pods');
    await c.sh('autoscale deployment web --min=2 --max=6 --cpu-percent=50');
    await c.sh('get hpa');
    await c.sh('clock advance 1m');
    await c.sh('top pods');
    await c.sh('top nodes');
    await c.sh('get hpa');
    await c.sh('load deploy/web --cpu 300m');
    await c.sh('clock advance 15s');
    await c.sh('top pods --sort-by=cpu');
    await c.sh('get hpa');
    await c.sh('clock advance 15s');
    await c.sh('get hpa');
    await c.sh('get deploy web');
    await c.sh('clock advance 30s');
    await c.sh('top pods');
    await c.sh('get hpa');
    await c.sh('load deploy/web --clear');
    await c.sh('clock advance 4m');
    await c.sh('get hpa');
    await c.sh('clock advance 2m');
    await c.sh('get hpa');
    await c.sh('get deploy web');
    await c.sh('describe hpa web');
    await c.sh('events --for deployment/web');
    await c.sh('top pods -A --containers --no-headers');
    await c.sh('top pod nope');
    await c.sh('top pods --sort-by=name');
    await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/hpa.txt');
  });
});
