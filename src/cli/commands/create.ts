// kubectl create <type> NAME …: objects built on the client, then POSTed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cluster, dryRunOf, dryRunSuffix, kindName, namespaceOf, validationOf } from '../common';
import { checkOutputFormat, forOutput } from '../printing';
import { CliError, InvalidError, KubeError, RawError, StatusError } from '../../api/errors';
import { registry, type KindInfo } from '../../api/registry';
import { lastAppliedConfiguration } from '../../api/merge';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, progName } from '../io';
import { renderObjectOutput } from './output';
import { LAST_APPLIED } from './apply';

function exactlyOneName(args: string[], path: string): string {
  if (args.length !== 1)
    throw new RawError(`error: exactly one NAME is required, got ${args.length}\nSee '${progName()} ${path} -h' for help and examples`);
  return args[0]!;
}

export function requiredFlag(name: string): RawError {
  return new RawError(`error: required flag(s) "${name}" not set`);
}

/** `registry.io/team/my-app:1.0` → `my-app`, `busybox@sha256:…` → `busybox`. */
export function containerNameFromImage(image: string): string {
  let s = image;
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  return s.slice(slash + 1);
}

interface CreateSpec {
  info: KindInfo;
  obj: KObject;
  /** How a failure is reported: typed creates wrap the server error. */
  wrap: (e: KubeError) => KubeError;
}

/** Sends a client-built object: handles --dry-run, --save-config, -o and the success line. */
export function createTyped(ctx: RunContext, flags: Record<string, unknown>, spec: CreateSpec): number {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const dry = dryRunOf(flags);
  const validation = validationOf(flags);
  const { info, obj } = spec;
  if (info.namespaced && ctx.explicit.has('namespace')) obj.metadata.namespace = namespaceOf(ctx);
  if (flags['save-config']) {
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}) };
    obj.metadata.annotations[LAST_APPLIED] = lastAppliedConfiguration(obj, info.namespaced ? obj.metadata.namespace : undefined);
  }
  if (dry === 'client') {
    // the object as the client would send it (no namespace unless given, no server defaults)
    const shown = JSON.parse(JSON.stringify(obj)) as KObject;
    if (!ctx.explicit.has('namespace')) delete shown.metadata.namespace;
    if (output) out.write(renderObjectOutput([{ info, obj: shown }], output, true));
    else out.line(`${kindName(info, obj.metadata.name)} created${dryRunSuffix(dry)}`);
    return 0;
  }
  const created = cluster(ctx, (s) => {
    try {
      if (info.namespaced && !obj.metadata.namespace) obj.metadata.namespace = namespaceOf(ctx);
      return s.ctx.api.create(obj, { dryRun: dry === 'server', fieldValidation: validation });
    } catch (e) {
      if (e instanceof KubeError) throw spec.wrap(e);
      throw e;
    }
  });
  if (output) out.write(renderObjectOutput([{ info, obj: forOutput(created) }], output, false));
  else out.line(`${kindName(info, created.metadata.name)} created${dryRunSuffix(dry)}`);
  return 0;
}

/** `failed to create deployment: <server message>` as the typed create commands report it. */
export function failedTo(what: string, sep = ': '): (e: KubeError) => KubeError {
  return (e) => {
    const msg = e instanceof InvalidError ? e.statusMessage() : e instanceof StatusError ? e.message : e.message;
    return new CliError(`failed to create ${what}${sep}${msg}`);
  };
}

export async function runCreateDeployment(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create deployment');
  const images = (flags.image as string[]) ?? [];
  if (images.length === 0) throw requiredFlag('image');
  const replicas = flags.replicas as number;
  const port = flags.port as number;
  if (ctx.dashArgs.length && images.length > 1) throw new CliError('cannot specify multiple --image options and command');
  const labels = { app: name };
  const containers = images.map((image) => {
    const c: Record<string, unknown> = { name: containerNameFromImage(image), image };
    if (ctx.dashArgs.length) c.command = [...ctx.dashArgs];
    if (port >= 0) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  const obj: KObject = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, creationTimestamp: null as unknown as string, labels },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Deployment.apps'), obj, wrap: failedTo('deployment') });
}

export async function runCreateNamespace(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create namespace');
  const obj: KObject = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null as unknown as string }, spec: {}, status: {} };
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Namespace'), obj, wrap: (e) => e });
}

