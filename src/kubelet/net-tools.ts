// curl and wget inside containers, over the simulated network (src/net/traffic.ts `httpRequest`,
// sent from the pod the command runs in), printing what curl 8.x and busybox / GNU wget print; and
// the other direction: the HTTP servers of the simulated network read the files of a container's
// filesystem (a ConfigMap mounted as nginx's docroot) through the container filesystem model.
import type { KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { httpRequest, wgetError, type HttpResult, type HttpOptions } from '../net/traffic';
import { registerContainerFileReader } from '../net/apps';
import { registerExecTool } from './exec-registry';
import type { ProcIO } from './shell';
import type { ExecHost } from './tools';
import { FsError, ERRNO_TEXT } from './vfs';
import { containerRun, processHost } from './exec';

/** What a tool needs beyond the container: the cluster and the pod it runs in. */
export interface NetHost extends ExecHost {
  net?: { ctx: Ctx; pod: KObject };
}

// ---------------------------------------------------------------- curl

/** curl's max5data: a size or speed in five columns (`  615`, ` 300k`, ` 1.2M`). */
function max5(n: number): string {
  if (n < 100_000) return String(Math.round(n)).padStart(5);
  if (n < 10_000 * 1024) return `${String(Math.round(n / 1024)).padStart(4)}k`;
  if (n < 100 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).padStart(4)}M`;
  return `${String(Math.round(n / 1024 / 1024)).padStart(4)}M`;
}

/** The progress meter curl writes to stderr when its output is not a terminal. */
function progressMeter(size: number, elapsedMs: number, ok: boolean): string {
  const head = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
  const row = (pct: number, got: number, speed: number) =>
    `${String(pct).padStart(3)} ${max5(got)}  ${String(pct).padStart(3)} ${max5(got)}    0     0  ${max5(speed)}      0 --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
  const speed = ok && size ? (size * 1000) / Math.max(1, elapsedMs) : 0;
  const first = `\r${row(0, 0, 0)}`;
  return `${head}${first}${ok ? `\r${row(size ? 100 : 0, size, speed)}` : ''}\n`;
}

