// The kinds registry: the single table of every API resource the simulated server serves
// (Kubernetes 1.32's built-in resources, plus kinds registered at run time by CRDs). It drives
// argument parsing (`get po`, `deployments.apps`, `deploy/web`), printing (kind prefixes, NotFound
// texts) and `api-resources`.
import { CliError, RawError } from './errors';

export interface KindInfo {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  /** Preferred (storage) version. */
  version: string;
  /** Other versions the server still serves for this kind (converted on the way in). */
  otherVersions?: string[];
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories?: string[];
  verbs: string[];
  /** Objects whose spec changes bump metadata.generation. */
  generation?: boolean;
  /** Registered by a CustomResourceDefinition. */
  custom?: boolean;
  /** A virtual/create-only resource (reviews, bindings): listed by api-resources, never stored. */
  virtual?: boolean;
}

/** Group-kind key used throughout the store: `Pod`, `Deployment.apps`. */
export function gkOf(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const ALL = ['all'];

function k(
  kind: string,
  group: string,
  version: string,
  plural: string,
  shortNames: string[],
  namespaced: boolean,
  extra: Partial<KindInfo> = {},
): KindInfo {
  return { kind, group, version, plural, singular: kind.toLowerCase(), shortNames, namespaced, verbs: CRUD, ...extra };
}

/** Kubernetes 1.32 built-in resources (kubectl api-resources on a 1.32 cluster). */
const BUILTIN: KindInfo[] = [
  k('Binding', '', 'v1', 'bindings', [], true, { verbs: ['create'], virtual: true }),
  k('ComponentStatus', '', 'v1', 'componentstatuses', ['cs'], false, { verbs: ['get', 'list'], virtual: true }),
  k('ConfigMap', '', 'v1', 'configmaps', ['cm'], true),
  k('Endpoints', '', 'v1', 'endpoints', ['ep'], true),
  k('Event', '', 'v1', 'events', ['ev'], true),
  k('LimitRange', '', 'v1', 'limitranges', ['limits'], true),
  k('Namespace', '', 'v1', 'namespaces', ['ns'], false, { verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  k('Node', '', 'v1', 'nodes', ['no'], false),
  k('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', ['pvc'], true),
  k('PersistentVolume', '', 'v1', 'persistentvolumes', ['pv'], false),
  k('Pod', '', 'v1', 'pods', ['po'], true, { categories: ALL }),
  k('PodTemplate', '', 'v1', 'podtemplates', [], true),
  k('ReplicationController', '', 'v1', 'replicationcontrollers', ['rc'], true, { categories: ALL, generation: true }),
  k('ResourceQuota', '', 'v1', 'resourcequotas', ['quota'], true),
  k('Secret', '', 'v1', 'secrets', [], true),
  k('ServiceAccount', '', 'v1', 'serviceaccounts', ['sa'], true),
  k('Service', '', 'v1', 'services', ['svc'], true, { categories: ALL }),
  k('MutatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', [], false, { generation: true }),
  k('ValidatingAdmissionPolicy', 'admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicies', [], false, { generation: true }),
  k('ValidatingAdmissionPolicyBinding', 'admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicybindings', [], false, { generation: true }),
  k('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', [], false, { generation: true }),
  k('CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', ['crd', 'crds'], false, { generation: true }),
  k('APIService', 'apiregistration.k8s.io', 'v1', 'apiservices', [], false),
  k('ControllerRevision', 'apps', 'v1', 'controllerrevisions', [], true),
  k('DaemonSet', 'apps', 'v1', 'daemonsets', ['ds'], true, { categories: ALL, generation: true }),
  k('Deployment', 'apps', 'v1', 'deployments', ['deploy'], true, { categories: ALL, generation: true }),
  k('ReplicaSet', 'apps', 'v1', 'replicasets', ['rs'], true, { categories: ALL, generation: true }),
  k('StatefulSet', 'apps', 'v1', 'statefulsets', ['sts'], true, { categories: ALL, generation: true }),
  k('SelfSubjectReview', 'authentication.k8s.io', 'v1', 'selfsubjectreviews', [], false, { verbs: ['create'], virtual: true }),
  k('TokenReview', 'authentication.k8s.io', 'v1', 'tokenreviews', [], false, { verbs: ['create'], virtual: true }),
  k('LocalSubjectAccessReview', 'authorization.k8s.io', 'v1', 'localsubjectaccessreviews', [], true, { verbs: ['create'], virtual: true }),
  k('SelfSubjectAccessReview', 'authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', [], false, { verbs: ['create'], virtual: true }),
  k('SelfSubjectRulesReview', 'authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', [], false, { verbs: ['create'], virtual: true }),
  k('SubjectAccessReview', 'authorization.k8s.io', 'v1', 'subjectaccessreviews', [], false, { verbs: ['create'], virtual: true }),
  k('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers', ['hpa'], true, { categories: ALL, otherVersions: ['v1'] }),
  k('CronJob', 'batch', 'v1', 'cronjobs', ['cj'], true, { categories: ALL, generation: true }),
  k('Job', 'batch', 'v1', 'jobs', [], true, { categories: ALL, generation: true }),
  k('CertificateSigningRequest', 'certificates.k8s.io', 'v1', 'certificatesigningrequests', ['csr'], false),
  k('Lease', 'coordination.k8s.io', 'v1', 'leases', [], true),
  k('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', [], true, { generation: true }),
  k('Event', 'events.k8s.io', 'v1', 'events', ['ev'], true),
  k('FlowSchema', 'flowcontrol.apiserver.k8s.io', 'v1', 'flowschemas', [], false, { generation: true }),
  k('PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io', 'v1', 'prioritylevelconfigurations', [], false, { generation: true }),
  k('IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', [], false, { generation: true }),
  k('Ingress', 'networking.k8s.io', 'v1', 'ingresses', ['ing'], true, { generation: true }),
  k('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', ['netpol'], true, { generation: true }),
  k('RuntimeClass', 'node.k8s.io', 'v1', 'runtimeclasses', [], false),
  k('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', ['pdb'], true, { generation: true }),
  k('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', [], false),
  k('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', [], false),
  k('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', [], true),
  k('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', [], true),
  k('PriorityClass', 'scheduling.k8s.io', 'v1', 'priorityclasses', ['pc'], false),
  k('CSIDriver', 'storage.k8s.io', 'v1', 'csidrivers', [], false),
  k('CSINode', 'storage.k8s.io', 'v1', 'csinodes', [], false),
  k('CSIStorageCapacity', 'storage.k8s.io', 'v1', 'csistoragecapacities', [], true),
  k('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', ['sc'], false),
  k('VolumeAttachment', 'storage.k8s.io', 'v1', 'volumeattachments', [], false),
];

/**
 * Which group an ambiguous short name or plural prefers when two groups serve it (`events` → core,
 * as discovery puts the legacy group first).
 */
class Registry {
  private kinds: KindInfo[] = [];
  private byGk = new Map<string, KindInfo>();
  private byGvk = new Map<string, KindInfo>();
  /**
   * Loads the kinds CRDs add, once, when a name is not found before a session has registered them
   * (verbs parse their resource arguments before opening the cluster).
   */
  private customLoader: (() => void) | undefined;

  /** Sets (or, with undefined, clears) the loader of custom kinds; a session that registered them clears it. */
  setCustomLoader(loader: (() => void) | undefined): void {
    this.customLoader = loader;
  }

  private loadCustom(): boolean {
    const load = this.customLoader;
    if (!load) return false;
    this.customLoader = undefined;
    load();
    return true;
  }

  constructor(builtins: KindInfo[]) {
    for (const info of builtins) this.add(info);
  }

  add(info: KindInfo): void {
    const gk = gkOf(info.kind, info.group);
    const existing = this.byGk.get(gk);
    if (existing) this.kinds = this.kinds.filter((x) => x !== existing);
    this.kinds.push(info);
    this.byGk.set(gk, info);
    for (const v of [info.version, ...(info.otherVersions ?? [])]) {
      this.byGvk.set(`${info.group}/${v}/${info.kind}`, info);
    }
  }

  remove(kind: string, group: string): void {
    const info = this.byGk.get(gkOf(kind, group));
    if (!info) return;
    this.kinds = this.kinds.filter((x) => x !== info);
    this.byGk.delete(gkOf(kind, group));
    for (const v of [info.version, ...(info.otherVersions ?? [])]) this.byGvk.delete(`${info.group}/${v}/${info.kind}`);
  }

  all(): readonly KindInfo[] {
    return this.kinds;
  }

  byGroupKind(gk: string): KindInfo | undefined {
    return this.byGk.get(gk);
  }

  mustGroupKind(gk: string): KindInfo {
    const info = this.byGk.get(gk);
    if (!info) throw new Error(`internal: unknown kind ${gk}`);
    return info;
  }

  /** Resolves `apiVersion` + `kind` of a manifest; undefined when 1.32 serves no such kind/version. */
  forApiVersionKind(apiVersion: string, kind: string): KindInfo | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return this.byGvk.get(`${group}/${version}/${kind}`);
  }

  /**
   * Resolves a resource argument as kubectl's RESTMapper does: plural, singular, short name or kind,
   * optionally qualified by `.group` or `.version.group` (`deployments.apps`, `deploy.v1.apps`).
   */
  resolve(arg: string): KindInfo | undefined {
    const found = this.resolveLoaded(arg);
    if (found || !this.loadCustom()) return found;
    return this.resolveLoaded(arg);
  }

  private resolveLoaded(arg: string): KindInfo | undefined {
    const lower = arg.toLowerCase();
    const direct = this.match(lower, undefined, undefined);
    if (direct) return direct;
    // qualified forms: resource.group or resource.version.group
    const dot = lower.indexOf('.');
    if (dot > 0) {
      const res = lower.slice(0, dot);
      const rest = lower.slice(dot + 1);
      const withGroup = this.match(res, rest, undefined);
      if (withGroup) return withGroup;
      const dot2 = rest.indexOf('.');
      if (dot2 > 0) {
        const version = rest.slice(0, dot2);
        const group = rest.slice(dot2 + 1);
        const withVersion = this.match(res, group, version);
        if (withVersion) return withVersion;
      }
      // `v1` alone as the group part means core: `pods.v1`
      const core = this.match(res, '', rest);
      if (core) return core;
    }
    return undefined;
  }

  private match(name: string, group: string | undefined, version: string | undefined): KindInfo | undefined {
    const candidates = this.kinds.filter(
      (i) =>
        !i.virtual &&
        (group === undefined || i.group === group) &&
        (version === undefined || i.version === version || (i.otherVersions ?? []).includes(version)),
    );
    const by = (pred: (i: KindInfo) => boolean) => {
      const found = candidates.filter(pred);
      if (found.length === 0) return undefined;
      // prefer the core group, then built-ins over custom kinds (discovery order)
      return found.find((i) => i.group === '') ?? found.find((i) => !i.custom) ?? found[0];
    };
    return (
      by((i) => i.plural === name) ??
      by((i) => i.singular === name) ??
      by((i) => i.shortNames.includes(name)) ??
      by((i) => i.kind.toLowerCase() === name)
    );
  }

  /** Resolves or throws kubectl's `the server doesn't have a resource type "foo"`. */
  mustResolve(arg: string): KindInfo {
    const info = this.resolve(arg);
    if (!info) throw new CliError(`the server doesn't have a resource type "${arg}"`);
    return info;
  }

  /** Kinds of a category (`all`), in discovery order. */
  category(name: string): KindInfo[] {
    // custom kinds join categories too (`get all` lists custom resources in the `all` category)
    this.loadCustom();
    const order = ['', 'apps', 'autoscaling', 'batch'];
    const inCat = this.kinds.filter((i) => i.categories?.includes(name));
    return inCat.sort((a, b) => {
      const ga = order.indexOf(a.group);
      const gb = order.indexOf(b.group);
      return (ga < 0 ? 99 : ga) - (gb < 0 ? 99 : gb);
    });
  }
}

export const registry = new Registry(BUILTIN);

/** `deployment.apps`, `pod`: the kind prefix kubectl prints in names (`deployment.apps/web`). */
export function kindPrefix(info: KindInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/** `deployments.apps`, `pods`: the resource string of NotFound/AlreadyExists messages. */
export function resourceString(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** Error for a manifest whose apiVersion/kind the 1.32 server does not serve. */
export function noMatchError(name: string, namespace: string, source: string, kind: string, apiVersion: string): RawError {
  return new RawError(
    `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
  );
}
