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

/**
 * One sorted view of a kind (all of it, or one namespace): its keys in order as of the last list,
 * plus the keys added and the count removed since. Adding or removing is O(1); the next list merges
 * (sorting only what was added). Lists handed out are never changed afterwards except for an object
 * replaced under the same key, which shows in place (binary search).
 */
class View {
  private keys: string[] = [];
  private added: string[] = [];
  private removed = 0;
  private objs: KObject[] | null = null;

  constructor(keys: string[] = []) {
    this.keys = keys;
  }

  add(key: string): void {
    this.added.push(key);
    this.objs = null;
  }

  drop(): void {
    this.removed++;
    this.objs = null;
  }

  replace(key: string, obj: KObject): void {
    if (!this.objs) return; // rebuilt from the items on the next list
    const i = lowerBound(this.keys, key);
    if (this.keys[i] === key) this.objs[i] = obj;
  }

  objects(items: Map<string, KObject>): KObject[] {
    if (this.objs) return this.objs;
    if (this.added.length || this.removed) {
      const add = this.added.sort(compareKeys);
      const out: string[] = [];
      let i = 0;
      let j = 0;
      let last: string | undefined;
      while (i < this.keys.length || j < add.length) {
        const k = j >= add.length || (i < this.keys.length && this.keys[i]! <= add[j]!) ? this.keys[i++]! : add[j++]!;
        if (k === last || !items.has(k)) continue;
        out.push(k);
        last = k;
      }
      this.keys = out;
      this.added = [];
      this.removed = 0;
    }
    return (this.objs = this.keys.map((k) => items.get(k)!));
  }
}

class KindTable {
  readonly items = new Map<string, KObject>();
  private all: View | null = null;
  private byNs: Map<string, View> | null = null;

  invalidate(): void {
    this.all = null;
    this.byNs = null;
  }

  /** Replaces an object whose key is unchanged inside the cached lists (binary search, no re-sort). */
  replace(old: KObject, obj: KObject): void {
    const key = objKey(obj);
    this.all?.replace(key, obj);
    this.byNs?.get(old.metadata.namespace ?? '')?.replace(key, obj);
  }

  /** Adds a new object to the cached lists (merged in order on the next list). */
  insert(obj: KObject): void {
    const key = objKey(obj);
    this.all?.add(key);
    if (this.byNs) {
      const ns = obj.metadata.namespace ?? '';
      let v = this.byNs.get(ns);
      if (!v) this.byNs.set(ns, (v = new View()));
      v.add(key);
    }
  }

  /** Takes a removed object out of the cached lists (on the next list). */
  delete(old: KObject): void {
    this.all?.drop();
    this.byNs?.get(old.metadata.namespace ?? '')?.drop();
  }

  list(): KObject[] {
    if (!this.all) this.all = new View([...this.items.keys()].sort(compareKeys));
    return this.all.objects(this.items);
  }

