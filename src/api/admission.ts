// Admission plugins of the simulated API server, in kube-apiserver's default order. Later stages of
// the project add LimitRanger, ResourceQuota, DefaultStorageClass… by pushing onto `api.admission`.
import { forbidden, type AdmissionPlugin, type ApiServer } from './server';
import { notFound, StatusError } from './errors';
import { randomString } from './naming';
import type { KObject } from './types';
import { defaultStorageClassAdmission, storageObjectInUseProtection } from './admission-storage';
import { defaultIngressClass } from './admission-net';
import { limitRanger } from './limitranger';
import { resourceQuotaAdmission } from './resourcequota';

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** NamespaceLifecycle: no content in missing or terminating namespaces; system namespaces stay. */
export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate(a) {
    if (a.op === 'DELETE' && a.gk === 'Namespace' && IMMORTAL_NAMESPACES.has(a.obj.metadata.name))
      throw forbidden(a.info, a.obj.metadata.name, 'this namespace may not be deleted');
  },
  admit(a) {
    if (a.op !== 'CREATE' || !a.info.namespaced) return;
    const ns = a.obj.metadata.namespace!;
    const n = a.api.store.get('Namespace', undefined, ns);
    if (!n) throw notFound('namespaces', '', ns);
    if (n.metadata.deletionTimestamp || n.status?.phase === 'Terminating') {
      if (a.gk === 'Event' || a.gk === 'Event.events.k8s.io') return;
      throw forbidden(a.info, a.obj.metadata.name || a.obj.metadata.generateName || '', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  },
};

/**
 * ServiceAccount: pods run as `default` unless they name another account, which must exist; the
 * projected `kube-api-access-xxxxx` token volume is added and mounted read-only in every container.
 */
export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(a) {
    if (a.op !== 'CREATE' || a.gk !== 'Pod') return;
    const pod = a.obj;
    const spec = (pod.spec ??= {});
    // mirror pods (static pods) are left alone
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) return;
    if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const ns = pod.metadata.namespace!;
    const sa = a.api.store.get('ServiceAccount', ns, spec.serviceAccountName);
    if (!sa) {
      throw forbidden(a.info, pod.metadata.name || pod.metadata.generateName || '', `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
    }
    const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
    if (!automount) return;
    const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
    const has = (c: { volumeMounts?: { mountPath: string }[] }) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath);
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    if (containers.length && containers.every(has)) return;
    const existing = (spec.volumes ?? []).find((v: { name: string }) => (v.name ?? '').startsWith('kube-api-access-'));
    const volName = existing?.name ?? `kube-api-access-${randomString(a.api.rng, 5)}`;
    if (!existing) {
      spec.volumes = [
        ...(spec.volumes ?? []),
        {
          name: volName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ];
    }
    for (const list of [spec.initContainers, spec.containers]) {
      for (const c of list ?? []) {
        if (has(c)) continue;
        c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath, name: volName, readOnly: true }];
      }
    }
  },
};

/** DefaultTolerationSeconds: pods tolerate not-ready/unreachable nodes for 300 s. */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(a) {
    if (a.op !== 'CREATE' || a.gk !== 'Pod') return;
    const spec = (a.obj.spec ??= {});
    const tol: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[] = spec.tolerations ?? [];
    const covers = (key: string) => tol.some((t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
    const add: typeof tol = [];
    if (!covers('node.kubernetes.io/not-ready')) add.push({ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 });
    if (!covers('node.kubernetes.io/unreachable')) add.push({ effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 });
    if (add.length) spec.tolerations = [...tol, ...add];
  },
};

export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** Priority: resolves priorityClassName (or the global default class) into spec.priority. */
export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(a) {
    if (a.op !== 'CREATE' || a.gk !== 'Pod') return;
    const spec = (a.obj.spec ??= {});
    const name: string | undefined = spec.priorityClassName;
    let value = 0;
    let policy = 'PreemptLowerPriority';
    if (name) {
      const pc = a.api.store.get('PriorityClass.scheduling.k8s.io', undefined, name);
      if (pc) {
        value = pc.value ?? 0;
        policy = pc.preemptionPolicy ?? policy;
      } else if (name in SYSTEM_PRIORITY_CLASSES) value = SYSTEM_PRIORITY_CLASSES[name]!;
      else throw forbidden(a.info, a.obj.metadata.name || a.obj.metadata.generateName || '', `no PriorityClass with name ${name} was found`);
    } else {
      const def = a.api.store.list('PriorityClass.scheduling.k8s.io').find((pc) => pc.globalDefault);
      if (def) {
        spec.priorityClassName = def.metadata.name;
        value = def.value ?? 0;
        policy = def.preemptionPolicy ?? policy;
      }
    }
    if (spec.priority !== undefined && spec.priority !== value)
      throw forbidden(a.info, a.obj.metadata.name || a.obj.metadata.generateName || '', 'the integer value of priority (' + spec.priority + ') must not be provided in pod spec; priority admission controller computed ' + value + ' from the given PriorityClass name');
    spec.priority = value;
    spec.preemptionPolicy = spec.preemptionPolicy ?? policy;
  },
};

export function installDefaultAdmission(api: ApiServer): void {
  // kube-apiserver's order: NamespaceLifecycle, LimitRanger, ServiceAccount, …, Priority,
  // DefaultTolerationSeconds, …, DefaultStorageClass, StorageObjectInUseProtection, …,
  // DefaultIngressClass, …, ResourceQuota (last)
  api.admission.push(namespaceLifecycle, limitRanger, serviceAccountAdmission, priorityAdmission, defaultTolerationSeconds, defaultStorageClassAdmission, storageObjectInUseProtection, defaultIngressClass, resourceQuotaAdmission);
}

export type { KObject };
export { StatusError };
