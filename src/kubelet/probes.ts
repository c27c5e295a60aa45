// Liveness, readiness and startup probes, as the 1.32 kubelet's prober workers run them.
//
// One worker per container and probe type ticks every periodSeconds from the moment the kubelet
// admitted the pod (prober_manager AddPod), so probe instants are aligned to that grid, not to the
// container's start. Each tick (worker.doProbe): nothing while the container is not running; nothing
// during initialDelaySeconds (whole seconds since the container started); liveness and readiness wait
// until the startup probe has succeeded; then the probe runs, a failure records a Warning `Unhealthy`
// event (`Liveness probe failed: <output>`), and the result only changes after successThreshold /
// failureThreshold equal results in a row. A liveness or startup failure puts the worker on hold and
// has the container killed (`Container x failed liveness probe, will be restarted`); a new container
// resets the results (readiness Failure, liveness Success, startup Unknown). When a container starts
// (or its startup probe succeeds) the readiness probe is triggered at once (UpdatePodStatus's manual
// trigger), so a container without an initial delay is Ready as soon as it runs.
//
// Outcomes are simulated, deterministically. A probe passes unless:
//   - a fault says so (`kubesim fault probe POD --type liveness|readiness|startup`);
//   - it obviously cannot succeed: an httpGet/tcpSocket/grpc probe on a port that the image's
//     process does not listen on (only for catalog images whose ports are known, running their own
//     entrypoint, with no volume mounted over their configuration) → `connection refused`; an
//     httpGet on a path the image's stock web server does not serve (nginx, httpd: `/`,
//     `/index.html`) → `HTTP probe failed with statuscode: 404`; an image known to break after a
//     number of requests (luksa/kubia-unhealthy, luksa/kubia:v3 → 500 from the sixth request on);
//   - an exec probe checks a file (`cat`, `ls`, `test -e/-f`, `[ -f … ]`, `stat`) that is not there:
//     files the container's own script creates or removes (`touch`, `echo … >`, `rm`) follow its
//     timeline; files under a mounted volume or a system directory are assumed present; any other
//     path (a marker such as /tmp/healthy or /var/ready that nothing created) is absent. Every other
//     exec command succeeds.
//
// To keep timers few, a probe whose result cannot change (passing, with no fault or scripted change
// ahead) schedules nothing; a failing probe ticks every period (each failure is an event).
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { lookupImage, parseImage, type ImageInfo } from './images';
import { containerFaults, probeFaulted, type ProbeKind } from './faults';

/** One prober worker's memory. */
export interface ProbeState {
  /** Last probe result (1 success, 0 failure) and how many times in a row it came out so. */
  last?: 0 | 1;
  run: number;
  /** The result the results manager holds for the current container (undefined = Unknown). */
  res?: 0 | 1;
  /** On hold after a liveness/startup failure, until a new container appears. */
  hold?: boolean;
  /** The next tick that needs doing (ms), undefined when nothing can change. */
  next?: number;
  /** Run at the next sync regardless of the grid (readiness manual trigger). */
  trig?: boolean;
}

/** Probe bookkeeping kept with the container in the kubelet's runtime state. */
export interface ProbeRt {
  /** Worker creation (pod admission): the tick grid's origin. */
  base: number;
  /** Container the results belong to. */
  cid?: string;
  /** HTTP requests the current process has answered (for images that break after N requests). */
  requests?: number;
  startup?: ProbeState;
  liveness?: ProbeState;
  readiness?: ProbeState;
}

/** What the probes need from the runtime's view of a container. */
export interface ProbedContainer {
  name: string;
  running: boolean;
  startedAt?: number;
  containerID?: string;
  /** Being stopped by the kubelet (after a failed liveness probe): probing is over for it. */
  stopping?: boolean;
  probes?: ProbeRt;
}

export interface ProbeEnv {
  ctx: Ctx;
  pod: KObject;
  spec: Container;
  podIP: string;
  now: number;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];
const TITLE: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };
const FIELD: Record<ProbeKind, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' };

type Probe = NonNullable<Container['livenessProbe']>;

export function probeSpec(spec: Container, kind: ProbeKind): Probe | undefined {
  return spec[FIELD[kind]] ?? undefined;
}

