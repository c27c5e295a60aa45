// kubectl taint (kubectl pkg/cmd/taint, 1.32): `key=value:Effect` adds (new taints go first),
// `key:Effect-` and `key-` remove; an existing key+effect needs --overwrite. Prints
// `node/x tainted` / `untainted` / `modified`.
import { cluster, dryRunOf, dryRunSuffix, namespaceOf } from '../common';
import { checkOutputFormat } from '../printing';
import { CliError, KubeError, RawError, notFound } from '../../api/errors';
import { clone, type KObject, type Taint } from '../../api/types';
import { parseSelector } from '../../api/selectors';
import { registry } from '../../api/registry';
import { isQualifiedName, isValidLabelValue } from '../../api/validation/util';
import type { RunContext } from '../spec';
import { out, err, progName } from '../io';
import { renderObjectOutput } from './output';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function usage(msg: string): RawError {
  return new RawError(`error: ${msg}\nSee '${progName()} taint -h' for help and examples`);
}

/** parseTaint. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) throw usage(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw usage(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length) throw usage(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw usage(`invalid taint spec: ${spec}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw usage(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  const t: Taint = { key, effect } as Taint;
  if (value) t.value = value;
  return t;
}

/** Taint.ToString(). */
export function taintString(t: { key: string; value?: string; effect?: string }): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** parseTaints: additions and removals; one addition per key+effect. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect } as Taint);
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw usage(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.effect === t.effect && a.key === t.key)) throw usage(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`);
    add.push(t);
  }
  return { add, remove };
}

const matchTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** reorganizeTaints: the operation and the new list (additions first, then the old ones kept). */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  const next: Taint[] = [...add];
  for (const o of old) if (!next.some((t) => matchTaint(t, o))) next.push(o);
  const added = old.length !== next.length;
  const errors: string[] = [];
  let list = next;
  let removed = false;
  for (const r of remove) {
    const before = list.length;
    list = r.effect ? list.filter((t) => !matchTaint(r, t)) : list.filter((t) => t.key !== r.key);
    removed = list.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const op = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints: list, errors };
}

export async function runTaint(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const resources: string[] = [];
  const taintArgs: string[] = [];
  let met = false;
  for (const a of args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) {
      met = true;
      taintArgs.push(a);
    } else if (!met) resources.push(a);
    else throw new CliError(`all resources must be specified before taint changes: ${a}`);
  }
  if (resources.length < 1) throw new CliError('one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw new CliError('at least one taint update is required');
  const { add, remove } = parseTaints(taintArgs);
  const dry = dryRunOf(flags);
  const overwrite = !!flags.overwrite;
  const all = !!flags.all;
  const sel = (flags.selector as string) || '';
  // Validate
  const info = registry.mustResolve(resources[0]!.toLowerCase());
  if (info.kind !== 'Node' || info.group !== '') throw new CliError(`invalid resource type ${resources[0]!.toLowerCase()}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of add) for (const r of remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`${r.key}=${r.effect ?? ''}`);
  if (conflicts.length) throw new CliError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  if (all && sel) throw new CliError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !sel && resources.length < 2) throw new CliError("at least one resource name must be specified since 'all' parameter is not set");
  const selector = sel ? parseSelector(sel) : undefined;
  void namespaceOf(ctx);
  const lines: string[] = [];
  const results: { info: typeof info; obj: KObject }[] = [];
  const errors: KubeError[] = [];
  cluster(ctx, (s) => {
    let nodes: (KObject | string)[];
    if (all || selector) nodes = s.store.list('Node').filter((n) => !selector || selector.matches(n.metadata.labels));
    else nodes = resources.slice(1).map((n) => s.store.get('Node', undefined, n) ?? n);
    for (const n of nodes) {
      if (typeof n === 'string') {
        errors.push(notFound('nodes', '', n));
        continue;
      }
      try {
        const old = (n.spec?.taints ?? []) as Taint[];
        if (!overwrite) {
          const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
          if (exists.length) throw new CliError(`node ${n.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
        }
        const r = reorganizeTaints(old, overwrite, add, remove);
        if (r.errors.length) throw new CliError(r.errors.length === 1 ? r.errors[0]! : `[${r.errors.join(', ')}]`);
        const next = clone(n);
        next.spec = { ...(next.spec ?? {}) };
        if (r.taints.length) next.spec.taints = r.taints;
        else delete next.spec.taints;
        const updated = dry === 'client' ? next : s.ctx.api.update(next, { dryRun: dry === 'server' });
        if (dry === 'none') s.settle();
        results.push({ info, obj: updated });
        lines.push(`node/${n.metadata.name} ${r.op}${dryRunSuffix(dry)}`);
      } catch (e) {
        if (e instanceof KubeError) errors.push(e);
        else throw e;
      }
    }
  });
  if (output) out.write(renderObjectOutput(results, output, false));
  else for (const l of lines) out.line(l);
  for (const e of errors) err.line(e.render());
  return errors.length ? 1 : 0;
}
