// What the programs of well-known images answer over HTTP, and what they write to their logs when
// they do. Nothing runs: each model reproduces a program's observable behaviour — the nginx welcome
// page and nginx's access log format, the `You've hit kubia-…` of Kubernetes in Action's kubia, the
// request echo of registry.k8s.io/echoserver, Google's hello-app, Apache httpd's "It works!" — so a
// learner can see which pod answered. A program we have no model for is not guessed at: an image
// without an HTTP server model closes the connection (curl: (52) Empty reply from server).
import type { Ctx } from '../controllers/context';
import type { Container, KObject } from '../api/types';
import { simState } from '../controllers/context';
import { lookupImage, parseImage } from '../kubelet/images';
import { NGINX_INDEX } from '../kubelet/image-fs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export interface HttpRequest {
  method: string;
  /** Path with query string. */
  path: string;
  /** Header names in the case they were sent. */
  headers: [string, string][];
  body?: string;
  scheme: 'http' | 'https';
  /** The address:port the server accepted the connection on. */
  serverIP: string;
  serverPort: number;
  /** The peer address the server sees (after any SNAT). */
  remoteIP: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** A server's answer: a response, or a closed connection without one. */
export type ServerAnswer = { kind: 'response'; response: HttpResponse } | { kind: 'empty' };

export interface ServeEnv {
  ctx: Ctx;
  pod: KObject;
  container: Container;
  /** containerStatuses entry of the serving container. */
  status: Any;
  /** Appends lines to the container's log (stdout/stderr as the program writes them). */
  log(line: string): void;
  /** Records a routing step (proxies such as the ingress controller). */
  trace(h: { addr: string; what: string }): void;
  /** Reports the upstream connection a proxy passed the request to. */
  served(conn: unknown): void;
}

export interface AppModel {
  /** Ports the program listens on when it runs with its image's default command. */
  ports(c: Container): number[];
  serve(req: HttpRequest, env: ServeEnv): ServerAnswer;
}

