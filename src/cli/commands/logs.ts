// kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]: prints what the simulated containers
// wrote (src/kubelet/output.ts), with kubectl's container choice and notices and the kubelet's
// errors for containers that have no log yet (kuberuntime validateContainerLogStatus).
import { CliError, RawError, StatusError, notFound } from '../../api/errors';
import type { Container, KObject } from '../../api/types';
import { cluster, namespaceOf } from '../common';
import type { RunContext } from '../spec';
import { err, out, progName } from '../io';
import { parseSelector } from '../../api/selectors';
import { allContainerNames, defaultContainer, findContainer, matchingPods } from './pod-target';
import type { Session } from '../../cluster/session';
import { digest } from '../../kubelet/config';

const USAGE = () => `error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee '${progName()} logs -h' for help and examples`;

interface Request {
  pod: KObject;
  container: Container;
}

interface Options {
  previous: boolean;
  timestamps: boolean;
  tail?: number;
  sinceMs?: number;
  sinceTime?: number;
  limitBytes: number;
  prefix: boolean;
}

/** time.ParseDuration for the forms people type (`10s`, `1m30s`, `2h`, `500ms`). */
function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  const neg = s.startsWith('-');
  const body = neg || s.startsWith('+') ? s.slice(1) : s;
  re.lastIndex = 0;
  while ((m = re.exec(body))) {
    const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
    total += parseFloat(m[1]!) * unit[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos !== body.length || body.length === 0) return undefined;
  return neg ? -total : total;
}

/** util.ParseRFC3339 (time.RFC3339, then RFC3339Nano), with Go's error for the first layout. */
function parseRFC3339(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) {
    const y = /^\d{4}/.exec(s);
    throw new CliError(y ? `parsing time "${s}" as "2006-01-02T15:04:05Z07:00": cannot parse "${s.slice(4)}" as "-"` : `parsing time "${s}" as "2006-01-02T15:04:05Z07:00": cannot parse "${s}" as "2006"`);
  }
  return Date.parse(s);
}