function curlUsageError(io: ProcIO, msg: string): number {
  io.err(`curl: ${msg}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
  return 2;
}

const CURL_VALUE_OPTS: Record<string, string> = {
  '-X': 'request', '--request': 'request', '-H': 'header', '--header': 'header', '-d': 'data', '--data': 'data', '--data-raw': 'data',
  '-o': 'output', '--output': 'output', '-w': 'write-out', '--write-out': 'write-out', '-m': 'max-time', '--max-time': 'max-time',
  '--connect-timeout': 'connect-timeout', '-A': 'user-agent', '--user-agent': 'user-agent', '-u': 'user', '--user': 'user', '--retry': 'retry',
};
const CURL_FLAGS: Record<string, string> = {
  '-s': 'silent', '--silent': 'silent', '-S': 'show-error', '--show-error': 'show-error', '-i': 'include', '--include': 'include',
  '-I': 'head', '--head': 'head', '-v': 'verbose', '--verbose': 'verbose', '-L': 'location', '--location': 'location', '-k': 'insecure',
  '--insecure': 'insecure', '-f': 'fail', '--fail': 'fail', '-O': 'remote-name', '--remote-name': 'remote-name', '-4': 'ipv4', '-N': 'no-buffer',
  '--no-progress-meter': 'no-progress-meter', '-q': 'q', '--fail-with-body': 'fail-with-body',
};

function curl(io: ProcIO, host: NetHost): number {
  const args = io.argv.slice(1);
  const opt = new Map<string, string[]>();
  const flags = new Set<string>();
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    if (a.startsWith('--') && a.includes('=')) {
      const eq = a.indexOf('=');
      args.splice(i + 1, 0, a.slice(eq + 1));
      a = a.slice(0, eq);
    }
    if (CURL_VALUE_OPTS[a]) {
      const v = args[++i];
      if (v === undefined) return curlUsageError(io, `option ${a}: requires parameter`);
      const k = CURL_VALUE_OPTS[a]!;
      opt.set(k, [...(opt.get(k) ?? []), v]);
    } else if (CURL_FLAGS[a]) flags.add(CURL_FLAGS[a]!);
    else if (/^-[a-zA-Z]{2,}$/.test(a)) {
      // combined short flags (-sSL, -fsSL)
      for (const c of a.slice(1)) {
        const f = CURL_FLAGS[`-${c}`];
        if (!f) return curlUsageError(io, `option -${c}: is unknown`);
        flags.add(f);
      }
    } else if (a.startsWith('-') && a !== '-') return curlUsageError(io, `option ${a}: is unknown`);
    else urls.push(a);
  }
  if (!urls.length) return curlUsageError(io, 'no URL specified');
  if (flags.has('verbose')) {
    io.err('kubesim: curl -v is not simulated; try -i to see the response headers\n');
    return 126;
  }
  const net = host.net;
  if (!net) {
    io.err("kubesim: requests sent by a container's own command are not simulated (use kubesim exec or kubesim curl)\n");
    return 126;
  }
  const headers: [string, string][] = (opt.get('header') ?? []).map((h) => {
    const c = h.indexOf(':');
    return [h.slice(0, c).trim(), h.slice(c + 1).trim()];
  });
  const request: HttpOptions = {
    method: opt.get('request')?.at(-1) ?? (flags.has('head') ? 'HEAD' : undefined),
    headers,
    data: opt.get('data')?.join('&'),
    insecure: flags.has('insecure'),
    followRedirects: flags.has('location'),
    userAgent: opt.get('user-agent')?.at(-1),
  };
  const silent = flags.has('silent');
  const showError = !silent || flags.has('show-error');
  const meter = !silent && !flags.has('no-progress-meter') && !host.tty && !opt.get('output')?.includes('-') ? true : !silent && !!opt.get('output');
  const maxTime = opt.get('max-time') ? parseFloat(opt.get('max-time')!.at(-1)!) * 1000 : undefined;
  let code = 0;
  for (const url of urls) {
    const r: HttpResult = httpRequest(net.ctx, { pod: net.pod }, url, request);
    let elapsed = r.failure?.elapsedMs ?? 2;
    let result = r;
    if (maxTime !== undefined && elapsed > maxTime) {
      elapsed = maxTime;
      result = { ...r, ok: false, exitCode: 28, error: `Connection timed out after ${Math.round(maxTime)} milliseconds` };
    }
    host.sleep(elapsed);
    const body = result.ok ? result.body ?? '' : '';
    let out = '';
    if (result.ok && (flags.has('include') || flags.has('head'))) {
      for (const step of [...(result.redirects ?? []), result]) {
        out += `HTTP/1.1 ${step.status} ${step.reason}`.trimEnd() + '\r\n';
        for (const [k, v] of step.headers ?? []) out += `${k}: ${v}\r\n`;
        out += '\r\n';
      }
    }
    const failHttp = result.ok && (flags.has('fail') || flags.has('fail-with-body')) && (result.status ?? 0) >= 400;
    if (!failHttp || flags.has('fail-with-body')) out += body;
    const dest = opt.get('output')?.at(-1) ?? (flags.has('remote-name') ? remoteName(url) : undefined);
    if (meter) io.err(progressMeter(Buffer.byteLength(out), elapsed, result.ok && !failHttp));
    if (dest && dest !== '-') {
      try {
        host.fs.writeFile(dest, Buffer.from(out), { now: host.now(), cwd: io.cwd });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (showError) io.err(`curl: (23) Failure writing output to destination\n`);
        code = 23;
        continue;
      }
    } else io.out(out);
    const wo = opt.get('write-out')?.at(-1);
    if (wo) io.out(wo.replace(/%\{http_code\}/g, String(result.ok ? result.status : 0).padStart(3, '0')).replace(/%\{url_effective\}/g, url).replace(/\\n/g, '\n'));
    if (!result.ok) {
      if (showError) io.err(`curl: (${result.exitCode}) ${result.error}\n`);
      code = result.exitCode;
    } else if (failHttp) {
      if (showError) io.err(`curl: (22) The requested URL returned error: ${result.status}\n`);
      code = 22;
    }
  }
  return code;
}

function remoteName(url: string): string {
  const p = url.replace(/[?#].*$/, '').replace(/^[a-z]+:\/\/[^/]*/i, '');
  return p.split('/').pop() || 'index.html';
}

// ---------------------------------------------------------------- wget

function wget(io: ProcIO, host: NetHost): number {
  const args = io.argv.slice(1);
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let timeoutMs: number | undefined;
  const headers: [string, string][] = [];
  let ua: string | undefined;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O' || a === '--output-document') output = args[++i];
    else if (a.startsWith('-O') && a.length > 2) output = a.slice(2);
    else if (a === '-qO' || a === '-qO-') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a.startsWith('--output-document=')) output = a.slice(18);
    else if (a === '--spider') spider = true;
    else if (a === '-T' || a === '--timeout') timeoutMs = parseFloat(args[++i] ?? '0') * 1000;
    else if (a.startsWith('--timeout=')) timeoutMs = parseFloat(a.slice(10)) * 1000;
    else if (a === '--header') {
      const h = args[++i] ?? '';
      const c = h.indexOf(':');
      headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
    } else if (a === '-U' || a === '--user-agent') ua = args[++i];
    else if (a.startsWith('-')) {
      io.err(host.flavor === 'busybox' ? `wget: unrecognized option '${a}'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n` : `wget: invalid option -- '${a.replace(/^-+/, '')}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
      return host.flavor === 'busybox' ? 1 : 2;
    } else urls.push(a);
  }
  if (!urls.length) {
    io.err(host.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n' : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const net = host.net;
  if (!net) {
    io.err("kubesim: requests sent by a container's own command are not simulated (use kubesim exec or kubesim curl)\n");
    return 126;
  }
  const busybox = host.flavor === 'busybox';
  let code = 0;
  for (const url of urls) {
    const full = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
    let r = httpRequest(net.ctx, { pod: net.pod }, full, { headers, userAgent: ua ?? (busybox ? 'Wget' : 'Wget/1.21.3'), followRedirects: true, method: spider ? 'HEAD' : undefined });
    let elapsed = r.failure?.elapsedMs ?? 2;
    if (timeoutMs !== undefined && elapsed > timeoutMs) {
      elapsed = timeoutMs;
      r = { ...r, ok: false, failure: { ...(r.failure ?? { kind: 'timeout' }), kind: 'timeout' } };
    }
    host.sleep(elapsed);
    const hostPart = full.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0]!;
    const name = output ?? remoteName(full);
    const ip = r.failure?.ip ?? r.served?.ip ?? '';
    if (busybox) {
      if (!quiet && r.ok) io.err(`Connecting to ${hostPart} (${r.hops.length ? addrOf(r) : ip}:${portOf(full)})\n`);
      const bad = !r.ok || (r.status ?? 0) >= 400;
      if (bad) {
        io.err(`${wgetError(r)}\n`);
        code = 1;
        continue;
      }
      if (spider) {
        if (!quiet) io.err('remote file exists\n');
        continue;
      }
      const body = r.body ?? '';
      if (name === '-') io.out(body);
      else {
        if (!quiet) io.err(`saving to '${name}'\n`);
        if (!save(io, host, name, body)) return 1;
        if (!quiet) io.err(`${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(Buffer.byteLength(body)).padStart(5)}  0:00:00 ETA\n'${name}' saved\n`);
      }
    } else {
      // GNU wget
      const stamp = new Date(host.now()).toISOString().replace('T', ' ').slice(0, 19);
      if (!quiet) io.err(`--${stamp}--  ${full}\nResolving ${hostPart.split(':')[0]} (${hostPart.split(':')[0]})... ${r.failure?.kind === 'resolve' ? 'failed: Name or service not known.' : addrOf(r)}\n`);
      if (!r.ok) {
        if (r.failure?.kind === 'resolve') {
          if (quiet) io.err('');
          io.err(`wget: unable to resolve host address ‘${hostPart.split(':')[0]}’\n`);
          code = 4;
          continue;
        }
        if (!quiet) io.err(`Connecting to ${hostPart.split(':')[0]} (${hostPart.split(':')[0]})|${ip}|:${portOf(full)}... failed: ${r.failure?.kind === 'refused' ? 'Connection refused' : r.failure?.kind === 'noroute' ? 'No route to host' : 'Connection timed out'}.\n`);
        code = 4;
        continue;
      }
      const body = r.body ?? '';
      if (!quiet) io.err(`Connecting to ${hostPart.split(':')[0]} (${hostPart.split(':')[0]})|${addrOf(r)}|:${portOf(full)}... connected.\nHTTP request sent, awaiting response... ${r.status} ${r.reason}\n`);
      if ((r.status ?? 0) >= 400) {
        io.err(`${quiet ? '' : `${stamp} `}ERROR ${r.status}: ${r.reason}.\n\n`);
        code = 8;
        continue;
      }
      const type = r.headers?.find(([k]) => k.toLowerCase() === 'content-type')?.[1]?.split(';')[0] ?? 'text/html';
      if (!quiet) io.err(`Length: ${Buffer.byteLength(body)} [${type}]\nSaving to: ‘${name === '-' ? 'STDOUT' : name}’\n\n`);
      if (name === '-') io.out(body);
      else if (!save(io, host, name, body)) return 3;
      if (!quiet) io.err(`${name === '-' ? '-' : name}${' '.repeat(Math.max(1, 20 - (name === '-' ? 1 : name.length)))}100%[===================>]   ${Buffer.byteLength(body)}  --.-KB/s    in 0s      \n\n${stamp} (${Math.round(Buffer.byteLength(body) / 1024 / 0.002)} KB/s) - ${name === '-' ? 'written to stdout' : `‘${name}’ saved`} [${Buffer.byteLength(body)}/${Buffer.byteLength(body)}]\n\n`);
    }
  }
  return code;
}

