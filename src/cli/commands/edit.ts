// kubectl edit: the object's YAML in $KUBE_EDITOR/$EDITOR; saved changes are sent as an update; an
// invalid edit reopens with the errors on top, as kubectl does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cluster, gk, kindName, namespaceOf, parseResourceArgs, resolveTargets, type Target, readInputs } from '../common';
import { CliError, InvalidError, KubeError, RawError } from '../../api/errors';
import { parseManifestText, toJson, toYaml } from '../manifests';
import { deepEqual } from '../../api/equality';
import { lastAppliedConfiguration } from '../../api/merge';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { forOutput } from '../printing';
import { LAST_APPLIED } from './apply';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

function editorCommand(): string {
  return process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
}

function openEditor(file: string): void {
  const shell = process.env.SHELL || '/bin/bash';
  const r = spawnSync(shell, ['-c', `${editorCommand()} "${file.replace(/"/g, '\\"')}"`], { stdio: 'inherit' });
  if (r.error || r.status !== 0) throw new CliError(`there was a problem with the editor "${editorCommand()}"`);
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

function errorHeader(t: Target, e: KubeError): string {
  const what = `${t.info.group ? `${t.info.plural}.${t.info.group}` : t.info.plural} "${t.obj.metadata.name}"`;
  let lines: string[];
  if (e instanceof InvalidError) lines = [`${what} was not valid:`, ...e.causes.map((c) => `* ${c.toString()}`)];
  else lines = [`${what} was not valid:`, `* ${e.render().replace(/^error: /, '')}`];
  return lines.map((l) => `# ${l}`).join('\n') + '\n#\n';
}

export async function runEdit(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const format = (flags.output as string) || 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new CliError(`the edit mode must be one of "yaml" or "json"`);
  const filenames = (flags.filename as string[]) ?? [];
  if (args.length === 0 && filenames.length === 0)
    throw new RawError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  const refs = parseResourceArgs(args);
  for (const r of refs) if (r.names.length === 0) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  // read the objects, then let go of the cluster while the editor is open
  const targets = cluster(
    ctx,
    (s) => {
      const { targets, errors } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters: { fields: [] }, all: false, allNamespaces: false });
      if (errors.length) throw errors[0]!;
      return targets;
    },
    { readOnly: true },
  );
  let failures = 0;
  for (const t of targets) {
    const original = forOutput(t.obj);
    const render = (o: unknown) => (format === 'json' ? toJson(o) : toYaml(o));
    const file = path.join(os.tmpdir(), `kubesim-edit-${process.pid}-${t.obj.metadata.name}.${format}`);
    let content = HEADER + render(original);
    let lastEdited: string | undefined;
    for (;;) {
      fs.writeFileSync(file, content);
      openEditor(file);
      const edited = fs.readFileSync(file, 'utf8');
      const body = stripComments(edited);
      if (body.trim() === '') {
        err.line('Edit cancelled, no changes made.');
        break;
      }
      let obj: KObject;
      try {
        const docs = parseManifestText(body, 'edited-file');
        if (docs.length !== 1) throw new CliError('edited-file: exactly one object expected');
        obj = docs[0]!.obj as unknown as KObject;
      } catch (e) {
        content = `${HEADER}# The edited file had a syntax error: ${(e as Error).message.replace(/^error: /, '')}\n#\n${body}`;
        if (lastEdited === body) {
          failures++;
          err.line(`error: Edit cancelled, no valid changes were saved.`);
          break;
        }
        lastEdited = body;
        continue;
      }
      if (deepEqual(obj, original)) {
        if (lastEdited !== undefined) {
          failures++;
          err.line(`error: Edit cancelled, no valid changes were saved.`);
        } else err.line('Edit cancelled, no changes made.');
        break;
      }
      if (lastEdited === body) {
        const keep = path.join(os.tmpdir(), `kubectl-edit-${process.pid}.${format}`);
        fs.copyFileSync(file, keep);
        err.line(`error: Edit cancelled, no valid changes were saved.\nA copy of your changes has been stored to "${keep}"`);
        failures++;
        break;
      }
      lastEdited = body;
      try {
        if (obj.metadata?.name !== t.obj.metadata.name || obj.kind !== t.obj.kind) throw new CliError('At least one of apiVersion, kind and name was changed');
        if (flags['save-config'] || t.obj.metadata.annotations?.[LAST_APPLIED]) {
          obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}) };
          delete obj.metadata.annotations[LAST_APPLIED];
          obj.metadata.annotations[LAST_APPLIED] = lastAppliedConfiguration(obj, obj.metadata.namespace);
        }
        cluster(ctx, (s) => {
          s.ctx.api.update({ ...obj, metadata: { ...obj.metadata, namespace: t.obj.metadata.namespace } } as KObject);
          s.settle();
        });
        out.line(`${kindName(t.info, t.obj.metadata.name)} edited`);
        break;
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        content = HEADER + errorHeader(t, e) + body.replace(/^\n+/, '');
      }
    }
    try {
      fs.unlinkSync(file);
    } catch {
      /* ignore */
    }
  }
  void gk;
  return failures ? 1 : 0;
}
