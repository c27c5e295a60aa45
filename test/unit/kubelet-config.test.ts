import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withSession, type Session } from '../../src/cluster/session';
import type { Container, KObject } from '../../src/api/types';
import {
  expandVars,
  formatMap,
  goQuote,
  mountVolumes,
  resolveEnv,
  resourceFieldValue,
  serviceEnv,
  volumeContents,
  containerCtx,
} from '../../src/kubelet/config';
import { etcHosts, resolvConf } from '../../src/kubelet/vfs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function session<T>(fn: (s: Session) => T): T {
  return withSession({ statePath: path.join(dir, `s${n++}.json`), create: { clock: 'manual' } }, fn);
}

const pod = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: 'u-1', labels: { app: 'web', tier: 'front' }, annotations: { note: 'say "hi"' }, ...meta },
  spec: { nodeName: 'worker-1', serviceAccountName: 'default', enableServiceLinks: true, ...spec },
  status: { podIP: '10.244.1.7' },
});

describe('$(VAR) expansion (kubelet expansion.Expand)', () => {
  it('replaces known variables, keeps unknown ones, $$ escapes', () => {
    const vars: Record<string, string> = { A: 'x', B: 'y' };
    const look = (k: string) => vars[k];
    expect(expandVars('$(A)-$(B)', look)).toBe('x-y');
    expect(expandVars('$(C) $$(A) $A', look)).toBe('$(C) $(A) $A');
    expect(expandVars('tail $(A', look)).toBe('tail $(A');
  });
});

describe('downward API values', () => {
  it('formats label/annotation maps as key="value" lines, Go-quoted and sorted', () => {
    expect(formatMap({ tier: 'front', app: 'web' })).toBe('app="web"\ntier="front"');
    expect(goQuote('a "b"\n\tc\\')).toBe('"a \\"b\\"\\n\\tc\\\\"');
  });

  it('resource fields round up in divisor units; an unset limit is the node allocatable', () => {
    const p = pod({});
    const c: Container = { name: 'app', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '100M' } } };
    const node = { status: { allocatable: { cpu: '4', memory: '8148692Ki' } } } as unknown as KObject;
    expect(resourceFieldValue(p, c, { resource: 'requests.cpu', divisor: '1m' }, node)).toBe('250');
    expect(resourceFieldValue(p, c, { resource: 'requests.cpu', divisor: '0' }, node)).toBe('1');
    expect(resourceFieldValue(p, c, { resource: 'limits.cpu' }, node)).toBe('4');
    expect(resourceFieldValue(p, c, { resource: 'requests.memory', divisor: '1Mi' }, node)).toBe('64');
    expect(resourceFieldValue(p, c, { resource: 'limits.memory', divisor: '1Mi' }, node)).toBe('96');
    expect(resourceFieldValue(p, c, { resource: 'limits.memory' }, { status: { allocatable: { memory: '1Ki' } } } as unknown as KObject)).toBe('100000000');
  });
});

describe('container environment (makeEnvironmentVariables)', () => {
  it('envFrom with prefix first, env overrides, valueFrom sources, keys passed through as they are', () => {
    session((s) => {
      const api = s.ctx.api;
      api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { LOG: 'debug', 'app.mode': 'prod', db: 'pg' } });
      api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, stringData: { user: 'admin', pass: 's3cr3t' } });
      const c: Container = {
        name: 'app',
        envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }, { secretRef: { name: 'creds' } }],
        env: [
          { name: 'CFG_LOG', value: 'info' },
          { name: 'DB', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'db' } } },
          { name: 'URL', value: 'postgres://$(user)@$(DB)/$(MISSING)' },
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
          { name: 'OPT', valueFrom: { secretKeyRef: { name: 'nope', key: 'x', optional: true } } },
        ],
      };
      const r = resolveEnv(s.ctx, containerCtx(s.ctx, pod({ containers: [c] }), c), []);
      expect(r).toEqual({
        env: [
          ['CFG_LOG', 'info'],
          ['CFG_app.mode', 'prod'],
          ['CFG_db', 'pg'],
          ['pass', 's3cr3t'],
          ['user', 'admin'],
          ['DB', 'pg'],
          ['URL', 'postgres://admin@pg/$(MISSING)'],
          ['POD', 'web-1'],
          ['IP', '10.244.1.7'],
          ['TIER', 'front'],
        ],
      });
    });
  });

  it('missing objects and keys: the kubelet texts; optional ones are skipped', () => {
    session((s) => {
      s.ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } });
      const env = (e: Container['env'], envFrom?: Container['envFrom']) => {
        const c: Container = { name: 'app', env: e, envFrom };
        return resolveEnv(s.ctx, containerCtx(s.ctx, pod({ containers: [c] }), c), []);
      };
      expect(env([{ name: 'X', valueFrom: { configMapKeyRef: { name: 'other', key: 'a' } } }])).toEqual({ error: 'configmap "other" not found' });
      expect(env([{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'db' } } }])).toEqual({ error: "couldn't find key db in ConfigMap default/cfg" });
      expect(env([{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }])).toEqual({ error: 'secret "s" not found' });
      expect(env([], [{ secretRef: { name: 's' } }])).toEqual({ error: 'secret "s" not found' });
      expect(env([{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'db', optional: true } } }], [{ configMapRef: { name: 'x', optional: true } }])).toEqual({ env: [] });
    });
  });

  it('service links: docker-link variables of every service of the namespace, plus kubernetes', () => {
    session((s) => {
      s.ctx.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis-primary', namespace: 'default' }, spec: { selector: { app: 'r' }, ports: [{ name: 'redis', port: 6379 }, { name: 'sentinel', port: 26379, protocol: 'TCP' }] } });
      const svc = s.ctx.store.get('Service', 'default', 'redis-primary')!;
      const ip = svc.spec.clusterIP;
      const env = new Map(serviceEnv(s.ctx, 'default', true, s.ctx.clock.now()));
      expect([...env.keys()].filter((k) => k.startsWith('REDIS'))).toEqual([
        'REDIS_PRIMARY_SERVICE_HOST',
        'REDIS_PRIMARY_SERVICE_PORT',
        'REDIS_PRIMARY_SERVICE_PORT_REDIS',
        'REDIS_PRIMARY_SERVICE_PORT_SENTINEL',
        'REDIS_PRIMARY_PORT',
        'REDIS_PRIMARY_PORT_6379_TCP',
        'REDIS_PRIMARY_PORT_6379_TCP_PROTO',
        'REDIS_PRIMARY_PORT_6379_TCP_PORT',
        'REDIS_PRIMARY_PORT_6379_TCP_ADDR',
        'REDIS_PRIMARY_PORT_26379_TCP',
        'REDIS_PRIMARY_PORT_26379_TCP_PROTO',
        'REDIS_PRIMARY_PORT_26379_TCP_PORT',
        'REDIS_PRIMARY_PORT_26379_TCP_ADDR',
      ]);
      expect(env.get('REDIS_PRIMARY_PORT')).toBe(`tcp://${ip}:6379`);
      expect(env.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
      // without service links only the master service remains; services created later are not seen
      expect(serviceEnv(s.ctx, 'default', false, s.ctx.clock.now()).every(([k]) => k.startsWith('KUBERNETES_'))).toBe(true);
      expect(serviceEnv(s.ctx, 'default', true, Date.parse(svc.metadata.creationTimestamp!) - 1000).some(([k]) => k.startsWith('REDIS'))).toBe(false);
    });
  });
});

