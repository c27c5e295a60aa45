// What an image's root filesystem holds, as far as `kubesim exec` and container output need it: the
// distribution it is built on (busybox, Alpine, Debian, Ubuntu, or none for distroless images),
// which programs it has, its ENV, WORKDIR and a few well-known files. Kept small: a family table plus
// per-repository additions.
import { lookupImage, parseImage, type ImageInfo, type ImageRef } from './images';
import { PLUGGABLE, execToolFor } from './exec-registry';

export type DistroId = 'busybox' | 'alpine' | 'debian' | 'ubuntu' | 'none';

export interface Distro {
  id: DistroId;
  /** Which shell /bin/sh is (none: no shell at all). */
  sh: 'ash' | 'dash' | 'bash' | null;
  /** Program name → directory holding it. */
  bins: Record<string, string>;
  /** Top-level directories; `name->target` is a symlink (Debian's merged /usr). */
  root: string[];
  files: Record<string, string>;
  /** `id` output for root. */
  rootId: string;
}

const BUSYBOX_APPLETS =
  '[ [[ arch ash awk base32 base64 basename bc cal cat chgrp chmod chown chroot clear cmp cp cut date dc dd df diff dirname dmesg dnsdomainname du echo ed egrep env expand expr factor false fgrep find fold free fuser getopt grep groups gunzip gzip halt head hexdump hostid hostname id ifconfig install ip ipcalc kill killall less link ln logger login logname ls lsof md5sum mkdir mkfifo mknod mktemp more mount mv nc netstat nice nl nohup nproc nslookup od paste patch pgrep pidof ping ping6 pkill poweroff printenv printf ps pwd readlink realpath reboot renice reset rev rm rmdir route sed seq setsid sh sha1sum sha256sum sha512sum shred sleep sort split stat strings stty su sum sync tac tail tar tee telnet test time timeout top touch tr traceroute true truncate tty umount uname uniq unlink unzip uptime usleep uudecode uuencode vi watch wc wget which whoami xargs yes zcat';

const ALPINE_BIN =
  'arch ash base64 bbconfig busybox cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo ed egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync tar touch true umount uname usleep watch zcat';
const ALPINE_USR_BIN =
  '[ [[ awk basename bc cal cksum clear cmp cut diff dirname du env expand expr factor find fold free fuser getent groups head hexdump id install ipcrm ipcs killall less logger md5sum mkfifo nc nl nohup nproc nslookup od openvt paste pgrep pkill printf readlink realpath renice reset seq setsid sha1sum sha256sum sha512sum shred sort split strings sum tac tail tee test time timeout top tr traceroute truncate tty uniq unlink unzip uptime uudecode uuencode vi wc wget which whoami xargs yes';

const DEBIAN_BIN =
  '[ apt apt-get awk base64 basename bash cat chgrp chmod chown chroot cksum cmp comm cp cut date dd df diff dir dirname dmesg dpkg du echo egrep env expr false fgrep find findmnt fold getent grep groups gunzip gzip head hostid hostname id install join kill ldd link ln login logname ls lsblk md5sum mkdir mkfifo mknod mktemp more mount mv nice nl nohup nproc od paste perl pidof pinky pr printenv printf ptx pwd readlink realpath rev rm rmdir run-parts sed seq sh sha1sum sha256sum sha512sum shred sleep sort split stat stty su sum sync tac tail tar tee test timeout touch tr true truncate tsort tty umount uname uniq unlink uptime users vdir wc which whoami xargs yes zcat';

function table(names: string, dir: string, into: Record<string, string> = {}): Record<string, string> {
  for (const n of names.split(' ')) into[n] = dir;
  return into;
}

const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

