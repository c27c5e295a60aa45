// kubectl create job / create cronjob (pkg/cmd/create/create_job.go, create_cronjob.go).
import { cluster, namespaceOf } from '../common';
import { CliError, KubeError, RawError } from '../../api/errors';
import { registry } from '../../api/registry';
import { clone, type KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { progName } from '../io';
import { createTyped, failedTo } from './create';

function exactlyOneName(args: string[], path: string): string {
  if (args.length !== 1) throw new RawError(`error: exactly one NAME is required, got ${args.length}\nSee '${progName()} ${path} -h' for help and examples`);
  return args[0]!;
}

/** createJobFromCronJob: the CronJob's job template, marked as a manual run and owned by the CronJob. */
export function jobFromCronJob(name: string, cj: KObject): KObject {
  const jt = cj.spec?.jobTemplate ?? {};
  const annotations: Record<string, string> = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(jt.metadata?.annotations ?? {}) };
  const metadata: KObject['metadata'] = { name, creationTimestamp: null as unknown as string };
  if (jt.metadata?.labels) metadata.labels = clone(jt.metadata.labels);
  metadata.annotations = annotations;
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid!, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: clone(jt.spec ?? {}), status: {} };
}

export async function runCreateJob(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = exactlyOneName(args, 'create job');
  const image = (flags.image as string) ?? '';
  const from = (flags.from as string) ?? '';
  const command = ctx.dashArgs;
  if ((!image && !from) || (image && from)) throw new CliError('either --image or --from must be specified');
  if (command.length && from) throw new CliError('cannot specify --from and command');
  const info = registry.mustGroupKind('Job.batch');
  let obj: KObject;
  if (image) {
    const container: Record<string, unknown> = { name, image };
    if (command.length) container.command = [...command];
    container.resources = {};
    obj = {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: { name, creationTimestamp: null as unknown as string },
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
      status: {},
    };
  } else {
    // the resource builder reads --from from the server, even for a client dry run
    const slash = from.indexOf('/');
    const typeArg = slash < 0 ? from : from.slice(0, slash);
    const fromName = slash < 0 ? '' : from.slice(slash + 1);
    if (slash < 0 || !fromName) throw new CliError(`arguments in resource/name form must have a single resource and name`);
    const fromInfo = registry.mustResolve(typeArg);
    const source = cluster(ctx, (s) => s.ctx.api.get(`${fromInfo.kind}${fromInfo.group ? `.${fromInfo.group}` : ''}`, fromInfo.namespaced ? namespaceOf(ctx) : undefined, fromName), { readOnly: true });
    if (fromInfo.kind !== 'CronJob' || fromInfo.group !== 'batch') {
      const goType = `*${fromInfo.version}.${fromInfo.kind}`;
      throw new CliError(`unknown object type ${goType}`);
    }
    obj = jobFromCronJob(name, source);
  }
  return createTyped(ctx, flags, { info, obj, wrap: failedTo('job') });
}

export async function runCreateCronJob(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const missing = ['image', 'schedule'].filter((f) => !ctx.explicit.has(f));
  if (missing.length) throw new RawError(`error: required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
  const name = exactlyOneName(args, 'create cronjob');
  const image = (flags.image as string) ?? '';
  const schedule = (flags.schedule as string) ?? '';
  const restart = (flags.restart as string) || 'OnFailure';
  const container: Record<string, unknown> = { name, image };
  if (ctx.dashArgs.length) container.command = [...ctx.dashArgs];
  container.resources = {};
  const obj: KObject = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null as unknown as string },
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: restart } } },
      },
    },
    status: {},
  };
  return createTyped(ctx, flags, { info: registry.mustGroupKind('CronJob.batch'), obj, wrap: failedTo('cronjob') });
}

export { KubeError };
