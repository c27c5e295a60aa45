// Simulated traffic and DNS on an in-process cluster: which pod answers, which failures clients see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, parseUrl, wgetError } from '../../src/net/traffic';
import { resolveHost, searchCandidates, podResolvConf } from '../../src/net/dns';
import { readLog } from '../../src/kubelet/logstore';
import { summarize } from '../../src/cli/commands/curl';
import type { KObject } from '../../src/api/types';
import { deployment, freshCluster, pod, service } from './net-helpers';

describe('URLs and resolver search lists', () => {
  it('parses URLs as curl does', () => {
    expect(parseUrl('nginx')).toEqual({ scheme: 'http', host: 'nginx', port: 80, path: '/', hostHeader: 'nginx' });
    expect(parseUrl('https://10.96.0.1/version?x=1')).toEqual({ scheme: 'https', host: '10.96.0.1', port: 443, path: '/version?x=1', hostHeader: '10.96.0.1' });
    expect(parseUrl('web:8080/a')).toEqual({ scheme: 'http', host: 'web', port: 8080, path: '/a', hostHeader: 'web:8080' });
    expect(parseUrl('ftp://x')).toEqual({ exitCode: 1, error: 'Protocol "ftp" not supported' });
    expect(parseUrl('http://x:99999')).toEqual({ exitCode: 3, error: 'URL rejected: Port number was not a decimal number between 0 and 65535' });
  });

  it('expands names with the search list first when they have fewer dots than ndots', () => {
    const search = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
    expect(searchCandidates('web', search, 5)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('a.b.c.d.e.f', search, 5)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('web.default.svc.cluster.local.', search, 5)).toEqual(['web.default.svc.cluster.local']);
  });

  it('summarizes a response by its HTML title or first line', () => {
    expect(summarize('<html><head><title>Welcome to nginx!</title>')).toBe('Welcome to nginx!');
    expect(summarize("\n\nYou've hit kubia-x\n")).toBe("You've hit kubia-x");
  });
});

