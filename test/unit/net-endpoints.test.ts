// Endpoint computation (endpoints controller) and the EndpointSlice controllers, on plain objects and
// on an in-process cluster.
import { afterAll, describe, expect, it } from 'vitest';
import { desiredSubsets, findPort, repackSubsets, shouldPodBeInEndpoints } from '../../src/controllers/endpoints';
import type { KObject } from '../../src/api/types';
import { deployment, freshCluster, pod, service } from './net-helpers';

function p(name: string, ip: string | undefined, ready: boolean, extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...extra },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: name === 'alt' ? 8080 : 80, protocol: 'TCP' }] }], ...spec },
    status: { phase: 'Running', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const svc = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, clusterIP: '10.96.1.1', ...spec } });

describe('endpoints computation', () => {
  it('puts ready pods under addresses and the others under notReadyAddresses, sorted by IP', () => {
    const subsets = desiredSubsets(svc({ ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] }), [p('b', '10.244.1.9', true), p('a', '10.244.1.10', true), p('c', '10.244.2.3', false), p('d', undefined, true)]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.10', nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'a', namespace: 'default', uid: 'uid-a' } },
          { ip: '10.244.1.9', nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'b', namespace: 'default', uid: 'uid-b' } },
        ],
        notReadyAddresses: [{ ip: '10.244.2.3', nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'c', namespace: 'default', uid: 'uid-c' } }],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  it('resolves a named targetPort per pod and leaves out pods without that port', () => {
    const noName = p('x', '10.244.1.7', true);
    noName.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }];
    const subsets = desiredSubsets(svc({ ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] }), [p('a', '10.244.1.2', true), p('alt', '10.244.1.3', true), noName]);
    expect(subsets.map((s: { addresses: { ip: string }[]; ports: unknown }) => [s.addresses.map((a) => a.ip), s.ports]).sort()).toEqual([
      [['10.244.1.2'], [{ name: 'web', port: 80, protocol: 'TCP' }]],
      [['10.244.1.3'], [{ name: 'web', port: 8080, protocol: 'TCP' }]],
    ]);
    expect(findPort(p('alt', 'x', true), { targetPort: 'http', protocol: 'UDP' })).toBeUndefined();
  });

  it('publishNotReadyAddresses makes every pod an address, even terminating ones', () => {
    const term = p('t', '10.244.1.5', false, { deletionTimestamp: '2026-01-01T00:00:00Z' });
    expect(shouldPodBeInEndpoints(term, false)).toBe(false);
    const s = desiredSubsets(svc({ publishNotReadyAddresses: true, ports: [{ port: 80, protocol: 'TCP' }] }), [p('a', '10.244.1.4', false), term]);
    expect(s[0].addresses.map((a: { ip: string }) => a.ip)).toEqual(['10.244.1.4', '10.244.1.5']);
    expect(s[0].notReadyAddresses).toBeUndefined();
    // without it the terminating pod is left out
    expect(desiredSubsets(svc({ ports: [{ port: 80, protocol: 'TCP' }] }), [term])).toEqual([]);
  });

  it('lists headless services without ports and sets hostnames for their subdomain pods', () => {
    const web0 = p('web-0', '10.244.1.6', true, {}, { hostname: 'web-0', subdomain: 'web' });
    const s = desiredSubsets(svc({ clusterIP: 'None' }), [web0]);
    expect(s).toEqual([{ addresses: [{ ip: '10.244.1.6', hostname: 'web-0', nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'uid-web-0' } }] }]);
  });

  it('repacks addresses that share a port set into one subset', () => {
    const a = { ip: '10.0.0.2' };
    const b = { ip: '10.0.0.1' };
    const port = { name: 'x', port: 80, protocol: 'TCP' };
    const out = repackSubsets([
      { address: a, ready: true, port },
      { address: b, ready: false, port },
    ]);
    expect(out).toEqual([{ addresses: [a], notReadyAddresses: [b], ports: [port] }]);
  });
});

