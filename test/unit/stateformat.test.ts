// The state file's sections: read on demand, one namespace of one kind at a time, and written back
// byte for byte when a command did not change them.
import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Store } from '../../src/store/store';
import { StateSource, encodeState } from '../../src/store/stateformat';
import { Session, withSession, readStateFile } from '../../src/cluster/session';
import { StateLock } from '../../src/store/statefile';
import type { KObject } from '../../src/api/types';

const cm = (ns: string, name: string): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, uid: `${ns}-${name}` }, data: { k: name } });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpFile(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-format-'));
  dirs.push(d);
  return path.join(d, 'state.json');
}

describe('Store sections', () => {
  it('reads a section only when its kind and namespace are first used, and counts without reading', () => {
    const reads: string[] = [];
    const data: Record<string, KObject[]> = { 'ConfigMap\0a': [cm('a', 'x'), cm('a', 'y')], 'ConfigMap\0b': [cm('b', 'z')], 'Namespace\0': [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] };
    const s = new Store(10);
    s.attach({ objects: (gk, ns) => (reads.push(`${gk}/${ns}`), data[`${gk}\0${ns}`] ?? []) }, [
      ['ConfigMap', 'a', 2],
      ['ConfigMap', 'b', 1],
      ['Namespace', '', 1],
    ]);
    expect(s.count('ConfigMap')).toBe(3);
    expect(s.kinds()).toEqual(['ConfigMap', 'Namespace']);
    expect(reads).toEqual([]);
    expect(s.list('ConfigMap', 'b').map((o) => o.metadata.name)).toEqual(['z']);
    expect(s.get('ConfigMap', 'b', 'z')?.data).toEqual({ k: 'z' });
    expect(reads).toEqual(['ConfigMap/b']);
    s.put('ConfigMap', cm('a', 'w'));
    expect(reads).toEqual(['ConfigMap/b', 'ConfigMap/a']);
    expect(s.list('ConfigMap').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/w', 'a/x', 'a/y', 'b/z']);
    // the save writes what changed, and marks the rest unchanged (Namespace never read)
    expect(s.sections().map((x) => [x.gk, x.ns, x.count, x.objects ? 'write' : 'copy'])).toEqual([
      ['ConfigMap', 'a', 3, 'write'],
      ['ConfigMap', 'b', 1, 'copy'],
      ['Namespace', '', 1, 'copy'],
    ]);
    expect(reads).toEqual(['ConfigMap/b', 'ConfigMap/a']);
  });
});

describe('state file sections', () => {
  it('a command changing one namespace copies every other section byte for byte', () => {
    const file = tmpFile();
    const lock = new StateLock(`${file}.lock`);
    lock.acquire();
    const fresh = Session.fresh(file, lock, { clock: 'manual' });
    for (const ns of ['a', 'b']) fresh.ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    fresh.settle();
    for (let i = 0; i < 3; i++) for (const ns of ['a', 'b']) fresh.ctx.api.create(cm(ns, `c${i}`));
    fresh.settle();
    fresh.save();
    fresh.close();
    const sectionBytes = () => {
      const src = StateSource.open(file, fs.openSync(file, 'r'), () => {});
      const out = new Map(src.objectSections().map(([gk, ns]) => [`${gk}/${ns}`, Buffer.concat(src.objectChunks(gk, ns)!.map((c) => c.read())).toString()]));
      for (const k of src.simKeys()) out.set(`sim/${k}`, Buffer.concat(src.simChunks(k)!.map((c) => c.read())).toString());
      src.close();
      return out;
    };
    const before = sectionBytes();
    withSession({ statePath: file }, (s) => {
      const cur = s.store.get('ConfigMap', 'b', 'c1')!;
      s.ctx.api.update({ ...cur, data: { k: 'changed' } });
    });
    const after = sectionBytes();
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
    // the ConfigMap written, and what the API server and controllers keep while doing so
    expect(changed.filter((k) => !k.startsWith('sim/') && !k.startsWith('Event/'))).toEqual(['ConfigMap/b']);
    expect(after.get('ConfigMap/a')).toBe(before.get('ConfigMap/a'));
    expect(after.get('Pod/kube-system')).toBe(before.get('Pod/kube-system'));
    expect(readStateFile(file)!.objects.ConfigMap!.find((o) => o.metadata.namespace === 'b' && o.metadata.name === 'c1')!.data).toEqual({ k: 'changed' });
  });

  it('splits big sections into chunks and reads them back in order', () => {
    const file = tmpFile();
    const objs = Array.from({ length: 4500 }, (_, i) => cm('n', `o${String(i).padStart(5, '0')}`));
    fs.writeFileSync(file, Buffer.concat(encodeState({ apiVersion: 'kubesim.dev/v1', kind: 'ClusterState', schemaVersion: 2 }, [{ gk: 'ConfigMap', ns: 'n', objects: objs }], [{ key: 'x', value: { a: 1 } }]).map((c) => (typeof c === 'function' ? Buffer.from(c()) : Buffer.from(c)))));
    const src = StateSource.open(file, fs.openSync(file, 'r'), () => {});
    expect((src.header.sections as unknown[]).length).toBe(2);
    expect(src.objectSections()).toEqual([['ConfigMap', 'n', 4500]]);
    expect(src.objectChunks('ConfigMap', 'n')!.length).toBe(3);
    expect(src.objects('ConfigMap', 'n').map((o) => o.metadata.name)).toEqual(objs.map((o) => o.metadata.name));
    expect(src.sim('x')).toEqual({ a: 1 });
    src.close();
  });
});