describe('volume contents (MountVolume.SetUp)', () => {
  it('configMap items with modes, missing keys, optional sources, projected aggregates', () => {
    session((s) => {
      s.ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game', namespace: 'default' }, data: { 'game.properties': 'lives=3\n', ui: 'color=blue' } });
      const p = pod({});
      const vc = (v: Record<string, unknown>) => volumeContents(s.ctx, p, v as Record<string, Record<string, unknown>>, 0);
      expect(vc({ name: 'v', configMap: { name: 'game', defaultMode: 0o640, items: [{ key: 'ui', path: 'conf/ui.txt', mode: 0o400 }] } })).toEqual({
        payload: { 'conf/ui.txt': { data: Buffer.from('color=blue'), mode: 0o400 } },
        tmpfs: false,
      });
      expect(vc({ name: 'v', configMap: { name: 'game', items: [{ key: 'nope', path: 'x' }] } })).toEqual({ error: 'configmap references non-existent config key: nope' });
      expect(vc({ name: 'v', configMap: { name: 'absent' } })).toEqual({ error: 'configmap "absent" not found' });
      expect(vc({ name: 'v', secret: { secretName: 'absent', items: [{ key: 'k', path: 'k' }] } })).toEqual({ error: 'secret "absent" not found' });
      expect(vc({ name: 'v', configMap: { name: 'absent', optional: true } })).toEqual({ payload: {}, tmpfs: false });
      expect(vc({ name: 'v', projected: { sources: [{ configMap: { name: 'a1' } }, { secret: { name: 's1' } }] } })).toEqual({ error: '[configmap "a1" not found, secret "s1" not found]' });
      const da = vc({ name: 'v', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } });
      expect(da).toEqual({ payload: { labels: { data: Buffer.from('app="web"\ntier="front"'), mode: 0o644 }, ns: { data: Buffer.from('default'), mode: 0o644 } }, tmpfs: false });
    });
  });

  it('a failing mount is retried after 0.5 s doubling to 2 m 2 s, with one FailedMount event per attempt', () => {
    session((s) => {
      const p = pod({ volumes: [{ name: 'cfg', configMap: { name: 'later' } }] });
      const events: string[] = [];
      const attempts: number[] = [];
      const t0 = s.ctx.clock.now();
      for (let i = 0; i < 12; i++) {
        const r = mountVolumes(s.ctx, p, (reason, msg) => events.push(`${reason}: ${msg}`));
        attempts.push(s.ctx.clock.now() - t0);
        s.ctx.clock.nowMs = r.retryAt!;
      }
      expect(attempts).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500, 63500, 127500, 249500, 371500, 493500]);
      expect(new Set(events)).toEqual(new Set(['FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "later" not found']));
      s.ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later', namespace: 'default' }, data: {} });
      expect(mountVolumes(s.ctx, p, () => {})).toEqual({ justMounted: true });
      expect(mountVolumes(s.ctx, p, () => {})).toEqual({});
    });
  });
});

describe('kubelet-managed files', () => {
  it('/etc/hosts: the managed header, the pod entry (with subdomain FQDN) and host aliases', () => {
    expect(etcHosts(pod({ hostname: 'web-0', subdomain: 'nginx', hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo.local', 'bar.local'] }] }), '10.244.1.7')).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.7\tweb-0.nginx.default.svc.cluster.local\tweb-0\n\n# Entries added by HostAliases.\n1.2.3.4\tfoo.local\tbar.local\n',
    );
  });

  it('/etc/resolv.conf for ClusterFirst, with dnsConfig merged', () => {
    expect(resolvConf(pod({}, { namespace: 'shop' }))).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(resolvConf(pod({ dnsConfig: { searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:2 edns0\n',
    );
    expect(resolvConf(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }))).toBe('nameserver 1.1.1.1\n');
  });
});
