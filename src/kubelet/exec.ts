// Running a process inside a simulated container (`kubesim exec`, and the container's own main
// process when its output is generated): the environment the runtime gives it (containerd's spec:
// PATH, HOSTNAME, the image ENV, the kubelet's variables; runc adds HOME), the container's filesystem,
// and the program lookup with containerd/runc's error when the binary does not exist.
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { kubeletState } from './index';
import { serviceEnv, specEnv, digest } from './config';
import { containerFs, podHostname, normalize, type ContainerFs } from './vfs';
import type { ImageFs } from './image-fs';
import { runProgram, KERNEL, type ExecHost, type Flavor } from './tools';
import { Shell, type Dialect } from './shell';

/** One instance of a container (a run between a start and an exit). */
export interface ContainerRun {
  spec: Container;
  init: boolean;
  containerID: string;
  startedAt: number;
  finishedAt?: number;
  /** Which instance: the container's restart count when it ran. */
  restartCount: number;
  running: boolean;
}

interface RtView {
  phase: string;
  containerID?: string;
  startedAt?: number;
  finishedAt?: number;
  restartCount: number;
  last?: { startedAt: number; finishedAt: number; containerID: string };
}

/**
 * The container's instances as its status shows them: `current` is the instance in state
 * running/terminated (none while waiting), `last` the one in lastState.terminated.
 */
export function containerRun(ctx: Ctx, pod: KObject, name: string): { current?: ContainerRun; last?: ContainerRun; phase?: string; spec?: Container; init: boolean } {
  const init = !(pod.spec?.containers ?? []).some((c: Container) => c.name === name) && (pod.spec?.initContainers ?? []).some((c: Container) => c.name === name);
  const spec = ((init ? pod.spec?.initContainers : pod.spec?.containers) ?? []).find((c: Container) => c.name === name) as Container | undefined;
  const rt = kubeletState(ctx).pods[pod.metadata.uid!]?.containers[`${init ? 'i' : 'c'}:${name}`] as RtView | undefined;
  if (!rt || !spec) return { init, spec };
  const n = rt.restartCount;
  const inst = (idx: number, x: { startedAt: number; finishedAt?: number; containerID: string }, running: boolean): ContainerRun => ({ spec, init, containerID: x.containerID, startedAt: x.startedAt, finishedAt: running ? undefined : x.finishedAt, restartCount: idx, running });
  const self = rt.containerID && rt.startedAt !== undefined ? { startedAt: rt.startedAt, finishedAt: rt.finishedAt, containerID: rt.containerID } : undefined;
  switch (rt.phase) {
    case 'running':
      return { current: inst(n, self!, true), last: rt.last ? inst(n - 1, rt.last, false) : undefined, phase: rt.phase, spec, init };
    case 'exited':
      return { current: inst(n, self!, false), last: rt.last ? inst(n - 1, rt.last, false) : undefined, phase: rt.phase, spec, init };
    case 'crashBackOff':
      return { last: self ? inst(n, self, false) : undefined, phase: rt.phase, spec, init };
    default:
      return { last: rt.last ? inst(n - 1, rt.last, false) : undefined, phase: rt.phase, spec, init };
  }
}

/** The environment of the container's processes, in the order `env` prints it. */
export function containerEnv(ctx: Ctx, pod: KObject, run: Pick<ContainerRun, 'spec' | 'init' | 'startedAt'>, img: ImageFs, tty = false): Map<string, string> {
  const env = new Map<string, string>();
  const set = (k: string, v: string) => env.set(k, v);
  set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  set('HOSTNAME', podHostname(pod).hostname);
  for (const [k, v] of img.env) set(k, v);
  const user = specEnv(ctx, pod, run.spec.name, run.init);
  for (const [k, v] of user) set(k, v);
  const userNames = new Set(user.map(([k]) => k));
  for (const [k, v] of serviceEnv(ctx, pod.metadata.namespace ?? 'default', pod.spec?.enableServiceLinks !== false, run.startedAt)) if (!userNames.has(k)) set(k, v);
  if (tty) set('TERM', 'xterm');
  if (!env.has('HOME')) set('HOME', img.distro.id === 'none' ? '/' : '/root');
  return env;
}