export function header(req: HttpRequest, name: string): string | undefined {
  const n = name.toLowerCase();
  return req.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

// ---------------------------------------------------------------- time formats

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** nginx $time_local (UTC in containers): `01/Jan/2026:00:00:10 +0000`. */
export function timeLocal(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** HTTP Date header: `Thu, 01 Jan 2026 00:00:10 GMT`. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/** nginx error-log time: `2026/01/01 00:00:10`; also Go's log package default. */
export function logTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** nginx's `combined`-style access line as the official image's log_format `main` writes it. */
export function nginxAccessLine(req: HttpRequest, status: number, bytes: number, ms: number): string {
  const ref = header(req, 'Referer') ?? '-';
  const ua = header(req, 'User-Agent') ?? '-';
  const xff = header(req, 'X-Forwarded-For') ?? '-';
  return `${req.remoteIP} - - [${timeLocal(ms)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${bytes} "${ref}" "${ua}" "${xff}"`;
}

/** An nginx error page (server_tokens on: the version is shown). */
export function nginxErrorPage(status: number, reason: string, server: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
}

function response(status: number, reason: string, headers: [string, string][], body: string): ServerAnswer {
  return { kind: 'response', response: { status, reason, headers, body } };
}

// ---------------------------------------------------------------- nginx

/** The welcome page nginx images ship (the same file the container's filesystem holds). */
export const NGINX_WELCOME = NGINX_INDEX;

const NGINX_PATCH: Record<string, string> = {
  '1.19': '1.19.10', '1.20': '1.20.2', '1.21': '1.21.6', '1.22': '1.22.1', '1.23': '1.23.4', '1.24': '1.24.0', '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.3',
};

/** The nginx version an image tag runs (`nginx:1.25` → 1.25.5; floating tags → 1.27.3). */
export function nginxVersion(image: string | undefined): string {
  const tag = (image && parseImage(image)?.tag) ?? 'latest';
  const m = /^(\d+\.\d+)(\.\d+)?/.exec(tag);
  if (m) return m[2] ? `${m[1]}${m[2]}` : (NGINX_PATCH[m[1]!] ?? `${m[1]}.0`);
  return '1.27.3';
}

/** Files a container's filesystem holds, when another part of the simulation knows them (exec's volumes). */
export type ContainerFileReader = (ctx: Ctx, pod: KObject, container: string, path: string) => string | undefined;
let fileReader: ContainerFileReader | undefined;

/** Lets the container filesystem model (exec) tell the HTTP servers what files exist. */
export function registerContainerFileReader(fn: ContainerFileReader): void {
  fileReader = fn;
}

function docrootMounted(c: Container, docroot: string): boolean {
  return (c.volumeMounts ?? []).some((m) => docroot === m.mountPath.replace(/\/$/, '') || docroot.startsWith(m.mountPath.replace(/\/$/, '') + '/'));
}

function pathOnly(p: string): string {
  const q = p.indexOf('?');
  return q < 0 ? p : p.slice(0, q);
}

const nginxModel: AppModel = {
  ports: () => [80],
  serve(req, env) {
    const version = nginxVersion(env.container.image);
    const server = `nginx/${version}`;
    const now = env.ctx.clock.now();
    const path = decodeURIComponent(pathOnly(req.path));
    const docroot = '/usr/share/nginx/html';
    const common = (type: string, len: number): [string, string][] => [
      ['Server', server],
      ['Date', httpDate(now)],
      ['Content-Type', type],
      ['Content-Length', String(len)],
      ['Connection', 'keep-alive'],
    ];
    const file = path.endsWith('/') ? `${path}index.html` : path;
    let body: string | undefined;
    if (docrootMounted(env.container, docroot)) body = fileReader?.(env.ctx, env.pod, env.container.name, `${docroot}${file}`);
    else if (file === '/index.html') body = NGINX_WELCOME;
    else if (file === '/50x.html') body = '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n';
    if (body === undefined && path.endsWith('/') && !docrootMounted(env.container, docroot) && path !== '/') body = undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD' && body !== undefined) {
      const page = nginxErrorPage(405, 'Not Allowed', server);
      env.log(nginxAccessLine(req, 405, byteLength(page), now));
      return response(405, 'Not Allowed', common('text/html', byteLength(page)), page);
    }
    if (body === undefined) {
      const forbidden = path.endsWith('/');
      const status = forbidden ? 403 : 404;
      const reason = forbidden ? 'Forbidden' : 'Not Found';
      const page = nginxErrorPage(status, reason, server);
      const what = forbidden ? `directory index of "${docroot}${path}" is forbidden` : `open() "${docroot}${file}" failed (2: No such file or directory)`;
      const conn = nextConnection(env, 'nginx');
      env.log(`${logTime(now)} [error] 29#29: *${conn} ${what}, client: ${req.remoteIP}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${header(req, 'Host') ?? ''}"`);
      env.log(nginxAccessLine(req, status, byteLength(page), now));
      return response(status, reason, common('text/html', byteLength(page)), page);
    }
    nextConnection(env, 'nginx');
    env.log(nginxAccessLine(req, 200, req.method === 'HEAD' ? 0 : byteLength(body), now));
    return response(200, 'OK', [...common('text/html', byteLength(body)), ['Accept-Ranges', 'bytes']], req.method === 'HEAD' ? '' : body);
  },
};

/** Per-container counters (connection numbers, request counts), forgotten when the container restarts. */
function counters(env: ServeEnv): Record<string, number> {
  const st = simState<{ c: Record<string, Record<string, number>> }>(env.ctx, 'apps', () => ({ c: {} }));
  const id = env.status?.containerID ?? `${env.pod.metadata.uid}/${env.container.name}`;
  return (st.c[id] ??= {});
}

function nextConnection(env: ServeEnv, what: string): number {
  const c = counters(env);
  c[what] = (c[what] ?? 0) + 1;
  return c[what]!;
}

// ---------------------------------------------------------------- Apache httpd

const httpdModel: AppModel = {
  ports: () => [80],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const path = pathOnly(req.path);
    const ok = path === '/' || path === '/index.html';
    const body = ok
      ? '<html><body><h1>It works!</h1></body></html>\n'
      : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
    const status = ok ? 200 : 404;
    env.log(`${req.remoteIP} - - [${timeLocal(now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${byteLength(body)}`);
    return response(status, ok ? 'OK' : 'Not Found', [
      ['Date', httpDate(now)],
      ['Server', 'Apache/2.4.62 (Unix)'],
      ['Content-Length', String(byteLength(body))],
      ['Content-Type', ok ? 'text/html' : 'text/html; charset=iso-8859-1'],
    ], body);
  },
};

// ---------------------------------------------------------------- kubia (Kubernetes in Action)

