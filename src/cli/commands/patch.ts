// kubectl patch.
import * as fs from 'node:fs';
import { cluster, dryRunOf, dryRunSuffix, gk, kindName, namespaceOf, parseResourceArgs, resolveTargets, type Target, readInputs, reportErrors } from '../common';
import { checkOutputFormat } from '../printing';
import { CliError, KubeError } from '../../api/errors';
import { yamlLoad } from '../manifests';
import { applyJsonPatch, applyMergePatch, strategicMergePatch, supportsStrategicMergePatch, strategicMergeUnsupportedError } from '../../api/merge';
import { deepEqual } from '../../api/equality';
import { registry } from '../../api/registry';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { renderObjectOutput } from './output';
import { SCALABLE } from './scale';

export async function runPatch(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const type = String(flags.type ?? 'strategic');
  if (!['json', 'merge', 'strategic'].includes(type)) throw new CliError(`--type must be one of [json merge strategic], not "${type}"`);
  let text = (flags.patch as string) || '';
  const patchFile = (flags['patch-file'] as string) || '';
  if (text && patchFile) throw new CliError('cannot specify --patch and --patch-file together');
  if (patchFile) {
    try {
      text = fs.readFileSync(patchFile, 'utf8');
    } catch {
      throw new CliError(`unable to read patch file: open ${patchFile}: no such file or directory`);
    }
  }
  if (!text) throw new CliError('must specify --patch or --patch-file containing the contents of the patch');
  let patch: unknown;
  try {
    patch = yamlLoad(text);
  } catch (e) {
    if (type !== 'json') throw new CliError('invalid JSON document');
    throw new CliError(`unable to parse "${text}": ${(e as Error).message.replace(/^error: /, '')}`);
  }
  if (type !== 'json' && (patch === null || typeof patch !== 'object' || Array.isArray(patch))) throw new CliError('invalid JSON document');
  const subresource = (flags.subresource as string) || '';
  if (subresource && !['status', 'scale'].includes(subresource)) throw new CliError(`invalid subresource value: "${subresource}". Must be one of [status scale]`);
  const dry = dryRunOf(flags);
  const filenames = (flags.filename as string[]) ?? [];
  if (args.length === 0 && filenames.length === 0)
    throw new CliError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  const refs = parseResourceArgs(args);
  for (const r of refs) if (r.names.length === 0) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  const doPatch = (t: Target, base: KObject): KObject => {
    const g = gk(t.info);
    let view: unknown = base;
    if (subresource === 'scale') {
      if (!SCALABLE.has(g)) throw new CliError('the server could not find the requested resource');
      view = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: base.metadata.name, namespace: base.metadata.namespace }, spec: { replicas: base.spec?.replicas ?? 1 }, status: { replicas: base.status?.replicas ?? 0 } };
    }
    let patched: unknown;
    if (type === 'json') patched = applyJsonPatch(view, patch, { local: !!flags.local });
    else if (type === 'merge') patched = applyMergePatch(view, patch, { local: !!flags.local });
    else {
      if (!supportsStrategicMergePatch(g)) throw strategicMergeUnsupportedError(base.apiVersion, base.kind);
      patched = strategicMergePatch(view, patch, subresource === 'scale' ? 'Scale.autoscaling' : g, { local: !!flags.local });
    }
    if (subresource === 'scale') {
      const replicas = (patched as { spec?: { replicas?: number } }).spec?.replicas ?? base.spec?.replicas;
      return { ...base, spec: { ...base.spec, replicas } };
    }
    return patched as KObject;
  };
  if (flags.local) {
    const results: Target[] = [];
    for (const m of manifests) {
      const info = registry.forApiVersionKind(String(m.obj.apiVersion), String(m.obj.kind));
      if (!info) continue;
      const t = { info, obj: m.obj as unknown as KObject };
      results.push({ info, obj: doPatch(t, t.obj) });
    }
    if (output) out.write(renderObjectOutput(results, output, false));
    else for (const r of results) out.line(`${kindName(r.info, r.obj.metadata.name)} patched`);
    return 0;
  }
  const lines: string[] = [];
  const results: Target[] = [];
  const errors: KubeError[] = [];
  cluster(ctx, (s) => {
    const { targets, errors: missing } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters: { fields: [] }, all: false, allNamespaces: false });
    errors.push(...missing);
    for (const t of targets) {
      try {
        const patched = doPatch(t, t.obj);
        const g = gk(t.info);
        let updated: KObject;
        if (subresource === 'status') {
          const next = { ...t.obj, status: patched.status };
          updated = dry === 'none' ? s.ctx.api.updateStatus(next) : next;
        } else {
          const sameName = patched.metadata?.name === t.obj.metadata.name;
          if (!sameName) throw new CliError(`the name of the object (${patched.metadata?.name}) does not match the name on the URL (${t.obj.metadata.name})`);
          const input = { ...patched, metadata: { ...patched.metadata, resourceVersion: undefined } } as KObject;
          updated = dry === 'client' ? patched : s.ctx.api.update(input, { dryRun: dry === 'server' });
        }
        void g;
        const changed = !deepEqual(stripRv(updated), stripRv(t.obj));
        results.push({ info: t.info, obj: updated });
        lines.push(`${kindName(t.info, t.obj.metadata.name)} patched${changed || dry !== 'none' ? '' : ' (no change)'}${dryRunSuffix(dry)}`);
        if (dry === 'none') s.settle();
      } catch (e) {
        if (e instanceof KubeError) errors.push(e);
        else throw e;
      }
    }
  });
  if (output) out.write(renderObjectOutput(results, output, false));
  else for (const l of lines) out.line(l);
  return reportErrors(errors);
}

function stripRv(o: KObject): unknown {
  return { ...o, metadata: { ...o.metadata, resourceVersion: undefined, generation: undefined } };
}