export const DISTROS: Record<DistroId, Distro> = {
  busybox: {
    id: 'busybox',
    sh: 'ash',
    bins: table(BUSYBOX_APPLETS, '/bin'),
    root: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
    files: { '/etc/passwd': BUSYBOX_PASSWD, '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnobody:x:65534:\n' },
    rootId: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)',
  },
  alpine: {
    id: 'alpine',
    sh: 'ash',
    bins: table(ALPINE_USR_BIN, '/usr/bin', table(ALPINE_BIN, '/bin')),
    root: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
    files: {
      '/etc/passwd': ALPINE_PASSWD,
      '/etc/alpine-release': '3.21.0\n',
      '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    },
    rootId: 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)',
  },
  debian: {
    id: 'debian',
    sh: 'dash',
    bins: table(DEBIAN_BIN, '/usr/bin'),
    root: ['bin->usr/bin', 'boot', 'dev', 'etc', 'home', 'lib->usr/lib', 'lib64->usr/lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin->usr/sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
    files: {
      '/etc/passwd': DEBIAN_PASSWD,
      '/etc/debian_version': '12.8\n',
      '/etc/os-release':
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    },
    rootId: 'uid=0(root) gid=0(root) groups=0(root)',
  },
  ubuntu: {
    id: 'ubuntu',
    sh: 'dash',
    bins: table(DEBIAN_BIN, '/usr/bin'),
    root: ['bin->usr/bin', 'boot', 'dev', 'etc', 'home', 'lib->usr/lib', 'lib64->usr/lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin->usr/sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
    files: {
      '/etc/passwd': DEBIAN_PASSWD,
      '/etc/os-release':
        'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
    },
    rootId: 'uid=0(root) gid=0(root) groups=0(root)',
  },
  none: { id: 'none', sh: null, bins: {}, root: ['dev', 'etc', 'proc', 'sys', 'var'], files: {}, rootId: '' },
};

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What an image adds on top of its distribution. */
interface ImageExtras {
  /** Extra programs: name → directory. */
  bins?: string;
  binDir?: string;
  /** ENV of the image (after PATH); `{v}` is the version from the tag. */
  env?: [string, string][];
  path?: string;
  workdir?: string;
  files?: Record<string, string>;
  /** Version reported when the tag does not name one. */
  version?: string;
}

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const EXTRAS: Record<string, ImageExtras> = {
  'docker.io/library/nginx': {
    bins: 'nginx nginx-debug curl envsubst',
    binDir: '/usr/sbin',
    env: [['NGINX_VERSION', '{v}'], ['NJS_VERSION', '0.8.7'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm']],
    files: {
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/etc/nginx/nginx.conf': NGINX_CONF,
      '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n',
    },
    version: '1.27.3',
  },
  'docker.io/library/redis': { bins: 'redis-server redis-cli redis-benchmark redis-check-aof redis-check-rdb redis-sentinel', binDir: '/usr/local/bin', env: [['REDIS_DOWNLOAD_URL', 'http://download.redis.io/releases/redis-{v}.tar.gz'], ['REDIS_VERSION', '{v}']], workdir: '/data', version: '7.4.1' },
  'docker.io/library/mongo': { bins: 'mongod mongos mongosh mongodump mongorestore', binDir: '/usr/bin', env: [['GOSU_VERSION', '1.17'], ['JSYAML_VERSION', '3.13.1'], ['MONGO_PACKAGE', 'mongodb-org'], ['MONGO_REPO', 'repo.mongodb.org'], ['MONGO_MAJOR', '{major}.0'], ['MONGO_VERSION', '{v}'], ['HOME', '/data/db']], version: '8.0.4' },
  'docker.io/library/postgres': { bins: 'postgres psql pg_ctl pg_dump initdb', binDir: '/usr/lib/postgresql/17/bin', env: [['GOSU_VERSION', '1.17'], ['LANG', 'en_US.utf8'], ['PG_MAJOR', '{major}'], ['PG_VERSION', '{v}-1.pgdg120+1'], ['PGDATA', '/var/lib/postgresql/data']], path: `${DEFAULT_PATH}:/usr/lib/postgresql/17/bin`, version: '17.2' },
  'docker.io/library/httpd': { bins: 'httpd apachectl', binDir: '/usr/local/apache2/bin', env: [['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '{v}']], path: `/usr/local/apache2/bin:${DEFAULT_PATH}`, workdir: '/usr/local/apache2', files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' }, version: '2.4.62' },
  'docker.io/library/node': { bins: 'node npm npx yarn curl wget git', binDir: '/usr/local/bin', env: [['NODE_VERSION', '{v}'], ['YARN_VERSION', '1.22.22']], version: '22.12.0' },
  'docker.io/library/python': { bins: 'python python3 pip pip3 curl wget git', binDir: '/usr/local/bin', env: [['LANG', 'C.UTF-8'], ['PYTHON_VERSION', '{v}']], version: '3.13.1' },
  'docker.io/library/golang': { bins: 'go gofmt curl wget git', binDir: '/usr/local/go/bin', env: [['GOLANG_VERSION', '{v}'], ['GOTOOLCHAIN', 'local'], ['GOPATH', '/go']], path: `/go/bin:/usr/local/go/bin:${DEFAULT_PATH}`, workdir: '/go', version: '1.23.4' },
  'docker.io/library/mongo-express': { bins: 'node npm tini', binDir: '/usr/local/bin', env: [['NODE_VERSION', '18.20.3'], ['YARN_VERSION', '1.22.19'], ['MONGO_EXPRESS', '{v}'], ['ME_CONFIG_EDITORTHEME', 'default'], ['ME_CONFIG_MONGODB_URL', 'mongodb://mongo:27017'], ['ME_CONFIG_MONGODB_ENABLE_ADMIN', 'true'], ['ME_CONFIG_BASICAUTH_USERNAME', ''], ['ME_CONFIG_BASICAUTH_PASSWORD', ''], ['VCAP_APP_HOST', '0.0.0.0']], workdir: '/app', version: '1.0.2' },
  'docker.io/luksa/kubia': { bins: 'node npm curl wget', binDir: '/usr/local/bin', env: [['NPM_CONFIG_LOGLEVEL', 'info'], ['NODE_VERSION', '7.10.1']] },
  'docker.io/luksa/curl': { bins: 'curl', binDir: '/usr/bin' },
  'docker.io/curlimages/curl': { bins: 'curl', binDir: '/usr/bin' },
};

/** The distribution an image is built on. */
export function distroOf(info: ImageInfo | undefined, ref: ImageRef | undefined): DistroId {
  if (!info || !ref) return 'debian';
  if (info.shell === 'none') return 'none';
  const repo = ref.repository;
  if (/busybox$/.test(repo) || repo === 'docker.io/luksa/batch-job' || repo === 'docker.io/luksa/time-limited-batch-job' || repo === 'docker.io/luksa/ssd-monitor') return 'busybox';
  if ((ref.tag ?? '').includes('alpine') || repo === 'docker.io/library/alpine' || info.shell === 'sh') return 'alpine';
  if (repo === 'docker.io/library/ubuntu' || repo === 'docker.io/library/mongo') return 'ubuntu';
  return 'debian';
}

export interface ImageFs {
  ref?: ImageRef;
  distro: Distro;
  /** Program name → full path. */
  programs: Map<string, string>;
  env: [string, string][];
  workdir: string;
  files: Record<string, string>;
}

/** The filesystem facts of an image reference as written in a pod spec. */
export function imageFs(image: string): ImageFs {
  const ref = parseImage(image);
  const info = ref ? lookupImage(ref) : undefined;
  const distro = DISTROS[distroOf(info, ref)];
  const extras: ImageExtras = (ref && EXTRAS[ref.repository]) || {};
  const programs = new Map<string, string>();
  for (const [n, dir] of Object.entries(distro.bins)) programs.set(n, `${dir}/${n}`);
  if (distro.id === 'alpine' || distro.id === 'busybox') {
    // bash exists only where the image installs it
    programs.delete('bash');
  }
  for (const n of (extras.bins ?? '').split(' ').filter(Boolean)) programs.set(n, `${extras.binDir ?? '/usr/bin'}/${n}`);
  // curl and wget exist once the simulated network provides them; until then the image lacks them
  for (const n of PLUGGABLE) if (!execToolFor(n)) programs.delete(n);
  const version = versionOf(ref?.tag, extras.version ?? '');
  const env: [string, string][] = [['PATH', extras.path ?? DEFAULT_PATH]];
  for (const [k, v] of extras.env ?? []) env.push([k, v.replace('{v}', version).replace('{major}', version.split('.')[0]!)]);
  const files: Record<string, string> = { ...distro.files, ...(extras.files ?? {}) };
  return { ref, distro, programs, env, workdir: extras.workdir ?? '/', files };
}

/** `1.25.3` from a tag `1.25.3-alpine`; a tag without a full version falls back to the image's current one. */
function versionOf(tag: string | undefined, fallback: string): string {
  const m = /^(\d+\.\d+\.\d+)/.exec(tag ?? '');
  if (m) return m[1]!;
  const minor = /^(\d+)\.(\d+)(?:-|$)/.exec(tag ?? '');
  if (minor && fallback.startsWith(`${minor[1]}.${minor[2]}.`)) return fallback;
  if (minor) return `${minor[1]}.${minor[2]}.0`;
  return fallback;
}
