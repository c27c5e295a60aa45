// The simulated kube-apiserver: every write goes through here, in the order the real server applies
// its stages — decode (strict fields), defaulting, mutating admission, validation, validating
// admission, storage. Verbs and controllers talk to it exactly as clients talk to the API server.
import { applyDefaults } from './defaults';
import { validateCreate, validateUpdate } from './validation';
import { checkFields, strictDecodingError, fieldWarnings, normalizeDecoded } from './schema';
import {
  alreadyExists,
  conflict,
  fieldErr,
  InvalidError,
  KubeError,
  notFound,
  StatusError,
  type FieldError,
} from './errors';
import { generateName } from './naming';
import { apiVersionOf, gkOf, registry, resourceString, type KindInfo } from './registry';
import { convertToStorage } from './conversion';
import { clone, type KObject } from './types';
import type { Store } from '../store/store';
import type { Clock } from '../sim/clock';
import type { Random } from '../sim/random';
import { deepEqual } from './equality';
import { decodeCustomResource, crdForKind, hasStatusSubresource, validateCustomResource } from './crschema';

/** The version part of an apiVersion (`apps/v1` → `v1`), as the decode error names it. */
function versionOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? apiVersion : apiVersion.slice(i + 1);
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** Server-side dry run: every stage runs, nothing is stored. */
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /** Warnings to show the user (`Warning: …` lines on stderr). */
  warnings?: string[];
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  /** UID precondition. */
  uid?: string;
}

export interface AdmissionAttributes {
  op: Operation;
  gk: string;
  info: KindInfo;
  obj: KObject;
  old?: KObject;
  api: ApiServer;
  dryRun: boolean;
}

/** An admission plugin, as kube-apiserver's: mutate first, then validate. Throw to reject. */
export interface AdmissionPlugin {
  name: string;
  admit?(a: AdmissionAttributes): void;
  validate?(a: AdmissionAttributes): void;
}

/** Per-kind storage strategy hooks (PrepareForCreate/Update, allocators, on-delete behaviour). */
export interface KindStrategy {
  prepareForCreate?(obj: KObject, api: ApiServer): void;
  prepareForUpdate?(obj: KObject, old: KObject, api: ApiServer): void;
  /** Allocation that must be undone if the write fails (ClusterIPs, NodePorts). */
  allocate?(obj: KObject, old: KObject | undefined, api: ApiServer): FieldError[];
  release?(obj: KObject, api: ApiServer): void;
  /** Whether a spec change bumps generation (default: any change outside metadata/status). */
  specChanged?(obj: KObject, old: KObject): boolean;
}

export function forbidden(info: KindInfo, name: string, reason: string): StatusError {
  return new StatusError('Forbidden', `${resourceString(info)} "${name}" is forbidden: ${reason}`);
}

