// kubectl set image.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, kindName, namespaceOf, parseResourceArgs, resolveTargets, type Target, readInputs, reportErrors } from '../common';
import { checkOutputFormat } from '../printing';
import { CliError, KubeError } from '../../api/errors';
import { clone, type KObject } from '../../api/types';
import { deepEqual } from '../../api/equality';
import { registry } from '../../api/registry';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { renderObjectOutput } from './output';
import { changeCause, recordWarning } from './record';

/** The pod spec inside an object (pods, templates, cron job templates). */
export function podSpecOf(o: KObject): { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] } | undefined {
  switch (o.kind) {
    case 'Pod':
      return o.spec;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return o.spec?.template?.spec;
  }
}

function splitImageArgs(args: string[]): { resources: string[]; images: [string, string][] } {
  const resources: string[] = [];
  const images: [string, string][] = [];
  for (const a of args) {
    const i = a.indexOf('=');
    if (i > 0) images.push([a.slice(0, i), a.slice(i + 1)]);
    else resources.push(a);
  }
  return { resources, images };
}

export async function runSetImage(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const { resources, images } = splitImageArgs(args);
  const filenames = (flags.filename as string[]) ?? [];
  if (resources.length === 0 && filenames.length === 0)
    throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (images.length === 0) throw new CliError('at least one image update is required');
  const dry = dryRunOf(flags);
  const refs = parseResourceArgs(resources);
  const filters = filtersOf(flags);
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  if (flags.record) recordWarning();
  const changed: Target[] = [];
  const errors: KubeError[] = [];
  const apply = (t: Target): KObject | undefined => {
    const next = clone(t.obj);
    const spec = podSpecOf(next);
    if (!spec) throw new CliError(`error: ${t.info.plural}/${t.obj.metadata.name} has no pod template`);
    for (const [name, image] of images) {
      let found = false;
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        if (name === '*' || c.name === name) {
          c.image = image;
          found = true;
        }
      }
      if (!found) throw new CliError(`unable to find container named "${name}"`);
    }
    if (deepEqual(next, t.obj)) return undefined;
    if (flags.record) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
    return next;
  };
  if (flags.local) {
    for (const m of manifests) {
      const info = registry.forApiVersionKind(String(m.obj.apiVersion), String(m.obj.kind));
      if (!info) continue;
      const obj = m.obj as unknown as KObject;
      const next = apply({ info, obj }) ?? obj;
      changed.push({ info, obj: next });
    }
  } else {
    cluster(ctx, (s) => {
      const { targets, errors: missing } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters, all: !!flags.all, allNamespaces: false });
      errors.push(...missing);
      for (const t of targets) {
        try {
          const next = apply(t);
          if (!next) continue; // nothing to change: kubectl prints nothing
          const updated = dry === 'client' ? next : s.ctx.api.update(next, { dryRun: dry === 'server' });
          changed.push({ info: t.info, obj: updated });
          if (dry === 'none') s.settle();
        } catch (e) {
          if (e instanceof KubeError) errors.push(e);
          else throw e;
        }
      }
      if (errors.length && changed.length === 0) return;
    });
  }
  if (output) out.write(renderObjectOutput(changed, output, false));
  else for (const c of changed) out.line(`${kindName(c.info, c.obj.metadata.name)} image updated${dryRunSuffix(dry)}`);
  return reportErrors(errors);
}
