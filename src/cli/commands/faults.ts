// kubesim's fault verbs: one line each, each causing what a real cluster would go through
// (`kubesim node stop|start` is in node.ts).
//   kubesim fault crash|oom POD [-c C] [--exit-code N] [--once] [--clear]
//   kubesim fault probe POD --type liveness|readiness|startup [-c C] [--for DURATION | --clear]
//   kubesim fault image IMAGE [--clear]
import { cluster, namespaceOf } from '../common';
import { CliError, notFound } from '../../api/errors';
import type { KObject } from '../../api/types';
import type { Session } from '../../cluster/session';
import type { RunContext } from '../spec';
import { err, out } from '../io';
import { parseGoDuration } from '../../sim/duration';
import { goDurationString } from '../../printers/duration';
import { editFaults, containerFaults, type ProbeKind } from '../../kubelet/faults';
import { kubeletState, pokePod } from '../../kubelet';
import { parseImage } from '../../kubelet/images';

function onePod(s: Session, ctx: RunContext, args: string[], verb: string): KObject {
  if (args.length !== 1) throw new CliError(`exactly one POD is required for "fault ${verb}" (e.g. kubesim fault ${verb} web-7c5ddbdf54-b7xkq), got ${args.length}`);
  const name = args[0]!.replace(/^(pods?|po)\//, '');
  const ns = namespaceOf(ctx);
  const pod = s.store.get('Pod', ns, name);
  if (!pod) throw notFound('pods', '', name);
  return pod;
}

/** The container a fault is about: -c, else the default container (as kubectl exec picks it). */
function containerOf(pod: KObject, flags: Record<string, unknown>, allowInit = false): string {
  const names: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  const initNames: string[] = allowInit ? (pod.spec?.initContainers ?? []).map((c: { name: string }) => c.name) : [];
  const want = flags.container as string | undefined;
  if (want) {
    if (!names.includes(want) && !initNames.includes(want)) throw new CliError(`container ${want} is not valid for pod ${pod.metadata.name}`);
    return want;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = annotated && names.includes(annotated) ? annotated : names[0]!;
  if (names.length > 1 && !annotated) err.line(`Defaulted container "${chosen}" out of: ${[...names, ...initNames].join(', ')}`);
  return chosen;
}

function exitCodeOf(flags: Record<string, unknown>): number {
  const code = flags['exit-code'] as number;
  if (!Number.isInteger(code) || code < 0 || code > 255) throw new CliError(`--exit-code must be between 0 and 255, got ${code}`);
  return code;
}

export async function runFaultCrash(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return exitFault(args, flags, ctx, false);
}

export async function runFaultOom(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return exitFault(args, flags, ctx, true);
}

function exitFault(args: string[], flags: Record<string, unknown>, ctx: RunContext, oom: boolean): number {
  const verb = oom ? 'oom' : 'crash';
  const code = oom ? 137 : exitCodeOf(flags);
  const line = cluster(ctx, (s) => {
    const pod = onePod(s, ctx, args, verb);
    const c = containerOf(pod, flags, true);
    const f = editFaults(s.ctx, pod.metadata.uid!, c);
    if (flags.clear) {
      const had = f.exit && f.exit.oom === oom;
      if (had) delete f.exit;
      pokePod(s.ctx, pod);
      return had ? `pod/${pod.metadata.name} ${verb} fault cleared (container ${c})` : `pod/${pod.metadata.name} has no ${verb} fault (container ${c})`;
    }
    f.exit = { code, oom, once: !!flags.once };
    pokePod(s.ctx, pod);
    const what = oom ? 'OOMKilled' : `crashed (exit code ${code})`;
    return `pod/${pod.metadata.name} ${what}: container ${c}${flags.once ? '' : ', and again after every restart until cleared'}`;
  });
  out.line(line);
  return 0;
}

const PROBE_KINDS: ProbeKind[] = ['liveness', 'readiness', 'startup'];

export async function runFaultProbe(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const kind = String(flags.type ?? '') as ProbeKind;
  if (!PROBE_KINDS.includes(kind)) throw new CliError(`--type must be one of liveness, readiness, startup${kind ? `, got "${kind}"` : ''}`);
  const forText = String(flags.for ?? '');
  if (forText && flags.clear) throw new CliError('--for and --clear cannot be used together');
  const forMs = forText ? parseGoDuration(forText) : undefined;
  if (forMs !== undefined && forMs <= 0) throw new CliError(`--for must be a positive duration, got ${forText}`);
  const line = cluster(ctx, (s) => {
    const pod = onePod(s, ctx, args, 'probe');
    const c = containerOf(pod, flags, true);
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: { name: string }) => x.name === c);
    const field = `${kind}Probe`;
    if (!spec?.[field]) throw new CliError(`container ${c} of pod ${pod.metadata.name} has no ${kind} probe`);
    const now = s.clock.now();
    if (flags.clear) {
      const had = !!containerFaults(s.ctx, pod.metadata.uid!, c)?.probes?.[kind];
      const f = editFaults(s.ctx, pod.metadata.uid!, c);
      if (f.probes) delete f.probes[kind];
      pokePod(s.ctx, pod);
      return had ? `pod/${pod.metadata.name} ${kind} probe fault cleared (container ${c})` : `pod/${pod.metadata.name} has no ${kind} probe fault (container ${c})`;
    }
    const f = editFaults(s.ctx, pod.metadata.uid!, c);
    (f.probes ??= {})[kind] = { from: now, ...(forMs !== undefined ? { until: now + forMs } : {}) };
    pokePod(s.ctx, pod);
    return `pod/${pod.metadata.name} ${kind} probe failing${forMs !== undefined ? ` for ${goDurationString(forMs)}` : ''} (container ${c})`;
  });
  out.line(line);
  return 0;
}

export async function runFaultImage(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length !== 1) throw new CliError(`exactly one IMAGE is required (e.g. kubesim fault image nginx:1.27), got ${args.length}`);
  const ref = parseImage(args[0]!);
  if (!ref) throw new CliError(`invalid image reference "${args[0]}"`);
  // `nginx` means every tag of nginx; `nginx:1.27` that tag only
  const tagged = /:[^/]*$/.test(args[0]!.split('@')[0]!) || args[0]!.includes('@');
  const key = tagged ? ref.normalized : ref.repository;
  const line = cluster(ctx, (s) => {
    const st = kubeletState(s.ctx);
    const list = (st.unavailableImages ??= []);
    if (flags.clear) {
      const i = list.indexOf(key);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) delete st.unavailableImages;
      return i >= 0 ? `image "${args[0]}" pulls again` : `image "${args[0]}" was not made unavailable`;
    }
    if (!list.includes(key)) list.push(key);
    return `image "${args[0]}" now fails to pull${tagged ? '' : ' (every tag)'}`;
  });
  out.line(line);
  return 0;
}
