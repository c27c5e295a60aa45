// kubectl get.
import { pushAll } from '../../api/types';
import { cluster, filtersOf, gk, listObjects, namespaceOf, parseResourceArgs, readInputs, reportErrors } from '../common';
import { checkOutputFormat, renderGet, type KindGroup } from '../printing';
import { RawError, notFound, KubeError, StatusError } from '../../api/errors';
import { registry } from '../../api/registry';
import { eventsFor } from '../../sim/events';
import type { RunContext } from '../spec';
import type { PrintContext } from '../../printers/context';
import type { Session } from '../../cluster/session';
import { out, err, progName } from '../io';
import { watchGet } from './watch';

export function printContext(s: Session): PrintContext {
  return { nowMs: s.clock.now(), store: s.store, eventsFor: (o) => eventsFor(s.store, o) };
}

export async function runGet(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, true);
  const filenames = (flags.filename as string[]) ?? [];
  if (args.length === 0 && filenames.length === 0) {
    throw new RawError(
      `You must specify the type of resource to get. Use "${progName()} api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "${progName()} explain <resource>" for a detailed description of that resource (e.g. ${progName()} explain pods).\nSee '${progName()} get -h' for help and examples`,
    );
  }
  const refs = parseResourceArgs(args);
  const filters = filtersOf(flags);
  const allNs = !!flags['all-namespaces'];
  const ns = namespaceOf(ctx);
  const ignoreNotFound = !!flags['ignore-not-found'];
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  if ((flags.watch || flags['watch-only']) && refs.length + (manifests.length ? 1 : 0) > 1)
    throw new RawError('error: you may only specify a single resource type');
  const errors: KubeError[] = [];
  let singleNamed = false;
  const result = cluster(
    ctx,
    (s) => {
      const groups: KindGroup[] = [];
      const addTo = (info: KindGroup['info']) => {
        let g = groups.find((x) => x.info === info);
        if (!g) groups.push((g = { info, objects: [] }));
        return g;
      };
      for (const m of manifests) {
        const info = registry.forApiVersionKind(String(m.obj.apiVersion ?? ''), String(m.obj.kind ?? ''));
        if (!info) continue;
        const meta = (m.obj.metadata ?? {}) as { name?: string; namespace?: string };
        const o = s.store.get(gk(info), info.namespaced ? meta.namespace || ns : undefined, meta.name ?? '');
        if (o) addTo(info).objects.push(o);
        else if (!ignoreNotFound) errors.push(notFound(info.plural, info.group, meta.name ?? ''));
      }
      for (const ref of refs) {
        if (ref.names.length) {
          for (const name of ref.names) {
            const o = s.store.get(gk(ref.info), ref.info.namespaced ? ns : undefined, name);
            if (o) addTo(ref.info).objects.push(o);
            else if (!ignoreNotFound) errors.push(notFound(ref.info.plural, ref.info.group, name));
          }
        } else {
          const g = addTo(ref.info);
          pushAll(g.objects, listObjects(s, ref.info, allNs ? undefined : ns, filters));
        }
      }
      const names = refs.reduce((n, r) => n + r.names.length, 0) + manifests.length;
      singleNamed = names === 1 && refs.every((r) => r.names.length <= 1) && groups.reduce((n, g) => n + g.objects.length, 0) === 1;
      return { groups, pctx: printContext(s), watch: !!(flags.watch || flags['watch-only']) };
    },
    { readOnly: true },
  );
  const { groups, pctx } = result;
  const total = groups.reduce((n, g) => n + g.objects.length, 0);
  const isTable = output === '' || output === 'wide';
  const watching = !!(flags.watch || flags['watch-only']) && isTable;
  if (!watching) {
    if (total > 0 || !isTable) {
      const text = renderGet(groups, {
        output,
        noHeaders: !!flags['no-headers'],
        showLabels: !!flags['show-labels'],
        labelColumns: (flags['label-columns'] as string[]) ?? [],
        showKind: !!flags['show-kind'],
        allNamespaces: allNs,
        sortBy: (flags['sort-by'] as string) || undefined,
        allowMissingTemplateKeys: flags['allow-missing-template-keys'] !== false,
        showManagedFields: !!flags['show-managed-fields'],
      }, pctx, singleNamed);
      // an empty List still prints for yaml/json; jsonpath/name print what they print
      if (!(total === 0 && output.startsWith('name'))) out.write(text);
    } else if (errors.length === 0 && !ignoreNotFound) {
      const allNamespaced = refs.every((r) => r.info.namespaced);
      err.line(allNamespaced && !allNs ? `No resources found in ${ns} namespace.` : 'No resources found');
    }
  }
  if (errors.length) return reportErrors(errors);
  if (result.watch) return watchGet(ctx, flags, groups[0]?.info ?? refs[0]!.info, allNs ? undefined : ns, filters);
  return 0;
}

export { StatusError };
