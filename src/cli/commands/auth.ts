// kubectl auth can-i (pkg/cmd/auth/cani.go): a SelfSubjectAccessReview (or, with --list, a
// SelfSubjectRulesReview) answered by the RBAC authorizer. Without --as the request is made as kind's
// admin user; --as/--as-group impersonate as the API server's impersonation filter does.
import { cluster, namespaceOf } from '../common';
import { CliError, RawError } from '../../api/errors';
import { registry } from '../../api/registry';
import { ADMIN_USER, authorize, impersonatedUser, rulesFor, type Attributes } from '../../api/rbac';
import { breakdown, combineResourceGroup, compact, ruleString } from '../../printers/describe/rbac';
import { goSlice } from '../../printers/describe/common';
import { tabwrite, GET_TABLE } from '../../printers/tabwriter';
import type { RunContext } from '../spec';
import { out, err, progName } from '../io';

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources the server authorizes but discovery does not list (impersonate users/groups). */
const NON_STANDARD = new Set(['users', 'groups']);

/** kubectl's WarningPrinter: `Warning: <message>` and a newline (messages may end in their own). */
function warn(message: string): void {
  err.write(`Warning: ${message}\n`);
}

interface Gvr {
  group: string;
  resource: string;
  namespaced?: boolean;
}

/** resourceFor: the RESTMapper's answer, or the argument as given (with a warning) when unknown. */
function resourceFor(arg: string): Gvr {
  if (arg === '*') return { group: '', resource: '*' };
  const lower = arg.toLowerCase();
  const info = registry.resolve(lower);
  if (info) return { group: info.group, resource: info.plural, namespaced: info.namespaced };
  // schema.ParseResourceArg: `resource.group` (or resource.version.group)
  const dot = lower.indexOf('.');
  const resource = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? '' : lower.slice(dot + 1);
  if (!NON_STANDARD.has(dot < 0 ? resource : `${resource}.${group}`)) {
    warn(group ? `the server doesn't have a resource type '${resource}' in group '${group}'\n` : `the server doesn't have a resource type '${resource}'\n`);
  }
  return { group: '', resource: arg };
}

export async function runCanI(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const list = !!flags.list;
  const quiet = !!flags.quiet;
  const allNs = !!flags['all-namespaces'];
  const sub = (flags.subresource as string) ?? '';
  let verb = '';
  let nonResourceURL = '';
  let gvr: Gvr | undefined;
  let name = '';
  // Complete
  if (list) {
    if (args.length !== 0) throw new CliError('list option must be specified with no arguments');
  } else {
    if (args.length !== 2) throw new RawError(`error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee '${progName()} auth can-i -h' for help and examples.`);
    verb = args[0]!;
    if (args[1]!.startsWith('/')) nonResourceURL = args[1]!;
    else {
      const slash = args[1]!.indexOf('/');
      gvr = resourceFor(slash < 0 ? args[1]! : args[1]!.slice(0, slash));
      if (slash >= 0) name = args[1]!.slice(slash + 1);
    }
  }
  const namespace = allNs ? '' : namespaceOf(ctx);
  // Validate
  if (list) {
    if (quiet || allNs || sub) throw new CliError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
  } else {
    if (nonResourceURL) {
      if (sub) throw new CliError('--subresource can not be used with NonResourceURL');
      if (!NON_RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
    } else if (gvr && !allNs) {
      if (gvr.namespaced === false) warn(gvr.group ? `resource '${gvr.resource}' is not namespace scoped in group '${gvr.group}'\n` : `resource '${gvr.resource}' is not namespace scoped\n`);
      if (!RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
    }
    if (flags['no-headers']) throw new CliError('--no-headers cannot be set without --list specified');
  }
  const as = (flags.as as string) ?? '';
  const asGroups = (flags['as-group'] as string[] | undefined) ?? [];
  if (!as && asGroups.length) throw new CliError('requesting uid, groups or user-extra for test without impersonating a user');
  const user = as ? impersonatedUser(as, asGroups) : ADMIN_USER;
  if (list) {
    const status = cluster(ctx, (s) => rulesFor(s.store, user, namespace), { readOnly: true });
    if (status.incomplete) warn(`the list may be incomplete: ${status.evaluationError}`);
    const rules = compact(status.rules.flatMap((r) => breakdown(r)));
    const keyed = rules.map((r, i) => ({ r, i, k: ruleString(r) }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
    let text = flags['no-headers'] ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
    for (const { r } of keyed) text += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`;
    out.write(tabwrite(text, GET_TABLE));
    return 0;
  }
  const attrs: Attributes = nonResourceURL
    ? { kind: 'nonResource', verb, path: nonResourceURL }
    : { kind: 'resource', verb, namespace, apiGroup: gvr!.group, resource: gvr!.resource, subresource: sub, name };
  const result = cluster(ctx, (s) => authorize(s.store, user, attrs), { readOnly: true });
  if (!quiet) out.write(result.allowed ? 'yes\n' : `no${result.reason ? ` - ${result.reason}` : ''}\n`);
  return result.allowed ? 0 : 1;
}
