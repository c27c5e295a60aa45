// What verbs share: opening the cluster, the namespace in effect, resource arguments
// (`type name…`, `type/name`, `a,b`, `all`), selectors, dry-run and output flag checks.
import { readFileSync } from 'node:fs';
import { withSession, type Session } from '../cluster/session';
import { readManifests, visitManifests, GoAggregate, type ManifestVisit } from './manifests';
import { err as stderr } from './io';
import { resolveStatePath } from '../store/statefile';
import { CliError, RawError, StatusError, notFound, type KubeError } from '../api/errors';
import { registry, type KindInfo, gkOf } from '../api/registry';
import { parseSelector, parseFieldSelector, matchesFields, Selector, type FieldRequirement } from '../api/selectors';
import type { KObject } from '../api/types';
import type { RunContext } from './spec';
import { progName } from './io';

export function statePath(ctx: RunContext): string {
  return resolveStatePath(ctx.globals.state);
}

/** Runs `fn` with the cluster open (locked, caught up, saved afterwards if anything changed). */
export function cluster<T>(ctx: RunContext, fn: (s: Session) => T, opts: { readOnly?: boolean } = {}): T {
  return withSession({ statePath: statePath(ctx) }, fn, opts);
}

export function namespaceOf(ctx: RunContext): string {
  return ctx.globals.namespace || 'default';
}

export function gk(info: KindInfo): string {
  return gkOf(info.kind, info.group);
}

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(flags: Record<string, unknown>): DryRun {
  const v = (flags['dry-run'] as string | undefined) ?? 'none';
  if (v === 'none' || v === 'client' || v === 'server') return v;
  if (v === 'unchanged' || v === 'true') return 'client';
  if (v === 'false') return 'none';
  throw new CliError(`Invalid dry-run value (${v}). Must "none", "server", or "client".`.replace('Must "none"', 'Must be "none"'));
}

/** The ` (dry run)` / ` (server dry run)` suffix of success lines. */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function validationOf(flags: Record<string, unknown>): FieldValidation {
  const v = String(flags.validate ?? 'strict').toLowerCase();
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  throw new CliError(`invalid - validate option "${flags.validate}"; must be one of: strict (true), warn, ignore (false)`);
}

export interface ResourceRef {
  info: KindInfo;
  /** Names requested; empty = all (subject to selectors). */
  names: string[];
}

/** Parses `TYPE NAME…`, `TYPE1,TYPE2`, `TYPE/NAME…`, `all`. */
export function parseResourceArgs(args: string[], opts: { allowEmpty?: boolean } = {}): ResourceRef[] {
  if (args.length === 0) return [];
  const slashForm = args.filter((a) => a.includes('/'));
  if (slashForm.length) {
    if (slashForm.length !== args.length) {
      throw new CliError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${progName()} get resource/<resource_name>' instead of '${progName()} get resource resource/<resource_name>'`,
      );
    }
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const info = registry.mustResolve(type);
      const prev = refs.find((r) => r.info === info);
      if (prev) prev.names.push(name);
      else refs.push({ info, names: [name] });
    }
    return refs;
  }
  const [types, ...names] = args;
  const infos: KindInfo[] = [];
  for (const t of types!.split(',')) {
    if (t === '') continue;
    if (t === 'all') {
      for (const i of registry.category('all')) if (!infos.includes(i)) infos.push(i);
      continue;
    }
    const info = registry.mustResolve(t);
    if (!infos.includes(info)) infos.push(info);
  }
  void opts;
  return infos.map((info) => ({ info, names: [...names] }));
}

export interface Filters {
  selector?: Selector;
  fields: FieldRequirement[];
  /**
   * A label selector the server could not parse: kubectl sends `-l` to the API server, so the error
   * comes back per listed resource (see listObjects); client-side filtering reports it as is.
   */
  labelError?: { raw: string; rawFields: string; message: string };
}

export function filtersOf(flags: Record<string, unknown>): Filters {
  const sel = flags.selector as string | undefined;
  const fs = flags['field-selector'] as string | undefined;
  const fields = fs ? parseFieldSelector(fs) : [];
  if (!sel) return { selector: undefined, fields };
  try {
    return { selector: parseSelector(sel), fields };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { selector: Selector.nothing(), fields, labelError: { raw: sel, rawFields: fs ?? '', message: e.message } };
  }
}

export function matchFilters(o: KObject, f: Filters): boolean {
  if (f.labelError) throw new CliError(f.labelError.message);
  if (f.selector && !f.selector.matches(o.metadata.labels)) return false;
  if (f.fields.length && !matchesFields(o, f.fields)) return false;
  return true;
}