/** Finds a program as execve with $PATH would: its resolved path, or undefined. */
export function lookPath(fs: ContainerFs, name: string, path: string, cwd: string): string | undefined {
  const isExec = (p: string) => {
    try {
      const n = fs.stat(p, cwd);
      return n.type === 'f' && (n.mode & 0o111) !== 0;
    } catch {
      return false;
    }
  };
  if (name.includes('/')) return isExec(name) ? name : undefined;
  for (const dir of path.split(':')) {
    const p = `${dir || '.'}/${name}`;
    if (isExec(p)) return normalize(p);
  }
  return undefined;
}

export interface ExecOutput {
  /** Output in the order it was written. */
  chunks: { fd: 1 | 2; data: Buffer }[];
  code: number;
}

/** A process start failure (the binary is missing): containerd's message. */
export class ExecStartError extends Error {}

export interface ProcessHost {
  host: ExecHost;
  env: Map<string, string>;
  fs: ContainerFs;
  img: ImageFs;
  cwd: string;
}

/** Prepares a process context in a container: filesystem, environment, virtual clock. */
export function processHost(ctx: Ctx, pod: KObject, run: Pick<ContainerRun, 'spec' | 'init' | 'containerID' | 'startedAt'>, opts: { tty: boolean; network?: boolean; clock: { now(): number; sleep(ms: number): void; expired(): boolean } }): ProcessHost {
  const { fs, image } = containerFs(ctx, pod, run.spec, { containerID: run.containerID, init: run.init, startedAt: run.startedAt });
  const env = containerEnv(ctx, pod, run, image, opts.tty);
  const { hostname, domain } = podHostname(pod);
  const node = pod.spec?.nodeName ? ctx.store.get('Node', undefined, pod.spec.nodeName) : undefined;
  const cpus = parseInt(String(node?.status?.capacity?.cpu ?? '4'), 10) || 4;
  const flavor: Flavor = image.distro.id === 'busybox' || image.distro.id === 'alpine' ? 'busybox' : 'gnu';
  const sh = image.distro.sh === 'bash' ? 'bash' : image.distro.sh === 'dash' ? 'dash' : image.distro.sh === 'ash' ? 'ash' : null;
  const host: ExecHost = {
    fs,
    dialect: sh ?? 'ash',
    sh,
    now: () => opts.clock.now(),
    sleep: (ms) => opts.clock.sleep(ms),
    expired: () => opts.clock.expired(),
    run: (io, h) => runProgram(io, h as ExecHost),
    which: (name, path) => lookPath(fs, name, path, '/'),
    hostname,
    pid: 1 + (digest(run.containerID, 2).readUInt16BE(0) % 200),
    flavor,
    podIP: pod.status?.podIP ?? '',
    fqdn: domain ? `${hostname}.${domain}` : hostname,
    rootId: image.distro.rootId,
    cpus,
    kernel: KERNEL,
    tty: opts.tty,
  };
  // the network tools send from this pod (see net-tools.ts)
  if (opts.network !== false) (host as ExecHost & { net?: { ctx: Ctx; pod: KObject } }).net = { ctx, pod };
  const wd = run.spec.workingDir || image.workdir;
  return { host, env, fs, img: image, cwd: fs.exists(wd) ? normalize(wd) : '/' };
}

/**
 * `kubectl exec` in a running container. Throws ExecStartError with containerd's text when the
 * program cannot be started.
 */
