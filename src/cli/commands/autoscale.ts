// kubectl autoscale (pkg/cmd/autoscale, 1.32): for each scalable target, an autoscaling/v1
// HorizontalPodAutoscaler named after it (or --name), min from --min when positive, target CPU
// from --cpu-percent when not negative; the server stores it as autoscaling/v2.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, gk, kindName, namespaceOf, parseResourceArgs, resolveTargets, validationOf } from '../common';
import { checkOutputFormat } from '../printing';
import { CliError, RawError } from '../../api/errors';
import { readManifests } from '../manifests';
import { registry } from '../../api/registry';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out } from '../io';
import { renderObjectOutput } from './output';
import { changeCause, recordWarning } from './record';
import { requiredFlag } from './create';
import { lastAppliedConfiguration } from '../../api/merge';
import { hpaV2ToV1 } from '../../api/conversion';

const SCALABLE = new Set(['Deployment.apps', 'ReplicaSet.apps', 'StatefulSet.apps', 'ReplicationController']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export async function runAutoscale(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const output = (flags.output as string) ?? '';
  checkOutputFormat(output, false);
  if (!ctx.explicit.has('max')) throw requiredFlag('max');
  const max = flags.max as number;
  const min = flags.min as number;
  const cpu = flags['cpu-percent'] as number;
  if (max < 1) throw new CliError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CliError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dry = dryRunOf(flags);
  const validation = validationOf(flags);
  const filenames = (flags.filename as string[]) ?? [];
  if (args.length === 0 && filenames.length === 0)
    throw new RawError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const refs = parseResourceArgs(args);
  for (const r of refs) if (r.names.length === 0) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readManifests(filenames, { recursive: !!flags.recursive }) : [];
  if (flags.record) recordWarning();
  const hpaInfo = registry.mustGroupKind('HorizontalPodAutoscaler.autoscaling');
  const lines: string[] = [];
  const shown: { info: typeof hpaInfo; obj: KObject }[] = [];
  cluster(ctx, (s) => {
    const { targets, errors } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters: filtersOf(flags), all: false, allNamespaces: false });
    if (errors.length) throw errors[0];
    if (targets.length === 0) throw new CliError('no objects passed to autoscale');
    for (const t of targets) {
      const g = gk(t.info);
      if (!SCALABLE.has(g)) {
        const gv = t.info.group ? `${t.info.group}/${t.info.version}` : t.info.version;
        throw new CliError(`cannot autoscale a ${t.info.kind}: could not find scale subresource for ${gv}, Resource=${t.info.plural} in discovery information`);
      }
      const name = (flags.name as string) || t.obj.metadata.name;
      const hpa: KObject = {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace: t.obj.metadata.namespace },
        spec: {
          scaleTargetRef: { apiVersion: t.info.group ? `${t.info.group}/${t.info.version}` : t.info.version, kind: t.info.kind, name: t.obj.metadata.name },
          maxReplicas: max,
          ...(min > 0 ? { minReplicas: min } : {}),
          ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
        },
      };
      if (flags.record) hpa.metadata.annotations = { 'kubernetes.io/change-cause': changeCause(ctx, args, flags) };
      if (dry === 'client') {
        const client = { ...hpa, metadata: { name, creationTimestamp: null }, status: { currentReplicas: 0, desiredReplicas: 0 } } as unknown as KObject;
        shown.push({ info: hpaInfo, obj: client });
        lines.push(`${kindName(hpaInfo, name)} created${dryRunSuffix(dry)}`);
        continue;
      }
      if (flags['save-config']) hpa.metadata.annotations = { ...(hpa.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedConfiguration(hpa, hpa.metadata.namespace) };
      const created = s.ctx.api.create(hpa, { dryRun: dry === 'server', fieldValidation: validation });
      // the v1 client gets the object back in v1
      shown.push({ info: hpaInfo, obj: hpaV2ToV1(created, { keepDefaultTarget: cpu >= 0 }) });
      lines.push(`${kindName(hpaInfo, name)} autoscaled${dryRunSuffix(dry)}`);
    }
  });
  if (output) out.write(renderObjectOutput(shown, output, dry === 'client'));
  else for (const l of lines) out.line(l);
  return 0;
}
