// What a container prints, as its log file would hold it. Well-known images print their start-up
// lines (written to the log store when the container starts); a container whose command is a shell
// script or a simple program prints what that program prints, generated lazily when the log is read:
// the script runs in the simulated shell from the container's start, with `sleep` moving a virtual
// clock, up to the instant being read (or the container's end). Lines other parts of the simulator
// append (one per request the simulated traffic serves) come from the log store.
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { appendLog, readLog, type LogLine } from './logstore';
import { expandVars, specEnv, serviceEnv } from './config';
import { lookupImage, parseImage } from './images';
import type { StartInfo } from './runtime-hooks';
import { KERNEL, runProgram, strftime } from './tools';
import { lookPath, processHost } from './exec';
import { kubeletState } from './index';

type Banner = (b: BannerCtx) => [offsetMs: number, text: string][];

interface BannerCtx {
  t0: number;
  pod: KObject;
  env: Map<string, string>;
  cpus: number;
  tag: string;
  alpine: boolean;
}

const ts = (ms: number, fmt: string) => strftime(fmt, ms);

function nginxVersion(tag: string): string {
  const m = /^(\d+\.\d+\.\d+)/.exec(tag);
  if (m) return m[1]!;
  const minor = /^(\d+)\.(\d+)/.exec(tag);
  const latest: Record<string, string> = { '1.27': '1.27.3', '1.26': '1.26.2', '1.25': '1.25.5', '1.24': '1.24.0', '1.23': '1.23.4', '1.22': '1.22.1', '1.21': '1.21.6', '1.20': '1.20.2', '1.19': '1.19.10' };
  if (minor) return latest[`${minor[1]}.${minor[2]}`] ?? `${minor[1]}.${minor[2]}.0`;
  return tag.startsWith('stable') ? '1.26.2' : '1.27.3';
}

