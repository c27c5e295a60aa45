import { describe, it, expect } from 'vitest';
import { Store } from '../../src/store/store';
import type { KObject } from '../../src/api/types';

const pod = (ns: string, name: string, extra: { node?: string; owner?: string } = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, ...(extra.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: extra.owner, controller: true }] } : {}) },
  spec: extra.node ? { nodeName: extra.node } : {},
});

const names = (xs: KObject[]) => xs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

describe('Store', () => {
  it('lists in key order through inserts, replacements and deletes without re-sorting', () => {
    const s = new Store(0);
    for (const n of ['c', 'a', 'e']) s.put('Pod', pod('ns1', n));
    s.put('Pod', pod('ns0', 'z'));
    expect(names(s.list('Pod'))).toEqual(['ns0/z', 'ns1/a', 'ns1/c', 'ns1/e']);
    expect(names(s.list('Pod', 'ns1'))).toEqual(['ns1/a', 'ns1/c', 'ns1/e']);
    s.put('Pod', pod('ns1', 'b'));
    s.put('Pod', pod('ns2', 'a'));
    s.put('Pod', pod('ns1', 'f'));
    expect(names(s.list('Pod'))).toEqual(['ns0/z', 'ns1/a', 'ns1/b', 'ns1/c', 'ns1/e', 'ns1/f', 'ns2/a']);
    expect(names(s.list('Pod', 'ns1'))).toEqual(['ns1/a', 'ns1/b', 'ns1/c', 'ns1/e', 'ns1/f']);
    expect(names(s.list('Pod', 'ns2'))).toEqual(['ns2/a']);
    const replaced = { ...pod('ns1', 'c'), status: { phase: 'Running' } };
    s.put('Pod', replaced);
    expect(s.list('Pod')[3]).toBe(replaced);
    expect(s.list('Pod', 'ns1')[2]).toBe(replaced);
    s.remove('Pod', 'ns1', 'a');
    s.remove('Pod', 'ns0', 'z');
    expect(names(s.list('Pod'))).toEqual(['ns1/b', 'ns1/c', 'ns1/e', 'ns1/f', 'ns2/a']);
    expect(names(s.list('Pod', 'ns1'))).toEqual(['ns1/b', 'ns1/c', 'ns1/e', 'ns1/f']);
    expect(s.list('Pod', 'ns0')).toEqual([]);
  });

  it('never changes a list a caller holds when objects are added or removed', () => {
    const s = new Store(0);
    for (const n of ['a', 'b', 'c']) s.put('Pod', pod('ns', n));
    const all = s.list('Pod');
    const inNs = s.list('Pod', 'ns');
    const seen: string[] = [];
    for (const o of all) {
      seen.push(o.metadata.name);
      s.put('Pod', pod('ns', `${o.metadata.name}x`));
      s.remove('Pod', 'ns', o.metadata.name);
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(names(all)).toEqual(['ns/a', 'ns/b', 'ns/c']);
    expect(names(inNs)).toEqual(['ns/a', 'ns/b', 'ns/c']);
    expect(names(s.list('Pod'))).toEqual(['ns/ax', 'ns/bx', 'ns/cx']);
    expect(names(s.list('Pod', 'ns'))).toEqual(['ns/ax', 'ns/bx', 'ns/cx']);
  });

  it('keeps the owner and node indexes in step with writes', () => {
    const s = new Store(0);
    s.put('Pod', pod('ns', 'b', { owner: 'rs1', node: 'n1' }));
    s.put('Pod', pod('ns', 'a', { owner: 'rs1' }));
    expect(names(s.dependents('rs1').map((d) => d.obj))).toEqual(['ns/a', 'ns/b']);
    expect(names(s.podsOnNode('n1'))).toEqual(['ns/b']);
    s.put('Pod', pod('ns', 'a', { owner: 'rs1', node: 'n1' }));
    s.put('Pod', pod('ns', 'c', { owner: 'rs2', node: 'n2' }));
    expect(names(s.podsOnNode('n1'))).toEqual(['ns/a', 'ns/b']);
    expect(names(s.dependents('rs2').map((d) => d.obj))).toEqual(['ns/c']);
    // orphaned: the owner reference goes away
    s.put('Pod', pod('ns', 'b', { node: 'n2' }));
    expect(names(s.dependents('rs1').map((d) => d.obj))).toEqual(['ns/a']);
    expect(names(s.podsOnNode('n1'))).toEqual(['ns/a']);
    expect(names(s.podsOnNode('n2'))).toEqual(['ns/b', 'ns/c']);
    s.remove('Pod', 'ns', 'a');
    expect(s.dependents('rs1')).toEqual([]);
    expect(s.podsOnNode('n1')).toEqual([]);
    // a status write keeps the same owners: what dependents returns is still current
    const c2 = { ...pod('ns', 'c', { owner: 'rs2', node: 'n2' }), status: { phase: 'Running' } };
    s.put('Pod', c2);
    expect(s.dependents('rs2')[0]!.obj).toBe(c2);
  });
});

import { nodeIPFor, podCIDRFor, podCIDRIndex } from '../../src/cluster/bootstrap';

describe('node addresses in large clusters', () => {
  it('pod CIDRs fill 10.244.0.0/16, then continue in 10.128.0.0/10; node IPs fill 172.18.0.0/16', () => {
    expect([0, 1, 255, 256, 257, 511, 512, 4999].map(podCIDRFor)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.255.0/24', '10.128.0.0/24', '10.128.1.0/24', '10.128.255.0/24', '10.129.0.0/24', '10.146.135.0/24']);
    for (const i of [0, 7, 255, 256, 4999, 16000]) expect(podCIDRIndex(podCIDRFor(i))).toBe(i);
    expect(podCIDRIndex('10.96.0.0/24')).toBeUndefined();
    expect([0, 1, 253, 254, 4999].map(nodeIPFor)).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.255', '172.18.1.0', '172.18.19.137']);
  });
});
