// kubectl apply (client-side three-way merge) and kubectl create -f.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, gk, kindName, namespaceOf, validationOf, type DryRun, readInputs, visitInputs, reportErrors, aggregate } from '../common';
import { checkOutputFormat, forOutput, listWrapper } from '../printing';
import { AggregateError, CliError, InvalidError, KubeError, RawError, StatusError } from '../../api/errors';
import { noMatchError, resourceString, type KindInfo } from '../../api/registry';
import { ApiServer } from '../../api/server';
import { toJson, toYaml, type Manifest } from '../manifests';
import { lastAppliedConfiguration, strategicMergePatch, threeWayApplyPatch } from '../../api/merge';
import { clone, type KObject } from '../../api/types';
import type { RunContext } from '../spec';
import type { Session } from '../../cluster/session';
import { out, err } from '../io';
import { changeCause, recordWarning } from './record';
import { renderObjectOutput } from './output';
import { matchFilters } from '../common';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface ObjectResult {
  info: KindInfo;
  obj: KObject;
  op: string;
}

/** Resolves a manifest to its kind and namespace, or the error kubectl's resource builder gives. */
export function resolveManifest(s: Session, m: Manifest, ctx: RunContext): { info: KindInfo; obj: KObject } {
  const obj = m.obj as unknown as KObject;
  const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  const ns = namespaceOf(ctx);
  const info = s.ctx.api.kindOf(obj);
  if (!info) throw noMatchError(meta.name ?? '', meta.namespace ?? '', m.source, String(obj.kind ?? ''), String(obj.apiVersion ?? ''));
  if (info.namespaced) {
    if (meta.namespace && ctx.explicit.has('namespace') && meta.namespace !== ns)
      throw new CliError(`the namespace from the provided object "${meta.namespace}" does not match the namespace "${ns}". You must pass '--namespace=${meta.namespace}' to perform this operation.`);
  }
  const copy = clone(obj);
  copy.metadata = { ...(copy.metadata ?? {}) } as KObject['metadata'];
  if (info.namespaced) copy.metadata.namespace = meta.namespace || ns;
  else delete copy.metadata.namespace;
  return { info, obj: copy };
}

function printResults(results: ObjectResult[], output: string, dry: DryRun): void {
  if (!output) {
    for (const r of results) out.line(`${kindName(r.info, r.obj.metadata.name)} ${r.op}${dryRunSuffix(dry)}`);
    return;
  }
  if (output === 'name') {
    for (const r of results) out.line(kindName(r.info, r.obj.metadata.name));
    return;
  }
  out.write(renderObjectOutput(results.map((r) => ({ info: r.info, obj: forOutput(r.obj) })), output, dry === 'client'));
}

function missingNameError(info: KindInfo, ns: string | undefined, source: string): RawError {
  const gv = info.group ? `${info.group}/${info.version}` : `/${info.version}`;
  return new RawError(
    `error: error when retrieving current configuration of:\nResource: "${gv}, Resource=${info.plural}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${source}": resource name may not be empty`,
  );
}

