// kubectl scale.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, gk, kindName, namespaceOf, parseResourceArgs, resolveTargets, readInputs, reportErrors } from '../common';
import { checkOutputFormat } from '../printing';
import { CliError, KubeError, RawError, StatusError } from '../../api/errors';
import { clone } from '../../api/types';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { renderObjectOutput } from './output';
import { changeCause, recordWarning } from './record';
import { requiredFlag } from './create';

/** Kinds with a scale subresource. */
export const SCALABLE = new Set(['Deployment.apps', 'ReplicaSet.apps', 'StatefulSet.apps', 'ReplicationController']);

export async function runScale(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  if (!ctx.explicit.has('replicas')) throw requiredFlag('replicas');
  const replicas = flags.replicas as number;
  if (replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRunOf(flags);
  const filenames = (flags.filename as string[]) ?? [];
  const refs = parseResourceArgs(args);
  if (args.length === 0 && filenames.length === 0)
    throw new RawError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const filters = filtersOf(flags);
  const all = !!flags.all;
  for (const r of refs) if (r.names.length === 0 && !all && !filters.selector) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  const current = flags['current-replicas'] as number;
  const rv = (flags['resource-version'] as string) || undefined;
  if (flags.record) recordWarning();
  const results: { info: import('../../api/registry').KindInfo; obj: import('../../api/types').KObject }[] = [];
  const errors: KubeError[] = [];
  cluster(ctx, (s) => {
    const { targets, errors: missing } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters, all, allNamespaces: false });
    for (const e of missing) {
      if (e instanceof StatusError && e.reason === 'NotFound') errors.push(new CliError(`no objects passed to scale ${e.message}`));
      else errors.push(e);
    }
    if (targets.length === 0 && errors.length === 0) throw new CliError('no objects passed to scale');
    for (const t of targets) {
      const g = gk(t.info);
      if (!SCALABLE.has(g)) {
        errors.push(new StatusError('NotFound', 'the server could not find the requested resource'));
        continue;
      }
      const have = t.obj.spec?.replicas ?? 1;
      if (current >= 0 && have !== current) {
        errors.push(new CliError(`Expected replicas to be ${current}, was ${have}`));
        continue;
      }
      if (rv && t.obj.metadata.resourceVersion !== rv) {
        errors.push(new CliError(`Expected resource version to be ${rv}, was ${t.obj.metadata.resourceVersion}`));
        continue;
      }
      const next = clone(t.obj);
      next.spec = { ...(next.spec ?? {}), replicas };
      if (flags.record) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
      try {
        const updated = dry === 'client' ? next : s.ctx.api.update(next, { dryRun: dry === 'server' });
        results.push({ info: t.info, obj: updated });
        if (dry === 'none') s.settle();
      } catch (e) {
        if (e instanceof KubeError) errors.push(e);
        else throw e;
      }
    }
  });
  if (output) out.write(renderObjectOutput(results, output, false));
  else for (const r of results) out.line(`${kindName(r.info, r.obj.metadata.name)} scaled${dryRunSuffix(dry)}`);
  return reportErrors(errors);
}
