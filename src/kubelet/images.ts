// The simulated registry: which images exist, with which tags, how big they are and what their
// default process does. An image that is not in this catalog fails to pull, as a typo does on a
// real cluster. To add an image, add an entry to CATALOG (repository as Docker normalises it,
// a tag list or pattern, the compressed size, and what the default command does).
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
  sizeBytes: number;
  behaviour: DefaultBehaviour;
  /** Seconds the process takes to exit on SIGTERM (shell scripts ignore it: full grace period). */
  stopSeconds?: number;
  /** Executables present in the image (for `exec` and for commands in pod specs). */
  shell?: 'sh' | 'bash' | 'none';
}

const serve = (port?: number): DefaultBehaviour => ({ kind: 'serve', port });
const shExit: DefaultBehaviour = { kind: 'exit', code: 0, afterMs: 100 };

const semver = (majors: string) => `^(${majors})(\\.\\d+){0,2}(-[a-z0-9.-]+)?$`;

/** The catalog. Later entries for the same repository win. */
export const CATALOG: ImageInfo[] = [
  { repository: 'docker.io/library/nginx', tags: ['latest', 'stable', 'mainline', 'alpine', 'perl', 'stable-alpine', 'mainline-alpine', '^1\\.(9|1[0-9]|2[0-7])(\\.\\d{1,2})?(-(alpine|perl|alpine-perl|alpine-slim|bookworm|bullseye|buster))?$'], sizeBytes: 72099501, behaviour: serve(80), stopSeconds: 0.2, shell: 'bash' },
  { repository: 'docker.io/library/busybox', tags: ['latest', 'musl', 'glibc', 'uclibc', 'stable', '^1\\.(2[4-9]|3[0-7])(\\.\\d)?(-(musl|glibc|uclibc))?$'], sizeBytes: 2160406, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/library/alpine', tags: ['latest', 'edge', '^3\\.([0-9]|1[0-9]|2[0-2])(\\.\\d{1,2})?$'], sizeBytes: 3623807, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/library/ubuntu', tags: ['latest', 'rolling', 'jammy', 'noble', 'focal', 'bionic', 'xenial', '^(14|16|18|20|22|24)\\.04$', '^(24|25)\\.10$'], sizeBytes: 29754290, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/debian', tags: ['latest', 'stable', 'bookworm', 'bullseye', 'buster', 'bookworm-slim', 'bullseye-slim', 'stable-slim', '^(9|10|11|12|13)(\\.\\d{1,2})?(-slim)?$'], sizeBytes: 48490562, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/centos', tags: ['latest', '7', '8', 'centos7', 'centos8'], sizeBytes: 75161235, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/redis', tags: ['latest', 'alpine', semver('[3-7]')], sizeBytes: 45208672, behaviour: serve(6379), stopSeconds: 0.3, shell: 'bash' },
  { repository: 'docker.io/library/mongo', tags: ['latest', semver('[3-8]')], sizeBytes: 253911000, behaviour: serve(27017), stopSeconds: 1, shell: 'bash' },
  { repository: 'docker.io/library/mongo-express', tags: ['latest', semver('0|1')], sizeBytes: 64330000, behaviour: serve(8081), stopSeconds: 0.5, shell: 'sh' },
  { repository: 'docker.io/library/postgres', tags: ['latest', 'alpine', semver('9|1[0-7]')], sizeBytes: 151250000, behaviour: serve(5432), stopSeconds: 1, shell: 'bash' },
  { repository: 'docker.io/library/mysql', tags: ['latest', 'lts', 'oracle', 'debian', semver('5|8|9')], sizeBytes: 171230000, behaviour: serve(3306), stopSeconds: 2, shell: 'bash' },
  { repository: 'docker.io/library/mariadb', tags: ['latest', 'lts', semver('10|11')], sizeBytes: 123560000, behaviour: serve(3306), stopSeconds: 2, shell: 'bash' },
  { repository: 'docker.io/library/httpd', tags: ['latest', 'alpine', semver('2')], sizeBytes: 58920000, behaviour: serve(80), stopSeconds: 0.3, shell: 'bash' },
  { repository: 'docker.io/library/node', tags: ['latest', 'lts', 'alpine', 'slim', '^(1[0-9]|2[0-4])(\\.\\d+){0,2}(-(alpine|slim|bookworm|bullseye|buster))?$'], sizeBytes: 397160000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/python', tags: ['latest', 'alpine', 'slim', '^[23](\\.\\d+){0,2}(-(alpine|slim|bookworm|bullseye|buster))?$'], sizeBytes: 372700000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/perl', tags: ['latest', 'slim', '^5(\\.\\d+){0,2}(-slim)?$'], sizeBytes: 341000000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/hello-world', tags: ['latest', 'linux'], sizeBytes: 3208, behaviour: { kind: 'run', seconds: 0.05 }, shell: 'none' },
  { repository: 'docker.io/library/wordpress', tags: ['latest', '^[4-6](\\.\\d+){0,2}(-(apache|fpm|php8\\.\\d))*$'], sizeBytes: 250000000, behaviour: serve(80), stopSeconds: 1, shell: 'bash' },
  { repository: 'docker.io/library/tomcat', tags: ['latest', semver('[7-9]|1[01]')], sizeBytes: 215000000, behaviour: serve(8080), stopSeconds: 2, shell: 'bash' },
  { repository: 'docker.io/library/rabbitmq', tags: ['latest', 'management', semver('3|4')], sizeBytes: 95000000, behaviour: serve(5672), stopSeconds: 2, shell: 'bash' },
  { repository: 'docker.io/library/memcached', tags: ['latest', 'alpine', semver('1')], sizeBytes: 33000000, behaviour: serve(11211), stopSeconds: 0.2, shell: 'bash' },
  { repository: 'docker.io/library/traefik', tags: ['latest', semver('1|2|3')], sizeBytes: 45000000, behaviour: serve(80), stopSeconds: 0.5, shell: 'sh' },
  { repository: 'docker.io/library/golang', tags: ['latest', 'alpine', semver('1')], sizeBytes: 290000000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/openjdk', tags: ['latest', semver('[8-9]|1[0-9]|2[0-3]')], sizeBytes: 330000000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/library/elasticsearch', tags: [semver('[5-8]')], sizeBytes: 650000000, behaviour: serve(9200), stopSeconds: 3, shell: 'bash' },
  { repository: 'docker.io/library/cassandra', tags: ['latest', semver('[2-5]')], sizeBytes: 140000000, behaviour: serve(9042), stopSeconds: 3, shell: 'bash' },
  { repository: 'docker.io/library/zookeeper', tags: ['latest', semver('3')], sizeBytes: 125000000, behaviour: serve(2181), stopSeconds: 1, shell: 'bash' },
  { repository: 'docker.io/library/php', tags: ['latest', '^[5-8](\\.\\d+){0,2}(-(apache|fpm|cli|alpine))*$'], sizeBytes: 180000000, behaviour: shExit, stopSeconds: 30, shell: 'bash' },
  // Kubernetes in Action (1st ed.)
  { repository: 'docker.io/luksa/kubia', tags: ['latest', 'v1', 'v2', 'v3'], sizeBytes: 254000000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'docker.io/luksa/kubia-unhealthy', tags: ['latest'], sizeBytes: 254000000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'docker.io/luksa/kubia-pet', tags: ['latest'], sizeBytes: 254000000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'docker.io/luksa/kubia-pet-peers', tags: ['latest'], sizeBytes: 254000000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'docker.io/luksa/kubia-ssd', tags: ['latest'], sizeBytes: 254000000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'docker.io/luksa/fortune', tags: ['latest', 'args', 'env'], sizeBytes: 110000000, behaviour: serve(), stopSeconds: 30, shell: 'bash' },
  { repository: 'docker.io/luksa/batch-job', tags: ['latest'], sizeBytes: 4300000, behaviour: { kind: 'run', seconds: 120 }, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/luksa/ssd-monitor', tags: ['latest'], sizeBytes: 4300000, behaviour: serve(), stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/luksa/kubectl-proxy', tags: ['latest', '1.6.2'], sizeBytes: 25000000, behaviour: serve(8001), stopSeconds: 0.5, shell: 'sh' },
  { repository: 'docker.io/luksa/curl', tags: ['latest'], sizeBytes: 5000000, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'docker.io/luksa/time-limited-batch-job', tags: ['latest'], sizeBytes: 4300000, behaviour: { kind: 'run', seconds: 120 }, stopSeconds: 30, shell: 'sh' },
  // the cluster's own components
  { repository: 'registry.k8s.io/etcd', tags: ['3.5.16-0', '3.5.15-0'], sizeBytes: 57680541, behaviour: serve(2379), stopSeconds: 1, shell: 'none' },
  { repository: 'registry.k8s.io/kube-apiserver', tags: ['v1.32.0'], sizeBytes: 28670731, behaviour: serve(6443), stopSeconds: 1, shell: 'none' },
  { repository: 'registry.k8s.io/kube-controller-manager', tags: ['v1.32.0'], sizeBytes: 26260306, behaviour: serve(10257), stopSeconds: 1, shell: 'none' },
  { repository: 'registry.k8s.io/kube-scheduler', tags: ['v1.32.0'], sizeBytes: 20657536, behaviour: serve(10259), stopSeconds: 1, shell: 'none' },
  { repository: 'registry.k8s.io/kube-proxy', tags: ['v1.32.0'], sizeBytes: 30907858, behaviour: serve(), stopSeconds: 1, shell: 'none' },
  { repository: 'registry.k8s.io/coredns/coredns', tags: ['v1.11.3', 'v1.11.1', 'v1.10.1'], sizeBytes: 18562039, behaviour: serve(53), stopSeconds: 5, shell: 'none' },
  { repository: 'registry.k8s.io/pause', tags: ['3.10', '3.9', '3.8', '3.1'], sizeBytes: 320368, behaviour: serve(), stopSeconds: 0.1, shell: 'none' },
  { repository: 'registry.k8s.io/ingress-nginx/controller', tags: ['v1.12.0', 'v1.11.3', 'v1.11.2', 'v1.10.1'], sizeBytes: 105338163, behaviour: serve(80), stopSeconds: 1, shell: 'sh' },
  { repository: 'registry.k8s.io/echoserver', tags: ['1.10', '1.4'], sizeBytes: 46000000, behaviour: serve(8080), stopSeconds: 0.5, shell: 'sh' },
  { repository: 'registry.k8s.io/hpa-example', tags: ['latest'], sizeBytes: 150000000, behaviour: serve(80), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'registry.k8s.io/busybox', tags: ['latest', '1.24'], sizeBytes: 1144547, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
  { repository: 'registry.k8s.io/nginx-slim', tags: ['0.8', '0.26', '0.27'], sizeBytes: 20000000, behaviour: serve(80), stopSeconds: 0.2, shell: 'sh' },
  { repository: 'gcr.io/google-samples/gb-frontend', tags: ['v4', 'v5', 'v6'], sizeBytes: 150000000, behaviour: serve(80), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'gcr.io/google-samples/gb-redis-follower', tags: ['v1', 'v2'], sizeBytes: 36000000, behaviour: serve(6379), stopSeconds: 0.5, shell: 'bash' },
  { repository: 'gcr.io/google-samples/hello-app', tags: ['1.0', '2.0'], sizeBytes: 11000000, behaviour: serve(8080), stopSeconds: 0.2, shell: 'none' },
  { repository: 'gcr.io/google_containers/busybox', tags: ['latest', '1.24'], sizeBytes: 1144547, behaviour: shExit, stopSeconds: 30, shell: 'sh' },
];

const byRepo = new Map<string, ImageInfo>(CATALOG.map((i) => [i.repository, i]));

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
  const info = byRepo.get(ref.repository) ?? byRepo.get(ref.repository.replace(/^k8s\.gcr\.io\//, 'registry.k8s.io/'));
  if (!info) return undefined;
  if (ref.digest) return info;
  const tag = ref.tag!;
  for (const t of info.tags) {
    if (t.startsWith('^') ? new RegExp(t).test(tag) : t === tag) return info;
  }
  return undefined;
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
  const info = byRepo.get(ref.repository);
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