export async function runApply(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const dry = dryRunOf(flags);
  const validation = validationOf(flags);
  const filenames = (flags.filename as string[]) ?? [];
  if (flags.kustomize) throw new CliError('kustomize is not supported by kubesim');
  if (filenames.length === 0) throw new CliError('must specify one of -f and -k');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]\nSee '${'kubesim'} apply -h' for help and examples`);
  if (flags['server-side']) return runServerSideApply(flags, ctx);
  const visit = visitInputs(filenames, flags);
  const manifests = visit.manifests;
  if (manifests.length === 0 && visit.errors.length === 0) throw new CliError('no objects passed to apply');
  const filters = filtersOf(flags);
  if (flags.record) recordWarning();
  // apply collects every object before applying: reading errors come first
  const errors: KubeError[] = [...visit.errors];
  const warnings: string[] = [];
  const results: ObjectResult[] = [];
  if (manifests.length === 0) throw aggregate(errors);
  cluster(ctx, (s) => {
    // kubectl maps every object before applying any (a CRD applied here serves its kind next time)
    const mapped = resolveAll(s, manifests, ctx);
    for (const [i, m] of manifests.entries()) {
      const resolved = mapped[i]!;
      if (resolved instanceof KubeError) {
        errors.push(resolved);
        continue;
      }
      const { info, obj } = resolved;
      if (filters.selector && !matchFilters(obj, filters)) continue;
      if (!obj.metadata.name) {
        errors.push(missingNameError(info, obj.metadata.namespace, m.source));
        continue;
      }
      if (flags.record) {
        obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
      }
      // the applied configuration is remembered on the object for the next three-way merge
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}) };
      delete obj.metadata.annotations[LAST_APPLIED];
      const lastApplied = lastAppliedConfiguration(obj, info.namespaced ? obj.metadata.namespace : undefined);
      obj.metadata.annotations[LAST_APPLIED] = lastApplied;
      try {
        const g = gk(info);
        const current = s.store.get(g, obj.metadata.namespace, obj.metadata.name);
        if (!current) {
          if (dry === 'client') {
            results.push({ info, obj, op: 'created' });
            continue;
          }
          const created = s.ctx.api.create(obj, { dryRun: dry === 'server', fieldValidation: validation, warnings });
          results.push({ info, obj: created, op: 'created' });
        } else {
          if (dry === 'client') {
            results.push({ info, obj: current, op: 'configured' });
            continue;
          }
          const prevApplied = current.metadata.annotations?.[LAST_APPLIED];
          if (prevApplied === undefined)
            warnings.push(
              `Warning: resource ${info.plural}/${obj.metadata.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by ${'kubectl'} apply. ${'kubectl'} apply should only be used on resources created declaratively by either ${'kubectl'} create --save-config or ${'kubectl'} apply. The missing annotation will be patched automatically.`,
            );
          let prev: unknown;
          try {
            prev = prevApplied ? JSON.parse(prevApplied) : undefined;
          } catch {
            prev = undefined;
          }
          const patch = threeWayApplyPatch(prev, obj, current, g);
          if (Object.keys(patch).length === 0) {
            results.push({ info, obj: current, op: 'unchanged' });
            continue;
          }
          const merged = strategicMergePatch(current, patch, g) as KObject;
          const updated = s.ctx.api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } } as KObject, { dryRun: dry === 'server', fieldValidation: validation, warnings });
          results.push({ info, obj: updated, op: 'configured' });
        }
        if (dry === 'none') s.settle();
      } catch (e) {
        if (e instanceof KubeError) {
          errors.push(ApiServer.contextualize(e, s.store.get(gk(info), obj.metadata.namespace, obj.metadata.name) ? 'patching' : 'creating', m.source) as KubeError);
          continue;
        }
        throw e;
      }
    }
    if (errors.length && results.length === 0) throw aggregate(errors);
  });
  for (const w of warnings) err.line(w);
  printResults(results, output, dry);
  return reportErrors(errors);
}

async function runServerSideApply(flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  // Server-side apply: the object as given is merged into the live one; fields it omits are kept.
  const output = (flags.output as string) ?? '';
  const dry = dryRunOf(flags);
  const manifests = readInputs((flags.filename as string[]) ?? [], flags);
  const errors: KubeError[] = [];
  const results: ObjectResult[] = [];
  cluster(ctx, (s) => {
    const mapped = resolveAll(s, manifests, ctx);
    for (const [i, m] of manifests.entries()) {
      try {
        const resolved = mapped[i]!;
        if (resolved instanceof KubeError) throw resolved;
        const { info, obj } = resolved;
        if (!obj.metadata.name) throw missingNameError(info, obj.metadata.namespace, m.source);
        const g = gk(info);
        const current = s.store.get(g, obj.metadata.namespace, obj.metadata.name);
        if (dry === 'client') {
          results.push({ info, obj, op: 'serverside-applied' });
          continue;
        }
        if (!current) {
          const created = s.ctx.api.create(obj, { dryRun: dry === 'server', fieldValidation: validationOf(flags) });
          results.push({ info, obj: created, op: 'serverside-applied' });
        } else {
          const merged = strategicMergePatch(current, obj, g) as KObject;
          const updated = s.ctx.api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } } as KObject, { dryRun: dry === 'server', fieldValidation: validationOf(flags) });
          results.push({ info, obj: updated, op: 'serverside-applied' });
        }
        if (dry === 'none') s.settle();
      } catch (e) {
        if (e instanceof KubeError) errors.push(e);
        else throw e;
      }
    }
    if (errors.length && results.length === 0) throw aggregate(errors);
  });
  printResults(results, output, dry);
  return reportErrors(errors);
}

/** Maps every manifest (or keeps its error), as the resource builder does before any request. */
function resolveAll(s: Session, manifests: Manifest[], ctx: RunContext): ({ info: KindInfo; obj: KObject } | KubeError)[] {
  return manifests.map((m) => {
    try {
      return resolveManifest(s, m, ctx);
    } catch (e) {
      if (e instanceof KubeError) return e;
      throw e;
    }
  });
}

/** kubectl create -f: POST every object; AlreadyExists is an error. */
export async function runCreateFromFiles(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const dry = dryRunOf(flags);
  const validation = validationOf(flags);
  const filenames = (flags.filename as string[]) ?? [];
  if (filenames.length === 0) {
    if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]\nSee 'kubesim create -h' for help and examples`);
    throw new CliError('must specify one of -f and -k');
  }
  const visit = visitInputs(filenames, flags);
  const manifests = visit.manifests;
  if (manifests.length === 0 && visit.errors.length === 0) throw new CliError('no objects passed to create');
  if (manifests.length === 0) throw aggregate(visit.errors);
  if (flags.record) recordWarning();
  const errors: KubeError[] = [];
  const warnings: string[] = [];
  const results: ObjectResult[] = [];
  cluster(ctx, (s) => {
    const mapped = resolveAll(s, manifests, ctx);
    for (const [i, m] of manifests.entries()) {
      try {
        const resolved = mapped[i]!;
        if (resolved instanceof KubeError) throw resolved;
        const { info, obj } = resolved;
        if (flags['save-config']) {
          obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}) };
          delete obj.metadata.annotations[LAST_APPLIED];
          obj.metadata.annotations[LAST_APPLIED] = lastAppliedConfiguration(obj, info.namespaced ? obj.metadata.namespace : undefined);
        }
        if (flags.record) obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
        if (dry === 'client') {
          results.push({ info, obj, op: 'created' });
          continue;
        }
        const created = s.ctx.api.create(obj, { dryRun: dry === 'server', fieldValidation: validation, warnings });
        results.push({ info, obj: created, op: 'created' });
        if (dry === 'none') s.settle();
      } catch (e) {
        if (e instanceof KubeError) {
          errors.push(ApiServer.contextualize(e, 'creating', m.source) as KubeError);
          continue;
        }
        throw e;
      }
    }
    // create reports the server's errors first, then what could not be read
    if (errors.length && results.length === 0) throw aggregate([...errors, ...visit.errors]);
  });
  for (const w of warnings) err.line(w);
  printResults(results, output, dry);
  return reportErrors([...errors, ...visit.errors]);
}

export { InvalidError, StatusError, resourceString };