describe('controllers on a running cluster', () => {
  const { s, done } = freshCluster();
  afterAll(done);
  const ctx = s.ctx;
  const slicesOf = (name: string) => ctx.store.list('EndpointSlice.discovery.k8s.io', 'default').filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === name);

  it('keeps Endpoints and EndpointSlices in step with the pods, ready or not', () => {
    ctx.api.create(deployment('web', 'nginx:1.27', 2, { ports: [{ containerPort: 80 }], readinessDelay: 30 }));
    ctx.api.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] }));
    s.settle();
    // no pods have IPs yet: an empty Endpoints object and a placeholder slice
    expect(ctx.store.get('Endpoints', 'default', 'web')!.subsets).toBeUndefined();
    let slices = slicesOf('web');
    expect(slices.length).toBe(1);
    expect(slices[0]!.endpoints).toBeNull();
    expect(slices[0]!.ports).toBeNull();
    expect(slices[0]!.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' } as never);
    s.advance(10_000);
    const ep = ctx.store.get('Endpoints', 'default', 'web')!;
    expect(ep.subsets[0].addresses).toBeUndefined();
    expect(ep.subsets[0].notReadyAddresses.length).toBe(2);
    slices = slicesOf('web');
    expect(slices.length).toBe(1);
    expect(slices[0]!.endpoints.map((e: { conditions: unknown }) => e.conditions)).toEqual([
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: false, terminating: false },
    ]);
    s.advance(30_000);
    expect(ctx.store.get('Endpoints', 'default', 'web')!.subsets[0].addresses.length).toBe(2);
    expect(slicesOf('web')[0]!.endpoints.every((e: { conditions: { ready: boolean } }) => e.conditions.ready)).toBe(true);
    expect(ctx.store.get('Endpoints', 'default', 'web')!.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T00:00:\d\dZ$/);
  });

  it('shows a terminating pod as serving+terminating in its slice and drops it from Endpoints', () => {
    const victim = ctx.store.list('Pod', 'default').find((x) => x.metadata.labels?.app === 'web')!;
    ctx.api.delete('Pod', 'default', victim.metadata.name);
    s.settle();
    const ep = ctx.store.get('Endpoints', 'default', 'web')!;
    expect(ep.subsets[0].addresses.map((a: { targetRef: { name: string } }) => a.targetRef.name)).not.toContain(victim.metadata.name);
    const e = slicesOf('web')[0]!.endpoints.find((x: { targetRef: { name: string } }) => x.targetRef.name === victim.metadata.name);
    expect(e.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('mirrors hand-written Endpoints of a selector-less service into a slice', () => {
    ctx.api.create(service('ext', { ports: [{ port: 80 }] }));
    ctx.api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default' }, subsets: [{ addresses: [{ ip: '11.11.11.11' }], notReadyAddresses: [{ ip: '22.22.22.22' }], ports: [{ port: 80 }] }] });
    s.settle();
    const [m] = slicesOf('ext');
    expect(m!.metadata.labels!['endpointslice.kubernetes.io/managed-by']).toBe('endpointslicemirroring-controller.k8s.io');
    expect(m!.metadata.ownerReferences![0]!.kind).toBe('Endpoints');
    expect(m!.endpoints).toEqual([
      { addresses: ['11.11.11.11'], conditions: { ready: true } },
      { addresses: ['22.22.22.22'], conditions: { ready: false } },
    ]);
    // the endpoints controller leaves hand-written Endpoints alone
    expect(ctx.store.get('Endpoints', 'default', 'ext')!.subsets[0].addresses[0].ip).toBe('11.11.11.11');
  });

  it('gives ExternalName services no endpoints and deletes Endpoints with their service', () => {
    ctx.api.create(service('cname', { type: 'ExternalName', externalName: 'example.com' }));
    s.settle();
    expect(ctx.store.get('Endpoints', 'default', 'cname')).toBeUndefined();
    expect(slicesOf('cname')).toEqual([]);
    ctx.api.delete('Service', 'default', 'web');
    s.settle();
    expect(ctx.store.get('Endpoints', 'default', 'web')).toBeUndefined();
    expect(slicesOf('web')).toEqual([]);
  });

  it('keeps the kubernetes service endpoints and slice of the API server', () => {
    expect(ctx.store.get('EndpointSlice.discovery.k8s.io', 'default', 'kubernetes')!.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    void pod;
  });
});