function kubiaModel(variant: 'v1' | 'v2' | 'v3' | 'unhealthy' | 'pet'): AppModel {
  return {
    ports: () => [8080],
    serve(req, env) {
      const host = env.pod.spec?.hostname || env.pod.metadata.name;
      const now = env.ctx.clock.now();
      // node 7's http server: no Content-Length for response.end(text), so the body is chunked
      const headers = (_body: string): [string, string][] => [
        ['Date', httpDate(now)],
        ['Connection', 'keep-alive'],
        ['Transfer-Encoding', 'chunked'],
      ];
      env.log(`Received request from ::ffff:${req.remoteIP}`);
      const n = nextConnection(env, 'requests');
      if (variant === 'pet') {
        const store = simState<{ data: Record<string, string> }>(env.ctx, 'kubia-pet', () => ({ data: {} }));
        const key = petDataKey(env.pod);
        if (req.method === 'POST') {
          store.data[key] = req.body ?? '';
          env.log(`New data has been received and stored.`);
          const body = `Data stored on pod ${host}\n`;
          return response(200, 'OK', headers(body), body);
        }
        const data = store.data[key];
        const body = `You've hit ${host}\nData stored on this pod: ${data === undefined ? 'No data posted yet' : data}\n`;
        return response(200, 'OK', headers(body), body);
      }
      if (variant === 'v3' && n > 4) {
        const body = `Some internal error has occurred! This is pod ${host}\n`;
        return response(500, 'Internal Server Error', headers(body), body);
      }
      if (variant === 'unhealthy' && n > 5) {
        const body = `I'm not well. Please restart me!`;
        return response(500, 'Internal Server Error', headers(body), body);
      }
      const body = variant === 'v2' || variant === 'v3' ? `This is ${variant} running in pod ${host}\n` : `You've hit ${host}\n`;
      return response(200, 'OK', headers(body), body);
    },
  };
}

/** kubia-pet keeps its data on the volume mounted at /var/data (a PVC outlives the pod). */
function petDataKey(pod: KObject): string {
  const c = (pod.spec?.containers ?? [])[0] as Container | undefined;
  const m = (c?.volumeMounts ?? []).find((v) => v.mountPath.replace(/\/$/, '') === '/var/data');
  const vol = m && (pod.spec?.volumes ?? []).find((v: Any) => v.name === m.name);
  if (vol?.persistentVolumeClaim?.claimName) return `pvc:${pod.metadata.namespace}/${vol.persistentVolumeClaim.claimName}`;
  return `pod:${pod.metadata.uid}`;
}

// ---------------------------------------------------------------- echoserver

const echoserverModel: AppModel = {
  ports: () => [8080],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const host = env.pod.spec?.hostname || env.pod.metadata.name;
    const hostHeader = header(req, 'Host') ?? req.serverIP;
    const serverName = hostHeader.replace(/:\d+$/, '');
    const q = req.path.indexOf('?');
    const path = q < 0 ? req.path : req.path.slice(0, q);
    const query = q < 0 ? '' : req.path.slice(q + 1);
    const hdrs = [...req.headers].map(([k, v]) => [k.toLowerCase(), v] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const lines = [
      '',
      '',
      `Hostname: ${host}`,
      '',
      'Pod Information:',
      '\t-no pod information available-',
      '',
      'Server values:',
      '\tserver_version=nginx: 1.13.3 - lua: 10008',
      '',
      'Request Information:',
      `\tclient_address=${req.remoteIP}`,
      `\tmethod=${req.method}`,
      `\treal path=${path}`,
      `\tquery=${query}`,
      '\trequest_version=1.1',
      `\trequest_scheme=${req.scheme}`,
      `\trequest_uri=${req.scheme}://${serverName}:${req.serverPort}${req.path}`,
      '',
      'Request Headers:',
      ...hdrs.map(([k, v]) => `\t${k}=${v}`),
      '',
      'Request Body:',
      req.body ? req.body : '\t-no body in request-',
      '',
      '',
    ];
    const body = lines.join('\n');
    env.log(`${req.remoteIP} - - [${timeLocal(now)}] "${req.method} ${req.path} HTTP/1.1" 200 ${byteLength(body)} "-" "${header(req, 'User-Agent') ?? '-'}"`);
    return response(200, 'OK', [
      ['Server', 'nginx/1.13.3'],
      ['Date', httpDate(now)],
      ['Content-Type', 'text/plain'],
      ['Transfer-Encoding', 'chunked'],
      ['Connection', 'keep-alive'],
    ], body);
  },
};

// ---------------------------------------------------------------- hello-app (Google samples)

function envValue(c: Container, name: string): string | undefined {
  return (c.env ?? []).find((e) => e.name === name)?.value;
}

const helloAppModel: AppModel = {
  ports: (c) => [Number(envValue(c, 'PORT')) || 8080],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const tag = (env.container.image && parseImage(env.container.image)?.tag) ?? '1.0';
    const version = tag.startsWith('2') ? '2.0.0' : '1.0.0';
    env.log(`${logTime(now)} Serving request: ${pathOnly(req.path)}`);
    const body = `Hello, world!\nVersion: ${version}\nHostname: ${env.pod.spec?.hostname || env.pod.metadata.name}\n`;
    return response(200, 'OK', [
      ['Date', httpDate(now)],
      ['Content-Length', String(byteLength(body))],
      ['Content-Type', 'text/plain; charset=utf-8'],
    ], body);
  },
};