function save(io: ProcIO, host: NetHost, name: string, body: string): boolean {
  try {
    host.fs.writeFile(name, Buffer.from(body), { now: host.now(), cwd: io.cwd });
    return true;
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    io.err(host.flavor === 'busybox' ? `wget: can't open '${name}': ${ERRNO_TEXT[e.code]}\n` : `${name}: ${ERRNO_TEXT[e.code]}\n`);
    return false;
  }
}

function portOf(url: string): number {
  const m = /^[a-z]+:\/\/[^/:]+:(\d+)/i.exec(url);
  return m ? parseInt(m[1]!, 10) : url.toLowerCase().startsWith('https') ? 443 : 80;
}

/** The address the name resolved to (the first hop's target, or the server). */
function addrOf(r: HttpResult): string {
  for (const h of r.hops) {
    const m = /^(\d+\.\d+\.\d+\.\d+)/.exec(h.addr);
    if (m) return m[1]!;
  }
  return r.failure?.ip ?? r.served?.ip ?? '';
}

registerExecTool('curl', (io, host) => curl(io, host as NetHost));
registerExecTool('wget', (io, host) => wget(io, host as NetHost));

// nginx and friends serve what their containers' filesystems hold (a ConfigMap as the docroot)
registerContainerFileReader((ctx, pod, container, path) => {
  const run = containerRun(ctx, pod, container).current;
  if (!run) return undefined;
  const ph = processHost(ctx, pod, run, { tty: false, clock: { now: () => ctx.clock.now(), sleep: () => {}, expired: () => false } });
  try {
    const n = ph.fs.stat(path);
    return n.type === 'f' ? (n.data ?? Buffer.alloc(0)).toString('utf8') : undefined;
  } catch {
    return undefined;
  }
});
