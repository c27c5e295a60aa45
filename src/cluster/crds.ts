// Kinds registered at run time by CustomResourceDefinitions: each established CRD serves its kind
// (plural, singular, short names, categories, scope) in its served versions, the preferred one
// first (the kube-aware version order discovery uses: v2 > v1 > v1beta2 > v1beta1 > v1alpha1).
// Sessions register them from the store when they load; verbs that parse resource names before
// opening the cluster get them through the registry's loader, which reads the state file.
import { closeSync } from 'node:fs';
import { openStateFile } from '../store/statefile';
import { StateSource } from '../store/stateformat';
import type { Store } from '../store/store';
import { pushAll, type KObject } from '../api/types';
import { registry, type KindInfo } from '../api/registry';

export const CRD_GK = 'CustomResourceDefinition.apiextensions.k8s.io';
const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function versionRank(v: string): [number, number, number, string] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [0, 0, 0, v];
  const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [level, Number(m[1]), m[3] === undefined ? 0 : Number(m[3]), v];
}

/** CompareKubeAwareVersionStrings, highest priority first. */
export function compareVersions(a: string, b: string): number {
  const ra = versionRank(a);
  const rb = versionRank(b);
  if (ra[0] !== rb[0]) return rb[0] - ra[0];
  if (ra[0] === 0) return ra[3] < rb[3] ? -1 : ra[3] > rb[3] ? 1 : 0;
  if (ra[1] !== rb[1]) return rb[1] - ra[1];
  return rb[2] - ra[2];
}

/** The served version names of a CRD, preferred first. */
export function servedVersions(crd: KObject): string[] {
  const vs: { name?: string; served?: boolean }[] = crd.spec?.versions ?? [];
  return vs.filter((v) => v.served !== false && v.name).map((v) => v.name!).sort(compareVersions);
}

export function isEstablished(crd: KObject): boolean {
  return ((crd.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === 'Established' && c.status === 'True');
}

/** The kind a CRD serves, or undefined when it serves none (no served version, no names). */
export function kindInfoForCrd(crd: KObject): KindInfo | undefined {
  const names = crd.status?.acceptedNames ?? crd.spec?.names ?? {};
  const versions = servedVersions(crd);
  if (!names.kind || !names.plural || !crd.spec?.group || versions.length === 0) return undefined;
  return {
    kind: names.kind,
    group: crd.spec.group,
    version: versions[0]!,
    otherVersions: versions.slice(1),
    plural: names.plural,
    singular: names.singular || String(names.kind).toLowerCase(),
    shortNames: [...(names.shortNames ?? [])],
    namespaced: crd.spec.scope !== 'Cluster',
    ...(names.categories?.length ? { categories: [...names.categories] } : {}),
    verbs: CRUD,
    generation: true,
    custom: true,
  };
}

/** Makes the registry's custom kinds exactly those of the established CRDs given. */
export function registerCrds(crds: KObject[]): void {
  const wanted = new Map<string, KindInfo>();
  for (const crd of crds) {
    if (crd.metadata.deletionTimestamp || !isEstablished(crd)) continue;
    const info = kindInfoForCrd(crd);
    if (info) wanted.set(`${info.kind}.${info.group}`, info);
  }
  for (const info of registry.all().filter((i) => i.custom)) {
    if (!wanted.has(`${info.kind}.${info.group}`)) registry.remove(info.kind, info.group);
  }
  for (const info of wanted.values()) registry.add(info);
}

export function registerCustomKinds(store: Store): void {
  registry.setCustomLoader(undefined);
  registerCrds(store.list(CRD_GK));
}

/**
 * Lets verbs resolve custom kinds before a session opens: on the first unknown resource name the
 * registry reads the CRDs from the state file (a read-only peek; writes are atomic renames).
 */
export function installCustomKindLoader(statePath: () => string): void {
  registry.setCustomLoader(() => {
    const file = statePath();
    let fd: number | undefined;
    try {
      fd = openStateFile(file);
    } catch {
      return; // reported when the session opens the file
    }
    if (fd === undefined) return;
    let src: StateSource | undefined;
    try {
      src = StateSource.open(file, fd, () => {});
      const crds: KObject[] = [];
      for (const [gk, ns] of src.objectSections()) if (gk === CRD_GK) pushAll(crds, src.objects(gk, ns));
      registerCrds(crds);
    } catch {
      // a corrupt file is reported when the session opens it
    } finally {
      if (src) src.close();
      else closeSync(fd);
    }
  });
}
