import { describe, expect, it } from 'vitest';
import { ADMIN_USER, authorize, impersonatedUser, ruleAllows, rulesFor, type Attributes } from '../../src/api/rbac';
import { testCluster } from './support/cluster';
import type { KObject } from '../../src/api/types';

const res = (verb: string, resource: string, o: Partial<Extract<Attributes, { kind: 'resource' }>> = {}): Attributes => ({ kind: 'resource', verb, namespace: 'default', apiGroup: '', resource, subresource: '', name: '', ...o });

describe('RBAC rule matching', () => {
  it('verbs, groups and resources with wildcards', () => {
    const rule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] };
    expect(ruleAllows(res('get', 'pods'), rule)).toBe(true);
    expect(ruleAllows(res('delete', 'pods'), rule)).toBe(false);
    expect(ruleAllows(res('get', 'pods', { apiGroup: 'apps' }), rule)).toBe(false);
    expect(ruleAllows(res('get', 'deployments', { apiGroup: 'apps' }), { apiGroups: ['*'], resources: ['*'], verbs: ['*'] })).toBe(true);
  });

  it('subresources only match when named (or */sub)', () => {
    expect(ruleAllows(res('get', 'pods', { subresource: 'log' }), { apiGroups: [''], resources: ['pods'], verbs: ['get'] })).toBe(false);
    expect(ruleAllows(res('get', 'pods', { subresource: 'log' }), { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] })).toBe(true);
    expect(ruleAllows(res('get', 'pods', { subresource: 'log' }), { apiGroups: [''], resources: ['*/log'], verbs: ['get'] })).toBe(true);
  });

  it('resourceNames restrict to named requests', () => {
    const rule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get', 'list'] };
    expect(ruleAllows(res('get', 'configmaps', { name: 'app' }), rule)).toBe(true);
    expect(ruleAllows(res('get', 'configmaps', { name: 'other' }), rule)).toBe(false);
    expect(ruleAllows(res('list', 'configmaps'), rule)).toBe(false);
  });

  it('non-resource URLs with a trailing wildcard', () => {
    const rule = { nonResourceURLs: ['/logs/*', '/healthz'], verbs: ['get'] };
    expect(ruleAllows({ kind: 'nonResource', verb: 'get', path: '/logs/kubelet.log' }, rule)).toBe(true);
    expect(ruleAllows({ kind: 'nonResource', verb: 'get', path: '/healthz' }, rule)).toBe(true);
    expect(ruleAllows({ kind: 'nonResource', verb: 'get', path: '/metrics' }, rule)).toBe(false);
  });
});

describe('impersonation', () => {
  it('service accounts get their groups, users get system:authenticated', () => {
    expect(impersonatedUser('system:serviceaccount:dev:ci', [])).toEqual({ name: 'system:serviceaccount:dev:ci', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] });
    expect(impersonatedUser('jane', [])).toEqual({ name: 'jane', groups: ['system:authenticated'] });
    expect(impersonatedUser('jane', ['devs'])).toEqual({ name: 'jane', groups: ['devs', 'system:authenticated'] });
  });
});

describe('RBAC authorizer over the default cluster', () => {
  const rb = (name: string, roleRef: Record<string, string>, subjects: Record<string, string>[], ns = 'default'): KObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  });

  it('the admin user is a cluster-admin through kubeadm:cluster-admins', () => {
    const c = testCluster();
    expect(authorize(c.ctx.store, ADMIN_USER, res('delete', 'nodes', { namespace: '' }))).toEqual({ allowed: true, reason: '' });
  });

  it('aggregates admin, edit and view from the system:aggregate-to-* roles', () => {
    const c = testCluster();
    const rules = (n: string) => c.get('ClusterRole.rbac.authorization.k8s.io', undefined, n)!.rules as { resources?: string[]; verbs: string[] }[];
    const has = (n: string, resource: string, verb: string) => rules(n).some((r) => (r.resources ?? []).includes(resource) && r.verbs.includes(verb));
    expect(has('view', 'pods', 'list')).toBe(true);
    expect(has('view', 'secrets', 'get')).toBe(false);
    expect(has('edit', 'secrets', 'get')).toBe(true);
    expect(has('edit', 'deployments', 'create')).toBe(true);
    expect(has('edit', 'roles', 'create')).toBe(false);
    expect(has('admin', 'roles', 'create')).toBe(true);
    expect(has('admin', 'pods', 'list')).toBe(true);
  });

  it('a Role bound to a service account allows only in its namespace', () => {
    const c = testCluster();
    c.apply(
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] },
      rb('read', { kind: 'Role', name: 'pod-reader' }, [{ kind: 'ServiceAccount', name: 'bot', namespace: 'default' }]),
    );
    const bot = impersonatedUser('system:serviceaccount:default:bot', []);
    expect(authorize(c.ctx.store, bot, res('list', 'pods')).allowed).toBe(true);
    expect(authorize(c.ctx.store, bot, res('delete', 'pods')).allowed).toBe(false);
    expect(authorize(c.ctx.store, bot, res('list', 'pods', { namespace: 'kube-system' })).allowed).toBe(false);
    expect(authorize(c.ctx.store, bot, res('list', 'pods', { namespace: '' })).allowed).toBe(false);
    // every authenticated user may ask about itself and read discovery
    expect(authorize(c.ctx.store, bot, res('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io', namespace: '' })).allowed).toBe(true);
    expect(authorize(c.ctx.store, bot, { kind: 'nonResource', verb: 'get', path: '/version' }).allowed).toBe(true);
  });

  it('a binding to a missing role denies with the RBAC reason', () => {
    const c = testCluster();
    c.apply(rb('broken', { kind: 'Role', name: 'nope' }, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'carol' }]));
    const carol = impersonatedUser('carol', []);
    expect(authorize(c.ctx.store, carol, res('get', 'pods'))).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "nope" not found' });
    expect(rulesFor(c.ctx.store, carol, 'default')).toMatchObject({ incomplete: true, evaluationError: 'role.rbac.authorization.k8s.io "nope" not found' });
  });

  it('a RoleBinding to a ClusterRole grants it in the binding namespace only', () => {
    const c = testCluster();
    c.apply(rb('viewers', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }], 'kube-system'));
    const dev = impersonatedUser('dan', ['devs']);
    expect(authorize(c.ctx.store, dev, res('get', 'deployments', { apiGroup: 'apps', namespace: 'kube-system' })).allowed).toBe(true);
    expect(authorize(c.ctx.store, dev, res('get', 'deployments', { apiGroup: 'apps', namespace: 'default' })).allowed).toBe(false);
    expect(authorize(c.ctx.store, dev, res('get', 'secrets', { namespace: 'kube-system' })).allowed).toBe(false);
  });

  it('re-aggregates when a new ClusterRole carries an aggregate-to label', () => {
    const c = testCluster();
    c.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'crontab-viewer', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list', 'watch'] }],
    });
    const user = impersonatedUser('v', []);
    c.apply(rb('v', { kind: 'ClusterRole', name: 'admin' }, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'v' }]));
    expect(authorize(c.ctx.store, user, res('list', 'crontabs', { apiGroup: 'stable.example.com' })).allowed).toBe(true);
  });
});
