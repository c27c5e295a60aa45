// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed when a rule of a role
// bound to the user allows it — ClusterRoleBindings everywhere, RoleBindings in their namespace.
// Also the SelfSubjectRulesReview's rule list (`auth can-i --list`) and the identities kubectl
// impersonates (`--as`).
import type { Store } from '../store/store';
import type { KObject } from './types';

const RBAC = 'rbac.authorization.k8s.io';
export const CLUSTER_ROLE_GK = `ClusterRole.${RBAC}`;
export const ROLE_GK = `Role.${RBAC}`;
export const CLUSTER_ROLE_BINDING_GK = `ClusterRoleBinding.${RBAC}`;
export const ROLE_BINDING_GK = `RoleBinding.${RBAC}`;

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type Attributes =
  | { kind: 'resource'; verb: string; namespace: string; apiGroup: string; resource: string; subresource: string; name: string }
  | { kind: 'nonResource'; verb: string; path: string };

/**
 * The identity kubesim's kubectl acts as: kind's admin kubeconfig user (a client certificate with
 * CN=kubernetes-admin, O=kubeadm:cluster-admins since kubeadm 1.29), bound to cluster-admin by the
 * kubeadm:cluster-admins ClusterRoleBinding.
 */
export const ADMIN_USER: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

const SA_PREFIX = 'system:serviceaccount:';

/** The user an `--as`/`--as-group` impersonation yields (the impersonation filter's rules). */
export function impersonatedUser(as: string, asGroups: string[]): UserInfo {
  let groups = [...asGroups];
  if (as.startsWith(SA_PREFIX)) {
    const rest = as.slice(SA_PREFIX.length);
    const colon = rest.indexOf(':');
    const ns = colon < 0 ? rest : rest.slice(0, colon);
    if (groups.length === 0) groups = ['system:serviceaccounts', `system:serviceaccounts:${ns}`];
  }
  if (as !== 'system:anonymous' && !groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  return { name: as, groups };
}

function subjectMatches(s: { kind?: string; name?: string; namespace?: string }, user: UserInfo, bindingNs: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.name;
    case 'Group':
      return user.groups.includes(s.name ?? '');
    case 'ServiceAccount': {
      // a RoleBinding's subject without a namespace means the binding's namespace
      const ns = s.namespace || bindingNs;
      return !!ns && user.name === `${SA_PREFIX}${ns}:${s.name}`;
    }
  }
  return false;
}

function has(list: string[] | undefined, v: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === v);
}

// ResourceMatches: `*`, the resource, `resource/subresource`, or `*` followed by `/subresource`.
function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function nonResourceMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** RuleAllows. */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.kind === 'nonResource') return has(rule.verbs, a.verb) && nonResourceMatches(rule, a.path);
  if (!has(rule.verbs, a.verb) || !has(rule.apiGroups, a.apiGroup) || !resourceMatches(rule, a.resource, a.subresource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

/**
 * VisitRulesFor: the rules of every binding that applies to the user in the namespace ('' = only
 * cluster-wide bindings), with the errors of bindings whose role is missing. `visit` returning true
 * stops the walk.
 */
export function visitRulesFor(store: Store, user: UserInfo, namespace: string, visit: (rule: PolicyRule) => boolean): string[] {
  const errors: string[] = [];
  for (const b of store.list(CLUSTER_ROLE_BINDING_GK)) {
    if (!(b.subjects ?? []).some((s: { kind?: string; name?: string; namespace?: string }) => subjectMatches(s, user, ''))) continue;
    const role = store.get(CLUSTER_ROLE_GK, undefined, b.roleRef?.name ?? '');
    if (!role) {
      errors.push(`clusterrole.rbac.authorization.k8s.io "${b.roleRef?.name ?? ''}" not found`);
      continue;
    }
    for (const r of (role.rules ?? []) as PolicyRule[]) if (visit(r)) return errors;
  }
  if (!namespace) return errors;
  for (const b of store.list(ROLE_BINDING_GK, namespace)) {
    if (!(b.subjects ?? []).some((s: { kind?: string; name?: string; namespace?: string }) => subjectMatches(s, user, namespace))) continue;
    const kind = b.roleRef?.kind;
    const name = b.roleRef?.name ?? '';
    const role = kind === 'ClusterRole' ? store.get(CLUSTER_ROLE_GK, undefined, name) : store.get(ROLE_GK, namespace, name);
    if (!role) {
      errors.push(kind === 'ClusterRole' ? `clusterrole.rbac.authorization.k8s.io "${name}" not found` : `role.rbac.authorization.k8s.io "${name}" not found`);
      continue;
    }
    for (const r of (role.rules ?? []) as PolicyRule[]) if (visit(r)) return errors;
  }
  return errors;
}

/** Authorize: allowed, or denied with the reason the SubjectAccessReview carries. */
export function authorize(store: Store, user: UserInfo, a: Attributes): { allowed: boolean; reason: string } {
  // the privileged-group authorizer in front of RBAC
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  let allowed = false;
  const ns = a.kind === 'resource' ? a.namespace : '';
  const errors = visitRulesFor(store, user, ns, (r) => (allowed = ruleAllows(a, r)));
  if (allowed) return { allowed: true, reason: '' };
  const reason = errors.length === 0 ? '' : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`;
  return { allowed: false, reason };
}

/** RulesFor (SelfSubjectRulesReview): every rule that applies, plus whether the list is incomplete. */
export function rulesFor(store: Store, user: UserInfo, namespace: string): { rules: PolicyRule[]; incomplete: boolean; evaluationError: string } {
  const rules: PolicyRule[] = [];
  if (user.groups.includes('system:masters')) {
    rules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] });
  }
  const errors = visitRulesFor(store, user, namespace, (r) => {
    rules.push(r);
    return false;
  });
  return { rules, incomplete: errors.length > 0, evaluationError: errors.length ? (errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`) : '' };
}

/** The aggregated rules of a ClusterRole with an aggregationRule (clusterroleaggregation controller). */
export function aggregatedRules(store: Store, role: KObject): PolicyRule[] {
  const out: PolicyRule[] = [];
  const same = (a: PolicyRule, b: PolicyRule) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
  for (const sel of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const ml: Record<string, string> = sel.matchLabels ?? {};
    const exprs: { key: string; operator: string; values?: string[] }[] = sel.matchExpressions ?? [];
    const matches = (labels: Record<string, string> | undefined) =>
      Object.entries(ml).every(([k, v]) => labels?.[k] === v) &&
      exprs.every((e) => {
        const v = labels?.[e.key];
        switch (e.operator) {
          case 'In':
            return v !== undefined && (e.values ?? []).includes(v);
          case 'NotIn':
            return v === undefined || !(e.values ?? []).includes(v);
          case 'Exists':
            return v !== undefined;
          case 'DoesNotExist':
            return v === undefined;
        }
        return false;
      });
    // an empty selector selects nothing here, as LabelSelectorAsSelector(nil-ish) lists everything
    // only for a literally empty selector; ClusterRoles always give labels
    const roles = store.list(CLUSTER_ROLE_GK).filter((r) => r.metadata.name !== role.metadata.name && matches(r.metadata.labels));
    for (const r of roles) for (const rule of (r.rules ?? []) as PolicyRule[]) if (!out.some((x) => same(x, rule))) out.push(rule);
  }
  return out;
}

function normalize(r: PolicyRule): PolicyRule {
  const n: PolicyRule = {};
  for (const k of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) if (r[k]?.length) n[k] = r[k];
  return n;
}
