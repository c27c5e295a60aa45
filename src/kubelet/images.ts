// The simulated registry: which images exist, with which tags, how big they are and what their
// default process does. An image that is not in this catalog fails to pull, as a typo does on a
// real cluster (`nginx:1.161` → not found; `ngnix` → pull access denied). To add an image, add an
// entry to CATALOG (see the README, "How to add images"): the repository as Docker normalises it,
// its tags (a list, patterns, or a version series), its compressed size, what its entrypoint does,
// and optionally what it serves (for probes) and what it uses when idle (for metrics).
import { fnv1a32 } from '../api/naming';

/** What a container's main process does when nothing in the pod spec overrides its command. */
export type DefaultBehaviour =
  | { kind: 'serve'; port?: number } // runs until stopped (web servers, databases)
  | { kind: 'exit'; code: number; afterMs: number } // runs briefly and exits (shells without a TTY)
  | { kind: 'run'; seconds: number; code?: number }; // a job-like program (hello-world, pi)

export interface ImageInfo {
  /** Normalised repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  /** Exact tags, or patterns (strings starting with `^` are regular expressions). */
  tags: string[];
  /** A published version series (patch releases, floating minor/major tags, variants). */
  versions?: VersionSeries;
  /** Compressed size of the image (bytes). */
  sizeBytes: number;
  /** Sizes of variants: the first entry whose text the tag contains wins (`['alpine', 20470000]`). */
  sizes?: [string, number][];
  behaviour: DefaultBehaviour;
  /** Seconds the process takes to exit on SIGTERM (shell scripts ignore it: full grace period). */
  stopSeconds?: number;
  /** Executables present in the image (for `exec` and for commands in pod specs). */
  shell?: 'sh' | 'bash' | 'none';
  /**
   * What the image's own process does with SIGTERM when the kubelet stops it: `exit` (it handles
   * the signal and exits 0 after stopSeconds — nginx, redis, postgres…), `ignore` (PID 1 without a
   * handler: SIGKILL at the end of the grace period, exit code 137 — node, python, shells) or `die`
   * (killed by the signal: exit code 143 — the JVM). Default: `exit` for servers, `ignore` otherwise.
   */
  onSigterm?: 'exit' | 'ignore' | 'die';
  /** What the image's own entrypoint serves, for probes (see probes.ts). */
  web?: {
    /** Ports its process listens on. */
    ports: number[];
    /** HTTP paths its stock content answers 200 on (others 404); absent when any path may exist. */
    paths?: string[];
    /** Mounting a volume here may change the ports and paths (configuration). */
    configDirs?: string[];
    /** Mounting a volume here may change the paths (content). */
    contentDirs?: string[];
    /** Answers 500 from this many requests on (luksa/kubia-unhealthy: after the fifth). */
    failsAfterRequests?: number;
  };
  /** Resource usage when idle, per container (metrics: `top`, HPA). */
  idle?: { cpuMilli: number; memoryMi: number };
}

const serve = (port?: number): DefaultBehaviour => ({ kind: 'serve', port });
const shExit: DefaultBehaviour = { kind: 'exit', code: 0, afterMs: 100 };

/**
 * A version series: `{ '1.27': 5, '1.26': 3 }` means tags 1.27.0 … 1.27.5 and 1.26.0 … 1.26.3 exist,
 * plus the floating `1.27`, `1.26` and `1` tags; `variants` are suffixes published for every one of
 * them (`-alpine`, `-perl`). A patch number past the last release (nginx:1.27.99) or a made-up minor
 * (nginx:1.161) does not exist.
 */
export interface VersionSeries {
  series: Record<string, number>;
  variants?: string[];
  /** No floating `1.27` / `1` tags (elasticsearch publishes full versions only). */
  noFloating?: boolean;
  /** For one-number keys (`{ '18': 20 }` = 18.0 … 18.20): any third number is published too (node). */
  anyPatch?: boolean;
}

function inSeries(v: VersionSeries, tag: string): boolean {
  const variants = ['', ...(v.variants ?? [])];
  for (const variant of variants) {
    if (variant && !tag.endsWith(variant)) continue;
    const base = variant ? tag.slice(0, -variant.length) : tag;
    const parts = base.split('.');
    if (!parts.every((p) => /^\d+$/.test(p))) continue;
    for (const [minor, max] of Object.entries(v.series)) {
      const mparts = minor.split('.');
      if (parts.length === mparts.length + 1 && parts.slice(0, -1).join('.') === minor && Number(parts[parts.length - 1]) <= max) return true;
      if (v.anyPatch && mparts.length === 1 && parts.length === 3 && parts[0] === minor && Number(parts[1]) <= max) return true;
      if (!v.noFloating && base === minor) return true;
      if (!v.noFloating && mparts.length > 1 && base === mparts[0]) return true;
    }
  }
  return false;
}

/**
 * The catalog: the public images the seeds, the Kubernetes docs, "Kubernetes in Action" and the
 * kubernetes/examples manifests use, with their real tags and compressed sizes. A repository may
 * appear more than once: the first entry whose tags match wins (a tag with a behaviour of its own
 * comes first). See the README, "How to add images".
 */
