// The object store: what etcd is to the API server. Objects are kept per group-kind, keyed by
// `namespace/name`, listed in key order (as etcd returns them), with indexes built on first use.
// Every write bumps the cluster-wide resourceVersion and notifies watchers synchronously, which is
// how controllers learn what changed.
import type { KObject } from '../api/types';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchType;
  gk: string;
  obj: KObject;
  old?: KObject;
}
export type Watcher = (ev: WatchEvent) => void;

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function objKey(o: KObject): string {
  return keyOf(o.metadata.namespace, o.metadata.name);
}

class KindTable {
  readonly items = new Map<string, KObject>();
  private sorted: KObject[] | null = null;
  private byNs: Map<string, KObject[]> | null = null;

  invalidate(): void {
    this.sorted = null;
    this.byNs = null;
  }

  /** Replaces an object whose key is unchanged inside the cached lists (binary search, no re-sort). */
  replace(old: KObject, obj: KObject): void {
    const key = objKey(obj);
    if (this.sorted) replaceSorted(this.sorted, key, obj, objKey);
    if (this.byNs) {
      const arr = this.byNs.get(old.metadata.namespace ?? '');
      if (arr) replaceSorted(arr, key, obj, objKey);
    }
  }

  list(): KObject[] {
    if (!this.sorted) {
      const keys = [...this.items.keys()].sort(compareKeys);
      this.sorted = keys.map((k) => this.items.get(k)!);
    }
    return this.sorted;
  }

  inNamespace(ns: string): KObject[] {
    if (!this.byNs) {
      this.byNs = new Map();
      for (const o of this.list()) {
        const n = o.metadata.namespace ?? '';
        let arr = this.byNs.get(n);
        if (!arr) this.byNs.set(n, (arr = []));
        arr.push(o);
      }
    }
    return this.byNs.get(ns) ?? [];
  }
}