describe('traffic through a running cluster', () => {
  const { s, done } = freshCluster();
  afterAll(done);
  const ctx = s.ctx;
  let client: KObject;
  const podsOf = (app: string) => ctx.store.list('Pod', 'default').filter((p) => p.metadata.labels?.app === app);

  beforeAll(() => {
    ctx.api.create(deployment('web', 'nginx:1.27', 3, { ports: [{ containerPort: 80, name: 'http' }] }));
    ctx.api.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }));
    ctx.api.create(deployment('kubia', 'luksa/kubia:v1', 2, { ports: [{ containerPort: 8080 }] }));
    ctx.api.create(service('kubia', { selector: { app: 'kubia' }, ports: [{ port: 80, targetPort: 8080 }], sessionAffinity: 'ClientIP' }));
    ctx.api.create(pod('client', 'busybox', { command: ['sleep', '3600'] }));
    ctx.api.create({ ...pod('web-0', 'nginx', {}, { app: 'stateful' }), spec: { hostname: 'web-0', subdomain: 'stateful', containers: [{ name: 'web', image: 'nginx' }] } });
    ctx.api.create(service('stateful', { clusterIP: 'None', selector: { app: 'stateful' }, ports: [{ port: 80 }] }));
    ctx.api.create(service('ext', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }));
    s.settle();
    s.advance(20_000);
    client = ctx.store.get('Pod', 'default', 'client')!;
  });

  it('resolves service, headless, pod and node names from a pod', () => {
    const web = ctx.store.get('Service', 'default', 'web')!;
    const r = resolveHost(ctx, 'web', { kind: 'pod', pod: client });
    expect(r).toMatchObject({ ok: true, fqdn: 'web.default.svc.cluster.local', addresses: [web.spec.clusterIP] });
    expect(resolveHost(ctx, 'web.default.svc.cluster.local', { kind: 'pod', pod: client })).toMatchObject({ ok: true, addresses: [web.spec.clusterIP] });
    expect(resolveHost(ctx, 'kubernetes.default', { kind: 'pod', pod: client })).toMatchObject({ ok: true, fqdn: 'kubernetes.default.svc.cluster.local', addresses: ['10.96.0.1'] });
    const web0 = ctx.store.get('Pod', 'default', 'web-0')!;
    expect(resolveHost(ctx, 'web-0.stateful', { kind: 'pod', pod: client })).toMatchObject({ ok: true, fqdn: 'web-0.stateful.default.svc.cluster.local', addresses: [web0.status.podIP] });
    expect(resolveHost(ctx, 'stateful', { kind: 'pod', pod: client })).toMatchObject({ ok: true, addresses: [web0.status.podIP] });
    expect(resolveHost(ctx, '10-244-9-9.default.pod.cluster.local', { kind: 'pod', pod: client })).toMatchObject({ ok: true, addresses: ['10.244.9.9'] });
    expect(resolveHost(ctx, 'ext', { kind: 'pod', pod: client })).toMatchObject({ ok: true, cnames: ['web.default.svc.cluster.local'], addresses: [web.spec.clusterIP] });
    expect(resolveHost(ctx, 'worker-1', { kind: 'pod', pod: client })).toMatchObject({ ok: true, addresses: ['172.18.0.3'] });
    expect(resolveHost(ctx, 'nope', { kind: 'pod', pod: client })).toMatchObject({ ok: false, reason: 'nxdomain' });
    expect(resolveHost(ctx, 'web.default.svc.cluster.local', { kind: 'outside' })).toMatchObject({ ok: false, reason: 'nxdomain' });
    expect(podResolvConf(ctx, client)).toEqual({ nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] });
  });

  it('spreads requests to a ClusterIP over the ready pods and logs each in nginx format', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const r = httpRequest(ctx, { pod: client }, 'http://web/');
      expect(r.status).toBe(200);
      expect(r.body).toContain('<title>Welcome to nginx!</title>');
      seen.add(r.served!.pod.metadata.name);
    }
    expect(seen.size).toBe(3);
    const target = podsOf('web')[0]!;
    const lines = readLog(ctx, target.metadata.uid!, 'web', 0).map((l) => l.text);
    expect(lines.length).toBeGreaterThan(0);
    // nginx's start-up lines come first; the access log follows
    expect(lines.find((l) => l.includes('"GET /'))).toBe(`${client.status.podIP} - - [01/Jan/2026:00:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"`);
  });

  it('keeps a client on one pod with sessionAffinity ClientIP', () => {
    const first = httpRequest(ctx, { pod: client }, 'http://kubia/');
    expect(first.body).toBe(`You've hit ${first.served!.pod.metadata.name}\n`);
    for (let i = 0; i < 6; i++) expect(httpRequest(ctx, { pod: client }, 'http://kubia/').served!.pod.metadata.name).toBe(first.served!.pod.metadata.name);
  });

  it('forgets a client after sessionAffinityConfig.clientIP.timeoutSeconds without requests', async () => {
    const { chooseEndpoint } = await import('../../src/net/proxy');
    const svc = ctx.store.get('Service', 'default', 'kubia')!;
    const short = { ...svc, spec: { ...svc.spec, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } } };
    const first = chooseEndpoint(ctx, short, '', '10.244.9.9');
    expect(first).toMatchObject({ kind: 'endpoint', sticky: false });
    s.advance(9_000);
    expect(chooseEndpoint(ctx, short, '', '10.244.9.9')).toMatchObject({ sticky: true });
    s.advance(9_000);
    expect(chooseEndpoint(ctx, short, '', '10.244.9.9')).toMatchObject({ sticky: true });
    s.advance(11_000);
    expect(chooseEndpoint(ctx, short, '', '10.244.9.9')).toMatchObject({ sticky: false });
  });

  it('refuses connections when no endpoint is ready and drops them with internalTrafficPolicy Local elsewhere', () => {
    ctx.api.create(service('empty', { selector: { app: 'none' }, ports: [{ port: 80 }] }));
    s.settle();
    const r = httpRequest(ctx, { pod: client }, 'http://empty/');
    expect(r).toMatchObject({ ok: false, exitCode: 7, error: "Failed to connect to empty port 80 after 0 ms: Couldn't connect to server" });
    expect(wgetError(r)).toMatch(/^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused$/);
    const local = ctx.store.get('Service', 'default', 'web')!;
    const onClientNode = podsOf('web').some((p) => p.spec.nodeName === client.spec.nodeName);
    ctx.api.update({ ...local, spec: { ...local.spec, internalTrafficPolicy: 'Local' } });
    s.settle();
    const r2 = httpRequest(ctx, { pod: client }, 'http://web/');
    if (onClientNode) expect(r2.served!.node).toBe(client.spec.nodeName);
    else expect(r2).toMatchObject({ exitCode: 28 });
  });

  it('answers 404 and then nothing for an unknown name, and https to the API server with -k', () => {
    expect(httpRequest(ctx, { pod: client }, 'http://nope/')).toMatchObject({ exitCode: 6, error: 'Could not resolve host: nope' });
    const noK = httpRequest(ctx, { pod: client }, 'https://kubernetes.default/version');
    expect(noK.exitCode).toBe(60);
    const k = httpRequest(ctx, { pod: client }, 'https://kubernetes.default/version', { insecure: true });
    expect(k.status).toBe(200);
    expect(k.body).toContain('"gitVersion": "v1.32.0"');
    expect(httpRequest(ctx, { pod: client }, 'https://kubernetes/', { insecure: true }).status).toBe(403);
    expect(httpRequest(ctx, { pod: client }, 'https://web:80/').exitCode).toBe(35);
    expect(httpRequest(ctx, { pod: client }, 'https://web/').exitCode).toBe(28);
  });

  it('reaches NodePorts and load balancers from outside, with the source address each policy gives', () => {
    ctx.api.create(deployment('echo', 'registry.k8s.io/echoserver:1.10', 1, { ports: [{ containerPort: 8080 }] }));
    ctx.api.create(service('echo', { type: 'NodePort', selector: { app: 'echo' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] }));
    ctx.api.create(service('echo-local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { app: 'echo' }, ports: [{ port: 80, targetPort: 8080 }] }));
    s.settle();
    expect(ctx.store.get('Service', 'default', 'echo-local')!.status.loadBalancer).toEqual({});
    s.advance(10_000);
    const lb = ctx.store.get('Service', 'default', 'echo-local')!.status.loadBalancer.ingress[0];
    expect(lb).toEqual({ ip: '172.18.255.201', ipMode: 'VIP' });
    const echoPod = podsOf('echo')[0]!;
    const node = ctx.store.get('Node', undefined, echoPod.spec.nodeName)!;
    const nodeIP = node.status.addresses[0].address;
    const other = ctx.store.list('Node').find((n) => n.metadata.name !== echoPod.spec.nodeName && n.metadata.name !== 'control-plane')!;
    // Cluster policy through another node: the pod sees that node's address
    const viaOther = httpRequest(ctx, {}, `http://${other.status.addresses[0].address}:30080/`);
    expect(viaOther.body).toContain(`client_address=${other.status.addresses[0].address}`);
    // ... and through its own node the node's pod-network gateway
    const viaOwn = httpRequest(ctx, {}, `http://${nodeIP}:30080/`);
    expect(viaOwn.body).toContain(`client_address=${node.spec.podCIDR.replace('0/24', '1')}`);
    // Local policy keeps the client's address
    const viaLb = httpRequest(ctx, { clientIP: '172.18.0.77' }, 'http://172.18.255.201/');
    expect(viaLb.body).toContain('client_address=172.18.0.77');
    expect(viaLb.body).toContain('Hostname: ' + echoPod.metadata.name);
    // from outside, cluster addresses are not reachable
    expect(httpRequest(ctx, {}, `http://${ctx.store.get('Service', 'default', 'echo')!.spec.clusterIP}/`)).toMatchObject({ exitCode: 28 });
  });

  it('routes Ingress hosts and paths and answers 404 and 503 as ingress-nginx', () => {
    ctx.api.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'site', namespace: 'default' },
      spec: {
        rules: [
          { host: 'kubia.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'kubia', port: { number: 80 } } } }] } },
          { host: 'web.example.com', http: { paths: [{ path: '/down', pathType: 'Exact', backend: { service: { name: 'empty', port: { number: 80 } } } }] } },
        ],
      },
    });
    s.settle();
    const ing = ctx.store.get('Ingress.networking.k8s.io', 'default', 'site')!;
    expect(ing.spec.ingressClassName).toBe('nginx');
    // before the controller publishes its address the host is not in /etc/hosts yet
    expect(httpRequest(ctx, {}, 'http://kubia.example.com/')).toMatchObject({ exitCode: 6 });
    s.advance(60_000);
    expect(ctx.store.get('Ingress.networking.k8s.io', 'default', 'site')!.status.loadBalancer.ingress).toEqual([{ ip: '172.18.255.200' }]);
    const ok = httpRequest(ctx, {}, 'http://kubia.example.com/');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/^You've hit kubia-/);
    const missing = httpRequest(ctx, {}, 'http://web.example.com/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
    const down = httpRequest(ctx, {}, 'http://web.example.com/down');
    expect(down.status).toBe(503);
    const controller = ctx.store.list('Pod', 'ingress-nginx')[0]!;
    const log = readLog(ctx, controller.metadata.uid!, 'controller', 0).map((l) => l.text);
    expect(log[0]).toMatch(/^172\.18\.0\.1 - - \[01\/Jan\/2026:00:01:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "curl\/8\.5\.0" 80 0\.001 \[default-kubia-80\] \[\] 10\.244\.\d+\.\d+:8080 \d+ 0\.001 200 [0-9a-f]{32}$/);
    expect(log.some((l) => l.includes('[upstream-default-backend] [] 127.0.0.1:8181 146 0.000 404'))).toBe(true);
  });
});
