// kubectl create <type> NAME …: objects built on the client, then POSTed.
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

export async function runCreateConfigMap(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create configmap');
  const { configMapData, configMapHash } = await import('./create-data');
  const cm = configMapData(name, flags);
  const finalName = flags['append-hash'] ? `${name}-${configMapHash(name, cm)}` : name;
  const obj: KObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: finalName, creationTimestamp: null as unknown as string } };
  if (Object.keys(cm.data).length) obj.data = cm.data;
  if (Object.keys(cm.binaryData).length) obj.binaryData = Object.fromEntries(Object.entries(cm.binaryData).map(([k, v]) => [k, v.toString('base64')]));
  return createTyped(ctx, flags, { info: registry.mustGroupKind('ConfigMap'), obj, wrap: failedTo('configmap') });
}

/** A client-built Secret: `type` only when set (the server defaults Opaque), data base64. */
function secretObject(name: string, type: string, data: Record<string, Buffer>, appendHash: boolean, hash: (n: string, t: string, d: Record<string, Buffer>) => string): KObject {
  const obj: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: { name: appendHash ? `${name}-${hash(name, type, data)}` : name, creationTimestamp: null as unknown as string } };
  if (Object.keys(data).length) obj.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.toString('base64')]));
  if (type) obj.type = type;
  return obj;
}

export async function runCreateSecretGeneric(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create secret generic');
  const { secretData, secretHash } = await import('./create-data');
  const data = secretData(flags);
  const obj = secretObject(name, (flags.type as string) ?? '', data, !!flags['append-hash'], secretHash);
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Secret'), obj, wrap: failedTo('secret', ' ') });
}

/** kubectl create secret tls: the key pair must parse and match (tls.X509KeyPair). */
export async function runCreateSecretTLS(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create secret tls');
  const { checkKeyPair, readFlagFile, secretHash } = await import('./create-data');
  const certFile = (flags.cert as string) ?? '';
  const keyFile = (flags.key as string) ?? '';
  if (!certFile || !keyFile) throw new CliError('key and cert must be specified');
  const cert = readFlagFile(certFile);
  const key = readFlagFile(keyFile);
  checkKeyPair(cert, key);
  const obj = secretObject(name, 'kubernetes.io/tls', { 'tls.crt': cert, 'tls.key': key }, !!flags['append-hash'], secretHash);
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Secret'), obj, wrap: failedTo('secret', ' ') });
}

/** kubectl create secret docker-registry: a .dockerconfigjson from flags, or files given with --from-file. */
export async function runCreateSecretDockerRegistry(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create secret docker-registry');
  const { secretData, secretHash, dockerConfigJson, splitSlice } = await import('./create-data');
  const files = splitSlice(flags['from-file'] as string[], 'from-file');
  const username = (flags['docker-username'] as string) ?? '';
  const password = (flags['docker-password'] as string) ?? '';
  const email = (flags['docker-email'] as string) ?? '';
  const server = (flags['docker-server'] as string) ?? '';
  if (files.length === 0 && (!username || !password || !server))
    throw new CliError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  const data = files.length ? secretData({ 'from-file': flags['from-file'] }, '.dockerconfigjson') : { '.dockerconfigjson': dockerConfigJson(username, password, email, server) };
  const obj = secretObject(name, 'kubernetes.io/dockerconfigjson', data, !!flags['append-hash'], secretHash);
  return createTyped(ctx, flags, { info: registry.mustGroupKind('Secret'), obj, wrap: failedTo('secret', ' ') });
}

export { StatusError };