function replaceSorted(arr: KObject[], key: string, obj: KObject, keyFn: (o: KObject) => string): void {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keyFn(arr[mid]!);
    if (k === key) {
      arr[mid] = obj;
      return;
    }
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Store {
  private tables = new Map<string, KindTable>();
  private watchers: Watcher[] = [];
  private uidIndex: Map<string, { gk: string; key: string }> | null = null;
  private ownerIndex: Map<string, Set<string>> | null = null; // owner uid -> `${gk}|${key}`
  private nodeIndex: Map<string, Set<string>> | null = null; // node name -> pod keys
  /** Count of writes since load: a session with no writes need not save. */
  writes = 0;

  constructor(public resourceVersion: number) {}

  /** Loads objects without notifying watchers (used when reading the state file). */
  load(gk: string, objects: KObject[]): void {
    const t = this.table(gk);
    for (const o of objects) t.items.set(objKey(o), o);
    t.invalidate();
  }

  kinds(): string[] {
    return [...this.tables.keys()].filter((gk) => this.tables.get(gk)!.items.size > 0).sort();
  }

  private table(gk: string): KindTable {
    let t = this.tables.get(gk);
    if (!t) this.tables.set(gk, (t = new KindTable()));
    return t;
  }

  watch(w: Watcher): void {
    this.watchers.push(w);
  }

  get(gk: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.tables.get(gk)?.items.get(keyOf(namespace, name));
  }

  /** All objects of a kind (optionally one namespace), sorted by namespace/name. */
  list(gk: string, namespace?: string): KObject[] {
    const t = this.tables.get(gk);
    if (!t) return [];
    return namespace === undefined ? t.list() : t.inNamespace(namespace);
  }

  count(gk: string): number {
    return this.tables.get(gk)?.items.size ?? 0;
  }

  byUid(uid: string): KObject | undefined {
    if (!this.uidIndex) {
      this.uidIndex = new Map();
      for (const [gk, t] of this.tables) for (const [key, o] of t.items) if (o.metadata.uid) this.uidIndex.set(o.metadata.uid, { gk, key });
    }
    const ref = this.uidIndex.get(uid);
    if (!ref) return undefined;
    return this.tables.get(ref.gk)?.items.get(ref.key);
  }

  /** Objects whose ownerReferences name this uid (any kind), sorted by kind then key. */
  dependents(ownerUid: string): { gk: string; obj: KObject }[] {
    if (!this.ownerIndex) {
      this.ownerIndex = new Map();
      for (const [gk, t] of this.tables) for (const [key, o] of t.items) this.indexOwners(gk, key, o);
    }
    const set = this.ownerIndex.get(ownerUid);
    if (!set) return [];
    const out: { gk: string; obj: KObject }[] = [];
    for (const ref of [...set].sort()) {
      const bar = ref.indexOf('|');
      const gk = ref.slice(0, bar);
      const o = this.tables.get(gk)?.items.get(ref.slice(bar + 1));
      if (o) out.push({ gk, obj: o });
    }
    return out;
  }

  /** Pods bound to a node, sorted by key. */
  podsOnNode(node: string): KObject[] {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      const t = this.tables.get('Pod');
      if (t) for (const [key, o] of t.items) this.indexNode(key, o);
    }
    const set = this.nodeIndex.get(node);
    if (!set) return [];
    const t = this.tables.get('Pod')!;
    return [...set]
      .sort()
      .map((k) => t.items.get(k))
      .filter((o): o is KObject => !!o);
  }

  private indexOwners(gk: string, key: string, o: KObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) {
      let set = this.ownerIndex!.get(ref.uid);
      if (!set) this.ownerIndex!.set(ref.uid, (set = new Set()));
      set.add(`${gk}|${key}`);
    }
  }

  private unindexOwners(gk: string, key: string, o: KObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) this.ownerIndex!.get(ref.uid)?.delete(`${gk}|${key}`);
  }

  private indexNode(key: string, o: KObject): void {
    const n = o.spec?.nodeName;
    if (!n) return;
    let set = this.nodeIndex!.get(n);
    if (!set) this.nodeIndex!.set(n, (set = new Set()));
    set.add(key);
  }

  nextResourceVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }

  /**
   * Stores an object (create or replace), stamping a new resourceVersion. The caller owns `obj` from
   * now on and must not mutate it afterwards (clone first to change it again).
   */
  put(gk: string, obj: KObject): KObject {
    const t = this.table(gk);
    const key = objKey(obj);
    const old = t.items.get(key);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    t.items.set(key, obj);
    if (!old) t.invalidate();
    else this.replaceInCaches(t, old, obj);
    this.writes++;
    if (this.uidIndex && obj.metadata.uid) this.uidIndex.set(obj.metadata.uid, { gk, key });
    if (this.ownerIndex) {
      if (old) this.unindexOwners(gk, key, old);
      this.indexOwners(gk, key, obj);
    }
    if (this.nodeIndex && gk === 'Pod') {
      if (old?.spec?.nodeName) this.nodeIndex.get(old.spec.nodeName)?.delete(key);
      this.indexNode(key, obj);
    }
    this.notify({ type: old ? 'MODIFIED' : 'ADDED', gk, obj, old });
    return obj;
  }

  /** Swaps an object inside cached sorted lists without re-sorting (its key did not change). */
  private replaceInCaches(t: KindTable, old: KObject, obj: KObject): void {
    t.replace(old, obj);
  }

  remove(gk: string, namespace: string | undefined, name: string): KObject | undefined {
    const t = this.tables.get(gk);
    if (!t) return undefined;
    const key = keyOf(namespace, name);
    const old = t.items.get(key);
    if (!old) return undefined;
    t.items.delete(key);
    t.invalidate();
    this.resourceVersion += 1;
    this.writes++;
    if (this.uidIndex && old.metadata.uid) this.uidIndex.delete(old.metadata.uid);
    if (this.ownerIndex) this.unindexOwners(gk, key, old);
    if (this.nodeIndex && gk === 'Pod' && old.spec?.nodeName) this.nodeIndex.get(old.spec.nodeName)?.delete(key);
    this.notify({ type: 'DELETED', gk, obj: old });
    return old;
  }

  private notify(ev: WatchEvent): void {
    for (const w of this.watchers) w(ev);
  }

  /** Snapshot for serialisation: objects per kind in key order. */
  dump(): Record<string, KObject[]> {
    const out: Record<string, KObject[]> = {};
    for (const gk of [...this.tables.keys()].sort()) {
      const items = this.tables.get(gk)!.list();
      if (items.length) out[gk] = items;
    }
    return out;
  }
}
