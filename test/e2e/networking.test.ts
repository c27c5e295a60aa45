// Services, endpoints, Ingress, DNS and simulated traffic end to end, as a learner types them, compared
// with golden transcripts (manual clock).
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

/** Reads a value without adding the command to the transcript. */
async function q(c: Cluster, args: string[]): Promise<string> {
  const r = await c.run(args);
  if (r.exitCode !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const podNames = async (c: Cluster, selector: string) => (await q(c, ['get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean);

async function clusterIPScenario(c: Cluster): Promise<string> {
  await c.sh('create deployment nginx --image=nginx:1.27 --replicas=3 --port=80');
  await c.sh('expose deployment nginx --port=80');
  await c.sh('run client --image=busybox -- sleep 3600');
  await c.sh('get endpoints nginx');
  await c.sh('clock advance 20s');
  await c.sh('get pods -o wide');
  await c.sh('get svc nginx');
  await c.sh('get endpoints nginx');
  await c.sh('get endpointslices -l kubernetes.io/service-name=nginx');
  await c.sh('describe svc nginx');
  await c.sh('curl http://nginx --from client');
  await c.sh('curl nginx --from client --count 9');
  await c.sh('curl http://nginx.default.svc.cluster.local/index.html --from client -s -i');
  await c.sh('curl http://nginx/missing --from client');
  await c.sh('curl http://nginx');
  await c.sh('curl svc/nginx');
  await c.sh('scale deployment nginx --replicas=0');
  await c.sh('get pods -l app=nginx');
  await c.sh('get endpoints nginx');
  await c.sh('get endpointslices -l kubernetes.io/service-name=nginx');
  await c.sh('curl http://nginx --from client');
  await c.sh('clock advance 5s');
  await c.sh('curl http://nginx --from client');
  await c.sh('scale deployment nginx --replicas=2');
  await c.sh('clock advance 10s');
  await c.sh('curl nginx --from client --count 4');
  return c.transcript();
}

describe('services and traffic', () => {
  const a = new Cluster();
  const b = new Cluster();
  afterAll(() => {
    a.cleanup();
    b.cleanup();
  });

  it('a Deployment behind a ClusterIP Service is answered by its pods', async () => {
    const t = await clusterIPScenario(a);
    await expect(t).toMatchFileSnapshot('__snapshots__/services-clusterip.txt');
  });

  it('is deterministic: the same commands on a fresh state give the same answers', async () => {
    expect(await clusterIPScenario(b)).toBe(a.transcript());
  });

  it('session affinity keeps a client on one pod; a pod not ready leaves the endpoints and gets no traffic', async () => {
    const c = new Cluster();
    try {
      await c.sh('create deployment kubia --image=luksa/kubia:v1 --replicas=3 --port=8080');
      await c.sh('expose deployment kubia --port=80 --target-port=8080 --session-affinity=ClientIP');
      await c.sh('run client --image=busybox -- sleep 3600');
      await c.sh('run other --image=busybox -- sleep 3600');
      await c.sh('clock advance 20s');
      await c.sh('get svc kubia -o jsonpath={.spec.sessionAffinityConfig}');
      await c.sh('curl kubia --from client --count 5');
      await c.sh('curl kubia --from other --count 5');
      await c.sh(`patch svc kubia -p '{"spec":{"sessionAffinity":"None"}}'`);
      await c.sh('curl kubia --from client --count 6');
      // a pod that is not ready yet: readiness probe with a long initial delay
      await c.sh('apply -f fixtures/kubia-not-ready-pod.yaml');
      await c.sh('clock advance 10s');
      await c.sh('get pods -l app=kubia');
      await c.sh('get endpoints kubia');
      await c.sh('describe endpoints kubia');
      await c.sh('curl kubia --from client --count 8');
      await c.sh('clock advance 60s');
      await c.sh('get endpoints kubia');
      await c.sh('curl kubia --from client --count 8');
      // self-healing: a deleted pod leaves, its replacement joins once ready
      const [victim] = await podNames(c, 'app=kubia,pod-template-hash');
      await c.sh(`delete pod ${victim} --wait=false`);
      await c.sh('get pods -l app=kubia');
      await c.sh('get endpointslices -l kubernetes.io/service-name=kubia -o wide');
      await c.sh('describe endpoints kubia');
      await c.sh('curl kubia --from client --count 6');
      await c.sh('clock advance 10s');
      await c.sh('get pods -l app=kubia');
      await c.sh('get endpoints kubia');
      await c.sh('curl kubia --from client --count 8');
      await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/services-affinity-readiness.txt');
    } finally {
      c.cleanup();
    }
  });

  it('NodePort and LoadBalancer services are reached from outside', async () => {
    const c = new Cluster();
    try {
      await c.sh('create deployment echo --image=registry.k8s.io/echoserver:1.10 --replicas=2 --port=8080');
      await c.sh('expose deployment echo --type=NodePort --port=80 --target-port=8080');
      await c.sh('expose deployment echo --name=echo-lb --type=LoadBalancer --port=80 --target-port=8080');
      await c.sh('get svc');
      await c.sh('clock advance 20s');
      await c.sh('get svc');
      await c.sh('get nodes -o wide');
      const nodePort = await q(c, ['get', 'svc', 'echo', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
      await c.sh(`curl http://172.18.0.3:${nodePort}/hello?x=1`);
      await c.sh(`curl http://172.18.0.2:${nodePort} --count 6`);
      await c.sh('curl svc/echo -s');
      await c.sh('describe svc echo-lb');
      await c.sh('curl svc/echo-lb --client-ip 172.18.0.77');
      await c.sh('curl http://172.18.255.201 --count 4');
      await c.sh(`patch svc echo-lb -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
      await c.sh('get svc echo-lb -o jsonpath={.spec.healthCheckNodePort}');
      await c.sh('curl http://172.18.255.201 --client-ip 172.18.0.77 -s');
      await c.sh('get pods -l app=echo -o wide');
      const lbPort = await q(c, ['get', 'svc', 'echo-lb', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
      await c.sh(`curl http://172.18.0.2:${lbPort}`);
      await c.sh(`expose deployment echo --name=echo-np2 --type=NodePort --port=81 --target-port=8080 --overrides='{"apiVersion":"v1","spec":{"ports":[{"port":81,"targetPort":8080,"nodePort":30081}]}}'`);
      await c.sh('create service nodeport clash --tcp=80:8080 --node-port=30081');
      await c.sh('create service nodeport outside --tcp=80:8080 --node-port=29999');
      await c.sh('delete svc echo-lb');
      await c.sh('get events --field-selector involvedObject.name=echo-lb');
      await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/services-external.txt');
    } finally {
      c.cleanup();
    }
  });

  it('an Ingress routes two hosts and paths to two Services and 404s otherwise', async () => {
    const c = new Cluster();
    try {
      await c.sh('create deployment web --image=nginx:1.27 --replicas=2 --port=80');
      await c.sh('expose deployment web --port=80');
      await c.sh('create deployment kubia --image=luksa/kubia:v1 --replicas=2 --port=8080');
      await c.sh('expose deployment kubia --port=80 --target-port=8080');
      await c.sh('get ingressclass');
      await c.sh('get svc -n ingress-nginx');
      await c.sh('create ingress demo --rule=web.example.com/*=web:80 --rule=api.example.com/kubia*=kubia:80 --rule=api.example.com/exact=kubia:80 --dry-run=client -o yaml');
      await c.sh('create ingress demo --rule=web.example.com/*=web:80 --rule=api.example.com/kubia*=kubia:80 --rule=api.example.com/exact=kubia:80');
      await c.sh('get ing');
      await c.sh('curl http://web.example.com/');
      await c.sh('clock advance 20s');
      await c.sh('get ing');
      await c.sh('clock advance 60s');
      await c.sh('get ing');
      await c.sh('describe ing demo');
      await c.sh('curl http://web.example.com/');
      await c.sh('curl http://api.example.com/kubia/status --count 4');
      await c.sh('curl http://api.example.com/kubiax');
      await c.sh('curl http://api.example.com/exact/more');
      await c.sh("curl http://172.18.255.200/ -H 'Host: nowhere.example.com' -s");
      await c.sh('scale deployment kubia --replicas=0');
      await c.sh('clock advance 5s');
      await c.sh('curl http://api.example.com/kubia');
      await c.sh('describe ing demo');
      await c.sh('create ingress tls --rule=secure.example.com/*=web:80,tls=web-tls --dry-run=client -o yaml');
      await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/ingress.txt');
    } finally {
      c.cleanup();
    }
  });

  it('DNS names: services, headless services with pod hostnames, pods, ExternalName, the API server', async () => {
    const c = new Cluster();
    try {
      await c.sh('apply -f fixtures/headless-web.yaml');
      await c.sh('create namespace tools');
      await c.sh('run client -n tools --image=busybox -- sleep 3600');
      await c.sh('clock advance 20s');
      await c.sh('get svc,ep');
      await c.sh('get pods -o wide');
      await c.sh('curl http://web-0.nginx.default.svc.cluster.local --from client -n tools');
      await c.sh('curl http://web-1.nginx.default --from client -n tools');
      await c.sh('curl http://nginx --from client -n tools');
      await c.sh('curl http://nginx.default --from client -n tools --count 4');
      await c.sh('curl http://docs.default --from client -n tools -s -i');
      const ip = await q(c, ['get', 'pod', 'web-0', '-o', 'jsonpath={.status.podIP}']);
      await c.sh(`curl http://${ip.replace(/\./g, '-')}.default.pod.cluster.local --from client -n tools -s`);
      await c.sh('curl https://kubernetes.default/version --from client -n tools');
      await c.sh('curl https://kubernetes.default/version --from client -n tools -k');
      await c.sh('curl https://kubernetes.default/api --from client -n tools -k');
      await c.sh('curl http://worker-1:10250/ --from client -n tools');
      await c.sh('scale deployment coredns -n kube-system --replicas=0');
      await c.sh('clock advance 10s');
      await c.sh('get endpoints kube-dns -n kube-system');
      await c.sh('curl http://nginx.default --from client -n tools');
      await c.sh(`curl http://${ip} --from client -n tools -s`);
      await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/dns.txt');
    } finally {
      c.cleanup();
    }
  });

  it('expose and create service print what kubectl prints', async () => {
    const c = new Cluster();
    try {
      await c.sh('create deployment web2 --image=nginx --port=80');
      await c.sh('expose deployment web2 --port=80 --target-port=8080 --dry-run=client -o yaml');
      await c.sh('expose deployment web2 --dry-run=client -o json');
      await c.sh('expose deployment web2 --type=NodePort');
      await c.sh('get svc web2 -o yaml');
      await c.sh('expose service web2 --port=443 --target-port=8443 --name=web2-https');
      await c.sh(`expose deployment web2 --name=multi --overrides='{"apiVersion":"v1","spec":{"type":"LoadBalancer"}}' --dry-run=client -o yaml`);
      await c.sh('expose deployment nope --port=80');
      await c.sh('expose node worker-1');
      await c.sh('expose deployment web2 --name=x --port=abc');
      await c.sh('create service clusterip my-svc --tcp=80:8080 --dry-run=client -o yaml');
      await c.sh('create service nodeport my-np --tcp=80:8080 --node-port=30080 --dry-run=client -o json');
      await c.sh('create service loadbalancer my-lb --tcp=80 --tcp=443:8443');
      await c.sh('create service clusterip headless --clusterip=None');
      await c.sh('create service externalname my-ext --external-name=example.com');
      await c.sh('create service clusterip bad --tcp=80:x_y');
      await c.sh('create service clusterip noport');
      await c.sh('create service externalname noname');
      await c.sh('get svc');
      await expect(c.transcript()).toMatchFileSnapshot('__snapshots__/expose-create-service.txt');
    } finally {
      c.cleanup();
    }
  });
});