function periodMs(p: Probe): number {
  return Math.max(1, p.periodSeconds ?? 10) * 1000;
}

/** The first tick of the grid strictly after `t`. */
export function tickAfter(base: number, period: number, t: number): number {
  if (t < base) return base;
  return base + (Math.floor((t - base) / period) + 1) * period;
}

/** The first tick of the grid at or after `t`. */
export function tickAtOrAfter(base: number, period: number, t: number): number {
  if (t <= base) return base;
  return base + Math.ceil((t - base) / period) * period;
}

/** Initial probe results for a new container (prober_manager: readiness Failure, liveness Success, startup Unknown). */
function initialResult(kind: ProbeKind): 0 | 1 | undefined {
  return kind === 'readiness' ? 0 : kind === 'liveness' ? 1 : undefined;
}

/** The container's started flag: no startup probe, or the startup probe succeeded. */
export function isStarted(spec: Container, c: ProbedContainer): boolean {
  if (!c.running) return false;
  if (!spec.startupProbe) return true;
  return c.probes?.startup?.res === 1 && c.probes.cid === c.containerID;
}

/** The container's ready flag: started, and no readiness probe or a successful one. */
export function isReady(spec: Container, c: ProbedContainer): boolean {
  if (!isStarted(spec, c)) return false;
  if (!spec.readinessProbe) return true;
  return c.probes?.readiness?.res === 1 && c.probes.cid === c.containerID;
}

/** Sets up the workers of a container at pod admission. */
export function initProbes(spec: Container, admittedAt: number): ProbeRt | undefined {
  if (!spec.livenessProbe && !spec.readinessProbe && !spec.startupProbe) return undefined;
  const rt: ProbeRt = { base: admittedAt };
  for (const k of KINDS) if (probeSpec(spec, k)) rt[k] = { run: 0 };
  return rt;
}

export interface ProbeOutcome {
  ok: boolean;
  output: string;
}

/**
 * Runs the probe ticks due by `env.now`. Returns the probe that failed for good (the container
 * must be killed) and the next instant a probe needs the kubelet.
 */
export function runProbes(env: ProbeEnv, c: ProbedContainer): { kill?: 'liveness' | 'startup'; next?: number; changed: boolean } {
  const rt = c.probes;
  if (!rt) return { changed: false };
  const now = env.now;
  let changed = false;
  // a new container: fresh results, workers resume
  if (c.running && c.containerID && rt.cid !== c.containerID) {
    rt.cid = c.containerID;
    rt.requests = 0;
    for (const k of KINDS) {
      const p = rt[k];
      if (!p) continue;
      p.res = initialResult(k);
      p.hold = false;
      p.next = tickAfter(rt.base, periodMs(probeSpec(env.spec, k)!), now);
      if (k === 'readiness') p.trig = true;
    }
    changed = true;
  }
  let kill: 'liveness' | 'startup' | undefined;
  for (const kind of KINDS) {
    const p = rt[kind];
    const spec = probeSpec(env.spec, kind);
    if (!p || !spec) continue;
    const due = p.trig || (p.next !== undefined && p.next <= now);
    if (!due) {
      if (p.next === undefined) p.next = schedule(env, c, kind, p, spec);
      continue;
    }
    p.trig = false;
    const r = doProbe(env, c, kind, p, spec);
    if (r.changed) changed = true;
    if (r.kill && !kill) kill = r.kill;
    if (r.triggerReadiness && rt.readiness) rt.readiness.trig = true;
    p.next = schedule(env, c, kind, p, spec);
  }
  // a startup success triggers readiness at once
  if (rt.readiness?.trig && !kill) {
    const spec = probeSpec(env.spec, 'readiness')!;
    const p = rt.readiness;
    p.trig = false;
    const r = doProbe(env, c, 'readiness', p, spec);
    if (r.changed) changed = true;
    p.next = schedule(env, c, 'readiness', p, spec);
  }
  let next: number | undefined;
  for (const k of KINDS) {
    const t = rt[k]?.next;
    if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
  }
  return { kill, next, changed };
}