// ---------------------------------------------------------------- smaller ones

function staticModel(port: number, status: number, reason: string, type: string, body: string, logFmt?: (req: HttpRequest, ms: number, bytes: number) => string): AppModel {
  return {
    ports: () => [port],
    serve(req, env) {
      const now = env.ctx.clock.now();
      if (logFmt) env.log(logFmt(req, now, byteLength(body)));
      return response(status, reason, [
        ['Date', httpDate(now)],
        ['Content-Type', type],
        ['Content-Length', String(byteLength(body))],
      ], body);
    },
  };
}

const apacheCommon = (req: HttpRequest, ms: number, bytes: number) => `${req.remoteIP} - - [${timeLocal(ms)}] "${req.method} ${req.path} HTTP/1.1" 200 ${bytes}`;

const guestbookModel = staticModel(80, 200, 'OK', 'text/html; charset=UTF-8', `<html ng-app="redis">
  <head>
    <title>Guestbook</title>
    <link rel="stylesheet" href="//netdna.bootstrapcdn.com/bootstrap/3.1.1/css/bootstrap.min.css">
  </head>
  <body ng-controller="RedisCtrl">
    <div style="width: 50%; margin-left: 20px">
      <h2>Guestbook</h2>
    </div>
  </body>
</html>
`, apacheCommon);

const hpaExampleModel = staticModel(80, 200, 'OK', 'text/html; charset=UTF-8', 'OK!', apacheCommon);

const traefikModel = staticModel(80, 404, 'Not Found', 'text/plain; charset=utf-8', '404 page not found\n');

const tomcatModel: AppModel = {
  ports: () => [8080],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const body = `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>`;
    return response(404, '', [
      ['Content-Type', 'text/html;charset=utf-8'],
      ['Content-Language', 'en'],
      ['Content-Length', String(byteLength(body))],
      ['Date', httpDate(now)],
    ], body);
  },
};

const wordpressModel: AppModel = {
  ports: () => [80],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const host = header(req, 'Host') ?? req.serverIP;
    env.log(`${req.remoteIP} - - [${timeLocal(now)}] "${req.method} ${req.path} HTTP/1.1" 302 297 "-" "${header(req, 'User-Agent') ?? '-'}"`);
    return response(302, 'Found', [
      ['Date', httpDate(now)],
      ['Server', 'Apache/2.4.62 (Debian)'],
      ['X-Powered-By', 'PHP/8.2.27'],
      ['Location', `http://${host}/wp-admin/install.php`],
      ['Content-Length', '0'],
      ['Content-Type', 'text/html; charset=UTF-8'],
    ], '');
  },
};

/** CoreDNS: DNS on 53 (an HTTP request gets no answer), `health` on 8080, `ready` on 8181, metrics on 9153. */
const corednsModel: AppModel = {
  ports: () => [53, 8080, 8181, 9153],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const path = pathOnly(req.path);
    if (req.serverPort === 53) return { kind: 'empty' };
    if ((req.serverPort === 8080 && path === '/health') || (req.serverPort === 8181 && path === '/ready')) {
      return response(200, 'OK', [['Date', httpDate(now)], ['Content-Length', '2'], ['Content-Type', 'text/plain; charset=utf-8']], 'OK');
    }
    if (req.serverPort === 9153 && path === '/metrics') {
      const body = '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n';
      return response(200, 'OK', [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8'], ['Date', httpDate(now)]], body);
    }
    return response(404, 'Not Found', [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(now)], ['Content-Length', '19']], '404 page not found\n');
  },
};

/** Programs that speak another protocol: an HTTP request gets the connection closed. */
const silentModel = (ports: number[]): AppModel => ({ ports: () => ports, serve: () => ({ kind: 'empty' }) });