export async function runLogs(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const selector = (flags.selector as string) || '';
  let containerName = (flags.container as string) || '';
  // Complete
  if (args.length === 0 && !selector) throw new RawError(USAGE());
  if (args.length === 1 && selector) throw new RawError(`error: only a selector (-l) or a POD name is allowed\nSee '${progName()} logs -h' for help and examples`);
  if (args.length > 2) throw new RawError(USAGE());
  if (args.length === 2) containerName = args[1]!;
  const sinceText = (flags.since as string) ?? '0s';
  const sinceMs = parseGoDuration(sinceText);
  if (sinceMs === undefined) throw new RawError(`Error: invalid argument "${sinceText}" for "--since" flag: time: invalid duration "${sinceText}"\nSee '${progName()} logs --help' for usage.`);
  const sinceTime = flags['since-time'] ? parseRFC3339(flags['since-time'] as string) : undefined;
  const tailSpecified = ctx.explicit.has('tail');
  let tail = (flags.tail as number) ?? -1;
  if (selector && tail === -1 && !tailSpecified) tail = 10;
  const allContainers = !!flags['all-containers'];
  const allPods = !!flags['all-pods'];
  const follow = !!flags.follow;
  const ns = namespaceOf(ctx);
  const opts: Options = {
    previous: !!flags.previous,
    timestamps: !!flags.timestamps,
    tail: tail >= 0 ? tail : undefined,
    sinceMs: sinceMs > 0 ? Math.round(sinceMs / 1000) * 1000 : undefined,
    sinceTime,
    limitBytes: (flags['limit-bytes'] as number) ?? 0,
    prefix: !!flags.prefix || allPods,
  };
  const { containerLog } = await import('../../kubelet/output');
  const { containerRun } = await import('../../kubelet/exec');

  const collect = (s: Session, stamp: boolean) => {
    // the resource builder: POD, TYPE/NAME, or a label selector over pods
    let pods: KObject[];
    let matched = 1;
    if (selector) {
      const sel = parseSelector(selector);
      pods = s.store.list('Pod', ns).filter((p) => sel.matches(p.metadata.labels));
      if (!pods.length && stamp) err.line(`No resources found in ${ns} namespace.`);
    } else {
      const arg = args[0]!;
      if (!arg.includes('/')) {
        const p = s.store.get('Pod', ns, arg);
        if (!p) throw notFound('pods', '', arg);
        pods = [p];
      } else {
        const all = matchingPods(s, arg, ns, 'logs');
        matched = all.length;
        pods = allPods ? all : [all[0]!];
      }
    }
    // Validate (after the objects were fetched, as kubectl's Complete comes first)
    if (sinceTime !== undefined && opts.sinceMs !== undefined) throw new CliError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (allContainers && containerName) throw new CliError(`--all-containers=true should not be specified with container name ${containerName}`);
    if (ctx.explicit.has('container') && args.length === 2) throw new CliError('only one of -c or an inline [CONTAINER] arg is allowed');
    if (opts.limitBytes < 0) throw new CliError('--limit-bytes must be greater than 0');
    if (sinceMs < 0) throw new CliError('--since must be greater than 0');
    if (tail < -1) throw new CliError('--tail must be greater than or equal to -1');
    if (matched > 1 && !allPods && !selector && stamp) err.line(`Found ${matched} pods, using pod/${pods[0]!.metadata.name}`);
    const requests: Request[] = [];
    for (const pod of pods) {
      if (allContainers) {
        for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) for (const c of (pod.spec?.[kind] ?? []) as Container[]) requests.push({ pod, container: c });
        continue;
      }
      let c: Container;
      if (containerName) {
        const f = findContainer(pod, containerName);
        if (!f) throw new CliError(`container ${containerName} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`);
        c = f.container;
      } else c = defaultContainer(pod, !stamp || allPods || !!selector, (l) => err.line(l));
      requests.push({ pod, container: c });
    }
    if (follow && requests.length > ((flags['max-log-requests'] as number) ?? 5))
      throw new CliError(`you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${(flags['max-log-requests'] as number) ?? 5}, use --max-log-requests to increase the limit`);
    const now = s.ctx.clock.now();
    const streams: { req: Request; lines: { t: number; text: string }[]; running: boolean }[] = [];
    for (const req of requests) {
      const { pod, container } = req;
      const name = container.name;
      if (!pod.spec?.nodeName) {
        streams.push({ req, lines: [], running: false });
        continue;
      }
      const run = containerRun(s.ctx, pod, name);
      const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])] as { name: string; state?: { waiting?: { reason?: string } } }[];
      const st = statuses.find((x) => x.name === name);
      const podName = pod.metadata.name;
      let inst;
      if (opts.previous) {
        if (!run.last) throw new StatusError('BadRequest', `previous terminated container "${name}" in pod "${podName}" not found`);
        inst = run.last;
      } else if (run.current) inst = run.current;
      else if (run.last) inst = run.last;
      else {
        const reason = st?.state?.waiting?.reason;
        if (!st) throw new StatusError('BadRequest', `container "${name}" in pod "${podName}" is not available`);
        if (reason === 'ErrImagePull') throw new StatusError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
        if (reason === 'ImagePullBackOff') throw new StatusError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
        if (reason) throw new StatusError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
        throw new StatusError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
      }
      streams.push({ req, lines: containerLog(s.ctx, pod, inst, now), running: inst.running });
    }
    return { streams, now };
  };

  const render = (lines: { t: number; text: string }[], req: Request, now: number): string => {
    let ls = lines;
    // the kubelet applies the tail first, then the since filter
    if (opts.tail !== undefined) ls = opts.tail === 0 ? [] : ls.slice(-opts.tail);
    const since = opts.sinceTime ?? (opts.sinceMs !== undefined ? now - opts.sinceMs : undefined);
    if (since !== undefined) ls = ls.filter((l) => l.t >= since);
    let text = ls.map((l, i) => `${opts.timestamps ? `${stampOf(l.t, i)} ` : ''}${l.text}\n`).join('');
    if (opts.limitBytes > 0) text = Buffer.from(text).subarray(0, opts.limitBytes).toString('utf8');
    // kubectl's prefixingWriter prefixes every line it writes, empty ones included
    if (opts.prefix) text = text.replace(/^(?=[^]*\n)/gm, '\u0000').split('\u0000').join(`[pod/${req.pod.metadata.name}/${req.container.name}] `);
    return text;
  };

  const first = cluster(ctx, (s) => collect(s, true), { readOnly: true });
  for (const st of first.streams) out.write(render(st.lines, st.req, first.now));
  if (!follow) return 0;
  // -f: in manual clock mode nothing more happens on its own; in real mode keep reading until Ctrl-C
  const { withSession } = await import('../../cluster/session');
  const { statePath } = await import('../common');
  const peek = withSession({ statePath: statePath(ctx) }, (s) => s.clock.mode, { readOnly: true });
  if (peek !== 'real' || !first.streams.some((x) => x.running)) return 0;
  const seen = first.streams.map((x) => x.lines.length);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const next = cluster(ctx, (s) => collect(s, false), { readOnly: true });
    let anyRunning = false;
    next.streams.forEach((st, i) => {
      const fresh = st.lines.slice(seen[i] ?? 0);
      seen[i] = st.lines.length;
      if (fresh.length) out.write(render(fresh, st.req, Infinity).replace(/^$/, ''));
      anyRunning ||= st.running;
    });
    if (!anyRunning) return 0;
  }
}

/** RFC3339 with nine fraction digits, as the kubelet prints --timestamps. */
function stampOf(ms: number, i: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const sub = String(digest(`${ms}:${i}`, 4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${sub}Z`;
}
