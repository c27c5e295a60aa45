import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withSession } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';
import { containerFs, FsError } from '../../src/kubelet/vfs';
import { mountVolumes } from '../../src/kubelet/config';
import { dropPodFiles } from '../../src/kubelet/files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-vfs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pod: KObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'pod-uid-1' },
  spec: {
    nodeName: 'worker-1',
    containers: [
      {
        name: 'app',
        image: 'busybox:1.36',
        volumeMounts: [
          { name: 'cfg', mountPath: '/etc/app' },
          { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' },
          { name: 'cache', mountPath: '/cache' },
          { name: 'cache', mountPath: '/logs', subPath: 'logs' },
        ],
      },
    ],
    volumes: [
      { name: 'cfg', configMap: { name: 'app', items: [{ key: 'app.conf', path: 'app.conf' }, { key: 'extra', path: 'sub/extra.txt', mode: 0o600 }] } },
      { name: 'cache', emptyDir: {} },
    ],
  },
  status: { podIP: '10.244.1.9' },
};

describe('a container filesystem', () => {
  it('lays configMap volumes out as the atomic writer does, read-only, with subPath mounts and emptyDirs', () => {
    withSession({ statePath: path.join(dir, 'a.json'), create: { clock: 'manual' } }, (s) => {
      s.ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { 'app.conf': 'port=8080\n', extra: 'x' } });
      expect(mountVolumes(s.ctx, pod, () => {})).toEqual({ justMounted: false });
      const spec = pod.spec!.containers[0];
      const view = () => containerFs(s.ctx, pod, spec, { containerID: 'c1', init: false, startedAt: s.ctx.clock.now() }).fs;
      const v = view();
      const names = v.readdir('/etc/app').sort();
      expect(names).toEqual(['..2026_01_01_00_00_00.' + names[0]!.split('.')[3], '..data', 'app.conf', 'sub']);
      expect(v.lstat('/etc/app/app.conf')).toMatchObject({ type: 'l', target: '..data/app.conf' });
      expect(v.readFile('/etc/app/app.conf').toString()).toBe('port=8080\n');
      expect(v.stat('/etc/app/sub/extra.txt').mode).toBe(0o600);
      expect(v.stat('/etc/app').mode).toBe(0o777);
      // the subPath mount is the file the key resolves to, not the symlink
      expect(v.lstat('/etc/app.conf')).toMatchObject({ type: 'f' });
      expect(() => v.writeFile('/etc/app/new', Buffer.from('x'), { now: 0 })).toThrow(FsError);
      // emptyDir (and a subPath directory created in it) keep what is written; the container layer does not outlive its container
      v.writeFile('/cache/a', Buffer.from('kept'), { now: 0 });
      v.writeFile('/logs/b', Buffer.from('also kept'), { now: 0 });
      v.writeFile('/tmp/c', Buffer.from('layer'), { now: 0 });
      const again = view();
      expect(again.readFile('/cache/a').toString()).toBe('kept');
      expect(again.readFile('/cache/logs/b').toString()).toBe('also kept');
      expect(again.readFile('/tmp/c').toString()).toBe('layer');
      const restarted = containerFs(s.ctx, pod, spec, { containerID: 'c2', init: false, startedAt: s.ctx.clock.now() }).fs;
      expect(restarted.readFile('/cache/a').toString()).toBe('kept');
      expect(restarted.exists('/tmp/c')).toBe(false);
      dropPodFiles(s.ctx, 'pod-uid-1');
      expect(view().exists('/cache/a')).toBe(false);
      // mount points appear in directory listings; /etc/hosts and friends are the kubelet's
      expect(restarted.readdir('/').sort()).toEqual(['bin', 'cache', 'dev', 'etc', 'home', 'lib', 'lib64', 'logs', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']);
      expect(restarted.readFile('/etc/hostname').toString()).toBe('web\n');
      expect(restarted.readFile('/etc/hosts').toString()).toContain('10.244.1.9\tweb\n');
    });
  });
});