/** python -m http.server [port] */
const pythonHttpServer = (port: number): AppModel => ({
  ports: () => [port],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const path = decodeURIComponent(pathOnly(req.path));
    const body = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n`;
    const d = new Date(now);
    env.log(`${req.remoteIP} - - [${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}] "${req.method} ${req.path} HTTP/1.1" 200 -`);
    return response(200, 'OK', [
      ['Server', 'SimpleHTTP/0.6 Python/3.13.1'],
      ['Date', httpDate(now)],
      ['Content-type', 'text/html; charset=utf-8'],
      ['Content-Length', String(byteLength(body))],
    ], body);
  },
});

const SERVER_COMMAND = /\b(nginx|httpd|apache2|node|npm|python\S*|flask|gunicorn|uvicorn|java|catalina\S*|nc|ncat|socat|http-server|php\S*|ruby|rails|puma|dotnet|serve|server|redis-server|mongod|postgres|mysqld)\b/;

/** busybox httpd -f -p PORT -h DIR: serves the directory; without files we know of, 404. */
const busyboxHttpd = (port: number): AppModel => ({
  ports: () => [port],
  serve(req, env) {
    const now = env.ctx.clock.now();
    const body = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';
    return response(404, 'Not Found', [['Date', httpDate(now)], ['Connection', 'close'], ['Content-type', 'text/html']], body);
  },
});

const BY_REPOSITORY: Record<string, AppModel> = {
  'docker.io/library/nginx': nginxModel,
  'registry.k8s.io/nginx-slim': nginxModel,
  'docker.io/library/httpd': httpdModel,
  'docker.io/luksa/kubia': kubiaModel('v1'),
  'docker.io/luksa/kubia-unhealthy': kubiaModel('unhealthy'),
  'docker.io/luksa/kubia-pet': kubiaModel('pet'),
  'docker.io/luksa/kubia-pet-peers': kubiaModel('pet'),
  'docker.io/luksa/kubia-ssd': kubiaModel('v1'),
  'registry.k8s.io/echoserver': echoserverModel,
  'gcr.io/google-samples/hello-app': helloAppModel,
  'us-docker.pkg.dev/google-samples/containers/gke/hello-app': helloAppModel,
  'gcr.io/google-samples/gb-frontend': guestbookModel,
  'registry.k8s.io/hpa-example': hpaExampleModel,
  'docker.io/library/traefik': traefikModel,
  'docker.io/library/tomcat': tomcatModel,
  'docker.io/library/wordpress': wordpressModel,
  'registry.k8s.io/coredns/coredns': corednsModel,
  'docker.io/library/redis': silentModel([6379]),
  'gcr.io/google-samples/gb-redis-follower': silentModel([6379]),
  'docker.io/library/mongo': silentModel([27017]),
  'docker.io/library/postgres': silentModel([5432]),
  'docker.io/library/mysql': silentModel([3306, 33060]),
  'docker.io/library/mariadb': silentModel([3306]),
  'docker.io/library/memcached': silentModel([11211]),
  'docker.io/library/rabbitmq': silentModel([5672]),
  'docker.io/library/zookeeper': silentModel([2181]),
  'docker.io/library/cassandra': silentModel([9042]),
  'docker.io/library/elasticsearch': silentModel([9200, 9300]),
  'docker.io/library/mongo-express': silentModel([8081]),
};

/** Models that other modules (the ingress controller, the API server) register. */
export function registerAppModel(repository: string, model: AppModel): void {
  BY_REPOSITORY[repository] = model;
}

/**
 * The program a container runs, as far as the network sees it: the model of its image when it runs
 * the image's own server, a recognisable server command otherwise, or nothing.
 */
export function appFor(c: Container): { model: AppModel; ports: number[] } | undefined {
  const ref = c.image ? parseImage(c.image) : undefined;
  const info = ref ? lookupImage(ref) : undefined;
  const repo = ref ? (info?.repository ?? ref.repository) : undefined;
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const script = argv.join(' ');
  const py = /python\S*\s+-m\s+http\.server(?:\s+(\d+))?/.exec(script);
  if (py) {
    const model = pythonHttpServer(Number(py[1] ?? 8000));
    return { model, ports: model.ports(c) };
  }
  const model = repo ? BY_REPOSITORY[repo] : undefined;
  const runsDefault = !c.command || c.command.length === 0 || (model === nginxModel && /(^|\/)nginx$/.test(c.command[0] ?? ''));
  if (model && runsDefault && info?.behaviour.kind === 'serve') return { model, ports: model.ports(c) };
  if (model && runsDefault && !info) return { model, ports: model.ports(c) };
  // busybox's httpd serves files we do not know of: everything is 404
  const bb = /(?:^|[\s;&|/])httpd\b[^;&|]*?-p\s*(?:\S+:)?(\d+)/.exec(script);
  if (bb && (!repo || /busybox/.test(repo))) {
    const port = Number(bb[1]);
    return { model: busyboxHttpd(port), ports: [port] };
  }
  // another server program we cannot read: it listens where the spec says and we do not guess its answers
  const declared = (c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort);
  if (declared.length && SERVER_COMMAND.test(script)) return { model: silentModel(declared), ports: declared };
  return undefined;
}