function validKey(k: string): boolean {
  return k.length > 0 && k.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(k);
}

/** Collects key/value pairs from --from-literal, --from-file and --from-env-file, as kubectl does. */
function collectData(flags: Record<string, unknown>, kindLabel: 'ConfigMap' | 'Secret', name: string): { data: Record<string, string>; binary: Record<string, Buffer> } {
  const data: Record<string, string> = {};
  const binary: Record<string, Buffer> = {};
  const add = (key: string, value: string | Buffer) => {
    if (!validKey(key))
      throw new CliError(`"${key}" is not a valid key name for a ${kindLabel}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
    if (key in data || key in binary) throw new CliError(`cannot add key ${key}, another key by that name already exists in ${kindLabel === 'ConfigMap' ? 'Data' : 'data'} for ${kindLabel} "${name}"`);
    if (typeof value === 'string') data[key] = value;
    else if (kindLabel === 'ConfigMap' && isUtf8(value)) data[key] = value.toString('utf8');
    else binary[key] = value;
  };
  for (const lit of (flags['from-literal'] as string[]) ?? []) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new CliError(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const src of (flags['from-file'] as string[]) ?? []) {
    let key: string | undefined;
    let file = src;
    const i = src.indexOf('=');
    if (i >= 0) {
      key = src.slice(0, i);
      file = src.slice(i + 1);
      if (!key) throw new CliError(`key names or file paths cannot be empty`);
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      throw new CliError(`error reading ${file}: no such file or directory`);
    }
    if (st.isDirectory()) {
      if (key) throw new CliError(`cannot give a key name for a directory path`);
      for (const f of fs.readdirSync(file).sort()) {
        const p = path.join(file, f);
        if (!fs.statSync(p).isFile()) continue;
        if (!validKey(f)) continue;
        add(f, fs.readFileSync(p));
      }
    } else add(key ?? path.basename(file), fs.readFileSync(file));
  }
  for (const envFile of (flags['from-env-file'] as string[]) ?? []) {
    let text: string;
    try {
      text = fs.readFileSync(envFile, 'utf8');
    } catch {
      throw new CliError(`error reading ${envFile}: no such file or directory`);
    }
    text.split(/\r?\n/).forEach((line, n) => {
      const l = line.replace(/^\uFEFF/, '');
      if (l.trim() === '' || l.trimStart().startsWith('#')) return;
      const i = l.indexOf('=');
      const k = (i >= 0 ? l.slice(0, i) : l).trimStart();
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k)) throw new CliError(`"${k}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
      void n;
      add(k, i >= 0 ? l.slice(i + 1) : process.env[k] ?? '');
    });
  }
  return { data, binary };
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export async function runCreateConfigMap(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create configmap');
  const { data, binary } = collectData(flags, 'ConfigMap', name);
  const obj: KObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, creationTimestamp: null as unknown as string } };
  if (Object.keys(data).length) obj.data = data;
  if (Object.keys(binary).length) obj.binaryData = Object.fromEntries(Object.entries(binary).map(([k, v]) => [k, v.toString('base64')]));
  return createTyped(ctx, flags, { info: registry.mustGroupKind('ConfigMap'), obj, wrap: failedTo('configmap') });
}

export async function runCreateSecretGeneric(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create secret generic');
  const { data, binary } = collectData(flags, 'Secret', name);
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) all[k] = Buffer.from(v, 'utf8').toString('base64');
  for (const [k, v] of Object.entries(binary)) all[k] = v.toString('base64');
  const obj: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name, creationTimestamp: null as unknown as string } };
  if (Object.keys(all).length) obj.data = all;
  if (flags.type) obj.type = flags.type;
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Secret'), obj, wrap: failedTo('secret', ' ') });
}

export { StatusError };
