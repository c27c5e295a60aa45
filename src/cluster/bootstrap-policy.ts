// The default cluster's RBAC policy that `auth can-i` needs: the user-facing ClusterRoles
// (cluster-admin and the aggregated admin/edit/view with their system:aggregate-to-* parts), the
// ClusterRoles every authenticated user is bound to (system:basic-user, system:discovery,
// system:public-info-viewer), their bootstrap ClusterRoleBindings, and kubeadm's
// kubeadm:cluster-admins binding that makes kind's admin user a cluster-admin. Rules as the
// kube-apiserver's bootstrap policy (bootstrappolicy testdata, 1.3x) writes them; the
// clusterrole-aggregation controller fills in admin, edit and view.
import type { KObject } from '../api/types';

type Rule = [apiGroups: string[], resources: string[], verbs: string[]];

const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const R = ['get', 'list', 'watch'];

const AGGREGATE_TO_ADMIN: Rule[] = [
  [['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']],
  [['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']],
];

const AGGREGATE_TO_EDIT: Rule[] = [
  [[''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], R],
  [[''], ['serviceaccounts'], ['impersonate']],
  [[''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], RW],
  [[''], ['pods/eviction'], ['create']],
  [[''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], RW],
  [[''], ['serviceaccounts/token'], ['create']],
  [['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], RW],
  [['autoscaling'], ['horizontalpodautoscalers'], RW],
  [['batch'], ['cronjobs', 'jobs'], RW],
  [['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], RW],
  [['policy'], ['poddisruptionbudgets'], RW],
  [['networking.k8s.io'], ['ingresses', 'networkpolicies'], RW],
  [['coordination.k8s.io'], ['leases'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']],
];

const AGGREGATE_TO_VIEW: Rule[] = [
  [[''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], R],
  [[''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], R],
  [[''], ['namespaces'], R],
  [['discovery.k8s.io'], ['endpointslices'], R],
  [['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], R],
  [['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], R],
  [['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], R],
  [['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], R],
  [['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], R],
  [['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], R],
];

const rules = (rs: Rule[]) => rs.map(([apiGroups, resources, verbs]) => ({ apiGroups, resources, verbs }));

const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function clusterRole(name: string, body: Record<string, unknown>, labels: Record<string, string> = {}): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, annotations: { ...AUTOUPDATE }, labels: { ...BOOTSTRAP, ...labels } }, ...body };
}

const aggregateLabel = (to: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true' });
const aggregate = (to: string) => ({ aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregateLabel(to) }] }, rules: null });

function binding(name: string, role: string, subjects: { kind: string; name: string }[], bootstrap = true): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: bootstrap ? { name, annotations: { ...AUTOUPDATE }, labels: { ...BOOTSTRAP } } : { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: subjects.map((s) => ({ apiGroup: 'rbac.authorization.k8s.io', ...s })),
  };
}

export function bootstrapPolicy(): KObject[] {
  return [
    clusterRole('admin', aggregate('admin')),
    clusterRole('cluster-admin', { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }] }),
    clusterRole('edit', aggregate('edit'), aggregateLabel('admin')),
    clusterRole('system:aggregate-to-admin', { rules: rules(AGGREGATE_TO_ADMIN) }, aggregateLabel('admin')),
    clusterRole('system:aggregate-to-edit', { rules: rules(AGGREGATE_TO_EDIT) }, aggregateLabel('edit')),
    clusterRole('system:aggregate-to-view', { rules: rules(AGGREGATE_TO_VIEW) }, aggregateLabel('view')),
    clusterRole('system:basic-user', {
      rules: [
        { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
        { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
      ],
    }),
    clusterRole('system:discovery', { rules: [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }] }),
    clusterRole('system:public-info-viewer', { rules: [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }] }),
    clusterRole('view', aggregate('view'), aggregateLabel('edit')),
    binding('cluster-admin', 'cluster-admin', [{ kind: 'Group', name: 'system:masters' }]),
    binding('kubeadm:cluster-admins', 'cluster-admin', [{ kind: 'Group', name: 'kubeadm:cluster-admins' }], false),
    binding('system:basic-user', 'system:basic-user', [{ kind: 'Group', name: 'system:authenticated' }]),
    binding('system:discovery', 'system:discovery', [{ kind: 'Group', name: 'system:authenticated' }]),
    binding('system:public-info-viewer', 'system:public-info-viewer', [
      { kind: 'Group', name: 'system:authenticated' },
      { kind: 'Group', name: 'system:unauthenticated' },
    ]),
  ];
}
