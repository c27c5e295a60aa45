// kubectl run: one pod named NAME, labelled run=NAME.
import { cluster, dryRunOf, dryRunSuffix, kindName, namespaceOf, validationOf } from '../common';
import { checkOutputFormat, forOutput } from '../printing';
import { CliError, InvalidError, KubeError, RawError, StatusError } from '../../api/errors';
import { registry } from '../../api/registry';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, progName } from '../io';
import { renderObjectOutput } from './output';
import { requiredFlag } from './create';

function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    if (!part) continue;
    const i = part.indexOf('=');
    if (i <= 0) throw new CliError(`invalid label spec: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

export async function runRun(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length === 0) throw new RawError(`error: NAME is required for run\nSee '${progName()} run -h' for help and examples`);
  const name = args[0]!;
  const image = (flags.image as string) || '';
  if (!image) throw requiredFlag('image');
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  const dry = dryRunOf(flags);
  const restart = String(flags.restart ?? 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CliError(`invalid restart policy: ${restart}`);
  const labels = flags.labels ? parseLabels(flags.labels as string) : { run: name };
  const container: Record<string, unknown> = { name, image };
  const extra = [...args.slice(1), ...ctx.dashArgs];
  if (extra.length) {
    if (flags.command) container.command = extra;
    else container.args = extra;
  }
  const env = (flags.env as string[]) ?? [];
  if (env.length)
    container.env = env.map((e) => {
      const i = e.indexOf('=');
      if (i <= 0) throw new CliError(`invalid env: ${e}`);
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
  if (flags['image-pull-policy']) container.imagePullPolicy = flags['image-pull-policy'];
  const port = (flags.port as string) || '';
  if (port) {
    if (!/^\d+$/.test(port)) throw new CliError(`invalid port ${port}`);
    container.ports = [{ containerPort: parseInt(port, 10) }];
  }
  if (flags.privileged) container.securityContext = { privileged: true };
  container.resources = {};
  const annotations: Record<string, string> = {};
  for (const a of (flags.annotations as string[]) ?? []) {
    const i = a.indexOf('=');
    if (i <= 0) throw new CliError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const pod: KObject = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null as unknown as string, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  if (flags.overrides) {
    try {
      const o = JSON.parse(flags.overrides as string);
      Object.assign(pod, o);
    } catch (e) {
      throw new CliError(`error: invalid JSON in --overrides: ${(e as Error).message}`);
    }
  }
  if (flags.expose && !port) throw new CliError('--port must be set when exposing a service');
  const info = registry.mustGroupKind('Pod');
  if (ctx.explicit.has('namespace')) pod.metadata.namespace = namespaceOf(ctx);
  if (dry === 'client') {
    if (output) out.write(renderObjectOutput([{ info, obj: pod }], output, true));
    else out.line(`${kindName(info, name)} created${dryRunSuffix(dry)}`);
    return 0;
  }
  const lines: string[] = [];
  const created = cluster(ctx, (s) => {
    if (flags.expose) {
      const svc: KObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: namespaceOf(ctx) },
        spec: { ports: [{ port: parseInt(port, 10), protocol: 'TCP', targetPort: parseInt(port, 10) }], selector: labels },
      };
      s.ctx.api.create(svc, { dryRun: dry === 'server' });
      lines.push(`service/${name} created${dryRunSuffix(dry)}`);
    }
    pod.metadata.namespace = namespaceOf(ctx);
    try {
      return s.ctx.api.create(pod, { dryRun: dry === 'server', fieldValidation: validationOf({ validate: 'strict' }) });
    } catch (e) {
      if (e instanceof InvalidError || e instanceof StatusError) throw e;
      if (e instanceof KubeError) throw e;
      throw e;
    }
  });
  for (const l of lines) out.line(l);
  if (output) out.write(renderObjectOutput([{ info, obj: forOutput(created) }], output, false));
  else out.line(`${kindName(info, created.metadata.name)} created${dryRunSuffix(dry)}`);
  return 0;
}