  inNamespace(ns: string): KObject[] {
    if (!this.byNs) {
      const keys = new Map<string, string[]>();
      for (const o of this.list()) {
        const n = o.metadata.namespace ?? '';
        let arr = keys.get(n);
        if (!arr) keys.set(n, (arr = []));
        arr.push(objKey(o));
      }
      this.byNs = new Map([...keys].map(([n, k]) => [n, new View(k)]));
    }
    return this.byNs.get(ns)?.objects(this.items) ?? [];
  }
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An index from a name to the keys that refer to it, with the keys' sorted order kept until they change. */
type RefIndex = Map<string, { refs: Set<string>; sorted: string[] | null; parsed?: [string, string][] | null }>;

function addRef(index: RefIndex, name: string, ref: string): void {
  let e = index.get(name);
  if (!e) index.set(name, (e = { refs: new Set(), sorted: null }));
  if (e.refs.has(ref)) return;
  e.refs.add(ref);
  e.sorted = e.parsed = null;
}

function deleteRef(index: RefIndex, name: string, ref: string): void {
  const e = index.get(name);
  if (!e || !e.refs.delete(ref)) return;
  if (e.refs.size) e.sorted = e.parsed = null;
  else index.delete(name);
}

/** Whether two versions of an object name the same owners (so the owner index need not change). */
function sameOwners(a: KObject, b: KObject): boolean {
  const x = a.metadata.ownerReferences;
  const y = b.metadata.ownerReferences;
  if (x === y) return true;
  if (!x || !y || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i]!.uid !== y[i]!.uid) return false;
  return true;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where objects not yet read come from (the state file's sections). */
export interface ObjectSource {
  objects(gk: string, namespace: string): KObject[];
}

export class Store {
  private tables = new Map<string, KindTable>();
  /** Sections of the state file not read yet: gk → namespace ("" cluster-scoped) → object count. */
  private pending = new Map<string, Map<string, number>>();
  private source?: ObjectSource;
  /** Sections written since they were read (`${gk}\0${ns}`): the others are saved byte for byte. */
  private dirty = new Set<string>();
  /** Owner indexes of single sections, for owners whose dependents live in one namespace. */
  private sectionOwners = new Map<string, RefIndex>();
  private watchers: Watcher[] = [];
  private uidIndex: Map<string, { gk: string; key: string }> | null = null;
  private ownerIndex: RefIndex | null = null; // owner uid -> `${gk}|${key}`
  private nodeIndex: RefIndex | null = null; // node name -> pod keys
  /** Count of writes since load: a session with no writes need not save. */
  writes = 0;

  constructor(public resourceVersion: number) {}

  /** Loads objects without notifying watchers (used when reading the state file). */
  load(gk: string, objects: KObject[]): void {
    const t = this.table(gk);
    for (const o of objects) t.items.set(objKey(o), o);
    t.invalidate();
  }

  /**
   * Attaches the state file's sections: each is read on first use (one namespace of one kind at a
   * time where the caller names a namespace).
   */
  attach(source: ObjectSource, sections: [gk: string, namespace: string, count: number][]): void {
    this.source = source;
    for (const [gk, ns, count] of sections) {
      let m = this.pending.get(gk);
      if (!m) this.pending.set(gk, (m = new Map()));
      m.set(ns, count);
    }
  }

  /** Reads the pending sections of a kind (one namespace, or all). */
  private ensure(gk: string, ns?: string): void {
    const m = this.pending.get(gk);
    if (!m) return;
    const which = ns === undefined ? [...m.keys()] : m.has(ns) ? [ns] : [];
    if (!which.length) return;
    let t = this.tables.get(gk);
    if (!t) this.tables.set(gk, (t = new KindTable()));
    for (const n of which) {
      m.delete(n);
      for (const o of this.source!.objects(gk, n)) t.items.set(objKey(o), o);
    }
    if (!m.size) this.pending.delete(gk);
    t.invalidate();
  }

  private ensureAll(): void {
    for (const gk of [...this.pending.keys()]) this.ensure(gk);
  }

  kinds(): string[] {
    return [...new Set([...this.tables.keys(), ...this.pending.keys()])].filter((gk) => this.count(gk) > 0).sort();
  }

  private table(gk: string, ns?: string): KindTable {
    this.ensure(gk, ns);
    let t = this.tables.get(gk);
    if (!t) this.tables.set(gk, (t = new KindTable()));
    return t;
  }

  private peek(gk: string, ns?: string): KindTable | undefined {
    this.ensure(gk, ns);
    return this.tables.get(gk);
  }

  watch(w: Watcher): void {
    this.watchers.push(w);
  }

  get(gk: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.peek(gk, namespace ?? '')?.items.get(keyOf(namespace, name));
  }

  /** All objects of a kind (optionally one namespace), sorted by namespace/name. */
  list(gk: string, namespace?: string): KObject[] {
    const t = this.peek(gk, namespace);
    if (!t) return [];
    return namespace === undefined ? t.list() : t.inNamespace(namespace);
  }

  count(gk: string): number {
    let n = this.tables.get(gk)?.items.size ?? 0;
    const m = this.pending.get(gk);
    if (m) for (const c of m.values()) n += c;
    return n;
  }

  byUid(uid: string): KObject | undefined {
    if (!this.uidIndex) {
      this.ensureAll();
      this.uidIndex = new Map();
      for (const [gk, t] of this.tables) for (const [key, o] of t.items) if (o.metadata.uid) this.uidIndex.set(o.metadata.uid, { gk, key });
    }
    const ref = this.uidIndex.get(uid);
    if (!ref) return undefined;
    return this.tables.get(ref.gk)?.items.get(ref.key);
  }

  /** Objects whose ownerReferences name this uid (any kind), sorted by kind then key. */
  dependents(ownerUid: string): { gk: string; obj: KObject }[] {
    const out: { gk: string; obj: KObject }[] = [];
    for (const [gk, key] of this.ownerRefs(ownerUid)) {
      const o = this.tables.get(gk)?.items.get(key);
      if (o) out.push({ gk, obj: o });
    }
    return out;
  }

  /** The dependents of one kind (what `dependents` lists, without the kind tags). */
  dependentsOfKind(ownerUid: string, gk: string, namespace?: string): KObject[] {
    const out: KObject[] = [];
    const items = this.peek(gk, namespace)?.items;
    if (!items) return out;
    const refs = this.ownerIndex || namespace === undefined ? this.ownerRefs(ownerUid) : this.sectionOwnerRefs(ownerUid, gk, namespace);
    for (const [g, key] of refs) {
      if (g !== gk) continue;
      const o = items.get(key);
      if (o) out.push(o);
    }
    return out;
  }

  /** The dependents of an owner among the objects of one namespace (every kind), in kind and key order. */
  dependentsInNamespace(ownerUid: string, namespace: string): { gk: string; obj: KObject }[] {
    if (this.ownerIndex) return this.dependents(ownerUid).filter((d) => d.obj.metadata.namespace === namespace);
    const out: { gk: string; obj: KObject }[] = [];
    for (const gk of new Set([...this.tables.keys(), ...this.pending.keys()])) for (const o of this.dependentsOfKind(ownerUid, gk, namespace)) out.push({ gk, obj: o });
    // the order `dependents` gives: by `${gk}|${key}`
    const id = (d: { gk: string; obj: KObject }) => `${d.gk}|${objKey(d.obj)}`;
    return out.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  }

  /** Like ownerRefs, from an index of one kind in one namespace (no other section is read). */
  private sectionOwnerRefs(ownerUid: string, gk: string, ns: string): [string, string][] {
    const id = `${gk}\u0000${ns}`;
    let index = this.sectionOwners.get(id);
    if (!index) {
      index = new Map();
      for (const o of this.list(gk, ns)) for (const ref of o.metadata.ownerReferences ?? []) addRef(index, ref.uid, `${gk}|${objKey(o)}`);
      this.sectionOwners.set(id, index);
    }
    return parsedRefs(index, ownerUid);
  }

  /** `[gk, key]` of the objects naming this owner uid, in order. */
  private ownerRefs(ownerUid: string): [string, string][] {
    if (!this.ownerIndex) {
      this.ensureAll();
      this.ownerIndex = new Map();
      for (const [gk, t] of this.tables) for (const [key, o] of t.items) this.indexOwners(gk, key, o);
    }
    return parsedRefs(this.ownerIndex, ownerUid);
  }

  /** Pods bound to a node, sorted by key. */
  podsOnNode(node: string): KObject[] {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      const t = this.peek('Pod');
      if (t) for (const [key, o] of t.items) this.indexNode(key, o);
    }
    const entry = this.nodeIndex.get(node);
    if (!entry) return [];
    const t = this.tables.get('Pod')!;
    const keys = (entry.sorted ??= [...entry.refs].sort());
    const out: KObject[] = [];
    for (const k of keys) {
      const o = t.items.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  private indexOwners(gk: string, key: string, o: KObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) addRef(this.ownerIndex!, ref.uid, `${gk}|${key}`);
  }

  private unindexOwners(gk: string, key: string, o: KObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) deleteRef(this.ownerIndex!, ref.uid, `${gk}|${key}`);
  }

  private indexNode(key: string, o: KObject): void {
    const n = o.spec?.nodeName;
    if (n) addRef(this.nodeIndex!, n, key);
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
    const ns = obj.metadata.namespace ?? '';
    const t = this.table(gk, ns);
    this.dirty.add(`${gk}\u0000${ns}`);
    const key = objKey(obj);
    const old = t.items.get(key);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    t.items.set(key, obj);
    if (!old) t.insert(obj);
    else t.replace(old, obj);
    this.writes++;
    if (this.uidIndex && obj.metadata.uid) this.uidIndex.set(obj.metadata.uid, { gk, key });
    if (!(old && sameOwners(old, obj))) {
      if (this.ownerIndex) {
        if (old) this.unindexOwners(gk, key, old);
        this.indexOwners(gk, key, obj);
      }
      const seg = this.sectionOwners.get(`${gk}\u0000${ns}`);
      if (seg) {
        for (const ref of old?.metadata.ownerReferences ?? []) deleteRef(seg, ref.uid, `${gk}|${key}`);
        for (const ref of obj.metadata.ownerReferences ?? []) addRef(seg, ref.uid, `${gk}|${key}`);
      }
    }
    if (this.nodeIndex && gk === 'Pod' && old?.spec?.nodeName !== obj.spec?.nodeName) {
      if (old?.spec?.nodeName) deleteRef(this.nodeIndex, old.spec.nodeName, key);
      this.indexNode(key, obj);
    }
    this.notify({ type: old ? 'MODIFIED' : 'ADDED', gk, obj, old });
    return obj;
  }

  remove(gk: string, namespace: string | undefined, name: string): KObject | undefined {
    const t = this.peek(gk, namespace ?? '');
    if (!t) return undefined;
    const key = keyOf(namespace, name);
    const old = t.items.get(key);
    if (!old) return undefined;
    t.items.delete(key);
    t.delete(old);
    this.dirty.add(`${gk}\u0000${namespace ?? ''}`);
    const seg = this.sectionOwners.get(`${gk}\u0000${namespace ?? ''}`);
    if (seg) for (const ref of old.metadata.ownerReferences ?? []) deleteRef(seg, ref.uid, `${gk}|${key}`);
    this.resourceVersion += 1;
    this.writes++;
    if (this.uidIndex && old.metadata.uid) this.uidIndex.delete(old.metadata.uid);
    if (this.ownerIndex) this.unindexOwners(gk, key, old);
    if (this.nodeIndex && gk === 'Pod' && old.spec?.nodeName) deleteRef(this.nodeIndex, old.spec.nodeName, key);
    this.notify({ type: 'DELETED', gk, obj: old });
    return old;
  }

  private notify(ev: WatchEvent): void {
    for (const w of this.watchers) w(ev);
  }

  /**
   * What a save writes, section by section in kind and namespace order: the objects of a section
   * read or written in this session, or `unchanged` for one never read or read and left alone.
   */
  sections(): { gk: string; ns: string; objects?: KObject[]; count: number }[] {
    const out: { gk: string; ns: string; objects?: KObject[]; count: number }[] = [];
    const gks = [...new Set([...this.tables.keys(), ...this.pending.keys()])].sort();
    for (const gk of gks) {
      const t = this.tables.get(gk);
      const pend = this.pending.get(gk);
      const nss = new Set<string>(pend ? pend.keys() : []);
      const loaded = new Map<string, KObject[]>();
      if (t) {
        for (const o of t.list()) {
          const ns = o.metadata.namespace ?? '';
          let arr = loaded.get(ns);
          if (!arr) loaded.set(ns, (arr = []));
          arr.push(o);
        }
      }
      for (const ns of loaded.keys()) nss.add(ns);
      // a section emptied by deletes is written (as nothing) so it does not come back
      if (t) for (const id of this.dirty) if (id.startsWith(`${gk}\u0000`)) nss.add(id.slice(gk.length + 1));
      for (const ns of [...nss].sort()) {
        const p = pend?.get(ns);
        if (p !== undefined) out.push({ gk, ns, count: p });
        else {
          const objects = loaded.get(ns) ?? [];
          out.push(this.dirty.has(`${gk}\u0000${ns}`) || !this.source ? { gk, ns, objects, count: objects.length } : { gk, ns, count: objects.length });
        }
      }
    }
    return out;
  }
}

function parsedRefs(index: RefIndex, uid: string): [string, string][] {
  const entry = index.get(uid);
  if (!entry) return [];
  return (entry.parsed ??= [...entry.refs].sort().map((ref) => {
    const bar = ref.indexOf('|');
    return [ref.slice(0, bar), ref.slice(bar + 1)];
  }));
}