function doProbe(env: ProbeEnv, c: ProbedContainer, kind: ProbeKind, p: ProbeState, spec: Probe): { kill?: 'liveness' | 'startup'; changed?: boolean; triggerReadiness?: boolean } {
  const rt = c.probes!;
  if (!c.running) {
    if (kind === 'readiness' && p.res !== 0) {
      p.res = 0;
      return { changed: true };
    }
    return {};
  }
  // a container being stopped is probed for readiness only (liveness and startup are on hold)
  if (p.hold || (c.stopping && kind !== 'readiness')) return {};
  if (Math.floor((env.now - (c.startedAt ?? env.now)) / 1000) < (spec.initialDelaySeconds ?? 0)) return {};
  const started = isStarted(env.spec, c);
  if (started && kind === 'startup') return {};
  if (!started && kind !== 'startup') return {};
  const outcome = evaluateProbe(env, c, kind, spec, env.now);
  if (!outcome.ok) env.event('Warning', 'Unhealthy', `${TITLE[kind]} probe failed: ${outcome.output}`);
  const result: 0 | 1 = outcome.ok ? 1 : 0;
  if (p.last === result) p.run++;
  else {
    p.last = result;
    p.run = 1;
  }
  if ((result === 0 && p.run < (spec.failureThreshold ?? 3)) || (result === 1 && p.run < (spec.successThreshold ?? 1))) return {};
  const before = p.res;
  p.res = result;
  const out: { kill?: 'liveness' | 'startup'; changed?: boolean; triggerReadiness?: boolean } = { changed: before !== result };
  if ((kind === 'liveness' || kind === 'startup') && result === 0) {
    p.hold = true;
    p.run = 0;
    out.kill = kind;
  }
  if (kind === 'startup' && result === 1 && before !== 1) out.triggerReadiness = true;
  void rt;
  return out;
}

/** When this worker next needs to run, or undefined when its result cannot change. */
function schedule(env: ProbeEnv, c: ProbedContainer, kind: ProbeKind, p: ProbeState, spec: Probe): number | undefined {
  const rt = c.probes!;
  if (p.hold || !c.running || (c.stopping && kind !== 'readiness')) return undefined;
  const period = periodMs(spec);
  const after = tickAfter(rt.base, period, env.now);
  const info = imageOf(env.spec);
  // images that break after some requests need every request counted
  if (info?.web?.failsAfterRequests !== undefined && spec.httpGet) return after;
  const outcome = evaluateProbe(env, c, kind, spec, env.now, true);
  const stable = outcome.ok && (p.res === 1 || (kind === 'liveness' && p.res === undefined)) && (p.last === undefined || p.last === 1);
  if (!stable) return after;
  const change = nextChange(env, c, kind, spec, env.now);
  if (change === undefined) return undefined;
  return Math.max(after, tickAtOrAfter(rt.base, period, change));
}

// ---- outcomes ----

function imageOf(spec: Container): ImageInfo | undefined {
  const ref = spec.image ? parseImage(spec.image) : undefined;
  return ref ? lookupImage(ref) : undefined;
}

/** Does the container run its image's own entrypoint (so the image's ports and routes apply)? */
function runsOwnEntrypoint(spec: Container): boolean {
  return !spec.command || spec.command.length === 0;
}

function mountedUnder(spec: Container, dirs: string[] | undefined): boolean {
  if (!dirs?.length) return false;
  return (spec.volumeMounts ?? []).some((m) => dirs.some((d) => m.mountPath === d || m.mountPath.startsWith(d.endsWith('/') ? d : `${d}/`) || d.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)));
}

/** The ports the container's process listens on, when the catalog knows them. */
function listeningPorts(spec: Container): number[] | undefined {
  const info = imageOf(spec);
  if (!info?.web || !runsOwnEntrypoint(spec) || mountedUnder(spec, info.web.configDirs)) return undefined;
  return info.web.ports;
}