export const CATALOG: ImageInfo[] = [
  // ---- web servers ----
  {
    repository: 'docker.io/library/nginx',
    tags: ['latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'alpine-perl', 'perl', 'bookworm', 'otel', 'alpine-otel', 'stable-alpine', 'stable-perl', 'stable-alpine-slim', 'mainline-alpine', 'mainline-perl', 'mainline-alpine-slim', 'mainline-bookworm', 'stable-bookworm'],
    versions: {
      series: { '1.7': 12, '1.8': 1, '1.9': 15, '1.10': 3, '1.11': 13, '1.12': 2, '1.13': 12, '1.14': 2, '1.15': 12, '1.16': 1, '1.17': 10, '1.18': 0, '1.19': 10, '1.20': 2, '1.21': 6, '1.22': 1, '1.23': 4, '1.24': 0, '1.25': 5, '1.26': 3, '1.27': 5, '1.28': 0, '1.29': 1 },
      variants: ['-alpine', '-perl', '-alpine-perl', '-alpine-slim', '-bookworm', '-bullseye', '-otel', '-alpine-otel'],
    },
    sizeBytes: 72099501,
    sizes: [['alpine-slim', 5_260_000], ['alpine', 20_470_000]],
    behaviour: serve(80),
    stopSeconds: 0.2,
    shell: 'bash',
    web: { ports: [80], paths: ['/', '/index.html', '/50x.html'], configDirs: ['/etc/nginx'], contentDirs: ['/usr/share/nginx/html'] },
    idle: { cpuMilli: 0, memoryMi: 3 },
  },
  {
    repository: 'docker.io/library/httpd',
    tags: ['latest', 'alpine', 'bookworm'],
    versions: { series: { '2.2': 34, '2.4': 65 }, variants: ['-alpine', '-bookworm', '-bullseye'] },
    sizeBytes: 58_920_000,
    sizes: [['alpine', 21_900_000]],
    behaviour: serve(80),
    stopSeconds: 0.3,
    shell: 'bash',
    web: { ports: [80], paths: ['/', '/index.html'], configDirs: ['/usr/local/apache2/conf'], contentDirs: ['/usr/local/apache2/htdocs'] },
    idle: { cpuMilli: 1, memoryMi: 6 },
  },
  { repository: 'docker.io/ymqytw/nginxhttps', tags: ['1.5'], sizeBytes: 71_400_000, behaviour: serve(443), stopSeconds: 0.2, shell: 'bash', web: { ports: [80, 443] }, idle: { cpuMilli: 0, memoryMi: 3 } },
  { repository: 'docker.io/library/traefik', tags: ['latest'], versions: { series: { '2.11': 20, '3.0': 4, '3.1': 7, '3.2': 5, '3.3': 6 } }, sizeBytes: 45_000_000, behaviour: serve(80), stopSeconds: 0.5, shell: 'sh', idle: { cpuMilli: 1, memoryMi: 30 } },
  // ---- shells and base images ----
  {
    repository: 'docker.io/library/busybox',
    tags: ['latest', 'musl', 'glibc', 'uclibc', 'stable', 'stable-musl', 'stable-glibc', 'stable-uclibc'],
    versions: { series: { '1.24': 2, '1.25': 1, '1.26': 2, '1.27': 2, '1.28': 4, '1.29': 3, '1.30': 1, '1.31': 1, '1.32': 1, '1.33': 1, '1.34': 1, '1.35': 0, '1.36': 1, '1.37': 0 }, variants: ['-musl', '-glibc', '-uclibc'] },
    sizeBytes: 2_160_406,
    behaviour: shExit,
    stopSeconds: 30,
    shell: 'sh',
    idle: { cpuMilli: 0, memoryMi: 0.3 },
  },
  {
    repository: 'docker.io/library/alpine',
    tags: ['latest', 'edge'],
    versions: { series: { '3.1': 4, '3.2': 3, '3.3': 3, '3.4': 6, '3.5': 3, '3.6': 5, '3.7': 3, '3.8': 5, '3.9': 6, '3.10': 9, '3.11': 13, '3.12': 12, '3.13': 12, '3.14': 10, '3.15': 11, '3.16': 9, '3.17': 10, '3.18': 12, '3.19': 8, '3.20': 7, '3.21': 4, '3.22': 1 } },
    sizeBytes: 3_623_807,
    behaviour: shExit,
    stopSeconds: 30,
    shell: 'sh',
    idle: { cpuMilli: 0, memoryMi: 0.3 },
  },
  { repository: 'docker.io/library/ubuntu', tags: ['latest', 'rolling', 'devel', 'noble', 'jammy', 'focal', 'bionic', 'xenial', 'trusty', 'oracular', 'plucky', '^(14|16|18|20|22|24)\\.04$', '^(23|24|25)\\.10$', '^25\\.04$'], sizeBytes: 29_754_290, behaviour: shExit, stopSeconds: 30, shell: 'bash', idle: { cpuMilli: 0, memoryMi: 1 } },
  { repository: 'docker.io/library/debian', tags: ['latest', 'stable', 'testing', 'unstable', 'sid', 'bookworm', 'bullseye', 'buster', 'trixie', 'bookworm-slim', 'bullseye-slim', 'buster-slim', 'stable-slim'], versions: { series: { '9': 13, '10': 13, '11': 11, '12': 11 }, variants: ['-slim'] }, sizeBytes: 48_490_562, sizes: [['slim', 28_230_000]], behaviour: shExit, stopSeconds: 30, shell: 'bash', idle: { cpuMilli: 0, memoryMi: 1 } },
  { repository: 'docker.io/library/centos', tags: ['latest', '6', '7', '8', 'centos6', 'centos7', 'centos8', '7.9.2009', '8.4.2105'], sizeBytes: 75_161_235, behaviour: shExit, stopSeconds: 30, shell: 'bash', idle: { cpuMilli: 0, memoryMi: 1 } },
  { repository: 'docker.io/library/hello-world', tags: ['latest', 'linux'], sizeBytes: 3_208, behaviour: { kind: 'run', seconds: 0.05 }, shell: 'none' },
  { repository: 'docker.io/tutum/curl', tags: ['latest', 'trusty'], sizeBytes: 90_900_000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/curlimages/curl', tags: ['latest'], versions: { series: { '8.5': 0, '8.6': 0, '8.7': 1, '8.8': 0, '8.9': 1, '8.10': 1, '8.11': 1, '8.12': 1, '8.13': 0, '8.14': 1 } }, sizeBytes: 11_900_000, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  // ---- databases and data stores ----
  {
    repository: 'docker.io/library/redis',
    tags: ['latest', 'alpine', 'bookworm'],
    versions: { series: { '3.2': 12, '4.0': 14, '5.0': 14, '6.0': 20, '6.2': 19, '7.0': 15, '7.2': 10, '7.4': 5, '8.0': 3, '8.2': 1 }, variants: ['-alpine', '-bookworm', '-bullseye'] },
    sizeBytes: 45_208_672,
    sizes: [['alpine', 17_300_000]],
    behaviour: serve(6379),
    stopSeconds: 0.3,
    shell: 'bash',
    web: { ports: [6379] },
    idle: { cpuMilli: 2, memoryMi: 3 },
  },
  {
    repository: 'docker.io/library/mongo',
    tags: ['latest', 'jammy', 'noble'],
    versions: { series: { '3.0': 15, '3.2': 22, '3.4': 24, '3.6': 23, '4.0': 28, '4.2': 24, '4.4': 29, '5.0': 31, '6.0': 24, '7.0': 21, '8.0': 11 }, variants: ['-jammy', '-focal', '-noble'] },
    sizeBytes: 253_911_000,
    behaviour: serve(27017),
    stopSeconds: 1,
    shell: 'bash',
    web: { ports: [27017] },
    idle: { cpuMilli: 7, memoryMi: 78 },
  },
  {
    repository: 'docker.io/library/mongo-express',
    tags: ['latest', '1', '1.0', '1.0.0', '1.0.1', '1.0.2', '1-18', '1-20', '1.0-18', '1.0-20', '1.0.2-18', '1.0.2-20', '1.0.2-20-alpine3.19', '1.0.2-18-alpine3.18', '0.54', '0.54.0', '0.49', '0.49.0'],
    sizeBytes: 64_330_000,
    behaviour: serve(8081),
    stopSeconds: 30,
    onSigterm: 'ignore',
    shell: 'sh',
    web: { ports: [8081] },
    idle: { cpuMilli: 1, memoryMi: 30 },
  },
  {
    repository: 'docker.io/library/postgres',
    tags: ['latest', 'alpine', 'bookworm', 'bullseye'],
    versions: { series: { '9.6': 24, '10': 23, '11': 22, '12': 22, '13': 21, '14': 18, '15': 13, '16': 9, '17': 5 }, variants: ['-alpine', '-bookworm', '-bullseye', '-alpine3.20', '-alpine3.21'] },
    sizeBytes: 151_250_000,
    sizes: [['alpine', 104_500_000]],
    behaviour: serve(5432),
    stopSeconds: 1,
    shell: 'bash',
    web: { ports: [5432] },
    idle: { cpuMilli: 1, memoryMi: 22 },
  },
  {
    repository: 'docker.io/library/mysql',
    tags: ['latest', 'lts', 'innovation', 'oracle', 'debian', 'lts-oracle', 'innovation-oracle'],
    versions: { series: { '5.5': 62, '5.6': 51, '5.7': 44, '8.0': 43, '8.1': 0, '8.2': 0, '8.3': 0, '8.4': 6, '9.0': 1, '9.1': 0, '9.2': 0, '9.3': 0, '9.4': 0 }, variants: ['-oracle', '-debian', '-bookworm'] },
    sizeBytes: 171_230_000,
    behaviour: serve(3306),
    stopSeconds: 2,
    shell: 'bash',
    web: { ports: [3306, 33060] },
    idle: { cpuMilli: 6, memoryMi: 360 },
  },
  { repository: 'docker.io/library/mariadb', tags: ['latest', 'lts'], versions: { series: { '10.5': 29, '10.6': 22, '10.11': 13, '11.4': 7, '11.8': 2 } }, sizeBytes: 123_560_000, behaviour: serve(3306), stopSeconds: 2, shell: 'bash', web: { ports: [3306] }, idle: { cpuMilli: 1, memoryMi: 80 } },
  { repository: 'docker.io/library/memcached', tags: ['latest', 'alpine'], versions: { series: { '1.5': 22, '1.6': 38 }, variants: ['-alpine'] }, sizeBytes: 33_000_000, behaviour: serve(11211), stopSeconds: 0.2, shell: 'bash', web: { ports: [11211] }, idle: { cpuMilli: 1, memoryMi: 2 } },
  { repository: 'docker.io/library/rabbitmq', tags: ['latest', 'management', 'alpine', 'management-alpine'], versions: { series: { '3.8': 34, '3.9': 29, '3.10': 25, '3.11': 28, '3.12': 14, '3.13': 7, '4.0': 9, '4.1': 2 }, variants: ['-management', '-alpine', '-management-alpine'] }, sizeBytes: 95_000_000, behaviour: serve(5672), stopSeconds: 2, shell: 'bash', web: { ports: [5672, 15672] }, idle: { cpuMilli: 5, memoryMi: 110 } },
  { repository: 'docker.io/library/cassandra', tags: ['latest'], versions: { series: { '3.11': 19, '4.0': 17, '4.1': 9, '5.0': 4 } }, sizeBytes: 140_000_000, behaviour: serve(9042), stopSeconds: 3, onSigterm: 'die', shell: 'bash', web: { ports: [7000, 9042] }, idle: { cpuMilli: 30, memoryMi: 1500 } },
  { repository: 'docker.io/library/zookeeper', tags: ['latest'], versions: { series: { '3.7': 2, '3.8': 4, '3.9': 3 } }, sizeBytes: 125_000_000, behaviour: serve(2181), stopSeconds: 1, onSigterm: 'die', shell: 'bash', web: { ports: [2181] }, idle: { cpuMilli: 2, memoryMi: 60 } },
  { repository: 'docker.io/library/elasticsearch', tags: [], versions: { series: { '6.8': 23, '7.17': 28, '8.15': 3, '8.16': 1, '8.17': 0 }, noFloating: true }, sizeBytes: 650_000_000, behaviour: serve(9200), stopSeconds: 3, onSigterm: 'die', shell: 'bash', web: { ports: [9200, 9300] }, idle: { cpuMilli: 20, memoryMi: 1200 } },
  { repository: 'docker.io/library/ghost', tags: ['latest', 'alpine'], versions: { series: { '0.7': 9, '0.11': 14, '1.25': 5, '5.115': 0 }, variants: ['-alpine'] }, sizeBytes: 190_000_000, behaviour: serve(2368), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [2368] }, idle: { cpuMilli: 1, memoryMi: 90 } },
  { repository: 'docker.io/minio/minio', tags: ['latest'], sizeBytes: 60_000_000, behaviour: serve(9000), stopSeconds: 0.5, shell: 'sh', web: { ports: [9000] }, idle: { cpuMilli: 1, memoryMi: 80 } },
  { repository: 'docker.io/cockroachdb/cockroach', tags: ['latest', 'v1.1.0', 'v1.1.1', 'v2.0.0', 'v19.2.12', 'v20.2.19', 'v21.2.17', 'v22.2.19', 'v23.1.28', 'v23.2.20', 'v24.1.14', 'v24.3.6'], sizeBytes: 120_000_000, behaviour: serve(26257), stopSeconds: 1, shell: 'bash', web: { ports: [8080, 26257] }, idle: { cpuMilli: 15, memoryMi: 120 } },
  { repository: 'docker.io/cockroachdb/cockroach-k8s-init', tags: ['0.1', '0.2'], sizeBytes: 6_000_000, behaviour: { kind: 'run', seconds: 2 }, shell: 'sh' },
  { repository: 'docker.io/capttofu/percona_xtradb_cluster_5_6', tags: ['beta', 'latest'], sizeBytes: 133_000_000, behaviour: serve(3306), stopSeconds: 2, shell: 'bash', web: { ports: [3306, 4444, 4567, 4568] } },
  { repository: 'docker.io/kubernetes/redis', tags: ['v1', 'latest'], sizeBytes: 44_000_000, behaviour: serve(6379), stopSeconds: 0.3, shell: 'bash', web: { ports: [6379] }, idle: { cpuMilli: 2, memoryMi: 3 } },
  // ---- language runtimes ----
  {
    repository: 'docker.io/library/node',
    tags: ['latest', 'lts', 'current', 'alpine', 'slim', 'bookworm', 'bookworm-slim', 'lts-alpine', 'lts-slim', 'current-alpine', 'current-slim'],
    versions: { series: { '0.10': 48, '0.12': 18, '4': 9, '6': 17, '8': 17, '10': 24, '12': 22, '14': 21, '16': 20, '18': 20, '20': 19, '22': 17, '23': 11, '24': 4 }, anyPatch: true, variants: ['-alpine', '-slim', '-bookworm', '-bullseye', '-buster', '-bookworm-slim', '-alpine3.20', '-alpine3.21'] },
    sizeBytes: 397_160_000,
    sizes: [['alpine', 57_400_000], ['slim', 75_000_000]],
    behaviour: shExit,
    stopSeconds: 30,
    shell: 'bash',
  },
  {
    repository: 'docker.io/library/python',
    tags: ['latest', 'alpine', 'slim', 'bookworm', 'slim-bookworm'],
    versions: { series: { '2.7': 18, '3.6': 15, '3.7': 17, '3.8': 20, '3.9': 23, '3.10': 18, '3.11': 13, '3.12': 11, '3.13': 5, '3.14': 0 }, variants: ['-alpine', '-slim', '-bookworm', '-bullseye', '-slim-bookworm', '-alpine3.21'] },
    sizeBytes: 372_700_000,
    sizes: [['alpine', 17_800_000], ['slim', 47_100_000]],
    behaviour: shExit,
    stopSeconds: 30,
    shell: 'bash',
  },
  { repository: 'docker.io/library/golang', tags: ['latest', 'alpine'], versions: { series: { '1.21': 13, '1.22': 12, '1.23': 10, '1.24': 5 }, variants: ['-alpine', '-bookworm'] }, sizeBytes: 290_000_000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/openjdk', tags: ['latest', '8', '11', '17', '21', '8-jdk', '11-jdk', '17-jdk', '21-jdk', '8-jre', '11-jre', '17-slim', '21-slim'], sizeBytes: 330_000_000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/eclipse-temurin', tags: ['latest', '8', '11', '17', '21', '8-jre', '11-jre', '17-jre', '21-jre', '17-jdk', '21-jdk'], sizeBytes: 160_000_000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/perl', tags: ['latest', 'slim'], versions: { series: { '5.30': 3, '5.32': 1, '5.34': 3, '5.36': 3, '5.38': 4, '5.40': 2 }, variants: ['-slim'] }, sizeBytes: 341_000_000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/php', tags: ['latest', 'apache', 'fpm', 'cli', 'alpine', 'fpm-alpine'], versions: { series: { '7.4': 33, '8.1': 32, '8.2': 28, '8.3': 21, '8.4': 7 }, variants: ['-apache', '-fpm', '-cli', '-alpine', '-fpm-alpine'] }, sizeBytes: 180_000_000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/wordpress', tags: ['latest', 'apache', 'fpm', 'php8.2', 'php8.3'], versions: { series: { '6.5': 5, '6.6': 2, '6.7': 2, '6.8': 1 }, variants: ['-apache', '-fpm', '-php8.2', '-php8.3', '-php8.2-apache', '-php8.3-apache'] }, sizeBytes: 250_000_000, behaviour: serve(80), stopSeconds: 1, shell: 'bash', web: { ports: [80] }, idle: { cpuMilli: 1, memoryMi: 20 } },
  { repository: 'docker.io/library/tomcat', tags: ['latest'], versions: { series: { '8.5': 100, '9.0': 105, '10.1': 42, '11.0': 7 } }, sizeBytes: 215_000_000, behaviour: serve(8080), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 2, memoryMi: 90 } },
  // ---- Kubernetes in Action (1st edition) ----
  { repository: 'docker.io/luksa/kubia', tags: ['v3'], sizeBytes: 264_700_000, behaviour: serve(8080), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8080], failsAfterRequests: 5 }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/luksa/kubia', tags: ['latest', 'v1', 'v2'], sizeBytes: 264_700_000, behaviour: serve(8080), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/luksa/kubia-unhealthy', tags: ['latest'], sizeBytes: 264_700_000, behaviour: serve(8080), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8080], failsAfterRequests: 5 }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/luksa/kubia-pet', tags: ['latest'], sizeBytes: 264_700_000, behaviour: serve(8080), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/luksa/kubia-pet-peers', tags: ['latest'], sizeBytes: 264_700_000, behaviour: serve(8080), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/luksa/kubia-ssd', tags: ['latest'], sizeBytes: 264_700_000, behaviour: serve(8080), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/luksa/fortune', tags: ['latest', 'args', 'env'], sizeBytes: 110_000_000, behaviour: serve(), stopSeconds: 30, shell: 'bash', idle: { cpuMilli: 0, memoryMi: 1 } },
  { repository: 'docker.io/luksa/batch-job', tags: ['latest'], sizeBytes: 4_300_000, behaviour: { kind: 'run', seconds: 120 }, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/luksa/time-limited-batch-job', tags: ['latest'], sizeBytes: 4_300_000, behaviour: { kind: 'run', seconds: 120 }, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/luksa/ssd-monitor', tags: ['latest'], sizeBytes: 4_300_000, behaviour: serve(), stopSeconds: 30, shell: 'sh', idle: { cpuMilli: 0, memoryMi: 0.3 } },
  { repository: 'docker.io/luksa/kubectl-proxy', tags: ['latest', '1.6.2'], sizeBytes: 25_000_000, behaviour: serve(8001), stopSeconds: 0.5, shell: 'sh', web: { ports: [8001] }, idle: { cpuMilli: 1, memoryMi: 12 } },
  { repository: 'docker.io/luksa/curl', tags: ['latest'], sizeBytes: 5_000_000, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/luksa/website-controller', tags: ['latest'], sizeBytes: 7_000_000, behaviour: serve(), stopSeconds: 30, shell: 'sh', idle: { cpuMilli: 0, memoryMi: 1 } },
  { repository: 'docker.io/luksa/memoryhog', tags: ['latest'], sizeBytes: 4_300_000, behaviour: serve(), stopSeconds: 30, shell: 'sh', idle: { cpuMilli: 5, memoryMi: 20 } },
  // ---- kubernetes/examples ----
  { repository: 'docker.io/kubernetes/pause', tags: ['latest', 'go'], sizeBytes: 239_840, behaviour: serve(), stopSeconds: 0.1, shell: 'none', idle: { cpuMilli: 0, memoryMi: 0.2 } },
  { repository: 'gcr.io/google-samples/gb-frontend', tags: ['v4', 'v5', 'v6'], sizeBytes: 150_000_000, behaviour: serve(80), stopSeconds: 0.5, shell: 'bash', web: { ports: [80] }, idle: { cpuMilli: 1, memoryMi: 12 } },
  { repository: 'gcr.io/google_samples/gb-frontend', tags: ['v3', 'v4'], sizeBytes: 130_000_000, behaviour: serve(80), stopSeconds: 0.5, shell: 'bash', web: { ports: [80] }, idle: { cpuMilli: 1, memoryMi: 12 } },
  { repository: 'gcr.io/google_samples/gb-redisslave', tags: ['v1', 'v2', 'v3'], sizeBytes: 40_000_000, behaviour: serve(6379), stopSeconds: 0.5, shell: 'bash', web: { ports: [6379] }, idle: { cpuMilli: 2, memoryMi: 3 } },
  { repository: 'gcr.io/google-samples/gb-redis-follower', tags: ['v1', 'v2'], sizeBytes: 36_000_000, behaviour: serve(6379), stopSeconds: 0.5, shell: 'bash', web: { ports: [6379] }, idle: { cpuMilli: 2, memoryMi: 3 } },
  { repository: 'gcr.io/google-samples/hello-app', tags: ['1.0', '2.0'], sizeBytes: 11_000_000, behaviour: serve(8080), stopSeconds: 0.2, shell: 'none', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 2 } },
  { repository: 'gcr.io/google-samples/cassandra', tags: ['v13', 'v14'], sizeBytes: 145_000_000, behaviour: serve(9042), stopSeconds: 3, onSigterm: 'die', shell: 'bash', web: { ports: [7000, 7001, 7199, 9042] }, idle: { cpuMilli: 30, memoryMi: 1000 } },
  { repository: 'gcr.io/google_containers/busybox', tags: ['latest', '1.24'], sizeBytes: 1_144_547, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'registry.k8s.io/busybox', tags: ['latest', '1.24', '1.27.2'], sizeBytes: 1_144_547, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'registry.k8s.io/nginx-slim', tags: ['0.8', '0.20', '0.21', '0.26', '0.27'], sizeBytes: 20_000_000, behaviour: serve(80), stopSeconds: 0.2, shell: 'sh', web: { ports: [80] }, idle: { cpuMilli: 0, memoryMi: 2 } },
  { repository: 'registry.k8s.io/echoserver', tags: ['1.4', '1.10'], sizeBytes: 46_000_000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'sh', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 3 } },
  { repository: 'registry.k8s.io/hpa-example', tags: ['latest'], sizeBytes: 150_000_000, behaviour: serve(80), stopSeconds: 0.5, shell: 'bash', web: { ports: [80] }, idle: { cpuMilli: 1, memoryMi: 9 } },
  { repository: 'registry.k8s.io/test-webserver', tags: ['latest'], sizeBytes: 4_700_000, behaviour: serve(80), stopSeconds: 0.2, shell: 'none', web: { ports: [80] }, idle: { cpuMilli: 0, memoryMi: 1 } },
  { repository: 'registry.k8s.io/redis', tags: ['v1', 'e2e'], sizeBytes: 44_000_000, behaviour: serve(6379), stopSeconds: 0.3, shell: 'bash', web: { ports: [6379] }, idle: { cpuMilli: 2, memoryMi: 3 } },
  { repository: 'registry.k8s.io/redis-slave', tags: ['v2'], sizeBytes: 44_000_000, behaviour: serve(6379), stopSeconds: 0.3, shell: 'bash', web: { ports: [6379] }, idle: { cpuMilli: 2, memoryMi: 3 } },
  { repository: 'registry.k8s.io/guestbook', tags: ['v3'], sizeBytes: 4_500_000, behaviour: serve(3000), stopSeconds: 0.2, shell: 'none', web: { ports: [3000] }, idle: { cpuMilli: 0, memoryMi: 2 } },
  { repository: 'registry.k8s.io/example-dns-frontend', tags: ['v1'], sizeBytes: 270_000_000, behaviour: { kind: 'run', seconds: 1 }, shell: 'bash' },
  { repository: 'registry.k8s.io/example-dns-backend', tags: ['v1', 'v2'], sizeBytes: 270_000_000, behaviour: serve(8000), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [8000] }, idle: { cpuMilli: 0, memoryMi: 8 } },
  { repository: 'registry.k8s.io/explorer', tags: ['1.0', '1.1'], sizeBytes: 6_000_000, behaviour: serve(8080), stopSeconds: 0.2, shell: 'none', web: { ports: [8080] }, idle: { cpuMilli: 0, memoryMi: 3 } },
  { repository: 'registry.k8s.io/rethinkdb', tags: ['1.16.0_1'], sizeBytes: 60_000_000, behaviour: serve(28015), stopSeconds: 1, shell: 'bash', web: { ports: [8080, 28015, 29015] }, idle: { cpuMilli: 5, memoryMi: 60 } },
  { repository: 'registry.k8s.io/spark', tags: ['1.5.2_v1'], sizeBytes: 400_000_000, behaviour: serve(7077), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [7077, 8080] }, idle: { cpuMilli: 10, memoryMi: 300 } },
  { repository: 'registry.k8s.io/zeppelin', tags: ['v0.5.6_v1'], sizeBytes: 500_000_000, behaviour: serve(8080), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 10, memoryMi: 400 } },
  { repository: 'registry.k8s.io/volume-nfs', tags: ['0.8'], sizeBytes: 80_000_000, behaviour: serve(2049), stopSeconds: 1, shell: 'bash', web: { ports: [111, 2049, 20048] }, idle: { cpuMilli: 1, memoryMi: 10 } },
  { repository: 'registry.k8s.io/prometheus-adapter/prometheus-adapter', tags: ['v0.10.0', 'v0.11.0', 'v0.11.1', 'v0.11.2', 'v0.12.0'], sizeBytes: 27_000_000, behaviour: serve(6443), stopSeconds: 0.5, shell: 'none', web: { ports: [6443] }, idle: { cpuMilli: 2, memoryMi: 30 } },
  { repository: 'quay.io/pires/docker-elasticsearch-kubernetes', tags: ['1.7.1-4', '5.6.2', '6.3.0'], sizeBytes: 170_000_000, behaviour: serve(9200), stopSeconds: 3, onSigterm: 'die', shell: 'bash', web: { ports: [9200, 9300] }, idle: { cpuMilli: 20, memoryMi: 600 } },
  { repository: 'quay.io/pires/hazelcast-kubernetes', tags: ['3.8_1', '3.9.3', '3.10', '3.11'], sizeBytes: 110_000_000, behaviour: serve(5701), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [5701] }, idle: { cpuMilli: 5, memoryMi: 150 } },
  { repository: 'quay.io/connordoyle/cpuset-visualizer', tags: ['latest'], sizeBytes: 8_000_000, behaviour: serve(80), stopSeconds: 0.2, shell: 'sh', web: { ports: [80] }, idle: { cpuMilli: 0, memoryMi: 4 } },
  { repository: 'docker.io/arungupta/wildfly-mysql-javaee7', tags: ['k8s', 'latest'], sizeBytes: 330_000_000, behaviour: serve(8080), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 5, memoryMi: 250 } },
  { repository: 'docker.io/elsonrodriguez/spark-ui-proxy', tags: ['1.0'], sizeBytes: 260_000_000, behaviour: serve(80), stopSeconds: 30, onSigterm: 'ignore', shell: 'bash', web: { ports: [80] }, idle: { cpuMilli: 0, memoryMi: 10 } },
  { repository: 'docker.io/mattf/storm-worker', tags: ['latest'], sizeBytes: 300_000_000, behaviour: serve(), stopSeconds: 2, onSigterm: 'die', shell: 'bash', idle: { cpuMilli: 5, memoryMi: 200 } },
  { repository: 'docker.io/newrelic/infrastructure', tags: ['latest'], sizeBytes: 90_000_000, behaviour: serve(), stopSeconds: 1, shell: 'sh', idle: { cpuMilli: 3, memoryMi: 40 } },
  { repository: 'docker.io/newrelic/nrsysmond', tags: ['latest'], sizeBytes: 80_000_000, behaviour: serve(), stopSeconds: 1, shell: 'bash', idle: { cpuMilli: 2, memoryMi: 10 } },
  { repository: 'docker.io/openshift/etcd-20-centos7', tags: ['latest'], sizeBytes: 90_000_000, behaviour: serve(2379), stopSeconds: 1, shell: 'bash', web: { ports: [2379, 2380] }, idle: { cpuMilli: 10, memoryMi: 20 } },
  { repository: 'docker.io/openshift/origin', tags: ['latest', 'v3.11', 'v3.11.0'], sizeBytes: 260_000_000, behaviour: serve(8443), stopSeconds: 2, shell: 'bash', web: { ports: [8443] }, idle: { cpuMilli: 50, memoryMi: 300 } },
  { repository: 'docker.io/resouer/mytomcat', tags: ['7.0'], sizeBytes: 120_000_000, behaviour: serve(8080), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 2, memoryMi: 80 } },
  { repository: 'docker.io/resouer/sample', tags: ['v1', 'v2'], sizeBytes: 2_500_000, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/selenium/hub', tags: ['latest', '4.0', '4.0.0', '4.10', '4.20', '4.27'], sizeBytes: 250_000_000, behaviour: serve(4444), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [4442, 4443, 4444] }, idle: { cpuMilli: 5, memoryMi: 180 } },
  { repository: 'docker.io/selenium/node-chrome', tags: ['latest', '4.0', '4.0.0', '4.10', '4.20', '4.27'], sizeBytes: 560_000_000, behaviour: serve(5555), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [5555] }, idle: { cpuMilli: 5, memoryMi: 200 } },
  { repository: 'docker.io/selenium/node-firefox', tags: ['latest', '4.0', '4.0.0', '4.10', '4.20', '4.27'], sizeBytes: 520_000_000, behaviour: serve(5555), stopSeconds: 2, onSigterm: 'die', shell: 'bash', web: { ports: [5555] }, idle: { cpuMilli: 5, memoryMi: 200 } },
  { repository: 'docker.io/sysdig/agent', tags: ['latest'], sizeBytes: 350_000_000, behaviour: serve(), stopSeconds: 2, shell: 'bash', idle: { cpuMilli: 20, memoryMi: 250 } },
  { repository: 'docker.io/tensorflow/serving', tags: ['latest', '2.17.0', '2.18.0', '2.19.0', 'latest-gpu', '2.19.0-gpu'], sizeBytes: 190_000_000, behaviour: serve(8501), stopSeconds: 1, shell: 'bash', web: { ports: [8500, 8501] }, idle: { cpuMilli: 2, memoryMi: 120 } },
  { repository: 'docker.io/vllm/vllm-openai', tags: ['latest', 'v0.9.0', 'v0.10.0', 'v0.10.1', 'v0.10.2', 'v0.11.0'], sizeBytes: 9_850_000_000, behaviour: serve(8000), stopSeconds: 5, shell: 'bash', web: { ports: [8000] }, idle: { cpuMilli: 50, memoryMi: 2500 } },
  { repository: 'docker.io/vitess/lite', tags: ['latest', 'v2.0.0-alpha5'], sizeBytes: 150_000_000, behaviour: serve(15000), stopSeconds: 1, shell: 'bash', idle: { cpuMilli: 5, memoryMi: 50 } },
  { repository: 'docker.io/vitess/guestbook', tags: ['v2.0.0-alpha5'], sizeBytes: 300_000_000, behaviour: serve(8080), stopSeconds: 1, shell: 'bash', web: { ports: [8080] }, idle: { cpuMilli: 1, memoryMi: 20 } },
  { repository: 'docker.io/vitess/etcd', tags: ['v2.0.13-lite'], sizeBytes: 12_000_000, behaviour: serve(2379), stopSeconds: 1, shell: 'sh', web: { ports: [2379, 2380, 4001, 7001] }, idle: { cpuMilli: 5, memoryMi: 15 } },
  // ---- the cluster's own components ----
  { repository: 'registry.k8s.io/etcd', tags: ['3.5.16-0', '3.5.15-0', '3.5.12-0'], sizeBytes: 57_680_541, behaviour: serve(2379), stopSeconds: 1, shell: 'none', idle: { cpuMilli: 22, memoryMi: 38 } },
  { repository: 'registry.k8s.io/kube-apiserver', tags: ['v1.32.0'], sizeBytes: 28_670_731, behaviour: serve(6443), stopSeconds: 1, shell: 'none', idle: { cpuMilli: 45, memoryMi: 240 } },
  { repository: 'registry.k8s.io/kube-controller-manager', tags: ['v1.32.0'], sizeBytes: 26_260_306, behaviour: serve(10257), stopSeconds: 1, shell: 'none', idle: { cpuMilli: 15, memoryMi: 48 } },
  { repository: 'registry.k8s.io/kube-scheduler', tags: ['v1.32.0'], sizeBytes: 20_657_536, behaviour: serve(10259), stopSeconds: 1, shell: 'none', idle: { cpuMilli: 3, memoryMi: 20 } },
  { repository: 'registry.k8s.io/kube-proxy', tags: ['v1.32.0'], sizeBytes: 30_907_858, behaviour: serve(), stopSeconds: 1, shell: 'none', idle: { cpuMilli: 1, memoryMi: 14 } },
  { repository: 'registry.k8s.io/coredns/coredns', tags: ['v1.11.3', 'v1.11.1', 'v1.10.1'], sizeBytes: 18_562_039, behaviour: serve(53), stopSeconds: 5, shell: 'none', idle: { cpuMilli: 2, memoryMi: 13 } },
  { repository: 'registry.k8s.io/ingress-nginx/controller', tags: ['v1.12.0', 'v1.11.3', 'v1.11.2', 'v1.10.1'], sizeBytes: 105_338_163, behaviour: serve(80), stopSeconds: 1, shell: 'sh', web: { ports: [80, 443, 8443, 10254] }, idle: { cpuMilli: 2, memoryMi: 90 } },
  { repository: 'registry.k8s.io/pause', tags: ['3.10', '3.9', '3.8', '3.7', '3.6', '3.5', '3.2', '3.1'], sizeBytes: 320_368, behaviour: serve(), stopSeconds: 0.1, shell: 'none', idle: { cpuMilli: 0, memoryMi: 0.2 } },
  { repository: 'registry.k8s.io/metrics-server/metrics-server', tags: ['v0.7.2', 'v0.7.1', 'v0.6.4'], sizeBytes: 19_500_000, behaviour: serve(10250), stopSeconds: 0.5, shell: 'none', idle: { cpuMilli: 3, memoryMi: 18 } },
];

