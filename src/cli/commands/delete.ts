// kubectl delete.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, gk, listObjects, namespaceOf, parseResourceArgs, requireResources, kindName, readInputs, reportErrors } from '../common';
import { CliError, KubeError, notFound, RawError } from '../../api/errors';
import { registry, type KindInfo } from '../../api/registry';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { waitUntil } from '../wait';
import { parseGoDuration } from '../../sim/duration';

type Cascade = 'Background' | 'Foreground' | 'Orphan';

function cascadeOf(v: unknown): Cascade {
  switch (String(v ?? 'background')) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
  }
  throw new CliError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
}

/** `deployment.apps "web"` as delete prints it. */
function quotedName(info: KindInfo, name: string): string {
  const prefix = info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
  return `${prefix} "${name}"`;
}

export async function runDelete(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const filenames = (flags.filename as string[]) ?? [];
  requireResources(args, filenames);
  const dry = dryRunOf(flags);
  const cascade = cascadeOf(flags.cascade);
  const output = (flags.output as string) ?? '';
  if (output && output !== 'name') throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: name`);
  const force = !!flags.force;
  let grace = flags['grace-period'] as number;
  if (flags.now) {
    if (grace !== -1) throw new CliError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1; // kubectl turns --grace-period=0 into 1 unless forced
  if (force && grace < 0) grace = 0;
  const all = !!flags.all;
  const filters = filtersOf(flags);
  const allNs = !!flags['all-namespaces'];
  const ns = namespaceOf(ctx);
  const refs = parseResourceArgs(args);
  const hasSelector = !!filters.selector || filters.fields.length > 0;
  for (const r of refs) {
    if (r.names.length === 0 && !all && !hasSelector) throw new CliError('resource(s) were provided, but no name was specified');
    if (r.names.length && (all || hasSelector)) throw new CliError('name cannot be provided when a selector is specified');
  }
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  let ignoreNotFound = !!flags['ignore-not-found'] || (all && !ctx.explicit.has('ignore-not-found'));
  if (flags['ignore-not-found'] === false && ctx.explicit.has('ignore-not-found')) ignoreNotFound = false;
  if (force && grace === 0)
    err.line('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  const errors: KubeError[] = [];
  const deleted: { info: KindInfo; obj: KObject }[] = [];
  let matchedNothing = false;
  cluster(ctx, (s) => {
    const targets: { info: KindInfo; ns: string | undefined; name: string; obj?: KObject }[] = [];
    for (const m of manifests) {
      const info = registry.forApiVersionKind(String(m.obj.apiVersion ?? ''), String(m.obj.kind ?? ''));
      const meta = (m.obj.metadata ?? {}) as { name?: string; namespace?: string };
      if (!info) {
        errors.push(new RawError(`error: resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`));
        continue;
      }
      targets.push({ info, ns: info.namespaced ? meta.namespace || ns : undefined, name: meta.name ?? '' });
    }
    for (const r of refs) {
      if (r.names.length) for (const name of r.names) targets.push({ info: r.info, ns: r.info.namespaced ? ns : undefined, name });
      else {
        const objs = listObjects(s, r.info, allNs ? undefined : ns, filters);
        for (const o of objs) targets.push({ info: r.info, ns: o.metadata.namespace, name: o.metadata.name, obj: o });
      }
    }
    if (targets.length === 0 && refs.length && refs.every((r) => r.names.length === 0)) matchedNothing = true;
    for (const t of targets) {
      const g = gk(t.info);
      const cur = s.store.get(g, t.ns, t.name);
      if (!cur) {
        if (!ignoreNotFound) errors.push(notFound(t.info.plural, t.info.group, t.name));
        continue;
      }
      try {
        if (dry !== 'client') {
          s.ctx.api.delete(g, t.ns, t.name, {
            dryRun: dry === 'server',
            propagationPolicy: cascade,
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
          });
          if (dry === 'none') s.settle();
        }
        deleted.push({ info: t.info, obj: cur });
      } catch (e) {
        if (e instanceof KubeError) errors.push(e);
        else throw e;
      }
    }
    if (errors.length && deleted.length === 0) {
      // nothing was deleted: leave the state file alone and report
      return;
    }
  });
  if (matchedNothing && deleted.length === 0 && errors.length === 0) {
    out.line('No resources found');
    return 0;
  }
  for (const d of deleted) {
    if (output === 'name') out.line(kindName(d.info, d.obj.metadata.name));
    else out.line(`${quotedName(d.info, d.obj.metadata.name)} ${force && grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(dry)}`);
  }
  // kubectl waits until the objects are really gone (pods finish their grace period)
  if (flags.wait !== false && dry === 'none' && deleted.length) {
    const timeout = String(flags.timeout ?? '0s');
    const timeoutMs = parseGoDuration(timeout);
    const uids = new Set(deleted.map((d) => d.obj.metadata.uid));
    const result = await waitUntil(
      ctx,
      (s) => deleted.every((d) => {
        const o = s.store.get(gk(d.info), d.obj.metadata.namespace, d.obj.metadata.name);
        return !o || !uids.has(o.metadata.uid);
      }),
      { timeoutMs: timeoutMs > 0 ? timeoutMs : 0, manualCapMs: 7 * 24 * 3600 * 1000, spinnerText: 'Waiting for deletion' },
    );
    if (result === 'timeout') errors.push(new CliError('timed out waiting for the condition'));
  }
  return reportErrors(errors);
}