function resolvePort(port: number | string | undefined, spec: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  const named = (spec.ports ?? []).find((p) => p.name === port);
  if (named) return named.containerPort;
  const n = Number(port);
  return Number.isInteger(n) ? n : undefined;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The result a probe would have at time `t`. `peek` evaluates without counting a request. */
export function evaluateProbe(env: ProbeEnv, c: ProbedContainer, kind: ProbeKind, probe: Probe, t: number, peek = false): ProbeOutcome {
  const spec = env.spec;
  const faulted = probeFaulted(containerFaults(env.ctx, env.pod.metadata.uid!, c.name), kind, t);
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(g.port as number | string, spec);
    const host = g.host || env.podIP;
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    const path = g.path ?? '/';
    const url = `${scheme}://${hostPort(host, port ?? 0)}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
    if (faulted) return { ok: false, output: `HTTP probe failed with statuscode: ${kind === 'readiness' ? 503 : 500}` };
    const ports = listeningPorts(spec);
    if (port !== undefined && ports && !ports.includes(port) && !g.host) return { ok: false, output: `Get "${url}": dial tcp ${hostPort(host, port)}: connect: connection refused` };
    const info = imageOf(spec);
    const web = info?.web;
    if (web && runsOwnEntrypoint(spec) && port !== undefined && (!ports || ports.includes(port))) {
      if (web.paths && !mountedUnder(spec, [...(web.configDirs ?? []), ...(web.contentDirs ?? [])])) {
        const p = path.split('?')[0] || '/';
        if (!web.paths.includes(p)) return { ok: false, output: 'HTTP probe failed with statuscode: 404' };
      }
      if (web.failsAfterRequests !== undefined && c.probes) {
        const n = (c.probes.requests ?? 0) + 1;
        if (!peek) c.probes.requests = n;
        if (n > web.failsAfterRequests) return { ok: false, output: 'HTTP probe failed with statuscode: 500' };
      }
    }
    return { ok: true, output: '' };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port as number | string, spec);
    const host = probe.tcpSocket.host || env.podIP;
    const refused = `dial tcp ${hostPort(host, port ?? 0)}: connect: connection refused`;
    if (faulted) return { ok: false, output: refused };
    const ports = listeningPorts(spec);
    if (port !== undefined && ports && !ports.includes(port) && !probe.tcpSocket.host) return { ok: false, output: refused };
    return { ok: true, output: '' };
  }
  if (probe.grpc) {
    const addr = hostPort(env.podIP, probe.grpc.port);
    const timeout = `${probe.timeoutSeconds ?? 1}s`;
    if (faulted) return { ok: false, output: 'service unhealthy (responded with "NOT_SERVING")' };
    const ports = listeningPorts(spec);
    if (ports && !ports.includes(probe.grpc.port)) return { ok: false, output: `timeout: failed to connect service "${addr}" within ${timeout}: context deadline exceeded` };
    return { ok: true, output: '' };
  }
  if (probe.exec) {
    if (faulted) return { ok: false, output: '' };
    return execOutcome(spec, c, probe.exec.command ?? [], t);
  }
  return { ok: true, output: '' };
}

/** The next instant after `t` at which the probe's outcome may change (faults, scripted files). */
function nextChange(env: ProbeEnv, c: ProbedContainer, kind: ProbeKind, probe: Probe, t: number): number | undefined {
  let next: number | undefined;
  const consider = (x: number | undefined) => {
    if (x !== undefined && x > t && (next === undefined || x < next)) next = x;
  };
  const f = containerFaults(env.ctx, env.pod.metadata.uid!, c.name)?.probes?.[kind];
  if (f) {
    consider(f.from);
    consider(f.until);
  }
  if (probe.exec && c.startedAt !== undefined) {
    const check = fileCheck(probe.exec.command ?? []);
    if (check) for (const e of scriptTimeline(env.spec)) if (e.path === resolvePath(check.path, env.spec)) consider(c.startedAt + e.atMs);
  }
  return next;
}

// ---- exec probes and the container's files ----

interface FileCheck {
  tool: 'cat' | 'ls' | 'test' | 'stat';
  path: string;
}

/** Recognises a probe command that only checks for a file. */
export function fileCheck(command: string[]): FileCheck | undefined {
  let argv = command;
  const base = (s: string | undefined) => (s ?? '').split('/').pop() ?? '';
  if (['sh', 'bash', 'ash', 'dash'].includes(base(argv[0])) && argv[1] === '-c' && argv.length === 3) {
    const script = argv[2]!.trim();
    if (/[;&|<>$`]/.test(script)) return undefined;
    argv = script.split(/\s+/);
  }
  const tool = base(argv[0]);
  const args = argv.slice(1);
  if ((tool === 'cat' || tool === 'ls' || tool === 'stat') && args.length === 1 && !args[0]!.startsWith('-')) return { tool, path: args[0]! };
  if (tool === 'test' && args.length === 2 && ['-e', '-f', '-d', '-s', '-r'].includes(args[0]!)) return { tool: 'test', path: args[1]! };
  if (tool === '[' && args.length === 3 && ['-e', '-f', '-d', '-s', '-r'].includes(args[0]!) && args[2] === ']') return { tool: 'test', path: args[1]! };
  return undefined;
}