export class ApiServer {
  readonly admission: AdmissionPlugin[] = [];
  readonly strategies = new Map<string, KindStrategy>();

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly rng: Random,
  ) {}

  /** Resolves a manifest's apiVersion/kind; undefined if 1.32 does not serve it. */
  kindOf(obj: { apiVersion?: string; kind?: string }): KindInfo | undefined {
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return undefined;
    return registry.forApiVersionKind(obj.apiVersion, obj.kind);
  }

  get(gk: string, namespace: string | undefined, name: string): KObject {
    const info = registry.mustGroupKind(gk);
    const o = this.store.get(gk, info.namespaced ? namespace : undefined, name);
    if (!o) throw notFound(info.plural, info.group, name);
    return o;
  }

  tryGet(gk: string, namespace: string | undefined, name: string): KObject | undefined {
    const info = registry.byGroupKind(gk);
    if (!info) return undefined;
    return this.store.get(gk, info.namespaced ? namespace : undefined, name);
  }

  /**
   * Decoding the body into the Go type: a value of the wrong type fails under every field validation
   * directive; unknown fields fail under Strict, become `Warning:` lines under Warn, and are dropped
   * silently under Ignore (normalizeDecoded prunes them).
   */
  private decodeCheck(info: KindInfo, obj: KObject, opts: WriteOptions): void {
    if (info.custom) return;
    const mode = opts.fieldValidation ?? 'Strict';
    const check = checkFields(obj.apiVersion, obj.kind, obj);
    const version = versionOf(obj.apiVersion);
    if (check.typeError !== undefined) throw new StatusError('BadRequest', strictDecodingError(info.kind, version, { unknown: [], duplicate: [], typeError: check.typeError })!);
    if (mode === 'Strict') {
      const msg = strictDecodingError(info.kind, version, check);
      if (msg) throw new StatusError('BadRequest', msg);
    } else if (mode === 'Warn') opts.warnings?.push(...fieldWarnings(check));
  }

  /** Custom resources decode against their CRD's schema; with the status subresource a create drops status. */
  private decodeCustom(info: KindInfo, obj: KObject, opts: WriteOptions, create: boolean): void {
    decodeCustomResource(this.store, info, obj, opts.fieldValidation ?? 'Strict', opts.warnings);
    const crd = crdForKind(this.store, info);
    if (create && crd && hasStatusSubresource(crd, info.version)) delete obj.status;
  }

  /** POST: creates an object. Returns the stored object (or what would be stored, on dry run). */
  create(input: KObject, opts: WriteOptions = {}): KObject {
    const info = this.kindOf(input);
    if (!info) throw new StatusError('NotFound', `the server could not find the requested resource`);
    this.decodeCheck(info, input, opts);
    const obj = clone(input);
    normalizeDecoded(input.apiVersion, input.kind, obj, (opts.fieldValidation ?? 'Strict') !== 'Strict' && !info.custom);
    // version conversion to the storage version
    convertToStorage(obj);
    obj.apiVersion = apiVersionOf(info);
    obj.metadata = obj.metadata ?? ({} as KObject['metadata']);
    const gk = gkOf(info.kind, info.group);
    if (!info.namespaced) delete obj.metadata.namespace;
    else if (!obj.metadata.namespace) obj.metadata.namespace = 'default';
    if (!obj.metadata.name && !obj.metadata.generateName)
      throw new InvalidError(info.kind, info.group, '', [fieldErr.required('metadata.name', 'name or generateName is required')]);
    // fields the server owns
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'selfLink'] as const) {
      delete (obj.metadata as Record<string, unknown>)[f];
    }
    applyDefaults(gk, obj);
    if (info.custom) this.decodeCustom(info, obj, opts, true);
    const strategy = this.strategies.get(gk);
    strategy?.prepareForCreate?.(obj, this);
    const attrs: AdmissionAttributes = { op: 'CREATE', gk, info, obj, api: this, dryRun: !!opts.dryRun };
    for (const p of this.admission) p.admit?.(attrs);
    // the name is generated by the storage layer, after mutating admission (BeforeCreate): admission
    // errors name the object by its generateName, as `pods "web-7c5ddbdf54-" is forbidden: …`
    if (!obj.metadata.name) obj.metadata.name = generateName(this.rng, obj.metadata.generateName!);
    const errs = validateCreate(gk, obj);
    if (info.custom) errs.push(...validateCustomResource(this.store, info, obj));
    if (errs.length) throw new InvalidError(info.kind, info.group, obj.metadata.name, errs);
    for (const p of this.admission) p.validate?.(attrs);
    const existing = this.store.get(gk, obj.metadata.namespace, obj.metadata.name);
    if (existing) {
      // the registry store says why a name is still taken when its holder is on its way out
      const e = alreadyExists(info.plural, info.group, obj.metadata.name);
      throw existing.metadata.deletionTimestamp ? e.withContext('object is being deleted: ') : e;
    }
    const allocErrs = strategy?.allocate?.(obj, undefined, this) ?? [];
    if (allocErrs.length) throw new InvalidError(info.kind, info.group, obj.metadata.name, allocErrs);
    // a strategy may have assigned the uid already (the Job's generates its selector from it)
    if (!obj.metadata.uid) obj.metadata.uid = this.rng.uuid();
    obj.metadata.creationTimestamp = this.clock.rfc3339();
    if (info.generation) obj.metadata.generation = 1;
    if (opts.dryRun) {
      strategy?.release?.(obj, this);
      obj.metadata.resourceVersion = String(this.store.resourceVersion);
      return obj;
    }
    return this.store.put(gk, obj);
  }

  /** PUT: replaces an object's spec and metadata (status is kept: it has its own subresource). */
  update(input: KObject, opts: WriteOptions = {}): KObject {
    const info = this.kindOf(input);
    if (!info) throw new StatusError('NotFound', `the server could not find the requested resource`);
    this.decodeCheck(info, input, opts);
    const gk = gkOf(info.kind, info.group);
    const ns = info.namespaced ? input.metadata.namespace || 'default' : undefined;
    const old = this.store.get(gk, ns, input.metadata.name);
    if (!old) throw notFound(info.plural, info.group, input.metadata.name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion)
      throw conflict(info.plural, info.group, input.metadata.name);
    const obj = clone(input);
    normalizeDecoded(input.apiVersion, input.kind, obj, (opts.fieldValidation ?? 'Strict') !== 'Strict' && !info.custom);
    convertToStorage(obj);
    obj.apiVersion = apiVersionOf(info);
    if (ns) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    // server-owned metadata survives
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete obj.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    delete obj.metadata.managedFields;
    if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
    else delete obj.metadata.generation;
    applyDefaults(gk, obj);
    if (info.custom) this.decodeCustom(info, obj, opts, false);
    // status is owned by controllers (custom resources: only with the status subresource)
    const crd = info.custom ? crdForKind(this.store, info) : undefined;
    if (!info.custom || (crd && hasStatusSubresource(crd, info.version))) {
      if ('status' in old) obj.status = clone(old.status);
      else delete obj.status;
    }
    const strategy = this.strategies.get(gk);
    strategy?.prepareForUpdate?.(obj, old, this);
    const attrs: AdmissionAttributes = { op: 'UPDATE', gk, info, obj, old, api: this, dryRun: !!opts.dryRun };
    for (const p of this.admission) p.admit?.(attrs);
    const errs = validateUpdate(gk, obj, old);
    if (info.custom) errs.push(...validateCustomResource(this.store, info, obj));
    if (errs.length) throw new InvalidError(info.kind, info.group, obj.metadata.name, errs);
    for (const p of this.admission) p.validate?.(attrs);
    const allocErrs = strategy?.allocate?.(obj, old, this) ?? [];
    if (allocErrs.length) throw new InvalidError(info.kind, info.group, obj.metadata.name, allocErrs);
    const changedSpec = strategy?.specChanged ? strategy.specChanged(obj, old) : specChanged(obj, old);
    if (info.generation && changedSpec) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(obj, old)) return old; // a no-op update writes nothing
    if (opts.dryRun) return obj;
    return this.store.put(gk, obj);
  }

  /** Controllers' status writes (the /status subresource): only status (and metadata bookkeeping). */
  updateStatus(obj: KObject): KObject {
    const info = this.kindOf(obj)!;
    const gk = gkOf(info.kind, info.group);
    const old = this.store.get(gk, obj.metadata.namespace, obj.metadata.name);
    if (!old) throw notFound(info.plural, info.group, obj.metadata.name);
    if (deepEqual(obj.status, old.status)) return old;
    return this.store.put(gk, obj);
  }

  /**
   * DELETE. Pods on a node terminate gracefully (deletionTimestamp, then the kubelet removes them);
   * objects with finalizers wait for them; Foreground/Orphan propagation add their finalizers.
   * Returns the object as it now stands (terminating) or as it was (removed).
   */
  delete(gk: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): { obj: KObject; removed: boolean } {
    const info = registry.mustGroupKind(gk);
    const ns = info.namespaced ? namespace || 'default' : undefined;
    const cur = this.store.get(gk, ns, name);
    if (!cur) throw notFound(info.plural, info.group, name);
    if (opts.uid && cur.metadata.uid !== opts.uid)
      throw new StatusError('Conflict', `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata.uid}`);
    const attrs: AdmissionAttributes = { op: 'DELETE', gk, info, obj: cur, old: cur, api: this, dryRun: !!opts.dryRun };
    for (const p of this.admission) p.validate?.(attrs);
    if (opts.dryRun) return { obj: cur, removed: false };
    const obj = clone(cur);
    const policy = opts.propagationPolicy;
    const finalizers = new Set(obj.metadata.finalizers ?? []);
    if (policy === 'Foreground') {
      finalizers.add('foregroundDeletion');
      finalizers.delete('orphan');
    } else if (policy === 'Orphan') {
      finalizers.add('orphan');
      finalizers.delete('foregroundDeletion');
    }
    const now = this.clock.now();
    let grace = 0;
    if (gk === 'Pod') {
      const specGrace = obj.spec?.terminationGracePeriodSeconds ?? 30;
      grace = opts.gracePeriodSeconds ?? specGrace;
      if (grace < 0) grace = 0;
      // unscheduled or already finished pods go at once, as the pod strategy decides
      if (!obj.spec?.nodeName || obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed') grace = 0;
      if (opts.gracePeriodSeconds === 0) grace = 0;
    }
    if (gk === 'Namespace') {
      // the namespace controller empties it, then removes the kubernetes finalizer
      if (!obj.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = this.clock.rfc3339(now);
        obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
        obj.metadata.finalizers = finalizers.size ? [...finalizers] : undefined;
        if (!obj.metadata.finalizers) delete obj.metadata.finalizers;
        this.store.put(gk, obj);
      }
      return { obj: this.store.get(gk, ns, name)!, removed: false };
    }
    if (finalizers.size > 0 || grace > 0) {
      if (obj.metadata.deletionTimestamp) {
        // already terminating: a shorter grace period may shorten it
        if (gk === 'Pod' && grace < (obj.metadata.deletionGracePeriodSeconds ?? Infinity)) {
          obj.metadata.deletionGracePeriodSeconds = grace;
          obj.metadata.deletionTimestamp = this.clock.rfc3339(now + grace * 1000);
          if (grace === 0 && finalizers.size === 0) return { obj: this.remove(gk, obj), removed: true };
          this.store.put(gk, obj);
        }
        return { obj: this.store.get(gk, ns, name)!, removed: false };
      }
      obj.metadata.deletionTimestamp = this.clock.rfc3339(now + grace * 1000);
      if (gk === 'Pod') obj.metadata.deletionGracePeriodSeconds = grace;
      else obj.metadata.deletionGracePeriodSeconds = 0;
      obj.metadata.finalizers = [...finalizers];
      if (obj.metadata.finalizers.length === 0) delete obj.metadata.finalizers;
      if (info.generation) obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
      return { obj: this.store.put(gk, obj), removed: false };
    }
    return { obj: this.remove(gk, cur), removed: true };
  }

  /** Removes an object from storage now (the end of every deletion path). */
  remove(gk: string, obj: KObject): KObject {
    const removed = this.store.remove(gk, obj.metadata.namespace, obj.metadata.name);
    if (removed) this.strategies.get(gk)?.release?.(removed, this);
    return removed ?? obj;
  }

  /** Drops one finalizer; removes the object when it was the last one and deletion was requested. */
  removeFinalizer(gk: string, obj: KObject, finalizer: string): void {
    const cur = this.store.get(gk, obj.metadata.namespace, obj.metadata.name);
    if (!cur) return;
    const rest = (cur.metadata.finalizers ?? []).filter((f: string) => f !== finalizer);
    if (rest.length === (cur.metadata.finalizers ?? []).length) return;
    if (rest.length === 0 && cur.metadata.deletionTimestamp && !(gk === 'Pod' && cur.status?.phase !== 'Succeeded' && cur.status?.phase !== 'Failed' && cur.spec?.nodeName && Date.parse(cur.metadata.deletionTimestamp) > this.clock.now())) {
      this.remove(gk, cur);
      return;
    }
    const next = clone(cur);
    if (rest.length) next.metadata.finalizers = rest;
    else delete next.metadata.finalizers;
    this.store.put(gk, next);
  }

  /** Wraps errors from a manifest the way kubectl's resource builder does. */
  static contextualize(e: unknown, verb: 'creating' | 'applying' | 'patching' | 'replacing' | 'deleting' | 'retrieving current configuration of', source: string | undefined): unknown {
    if (source && e instanceof StatusError && e.reason !== 'Invalid') return e.withContext(`error when ${verb} "${source}": `);
    return e;
  }
}

/** A change outside metadata and status (what bumps metadata.generation). */
export function specChanged(obj: KObject, old: KObject): boolean {
  for (const k of new Set([...Object.keys(obj), ...Object.keys(old)])) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind') continue;
    if (!deepEqual(obj[k], old[k])) return true;
  }
  return false;
}

export { KubeError };
