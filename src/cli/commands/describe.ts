// kubectl describe.
import { cluster, filtersOf, gk, listObjects, namespaceOf, parseResourceArgs, readInputs, reportErrors } from '../common';
import { CliError, KubeError, notFound } from '../../api/errors';
import { registry } from '../../api/registry';
import { describeObjects } from '../../printers/describe';
import type { RunContext } from '../spec';
import type { KObject } from '../../api/types';
import { out, err, progName } from '../io';
import { printContext } from './get';

export async function runDescribe(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const filenames = (flags.filename as string[]) ?? [];
  if (args.length === 0 && filenames.length === 0)
    throw new CliError(`You must specify the type of resource to describe. Use "${progName()} api-resources" for a complete list of supported resources.`);
  const refs = parseResourceArgs(args);
  const filters = filtersOf(flags);
  const allNs = !!flags['all-namespaces'];
  const ns = namespaceOf(ctx);
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  const errors: KubeError[] = [];
  const text = cluster(
    ctx,
    (s) => {
      const pctx = printContext(s);
      const chunks: string[] = [];
      const emit = (g: string, objs: KObject[]) => {
        if (objs.length) chunks.push(describeObjects(g, objs, pctx, { showEvents: flags['show-events'] !== false }));
      };
      for (const m of manifests) {
        const info = registry.forApiVersionKind(String(m.obj.apiVersion ?? ''), String(m.obj.kind ?? ''));
        if (!info) continue;
        const meta = (m.obj.metadata ?? {}) as { name?: string; namespace?: string };
        const o = s.store.get(gk(info), info.namespaced ? meta.namespace || ns : undefined, meta.name ?? '');
        if (o) emit(gk(info), [o]);
        else errors.push(notFound(info.plural, info.group, meta.name ?? ''));
      }
      let anyFound = false;
      for (const ref of refs) {
        const g = gk(ref.info);
        if (ref.names.length) {
          for (const name of ref.names) {
            const exact = s.store.get(g, ref.info.namespaced ? ns : undefined, name);
            if (exact) {
              emit(g, [exact]);
              continue;
            }
            // kubectl falls back to every object whose name starts with the argument
            const prefixed = listObjects(s, ref.info, ref.info.namespaced ? ns : undefined, { fields: [] }).filter((o) => o.metadata.name.startsWith(name));
            if (prefixed.length) emit(g, prefixed);
            else errors.push(notFound(ref.info.plural, ref.info.group, name));
          }
          anyFound = true;
        } else {
          const objs = listObjects(s, ref.info, allNs ? undefined : ns, filters);
          if (objs.length) anyFound = true;
          emit(g, objs);
        }
      }
      if (!anyFound && refs.length && refs.every((r) => r.names.length === 0) && chunks.length === 0) {
        const allNamespaced = refs.every((r) => r.info.namespaced);
        err.line(allNamespaced && !allNs ? `No resources found in ${ns} namespace.` : 'No resources found');
      }
      return chunks.join('\n\n');
    },
    { readOnly: true },
  );
  out.write(text);
  return reportErrors(errors);
}