export function execInContainer(ctx: Ctx, pod: KObject, run: ContainerRun, argv: string[], opts: { stdin: Buffer; tty: boolean }): ExecOutput {
  let t = ctx.clock.now();
  const sleep = (ms: number) => {
    if (!Number.isFinite(ms)) throw new SleepsForever();
    t += ms;
  };
  const ph = processHost(ctx, pod, run, { tty: opts.tty, clock: { now: () => t, sleep, expired: () => false } });
  const name = argv[0]!;
  const found = lookPath(ph.fs, name, ph.env.get('PATH') ?? '', ph.cwd);
  if (!found) {
    const execId = digest(`exec:${run.containerID}:${ctx.clock.now()}:${argv.join(' ')}`, 32).toString('hex');
    let why: string;
    if (name.includes('/')) {
      why = ph.fs.exists(name, ph.cwd) ? `exec: "${name}": permission denied` : `exec: "${name}": stat ${name}: no such file or directory`;
    } else why = `exec: "${name}": executable file not found in $PATH`;
    throw new ExecStartError(
      `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`,
    );
  }
  const chunks: ExecOutput['chunks'] = [];
  const run1 = () => runProgram(
    {
      argv: [name.includes('/') ? name : name, ...argv.slice(1)],
      stdin: opts.stdin,
      env: ph.env,
      cwd: ph.cwd,
      out: (s) => chunks.push({ fd: 1, data: Buffer.isBuffer(s) ? s : Buffer.from(s) }),
      err: (s) => chunks.push({ fd: 2, data: Buffer.from(s) }),
    },
    ph.host,
  );
  let code: number;
  try {
    code = run1();
  } catch (e) {
    if (!(e instanceof SleepsForever)) throw e;
    chunks.push({ fd: 2, data: Buffer.from('kubesim: this command sleeps forever; in a real container it would wait here until you press Ctrl-C\n') });
    code = 130;
  }
  return { chunks, code };
}

/** `sleep infinity` in an exec: the simulator cannot wait for the user's Ctrl-C. */
class SleepsForever extends Error {}

/** What an interactive shell keeps between the lines the user types. */
export interface ShellState {
  vars: [string, string][];
  exported: string[];
  cwd: string;
  status: number;
}

/** The prompt a root shell shows: busybox ash `\w # `, dash `# `, Debian's bash `root@host:\w# `. */
export function shellPrompt(dialect: Dialect, cwd: string, hostname: string): string {
  const w = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? `~${cwd.slice(5)}` : cwd;
  if (dialect === 'ash') return `${w} # `;
  if (dialect === 'bash') return `root@${hostname}:${w}# `;
  return '# ';
}

/**
 * One line typed into `kubesim exec -it POD -- sh`: runs it in a shell that keeps its variables and
 * working directory from the previous lines (the container's filesystem is read afresh each time).
 */
export function interactiveLine(ctx: Ctx, pod: KObject, run: ContainerRun, shellName: string, state: ShellState | undefined, line: string): { chunks: ExecOutput['chunks']; state: ShellState; exited: boolean; prompt: string } {
  let t = ctx.clock.now();
  const ph = processHost(ctx, pod, run, { tty: true, clock: { now: () => t, sleep: (ms) => (t += Number.isFinite(ms) ? ms : 0), expired: () => false } });
  const base = shellName.split('/').pop()!;
  const dialect: Dialect = base === 'bash' ? 'bash' : base === 'dash' ? 'dash' : ph.host.sh ?? 'ash';
  const host = { ...ph.host, dialect, run: (io: Parameters<ExecHost['run']>[0], h: Parameters<ExecHost['run']>[1]) => runProgram(io, { ...ph.host, ...h } as ExecHost, ['echo', 'printf', 'test', '[', 'sleep'].includes(io.argv[0]!) ? dialect : undefined) };
  const sh = new Shell(host, state ? new Map() : ph.env, state?.cwd ?? ph.cwd, base);
  if (state) {
    sh.vars = new Map(state.vars);
    sh.exported = new Set(state.exported);
    sh.status = state.status;
  } else sh.vars.set('PWD', ph.cwd);
  const chunks: ExecOutput['chunks'] = [];
  sh.runScript(line, { stdin: Buffer.alloc(0), out: (s) => chunks.push({ fd: 1, data: Buffer.isBuffer(s) ? s : Buffer.from(s) }), err: (s) => chunks.push({ fd: 2, data: Buffer.from(s) }) });
  const next: ShellState = { vars: [...sh.vars], exported: [...sh.exported], cwd: sh.cwd, status: sh.status };
  return { chunks, state: next, exited: sh.exited, prompt: shellPrompt(dialect, sh.cwd, ph.host.hostname) };
}
