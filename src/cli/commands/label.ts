// kubectl label and kubectl annotate.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, kindName, namespaceOf, parseResourceArgs, resolveTargets, type Target, readInputs, reportErrors } from '../common';
import { checkOutputFormat } from '../printing';
import { CliError, KubeError, conflict } from '../../api/errors';
import { clone } from '../../api/types';
import { deepEqual } from '../../api/equality';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { renderObjectOutput } from './output';
import { changeCause, recordWarning } from './record';

type Which = 'labels' | 'annotations';

function split(args: string[], which: Which): { resources: string[]; add: [string, string][]; remove: string[] } {
  const resources: string[] = [];
  const add: [string, string][] = [];
  const remove: string[] = [];
  let sawPair = false;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0 || (eq === 0 && which === 'annotations')) {
      add.push([a.slice(0, eq), a.slice(eq + 1)]);
      sawPair = true;
    } else if (a.endsWith('-') && a.length > 1 && !a.includes('/') ) {
      remove.push(a.slice(0, -1));
      sawPair = true;
    } else if (eq === 0) {
      throw new CliError(`invalid ${which === 'labels' ? 'label' : 'annotation'} spec: ${a}`);
    } else if (a.endsWith('-') && a.includes('/') && sawPair) {
      remove.push(a.slice(0, -1));
    } else {
      if (sawPair) throw new CliError(`all resources must be specified before ${which === 'labels' ? 'label' : 'annotation'} changes: ${a}`);
      resources.push(a);
    }
  }
  return { resources, add, remove };
}

function run(which: Which, args: string[], flags: Record<string, unknown>, ctx: RunContext): number {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const singular = which === 'labels' ? 'label' : 'annotation';
  const { resources, add, remove } = split(args, which);
  const list = !!flags.list;
  const filenames = (flags.filename as string[]) ?? [];
  if (resources.length === 0 && filenames.length === 0)
    throw new CliError(`one or more resources must be specified as <resource> <name> or <resource>/<name>`);
  if (!list && add.length === 0 && remove.length === 0) throw new CliError(`at least one ${singular} update is required`);
  for (const k of remove) if (add.some(([a]) => a === k)) throw new CliError(`can not both modify and remove ${which === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  const overwrite = !!flags.overwrite;
  const dry = dryRunOf(flags);
  const refs = parseResourceArgs(resources);
  const filters = filtersOf(flags);
  const all = !!flags.all;
  for (const r of refs) if (r.names.length === 0 && !all && !filters.selector && filters.fields.length === 0) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  const rv = (flags['resource-version'] as string) || undefined;
  if (flags.record) recordWarning();
  const lines: string[] = [];
  const results: Target[] = [];
  const errors: KubeError[] = [];
  cluster(ctx, (s) => {
    const { targets, errors: missing } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters, all, allNamespaces: !!flags['all-namespaces'] });
    errors.push(...missing);
    if (rv && targets.length > 1) throw new CliError('--resource-version may only be used with a single resource');
    for (const t of targets) {
      const cur: Record<string, string> = (t.obj.metadata[which] as Record<string, string> | undefined) ?? {};
      if (list) {
        for (const k of Object.keys(cur).sort()) lines.push(`${k}=${cur[k]}`);
        continue;
      }
      try {
        if (which === 'labels') for (const k of remove) if (!(k in cur)) lines.push(`label ${JSON.stringify(k)} not found.`);
        const conflicts: string[] = [];
        for (const [k, v] of add) if (!overwrite && k in cur && cur[k] !== v) conflicts.push(k);
        if (conflicts.length) {
          if (which === 'labels') throw new CliError(`'${conflicts[0]}' already has a value (${cur[conflicts[0]!]}), and --overwrite is false`);
          throw new CliError(`--overwrite is false but found the following declared annotation(s): ${conflicts.map((k) => `'${k}' already has a value (${cur[k]})`).join('; ')}`);
        }
        const nextMap: Record<string, string> = { ...cur };
        for (const [k, v] of add) nextMap[k] = v;
        for (const k of remove) delete nextMap[k];
        const next = clone(t.obj);
        if (Object.keys(nextMap).length) next.metadata[which] = nextMap;
        else delete next.metadata[which];
        if (flags.record) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
        if (rv) {
          if (t.obj.metadata.resourceVersion !== rv)
            throw conflict(t.info.plural, t.info.group, t.obj.metadata.name);
          next.metadata.resourceVersion = rv;
        }
        let msg: string;
        if (which === 'annotations') msg = 'annotated';
        else if (deepEqual(cur, nextMap)) msg = 'not labeled';
        else msg = !overwrite && JSON.stringify(nextMap).length < JSON.stringify(cur).length ? 'unlabeled' : 'labeled';
        const updated = dry === 'client' || deepEqual(cur, nextMap) ? next : s.ctx.api.update(next, { dryRun: dry === 'server' });
        results.push({ info: t.info, obj: updated });
        lines.push(`${kindName(t.info, t.obj.metadata.name)} ${msg}${dryRunSuffix(dry)}`);
        if (dry === 'none') s.settle();
      } catch (e) {
        if (e instanceof KubeError) errors.push(e);
        else throw e;
      }
    }
  });
  if (output && !list) out.write(renderObjectOutput(results, output, false, { printerPerObject: which === 'labels' }));
  else for (const l of lines) out.line(l);
  return reportErrors(errors);
}

export async function runLabel(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return run('labels', args, flags, ctx);
}

export async function runAnnotate(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return run('annotations', args, flags, ctx);
}