const BANNERS: Record<string, Banner> = {
  'docker.io/library/nginx': ({ t0, cpus, tag, alpine }) => {
    const v = nginxVersion(tag);
    const minor = parseInt(v.split('.')[1] ?? '27', 10);
    const out: [number, string][] = [
      [0, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'],
      [0, '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'],
      [1, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'],
      [3, '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'],
      [5, '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'],
    ];
    if (minor >= 25) out.push([6, '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh']);
    out.push(
      [7, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'],
      [9, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'],
      [10, '/docker-entrypoint.sh: Configuration complete; ready for start up'],
    );
    const at = t0 + 12;
    const n = (s: string): [number, string] => [12, `${ts(at, '%Y/%m/%d %H:%M:%S')} [notice] 1#1: ${s}`];
    out.push(
      n('using the "epoll" event method'),
      n(`nginx/${v}`),
      n(alpine ? 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'built by gcc 12.2.0 (Debian 12.2.0-14) '),
      n(`OS: Linux ${KERNEL}`),
      n('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
      n('start worker processes'),
    );
    for (let i = 0; i < cpus; i++) out.push([13, `${ts(t0 + 13, '%Y/%m/%d %H:%M:%S')} [notice] 1#1: start worker process ${29 + i}`]);
    return out;
  },
  'docker.io/library/redis': ({ t0, tag }) => {
    const v = /^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? '7.4.1';
    const r = (o: number, role: string, lvl: string, s: string): [number, string] => [o, `1:${role} ${ts(t0 + o, '%d %b %Y %H:%M:%S')}.${String((t0 + o) % 1000).padStart(3, '0')} ${lvl} ${s}`];
    return [
      r(0, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      r(0, 'C', '*', `Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`),
      r(0, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      r(1, 'M', '*', 'monotonic clock: POSIX clock_gettime'),
      r(2, 'M', '*', 'Running mode=standalone, port=6379.'),
      r(2, 'M', '*', 'Server initialized'),
      r(3, 'M', '*', 'Ready to accept connections tcp'),
    ];
  },
  'docker.io/library/postgres': ({ t0, tag }) => {
    const v = /^\d+(\.\d+)?/.exec(tag)?.[0] ?? '17.2';
    const l = (o: number, pid: number, s: string): [number, string] => [o, `${ts(t0 + o, '%Y-%m-%d %H:%M:%S')}.${String((t0 + o) % 1000).padStart(3, '0')} UTC [${pid}] LOG:  ${s}`];
    return [
      [0, 'The files belonging to this database system will be owned by user "postgres".'],
      [0, 'This user must also own the server process.'],
      [0, ''],
      [0, 'The database cluster will be initialized with locale "en_US.utf8".'],
      [900, ''],
      [900, 'PostgreSQL init process complete; ready for start up.'],
      [900, ''],
      l(1000, 1, `starting PostgreSQL ${v.includes('.') ? v : `${v}.0`} (Debian ${v.includes('.') ? v : `${v}.0`}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
      l(1001, 1, 'listening on IPv4 address "0.0.0.0", port 5432'),
      l(1001, 1, 'listening on IPv6 address "::", port 5432'),
      l(1003, 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
      l(1010, 1, 'database system is ready to accept connections'),
    ];
  },
  'docker.io/library/mongo': ({ t0, pod }) => {
    const j = (o: number, c: string, id: number, ctx: string, msg: string, attr?: string): [number, string] => [
      o,
      `{"t":{"$date":"${ts(t0 + o, '%Y-%m-%dT%H:%M:%S')}.${String((t0 + o) % 1000).padStart(3, '0')}+00:00"},"s":"I",  "c":"${c}",${' '.repeat(Math.max(1, 9 - c.length))}"id":${id},   "ctx":"${ctx}","msg":"${msg}"${attr ? `,"attr":${attr}` : ''}}`,
    ];
    return [
      j(0, 'CONTROL', 23285, 'main', 'Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols \'none\''),
      j(2, 'NETWORK', 4915701, 'main', 'Initialized wire specification'),
      j(5, 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', `{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${pod.spec?.hostname || pod.metadata.name}"}`),
      j(400, 'NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0"}'),
      j(400, 'NETWORK', 23016, 'listener', 'Waiting for connections', '{"port":27017,"ssl":"off"}'),
    ];
  },
  'docker.io/library/httpd': ({ t0, pod }) => {
    const ip = pod.status?.podIP ?? '127.0.0.1';
    const d = (o: number) => `${ts(t0 + o, '%a %b %d %H:%M:%S')}.${String(((t0 + o) % 1000) * 1000).padStart(6, '0')} ${ts(t0 + o, '%Y')}`;
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
    return [
      [0, fqdn],
      [1, fqdn],
      [2, `[${d(2)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`],
      [2, `[${d(2)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`],
    ];
  },
  'docker.io/library/mongo-express': ({ env }) => {
    const server = env.get('ME_CONFIG_MONGODB_SERVER');
    const out: [number, string][] = [];
    if (server) out.push([0, `Waiting for ${server.split(',')[0]}:${env.get('ME_CONFIG_MONGODB_PORT') ?? '27017'}...`]);
    out.push(
      [200, 'No custom config.js found, loading config.default.js'],
      [300, 'Welcome to mongo-express 1.0.2'],
      [300, '------------------------'],
      [300, ''],
      [300, ''],
      [450, 'Mongo Express server listening at http://0.0.0.0:8081'],
      [450, 'Server is open to allow connections from anyone (0.0.0.0)'],
      [450, `basicAuth credentials are "${env.get('ME_CONFIG_BASICAUTH_USERNAME') ?? 'admin'}:${env.get('ME_CONFIG_BASICAUTH_PASSWORD') ?? 'pass'}", it is recommended you change this in your config.js!`],
    );
    return out;
  },
  'docker.io/luksa/kubia': () => [[50, 'Kubia server starting...']],
  'docker.io/library/hello-world': () =>
    [
      '',
      'Hello from Docker!',
      'This message shows that your installation appears to be working correctly.',
      '',
      'To generate this message, Docker took the following steps:',
      ' 1. The Docker client contacted the Docker daemon.',
      ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
      '    (amd64)',
      ' 3. The Docker daemon created a new container from that image which runs the',
      '    executable that produces the output you are currently reading.',
      ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
      '    to your terminal.',
      '',
      'To try something more ambitious, you can run an Ubuntu container with:',
      ' $ docker run -it ubuntu bash',
      '',
      'Share images, automate workflows, and more with a free Docker ID:',
      ' https://hub.docker.com/',
      '',
      'For more examples and ideas, visit:',
      ' https://docs.docker.com/get-started/',
      '',
    ].map((l) => [1, l] as [number, string]),
  'registry.k8s.io/coredns/coredns': () => [
    [0, '.:53'],
    [1, '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908'],
    [1, 'CoreDNS-1.11.3'],
    [1, 'linux/amd64, go1.21.11, a6338e9'],
  ],
  'registry.k8s.io/etcd': ({ t0 }) => {
    const e = (o: number, caller: string, msg: string, rest = ''): [number, string] => [o, `{"level":"info","ts":"${ts(t0 + o, '%Y-%m-%dT%H:%M:%S')}.${String((t0 + o) % 1000).padStart(3, '0')}000Z","caller":"${caller}","msg":"${msg}"${rest}}`];
    return [
      e(0, 'etcdmain/etcd.go:73', 'Running: '),
      e(2, 'embed/etcd.go:128', 'configuring peer listeners', ',"listen-peer-urls":["https://172.18.0.2:2380"]'),
      e(5, 'etcdserver/server.go:2068', 'published local member to cluster through raft'),
      e(6, 'embed/serve.go:103', 'ready to serve client requests'),
    ];
  },
  'registry.k8s.io/kube-apiserver': ({ t0 }) => {
    const k = (o: number, file: string, s: string): [number, string] => [o, `I${ts(t0 + o, '%m%d %H:%M:%S')}.${String(((t0 + o) % 1000) * 1000).padStart(6, '0')}       1 ${file}] ${s}`];
    return [
      k(0, 'options.go:228', 'external host was not specified, using 172.18.0.2'),
      k(1, 'server.go:155', 'Version: v1.32.0'),
      k(2, 'server.go:157', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'),
      k(900, 'secure_serving.go:213', 'Serving securely on [::]:6443'),
    ];
  },
};

/** Whether the container runs its image's own entrypoint (so the image's start-up lines apply). */
function runsImageEntrypoint(spec: Container): boolean {
  return !spec.command || spec.command.length === 0;
}

/** The container started: the image's start-up output goes to the log store. */
export function writeStartupLogs(ctx: Ctx, pod: KObject, spec: Container, info: StartInfo): void {
  if (!runsImageEntrypoint(spec)) return;
  const ref = parseImage(spec.image ?? '');
  if (!ref || !lookupImage(ref)) return;
  const banner = BANNERS[ref.repository] ?? BANNERS[ref.repository.replace(/^docker\.io\/luksa\/kubia.*$/, 'docker.io/luksa/kubia')];
  if (!banner) return;
  // an image whose arguments replace its server command prints its own output instead
  if ((spec.args ?? []).length && ref.repository !== 'docker.io/library/nginx') return;
  const node = pod.spec?.nodeName ? ctx.store.get('Node', undefined, pod.spec.nodeName) : undefined;
  const env = new Map(specEnv(ctx, pod, spec.name, info.init));
  const lines = banner({ t0: info.startedAt, pod, env, cpus: parseInt(String(node?.status?.capacity?.cpu ?? '4'), 10) || 4, tag: ref.tag ?? 'latest', alpine: (ref.tag ?? '').includes('alpine') });
  for (const [off, text] of lines) appendLog(ctx, pod.metadata.uid!, spec.name, info.restartCount, text, info.startedAt + off);
}

/** The program a container runs, as argv (the kubelet expands `$(VAR)` in command and args). */
export function containerArgv(ctx: Ctx, pod: KObject, spec: Container, init: boolean, startedAt: number): string[] | undefined {
  const ref = parseImage(spec.image ?? '');
  const info = ref ? lookupImage(ref) : undefined;
  let argv: string[];
  if (spec.command && spec.command.length) argv = [...spec.command, ...(spec.args ?? [])];
  else if (spec.args && spec.args.length) {
    // images whose entrypoint runs a server pass args to it; plain images run args as the command
    if (info && info.behaviour.kind === 'serve') return undefined;
    argv = [...spec.args];
  } else return undefined;
  const user = new Map(specEnv(ctx, pod, spec.name, init));
  const svc = new Map(serviceEnv(ctx, pod.metadata.namespace ?? 'default', pod.spec?.enableServiceLinks !== false, startedAt));
  const lookup = (n: string) => (user.has(n) ? user.get(n) : svc.get(n));
  return argv.map((a) => expandVars(a, lookup));
}

export interface RunWindow {
  spec: Container;
  init: boolean;
  containerID: string;
  startedAt: number;
  /** When the instance ended (exited or killed), if it did. */
  finishedAt?: number;
  restartCount: number;
}

/**
 * Every line the container instance printed up to `until`: stored lines (start-up output, served
 * requests) merged with what its command prints, in time order.
 */
export function containerLog(ctx: Ctx, pod: KObject, run: RunWindow, until: number): LogLine[] {
  const end = Math.min(until, run.finishedAt ?? Infinity);
  const stored = readLog(ctx, pod.metadata.uid!, run.spec.name, run.restartCount).filter((l) => l.t <= end);
  const script = scriptOutput(ctx, pod, run, end);
  if (!script.length) return stored;
  const all = [...stored.map((l, i) => ({ l, i, s: 0 })), ...script.map((l, i) => ({ l, i, s: 1 }))];
  all.sort((a, b) => a.l.t - b.l.t || a.s - b.s || a.i - b.i);
  return all.map((x) => x.l);
}

/** Runs the container's command in the simulated shell from its start up to `end`. */
function scriptOutput(ctx: Ctx, pod: KObject, run: RunWindow, end: number): LogLine[] {
  const argv = containerArgv(ctx, pod, run.spec, run.init, run.startedAt);
  if (!argv) return [];
  let t = run.startedAt;
  // the output is computed again at every read: requests sent from it would be served again each time
  const ph = processHost(ctx, pod, run, {
    tty: false,
    network: false,
    clock: { now: () => t, sleep: (ms) => (t = Math.min(t + ms, end + 1)), expired: () => t > end },
  });
  const found = lookPath(ph.fs, argv[0]!, ph.env.get('PATH') ?? '', ph.cwd);
  if (!found) return [];
  const out: LogLine[] = [];
  let partial = '';
  let partialT = t;
  const write = (s: string | Buffer) => {
    if (t > end) return;
    const text = partial + (Buffer.isBuffer(s) ? s.toString('utf8') : s);
    if (!partial) partialT = t;
    const parts = text.split('\n');
    partial = parts.pop()!;
    for (const p of parts) {
      out.push({ t: partialT, text: p });
      partialT = t;
    }
  };
  try {
    runProgram({ argv, stdin: Buffer.alloc(0), env: ph.env, cwd: ph.cwd, out: write, err: write }, ph.host);
  } catch {
    /* the interpreter stopped (time is up) */
  }
  if (partial && (run.finishedAt !== undefined && run.finishedAt <= end)) out.push({ t: partialT, text: partial });
  return out;
}

/**
 * Appends a line to what a container of the pod is printing now (one per request the simulated
 * traffic serves, say): it goes to the log of the container's current instance.
 */
export function appendContainerLog(ctx: Ctx, pod: KObject, container: string, text: string, t = ctx.clock.now()): void {
  const rt = kubeletState(ctx).pods[pod.metadata.uid!]?.containers[`c:${container}`] as { restartCount: number } | undefined;
  if (!rt) return;
  appendLog(ctx, pod.metadata.uid!, container, rt.restartCount, text, t);
}
