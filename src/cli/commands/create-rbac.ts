// kubectl create role | clusterrole | rolebinding | clusterrolebinding (pkg/cmd/create/create_role.go,
// create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go).
import { CliError, RawError } from '../../api/errors';
import { registry } from '../../api/registry';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { err, progName } from '../io';
import { createTyped, failedTo } from './create';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_VERSION = `${RBAC_GROUP}/v1`;

const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs only meaningful on some group/resources (specialVerbs). */
const SPECIAL_VERBS: Record<string, [group: string, resource: string][]> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    [RBAC_GROUP, 'roles'],
    [RBAC_GROUP, 'clusterroles'],
  ],
  escalate: [
    [RBAC_GROUP, 'roles'],
    [RBAC_GROUP, 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
  ],
};

function nameArg(args: string[], path: string): string {
  if (args.length !== 1) throw new RawError(`error: exactly one NAME is required, got ${args.length}\nSee '${progName()} ${path} -h' for help and examples`);
  return args[0]!;
}

/** StringSlice flags: repeated and comma-separated values. */
function slice(v: unknown): string[] {
  return ((v as string[] | undefined) ?? []).flatMap((x) => x.split(',')).filter((x) => x !== '');
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

interface ResourceOption {
  group: string;
  resource: string;
  subresource: string;
}

function parseResources(values: string[]): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const r of values) {
    const slash = r.indexOf('/');
    const subresource = slash < 0 ? '' : r.slice(slash + 1);
    const base = slash < 0 ? r : r.slice(0, slash);
    const dot = base.indexOf('.');
    const resource = dot < 0 ? base : base.slice(0, dot);
    const group = dot < 0 ? '' : base.slice(dot + 1);
    if (resource === '*' && dot < 0 && slash < 0) return [{ group, resource, subresource }];
    out.push({ group, resource, subresource });
  }
  return out;
}

/** The RESTMapper's ResourceFor: the plural and group the server serves, or kubectl's NoResourceMatchError. */
function resourceFor(r: ResourceOption): { group: string; resource: string } | Error {
  const info = registry.resolve(r.group ? `${r.resource}.${r.group}` : r.resource);
  if (!info || (r.group && info.group !== r.group)) return new CliError(`no matches for ${r.group}/, Resource=${r.resource}`);
  return { group: info.group, resource: info.plural };
}

function validateResources(resources: ResourceOption[], verbs: string[]): void {
  for (const r of resources) {
    if (!r.resource) throw new CliError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(r);
    const resolved = mapped instanceof Error ? { group: r.group, resource: r.resource } : mapped;
    let mapErr: Error | undefined = mapped instanceof Error ? mapped : undefined;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (special.some(([g, res]) => g === resolved.group && res === resolved.resource)) {
        mapErr = undefined;
        continue;
      }
      throw new CliError(`can not perform '${v}' on '${resolved.resource}' in group '${resolved.group}'`);
    }
    if (mapErr) throw mapErr;
  }
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then the non-resource URLs. */
function policyRules(verbs: string[], resources: ResourceOption[], names: string[], urls: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const mapped = resourceFor(r);
    const g = mapped instanceof Error ? r.group : mapped.group;
    let res = mapped instanceof Error ? r.resource : mapped.resource;
    if (r.subresource) res = `${res}/${r.subresource}`;
    const list = byGroup.get(g) ?? [];
    if (!list.includes(res)) list.push(res);
    byGroup.set(g, list);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort()) {
    const rule: Record<string, unknown> = { verbs, apiGroups: [g], resources: byGroup.get(g) };
    if (names.length) rule.resourceNames = names;
    rules.push(rule);
  }
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

function verbsOf(flags: Record<string, unknown>): string[] {
  const verbs: string[] = [];
  for (const v of slice(flags.verb)) {
    if (v === '*') return ['*'];
    if (!verbs.includes(v)) verbs.push(v);
  }
  return verbs;
}

export async function runCreateRole(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = nameArg(args, 'create role');
  const verbs = verbsOf(flags);
  const resources = parseResources(slice(flags.resource));
  const names = dedupe((flags['resource-name'] as string[] | undefined) ?? []);
  if (verbs.length === 0) throw new CliError('at least one verb must be specified');
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) err.line(`Warning: '${v}' is not a standard resource verb`);
  if (resources.length === 0) throw new CliError('at least one resource must be specified');
  validateResources(resources, verbs);
  const obj: KObject = { kind: 'Role', apiVersion: RBAC_VERSION, metadata: { name, creationTimestamp: null as unknown as string }, rules: policyRules(verbs, resources, names, []) };
  return createTyped(ctx, flags, { info: registry.mustGroupKind(`Role.${RBAC_GROUP}`), obj, wrap: (e) => e });
}

