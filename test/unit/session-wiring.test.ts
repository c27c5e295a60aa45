// Session wires the API server and the controllers on first use (see Session.wire): a read-only
// command on a quiet cluster never loads them, and nothing that needs them can miss them.
import { describe, it, expect, beforeEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session, withSession } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';

let file: string;

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-wiring-'));
  file = path.join(dir, 'state.json');
  withSession({ statePath: file, create: { clock: 'manual' } }, () => undefined);
});

const wired = (s: Session) => (s as unknown as { wired: boolean }).wired;

describe('Session wiring', () => {
  it('a quiet cluster on the manual clock opens without wiring the controllers', () => {
    const before = fs.readFileSync(file, 'utf8');
    const names = withSession(
      { statePath: file },
      (s) => {
        expect(wired(s)).toBe(false);
        return s.store.list('Pod').map((p) => p.metadata.name);
      },
      { readOnly: true },
    );
    expect(names).toContain('etcd-control-plane');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('reaching for ctx.api or ctx.loop wires them', () => {
    withSession({ statePath: file }, (s) => {
      expect(wired(s)).toBe(false);
      expect(s.ctx.api.get('Namespace', undefined, 'default').metadata.name).toBe('default');
      expect(wired(s)).toBe(true);
      expect(s.ctx.loop.has('replicaset-controller')).toBe(true);
    });
  });

  it('a direct store write on an unwired session reaches the controllers (the scheduler binds a new pod)', () => {
    const bound = withSession({ statePath: file }, (s) => {
      expect(wired(s)).toBe(false);
      const model = s.store.list('Pod', 'kube-system').find((p) => p.metadata.name.startsWith('coredns-'))!;
      const pod = JSON.parse(JSON.stringify(model)) as KObject & { spec: { nodeName?: string }; status?: unknown };
      pod.metadata = { name: 'direct', namespace: 'default', uid: 'direct-uid', resourceVersion: '', creationTimestamp: model.metadata.creationTimestamp };
      delete pod.spec.nodeName;
      delete pod.status;
      s.store.put('Pod', pod);
      expect(wired(s)).toBe(true);
      s.settle();
      return (s.store.get('Pod', 'default', 'direct') as typeof pod).spec.nodeName;
    });
    expect(bound).toMatch(/^worker-\d$/);
  });

  it('moving time wires them and saves the same file as a session wired from the start', () => {
    const copy = `${file}.copy`;
    fs.copyFileSync(file, copy);
    withSession({ statePath: file }, (s) => s.advance(90_000));
    withSession({ statePath: copy }, (s) => {
      void s.ctx.api; // wired before anything happens
      s.advance(90_000);
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(fs.readFileSync(copy, 'utf8'));
  });
});