function resolvePath(path: string, spec: Container): string {
  if (path.startsWith('/')) return path;
  const wd = spec.workingDir || '/';
  return `${wd.replace(/\/$/, '')}/${path}`;
}

/** Directories whose files an image or the system provides (an exec probe finds them). */
const PROVIDED = ['/etc/', '/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/proc/', '/sys/', '/dev/', '/opt/', '/var/lib/', '/var/run/', '/run/', '/srv/', '/app/', '/home/', '/root/', '/docker-entrypoint', '/usr/share/'];

export interface FileEvent {
  /** When, after the container started (ms). */
  atMs: number;
  path: string;
  exists: boolean;
}

/**
 * What the container's own shell script does to files over time: `touch f`, `echo … > f`, `rm [-f] f`
 * with `sleep N` in between (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`).
 * Stops at the first loop or construct it does not follow.
 */
export function scriptTimeline(spec: Container): FileEvent[] {
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  const base = (s: string | undefined) => (s ?? '').split('/').pop() ?? '';
  const i = argv.findIndex((a, idx) => a === '-c' && ['sh', 'bash', 'ash', 'dash'].includes(base(argv[idx - 1])));
  if (i < 0) return [];
  const script = argv.slice(i + 1).join(' ');
  const events: FileEvent[] = [];
  let t = 0;
  for (const raw of script.split(/;|&&|\n/)) {
    const stmt = raw.trim();
    if (!stmt) continue;
    if (/^(while|until|for|if|do|done|then|fi)\b/.test(stmt)) break;
    let m: RegExpExecArray | null;
    if ((m = /^sleep\s+(\d+(?:\.\d+)?)([smh]?)$/.exec(stmt))) {
      t += parseFloat(m[1]!) * ({ '': 1, s: 1, m: 60, h: 3600 } as Record<string, number>)[m[2]!]! * 1000;
      continue;
    }
    if ((m = /^touch\s+(\S+)$/.exec(stmt))) {
      events.push({ atMs: t, path: resolvePath(m[1]!, spec), exists: true });
      continue;
    }
    if ((m = />{1,2}\s*(\S+)$/.exec(stmt))) {
      events.push({ atMs: t, path: resolvePath(m[1]!, spec), exists: true });
      continue;
    }
    if ((m = /^rm\s+(?:-[a-zA-Z]+\s+)*(\S+)$/.exec(stmt))) {
      events.push({ atMs: t, path: resolvePath(m[1]!, spec), exists: false });
      continue;
    }
  }
  return events;
}

function fileExists(spec: Container, c: ProbedContainer, path: string, t: number): boolean {
  let known: boolean | undefined;
  const since = t - (c.startedAt ?? t);
  for (const e of scriptTimeline(spec)) if (e.path === path && e.atMs <= since) known = e.exists;
  if (known !== undefined) return known;
  if ((spec.volumeMounts ?? []).some((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))) return true;
  return PROVIDED.some((d) => path.startsWith(d));
}

function execOutcome(spec: Container, c: ProbedContainer, command: string[], t: number): ProbeOutcome {
  const check = fileCheck(command);
  if (!check) return { ok: true, output: '' };
  const path = resolvePath(check.path, spec);
  if (fileExists(spec, c, path, t)) return { ok: true, output: '' };
  const busybox = imageOf(spec)?.shell === 'sh';
  const p = check.path;
  switch (check.tool) {
    case 'cat':
      return { ok: false, output: busybox ? `cat: can't open '${p}': No such file or directory\n` : `cat: ${p}: No such file or directory\n` };
    case 'ls':
      return { ok: false, output: busybox ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n` };
    case 'stat':
      return { ok: false, output: busybox ? `stat: can't stat '${p}': No such file or directory\n` : `stat: cannot statx '${p}': No such file or directory\n` };
    default:
      return { ok: false, output: '' };
  }
}