/** Lists objects of a kind in a namespace (or all namespaces), filtered. */
export function listObjects(s: Session, info: KindInfo, ns: string | undefined, filters: Filters): KObject[] {
  const g = gk(info);
  if (filters.labelError) {
    // the resource builder's wrapping of a BadRequest from a list with selectors
    const gvr = `${info.group}/${info.version}, Resource=${info.plural}`;
    const { raw, rawFields, message } = filters.labelError;
    throw new StatusError('BadRequest', `Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(raw)}, field selector ${JSON.stringify(rawFields)}: ${message}`);
  }
  const objs = s.store.list(g, info.namespaced ? ns : undefined);
  return objs.filter((o) => matchFilters(o, filters));
}

export function mustOneOf(flags: Record<string, unknown>, names: string[]): void {
  void flags;
  void names;
}

/** kubectl's "no resources" hint for verbs given nothing to act on. */
export function requireResources(args: string[], filenames: string[] | undefined): void {
  if (args.length === 0 && !(filenames && filenames.length)) {
    throw new RawError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  }
}

/** Name printer line: `deployment.apps/web`. */
export function kindName(info: KindInfo, name: string): string {
  const prefix = info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
  return `${prefix}/${name}`;
}

export function infoOf(o: KObject): KindInfo {
  const info = registry.forApiVersionKind(o.apiVersion, o.kind);
  if (!info) throw new CliError(`no matches for kind "${o.kind}" in version "${o.apiVersion}"`);
  return info;
}

export interface Target {
  info: KindInfo;
  obj: KObject;
}

/**
 * The resource builder for verbs acting on existing objects: `TYPE NAME…`, `TYPE/NAME…`, `-f`,
 * `-l`/`--all`. Missing named objects become NotFound errors; nothing is thrown for them.
 */
export function resolveTargets(
  s: Session,
  refs: ResourceRef[],
  manifests: { obj: Record<string, unknown>; source: string }[],
  ns: string,
  opts: { filters: Filters; all: boolean; allNamespaces: boolean },
): { targets: Target[]; errors: KubeError[] } {
  const targets: Target[] = [];
  const errors: KubeError[] = [];
  for (const m of manifests) {
    const info = registry.forApiVersionKind(String(m.obj.apiVersion ?? ''), String(m.obj.kind ?? ''));
    const meta = (m.obj.metadata ?? {}) as { name?: string; namespace?: string };
    if (!info) {
      errors.push(new RawError(`error: resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`));
      continue;
    }
    const o = s.store.get(gk(info), info.namespaced ? meta.namespace || ns : undefined, meta.name ?? '');
    if (o) targets.push({ info, obj: o });
    else errors.push(notFoundFor(info, meta.name ?? ''));
  }
  for (const r of refs) {
    if (r.names.length) {
      for (const name of r.names) {
        const o = s.store.get(gk(r.info), r.info.namespaced ? ns : undefined, name);
        if (o) targets.push({ info: r.info, obj: o });
        else errors.push(notFoundFor(r.info, name));
      }
    } else if (opts.all || opts.filters.selector || opts.filters.fields.length) {
      for (const o of listObjects(s, r.info, opts.allNamespaces ? undefined : ns, opts.filters)) targets.push({ info: r.info, obj: o });
    }
  }
  return { targets, errors };
}

function notFoundFor(info: KindInfo, name: string): KubeError {
  return notFound(info.plural, info.group, name);
}

/** Reads the -f inputs of a verb (files, directories with -R, `-` for stdin). */
export function readInputs(filenames: string[], flags: Record<string, unknown>) {
  return readManifests(filenames, { recursive: !!flags.recursive, stdin: () => readFileSync(0) });
}

/** create/apply/replace: keep going past unreadable documents; client-side validation unless --validate=false. */
export function visitInputs(filenames: string[], flags: Record<string, unknown>): ManifestVisit {
  const v = String(flags.validate ?? 'strict').toLowerCase();
  return visitManifests(filenames, { recursive: !!flags.recursive, stdin: () => readFileSync(0), validate: v !== 'false' && v !== 'ignore' });
}

/** Prints errors as kubectl's CheckErr does (one: as is; several: one line each) and returns the exit code. */
export function reportErrors(errors: KubeError[]): number {
  if (errors.length === 0) return 0;
  stderr.line(new GoAggregate(errors).render());
  return 1;
}

/** The thrown form of several errors (the command changed nothing). */
export function aggregate(errors: KubeError[]): KubeError {
  return errors.length === 1 ? errors[0]! : new GoAggregate(errors);
}
