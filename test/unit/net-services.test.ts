// Service allocation and type changes, the load-balancer controller, the default IngressClass and the
// ingress controller's status, and `create service --tcp` parsing.
import { afterAll, describe, expect, it } from 'vitest';
import { parseTcp } from '../../src/cli/commands/create-net';
import { CliError, InvalidError, StatusError } from '../../src/api/errors';
import type { KObject } from '../../src/api/types';
import { freshCluster, service } from './net-helpers';

describe('create service --tcp', () => {
  it('parses port[:targetPort] with kubectl\'s errors', () => {
    expect(parseTcp('80')).toEqual({ port: 80, targetPort: 80 });
    expect(parseTcp('80:8080')).toEqual({ port: 80, targetPort: 8080 });
    expect(parseTcp('443:https')).toEqual({ port: 443, targetPort: 'https' });
    expect(() => parseTcp('abc')).toThrow(new CliError('strconv.ParseUint: parsing "abc": invalid syntax'));
    expect(() => parseTcp('70000')).toThrow(new CliError('strconv.ParseUint: parsing "70000": value out of range'));
    expect(() => parseTcp('80:0')).toThrow(new CliError('must be between 1 and 65535, inclusive'));
    expect(() => parseTcp('80:Web--x')).toThrow(CliError);
  });
});

describe('services on a running cluster', () => {
  const { s, done } = freshCluster();
  afterAll(done);
  const ctx = s.ctx;
  const get = (name: string) => ctx.store.get('Service', 'default', name)!;

  it('keeps allocations across updates and drops what a new type does not use', () => {
    ctx.api.create(service('np', { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] }));
    const before = get('np');
    const ip = before.spec.clusterIP;
    const nodePort = before.spec.ports[0].nodePort;
    expect(ip).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    // an update that leaves the allocations out keeps them
    const next = JSON.parse(JSON.stringify(before)) as KObject;
    delete next.spec.clusterIP;
    delete next.spec.clusterIPs;
    delete next.spec.ports[0].nodePort;
    next.spec.ports[0].targetPort = 8080;
    ctx.api.update(next);
    expect(get('np').spec.clusterIP).toBe(ip);
    expect(get('np').spec.ports[0].nodePort).toBe(nodePort);
    // NodePort → ClusterIP: the node port and externalTrafficPolicy go, the ClusterIP stays
    ctx.api.update({ ...get('np'), spec: { ...get('np').spec, type: 'ClusterIP' } });
    expect(get('np').spec.ports[0].nodePort).toBeUndefined();
    expect(get('np').spec.externalTrafficPolicy).toBeUndefined();
    expect(get('np').spec.clusterIP).toBe(ip);
    // → LoadBalancer with Local policy: a health check node port is allocated
    ctx.api.update({ ...get('np'), spec: { ...get('np').spec, type: 'LoadBalancer', externalTrafficPolicy: 'Local' } });
    expect(get('np').spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    // → ExternalName: no ClusterIP any more
    ctx.api.update({ ...get('np'), spec: { ...get('np').spec, type: 'ExternalName', externalName: 'example.com' } });
    expect(get('np').spec.clusterIP).toBeUndefined();
    expect(get('np').spec.internalTrafficPolicy).toBeUndefined();
  });

  it('refuses node ports out of range or taken', () => {
    ctx.api.create(service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30500 }] }));
    expect(() => ctx.api.create(service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30500 }] }))).toThrow(InvalidError);
    try {
      ctx.api.create(service('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }));
    } catch (e) {
      expect((e as InvalidError).statusMessage()).toBe('Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
    }
  });

  it('provisions load balancers a moment later from the 172.18.255.200-250 pool and cleans them up', () => {
    ctx.api.create(service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    s.settle();
    expect(get('lb').status.loadBalancer).toEqual({});
    expect(get('lb').metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    s.advance(3000);
    // .200 belongs to the ingress controller; the lowest free address comes next
    expect(get('lb').status.loadBalancer.ingress).toEqual([{ ip: '172.18.255.201', ipMode: 'VIP' }]);
    ctx.api.create(service('lb2', { type: 'LoadBalancer', loadBalancerIP: '172.18.255.230', ports: [{ port: 80 }] }));
    ctx.api.create(service('lb3', { type: 'LoadBalancer', loadBalancerClass: 'example.com/other', ports: [{ port: 80 }] }));
    s.advance(3000);
    expect(get('lb2').status.loadBalancer.ingress[0].ip).toBe('172.18.255.230');
    expect(get('lb3').status.loadBalancer).toEqual({});
    ctx.api.delete('Service', 'default', 'lb');
    s.settle();
    expect(ctx.store.get('Service', 'default', 'lb')).toBeUndefined();
    const reasons = ctx.store.list('Event', 'default').filter((e) => e.involvedObject.name === 'lb').map((e) => e.reason);
    expect(reasons).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer', 'DeletingLoadBalancer', 'DeletedLoadBalancer']);
  });

  it('gives Ingresses the default class, refuses a second default, and publishes the address on the next status sync', () => {
    ctx.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i1', namespace: 'default' }, spec: { defaultBackend: { service: { name: 'x', port: { number: 80 } } } } });
    const ing = () => ctx.store.get('Ingress.networking.k8s.io', 'default', 'i1')!;
    expect(ing().spec.ingressClassName).toBe('nginx');
    s.settle();
    expect(ing().status.loadBalancer).toEqual({});
    s.advance(60_000);
    expect(ing().status.loadBalancer).toEqual({ ingress: [{ ip: '172.18.255.200' }] });
    const events = ctx.store.list('Event', 'default').filter((e) => e.involvedObject.name === 'i1');
    expect(events.map((e) => [e.reason, e.message, e.source.component, e.count])).toEqual([['Sync', 'Scheduled for sync', 'nginx-ingress-controller', 2]]);
    ctx.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'other', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'example.com/other' } });
    expect(() => ctx.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i2', namespace: 'default' }, spec: { defaultBackend: { service: { name: 'x', port: { number: 80 } } } } })).toThrow(
      new StatusError('Forbidden', 'ingresses.networking.k8s.io "i2" is forbidden: Internal error occurred: 2 default IngressClasses were found, only 1 allowed'),
    );
  });
});