export async function runCreateClusterRole(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = nameArg(args, 'create clusterrole');
  const verbs = verbsOf(flags);
  const resources = parseResources(slice(flags.resource));
  const names = dedupe((flags['resource-name'] as string[] | undefined) ?? []);
  const urls = dedupe(slice(flags['non-resource-url']));
  const aggregation: Record<string, string> = {};
  for (const pair of slice(flags['aggregation-rule'])) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new CliError(`invalid argument "${pair}" for "--aggregation-rule" flag: ${pair} must be formatted as key=value`);
    aggregation[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const info = registry.mustGroupKind(`ClusterRole.${RBAC_GROUP}`);
  const meta = { name, creationTimestamp: null as unknown as string };
  if (Object.keys(aggregation).length) {
    if (urls.length || verbs.length || resources.length || names.length) throw new CliError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    const obj: KObject = { kind: 'ClusterRole', apiVersion: RBAC_VERSION, metadata: meta, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } };
    return createTyped(ctx, flags, { info, obj, wrap: (e) => e });
  }
  if (verbs.length === 0) throw new CliError('at least one verb must be specified');
  if (resources.length === 0 && urls.length === 0) throw new CliError('one of resource or nonResourceURL must be specified');
  if (resources.length) {
    for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) err.line(`Warning: '${v}' is not a standard resource verb`);
    validateResources(resources, verbs);
  }
  if (urls.length) {
    for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new CliError(`invalid verb: '${v}' for nonResourceURL`);
    for (const u of urls) {
      if (u === '*') continue;
      if (u === '' || !u.startsWith('/')) throw new CliError('nonResourceURL should start with /');
      if (u.slice(0, -1).includes('*')) throw new CliError("nonResourceURL only supports wildcard matches when '*' is at the end");
    }
  }
  const obj: KObject = { kind: 'ClusterRole', apiVersion: RBAC_VERSION, metadata: meta, rules: policyRules(verbs, resources, names, urls) };
  return createTyped(ctx, flags, { info, obj, wrap: (e) => e });
}

function subjects(flags: Record<string, unknown>): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const user of (flags.user as string[] | undefined) ?? []) out.push({ kind: 'User', apiGroup: RBAC_GROUP, name: user });
  for (const group of (flags.group as string[] | undefined) ?? []) out.push({ kind: 'Group', apiGroup: RBAC_GROUP, name: group });
  for (const sa of (flags.serviceaccount as string[] | undefined) ?? []) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1]) throw new CliError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: tokens[1], namespace: tokens[0] });
  }
  return out;
}

export async function runCreateRoleBinding(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = nameArg(args, 'create rolebinding');
  const clusterRole = (flags.clusterrole as string) ?? '';
  const role = (flags.role as string) ?? '';
  if ((clusterRole === '') === (role === '')) throw new CliError('exactly one of clusterrole or role must be specified');
  const subs = subjects(flags);
  const obj: KObject = { kind: 'RoleBinding', apiVersion: RBAC_VERSION, metadata: { name, creationTimestamp: null as unknown as string } };
  if (subs.length) obj.subjects = subs;
  obj.roleRef = { apiGroup: RBAC_GROUP, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
  return createTyped(ctx, flags, { info: registry.mustGroupKind(`RoleBinding.${RBAC_GROUP}`), obj, wrap: failedTo('rolebinding') });
}

export async function runCreateClusterRoleBinding(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (!ctx.explicit.has('clusterrole')) throw new RawError('error: required flag(s) "clusterrole" not set');
  const name = nameArg(args, 'create clusterrolebinding');
  const subs = subjects(flags);
  const obj: KObject = { kind: 'ClusterRoleBinding', apiVersion: RBAC_VERSION, metadata: { name, creationTimestamp: null as unknown as string } };
  if (subs.length) obj.subjects = subs;
  obj.roleRef = { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: (flags.clusterrole as string) ?? '' };
  return createTyped(ctx, flags, { info: registry.mustGroupKind(`ClusterRoleBinding.${RBAC_GROUP}`), obj, wrap: failedTo('clusterrolebinding') });
}