/** Entries per repository; a repository may have several (a tag with its own behaviour first). */
const byRepo = new Map<string, ImageInfo[]>();
for (const i of CATALOG) {
  const list = byRepo.get(i.repository);
  if (list) list.push(i);
  else byRepo.set(i.repository, [i]);
}

function repoEntries(repository: string): ImageInfo[] | undefined {
  return byRepo.get(repository) ?? byRepo.get(repository.replace(/^k8s\.gcr\.io\//, 'registry.k8s.io/'));
}

export interface ImageRef {
  /** As written in the pod spec. */
  spec: string;
  /** `docker.io/library/nginx` */
  repository: string;
  /** Tag, or undefined with a digest. */
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:1.25` — what containerStatuses[].image shows once pulled. */
  normalized: string;
}

/** Docker's reference normalisation: `nginx` → `docker.io/library/nginx:latest`. */
export function parseImage(spec: string): ImageRef | undefined {
  if (!spec || /\s/.test(spec) || spec !== spec.trim()) return undefined;
  let rest = spec;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  const lastSlash = rest.lastIndexOf('/');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  const hasHost = parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost');
  const pathParts = hasHost ? parts.slice(1) : parts;
  if (pathParts.length === 0 || !pathParts.every((c) => /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/.test(c))) return undefined;
  let repository: string;
  if (hasHost) repository = rest;
  else if (parts.length === 1) repository = `docker.io/library/${rest}`;
  else repository = `docker.io/${rest}`;
  if (!tag && !digest) tag = 'latest';
  const normalized = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { spec, repository, tag, digest, normalized };
}

export function lookupImage(ref: ImageRef): ImageInfo | undefined {
  const entries = repoEntries(ref.repository);
  if (!entries) return undefined;
  if (ref.digest) return entries[entries.length - 1];
  const tag = ref.tag!;
  for (const info of entries) {
    for (const t of info.tags) {
      if (t.startsWith('^') ? new RegExp(t).test(tag) : t === tag) return info;
    }
    if (info.versions && inSeries(info.versions, tag)) return info;
  }
  return undefined;
}

/** The image's size in bytes, as the kubelet reports it after a pull. */
export function imageSize(ref: ImageRef): number | undefined {
  const info = lookupImage(ref);
  if (!info) return undefined;
  const tag = ref.tag ?? '';
  for (const [text, size] of info.sizes ?? []) if (tag.includes(text)) return size;
  return info.sizeBytes;
}

/** Deterministic fake digest for an image reference (stable across runs and machines). */
export function imageDigest(normalized: string): string {
  let hex = '';
  let seed = fnv1a32(normalized);
  while (hex.length < 64) {
    seed = fnv1a32(`${seed}:${normalized}`, seed);
    hex += seed.toString(16).padStart(8, '0');
  }
  return `sha256:${hex.slice(0, 64)}`;
}

/** `docker.io/library/nginx@sha256:…` as containerStatuses[].imageID shows it. */
export function imageID(ref: ImageRef): string {
  return `${ref.repository}@${ref.digest ?? imageDigest(ref.normalized)}`;
}

export type PullFailure = { reason: 'ErrImagePull' | 'InvalidImageName'; message: string };

/** Why a pull fails, with the containerd error text a 1.32 kubelet reports. */
export function pullFailure(spec: string, extraUnavailable: (normalized: string) => boolean): PullFailure | undefined {
  const ref = parseImage(spec);
  if (!ref) return { reason: 'InvalidImageName', message: `Failed to apply default image tag "${spec}": couldn't parse image name "${spec}": invalid reference format` };
  const info = repoEntries(ref.repository);
  if (extraUnavailable(ref.normalized) || extraUnavailable(ref.repository)) {
    return { reason: 'ErrImagePull', message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${ref.normalized}: not found` };
  }
  if (!info)
    return {
      reason: 'ErrImagePull',
      message: `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  if (!lookupImage(ref))
    return { reason: 'ErrImagePull', message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${ref.normalized}: not found` };
  return undefined;
}
