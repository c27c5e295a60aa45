// The filesystem a container sees: the image's root filesystem under the container's writable layer,
// the files the kubelet bind-mounts (/etc/hosts, /etc/hostname, /etc/resolv.conf), and every volume
// mount: configMap/secret/downwardAPI/projected volumes laid out as the kubelet's atomic writer does
// (`..<timestamp>` directory, `..data` symlink, one symlink per top-level key), emptyDir, hostPath and
// PersistentVolumeClaim directories kept in the simulator state, subPath mounts, read-only mounts.
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { podMountedAt, volumeContents, digest } from './config';
import { imageFs, type ImageFs } from './image-fs';
import { peekTree, pruneTree, storedTree, treeIds, type StoredNode, type StoredTree } from './files';

export interface VNode {
  type: 'f' | 'd' | 'l';
  data?: Buffer;
  target?: string;
  mode: number;
  mtime: number;
  /** Size to report when it is not the data's (programs, directories). */
  size?: number;
}

export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY' | 'ELOOP' | 'EINVAL' | 'EACCES',
    readonly path: string,
  ) {
    super(code);
  }
}

export const ERRNO_TEXT: Record<FsError['code'], string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Symbolic link loop',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
};

/** When the image's files were built (their mtime in `ls -l`). */
export const IMAGE_TIME = Date.UTC(2024, 11, 2, 10, 11, 0);

export interface Backend {
  get(rel: string): VNode | undefined;
  children(rel: string): string[];
  write?(rel: string, node: VNode | null): void;
}

/** A fixed tree (an image layer, an atomic-writer volume). */
export class StaticBackend implements Backend {
  private kids = new Map<string, Set<string>>();
  constructor(private readonly nodes: Map<string, VNode>) {
    for (const p of nodes.keys()) {
      if (p === '') continue;
      const i = p.lastIndexOf('/');
      const parent = i < 0 ? '' : p.slice(0, i);
      let s = this.kids.get(parent);
      if (!s) this.kids.set(parent, (s = new Set()));
      s.add(p.slice(i + 1));
    }
  }
  get(rel: string): VNode | undefined {
    return this.nodes.get(rel);
  }
  children(rel: string): string[] {
    return [...(this.kids.get(rel) ?? [])];
  }
}

function toVNode(n: StoredNode): VNode {
  if (n.t === 'd') return { type: 'd', mode: n.m, mtime: n.at };
  if (n.t === 'l') return { type: 'l', target: n.l, mode: 0o777, mtime: n.at };
  return { type: 'f', data: n.d === undefined ? Buffer.alloc(0) : Buffer.from(n.d, n.b ? 'base64' : 'utf8'), mode: n.m, mtime: n.at };
}

function toStored(v: VNode): StoredNode {
  if (v.type === 'd') return { t: 'd', m: v.mode, at: v.mtime };
  if (v.type === 'l') return { t: 'l', l: v.target, m: 0o777, at: v.mtime };
  const data = v.data ?? Buffer.alloc(0);
  const text = data.toString('utf8');
  return Buffer.from(text, 'utf8').equals(data) ? { t: 'f', d: text, m: v.mode, at: v.mtime } : { t: 'f', d: data.toString('base64'), b: true, m: v.mode, at: v.mtime };
}

/** A persisted writable tree, optionally over a read-only lower tree (a container's overlay). */
export class StoredBackend implements Backend {
  constructor(
    private readonly tree: () => StoredTree,
    private readonly lower?: Backend,
    private readonly onEmpty?: () => void,
    private readonly peek?: () => StoredTree | undefined,
  ) {}
  private n(): Record<string, StoredNode> | undefined {
    return (this.peek ? this.peek() : this.tree())?.n;
  }
  private hiddenByOpaque(rel: string): boolean {
    const n = this.n();
    if (!n) return false;
    let p = rel;
    while (p !== '') {
      const i = p.lastIndexOf('/');
      p = i < 0 ? '' : p.slice(0, i);
      if (n[p]?.o) return true;
    }
    return false;
  }
  get(rel: string): VNode | undefined {
    const up = this.n()?.[rel];
    if (up) return up.t === 'x' ? undefined : toVNode(up);
    if (!this.lower || this.hiddenByOpaque(rel)) return rel === '' ? { type: 'd', mode: 0o755, mtime: IMAGE_TIME } : undefined;
    return this.lower.get(rel);
  }
  children(rel: string): string[] {
    const names = new Set<string>();
    const n = this.n() ?? {};
    const whiteouts = new Set<string>();
    const prefix = rel === '' ? '' : `${rel}/`;
    for (const [p, node] of Object.entries(n)) {
      if (p === '' || !p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      if (rest.includes('/')) continue;
      if (node.t === 'x') whiteouts.add(rest);
      else names.add(rest);
    }
    if (this.lower && !n[rel]?.o && !this.hiddenByOpaque(rel)) for (const c of this.lower.children(rel)) if (!whiteouts.has(c)) names.add(c);
    return [...names];
  }
  write(rel: string, node: VNode | null): void {
    const t = this.tree();
    if (node) {
      const s = toStored(node);
      if (s.t === 'd' && t.n[rel]?.t === 'x') s.o = true;
      t.n[rel] = s;
      return;
    }
    // removal: the subtree goes; what the lower layer had there is hidden by a whiteout
    const prefix = `${rel}/`;
    for (const p of Object.keys(t.n)) if (p.startsWith(prefix)) delete t.n[p];
    if (this.lower?.get(rel) && !this.hiddenByOpaque(rel)) t.n[rel] = { t: 'x', m: 0, at: 0 };
    else delete t.n[rel];
    if (Object.keys(t.n).length === 0) this.onEmpty?.();
  }
}

export interface Mount {
  /** Absolute path in the container. */
  at: string;
  backend: Backend;
  /** Path inside the backend the mount starts at (subPath). */
  sub: string;
  readOnly: boolean;
  /** Volume name (for diagnostics). */
  volume?: string;
}

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function joinRel(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return `${a}/${b}`;
}

/** A container's view of its filesystem. Paths are absolute. */
export class ContainerFs {
  private readonly mounts: Mount[];
  constructor(mounts: Mount[]) {
    // longest mount point first
    this.mounts = [...mounts].sort((a, b) => b.at.length - a.at.length);
  }

  private mountFor(abs: string): { m: Mount; rel: string } {
    for (const m of this.mounts) {
      if (m.at === '/' || abs === m.at || abs.startsWith(`${m.at}/`)) {
        const tail = m.at === '/' ? abs.slice(1) : abs.slice(m.at.length + 1);
        return { m, rel: joinRel(m.sub, tail) };
      }
    }
    throw new Error('no root mount');
  }

  /** Whether some mount point lies below `abs` (the runtime created the directories leading to it). */
  private isMountAncestor(abs: string): boolean {
    const prefix = abs === '/' ? '/' : `${abs}/`;
    return this.mounts.some((m) => m.at !== abs && m.at.startsWith(prefix));
  }

  /** The node at an absolute path, without following a final symlink. */
  private raw(abs: string): VNode | undefined {
    const { m, rel } = this.mountFor(abs);
    const n = m.backend.get(rel);
    if (n) return n;
    if (this.isMountAncestor(abs) || this.mounts.some((x) => x.at === abs)) return { type: 'd', mode: 0o755, mtime: IMAGE_TIME };
    return undefined;
  }

  /** Resolves symlinks on the way (and at the end when `follow`). Returns the real absolute path. */
  resolve(path: string, follow = true, cwd = '/'): { abs: string; node?: VNode } {
    let pending = normalize(path.startsWith('/') ? path : `${cwd}/${path}`).split('/').filter(Boolean);
    let cur = '/';
    let hops = 0;
    while (pending.length) {
      const comp = pending.shift()!;
      if (comp === '..') {
        cur = normalize(`${cur}/..`);
        continue;
      }
      const next = cur === '/' ? `/${comp}` : `${cur}/${comp}`;
      const node = this.raw(next);
      if (!node) {
        if (pending.length) throw new FsError('ENOENT', path);
        return { abs: next };
      }
      if (node.type === 'l' && (pending.length || follow)) {
        if (++hops > 40) throw new FsError('ELOOP', path);
        const target = node.target ?? '';
        const base = target.startsWith('/') ? '/' : cur;
        pending = [...normalize(target.startsWith('/') ? target : `${base}/${target}`).split('/').filter(Boolean), ...pending];
        cur = '/';
        continue;
      }
      if (pending.length && node.type !== 'd') throw new FsError('ENOTDIR', path);
      cur = next;
    }
    return { abs: cur, node: this.raw(cur) };
  }

  stat(path: string, cwd = '/'): VNode {
    const r = this.resolve(path, true, cwd);
    if (!r.node) throw new FsError('ENOENT', path);
    return r.node;
  }

  lstat(path: string, cwd = '/'): VNode {
    const r = this.resolve(path, false, cwd);
    if (!r.node) throw new FsError('ENOENT', path);
    return r.node;
  }

  exists(path: string, cwd = '/'): boolean {
    try {
      return !!this.resolve(path, true, cwd).node;
    } catch {
      return false;
    }
  }

  readFile(path: string, cwd = '/'): Buffer {
    if (normalize(path.startsWith('/') ? path : `${cwd}/${path}`) === '/dev/null') return Buffer.alloc(0);
    const n = this.stat(path, cwd);
    if (n.type === 'd') throw new FsError('EISDIR', path);
    return n.data ?? Buffer.alloc(0);
  }

  /** Names in a directory (unsorted), including mount points below it. */
  readdir(path: string, cwd = '/'): string[] {
    const r = this.resolve(path, true, cwd);
    if (!r.node) throw new FsError('ENOENT', path);
    if (r.node.type !== 'd') throw new FsError('ENOTDIR', path);
    const { m, rel } = this.mountFor(r.abs);
    const names = new Set(m.backend.children(rel));
    const prefix = r.abs === '/' ? '/' : `${r.abs}/`;
    for (const x of this.mounts) {
      if (x.at !== r.abs && x.at.startsWith(prefix)) names.add(x.at.slice(prefix.length).split('/')[0]!);
    }
    return [...names];
  }

  /** The writable backend for a path's parent, or the error a write there gets. */
  private writable(abs: string, path: string): { backend: Backend; rel: string } {
    const { m, rel } = this.mountFor(abs);
    if (m.readOnly || !m.backend.write) throw new FsError('EROFS', path);
    return { backend: m.backend, rel };
  }

  private parentDir(abs: string, path: string): string {
    const parent = normalize(`${abs}/..`);
    const p = this.raw(parent);
    if (!p) throw new FsError('ENOENT', path);
    if (p.type !== 'd') throw new FsError('ENOTDIR', path);
    return parent;
  }

  /** Writes (or appends to) a file, creating it like open(O_CREAT). */
  writeFile(path: string, data: Buffer, opts: { append?: boolean; now: number; cwd?: string }): void {
    if (normalize(path.startsWith('/') ? path : `${opts.cwd ?? '/'}/${path}`) === '/dev/null') return;
    const r = this.resolve(path, true, opts.cwd ?? '/');
    if (r.node?.type === 'd') throw new FsError('EISDIR', path);
    if (!r.node) this.parentDir(r.abs, path);
    const { backend, rel } = this.writable(r.abs, path);
    const prev = r.node?.data ?? Buffer.alloc(0);
    backend.write!(rel, { type: 'f', data: opts.append ? Buffer.concat([prev, data]) : data, mode: r.node?.mode ?? 0o644, mtime: opts.now });
  }

  mkdir(path: string, opts: { parents?: boolean; now: number; cwd?: string }): void {
    const abs = normalize(path.startsWith('/') ? path : `${opts.cwd ?? '/'}/${path}`);
    if (opts.parents) {
      let cur = '';
      for (const comp of abs.split('/').filter(Boolean)) {
        cur = `${cur}/${comp}`;
        const r = this.resolve(cur, true);
        if (r.node) {
          if (r.node.type !== 'd') throw new FsError('ENOTDIR', path);
          continue;
        }
        const { backend, rel } = this.writable(r.abs, path);
        backend.write!(rel, { type: 'd', mode: 0o755, mtime: opts.now });
      }
      return;
    }
    const r = this.resolve(abs, false);
    if (r.node) throw new FsError('EEXIST', path);
    this.parentDir(r.abs, path);
    const { backend, rel } = this.writable(r.abs, path);
    backend.write!(rel, { type: 'd', mode: 0o755, mtime: opts.now });
  }

  /** Updates the mtime, creating an empty file when missing (touch). */
  touch(path: string, opts: { now: number; cwd?: string }): void {
    const r = this.resolve(path, true, opts.cwd ?? '/');
    if (!r.node) {
      this.parentDir(r.abs, path);
      const { backend, rel } = this.writable(r.abs, path);
      backend.write!(rel, { type: 'f', data: Buffer.alloc(0), mode: 0o644, mtime: opts.now });
      return;
    }
    const { backend, rel } = this.writable(r.abs, path);
    backend.write!(rel, { ...r.node, mtime: opts.now });
  }

  /** Removes a file, or a directory (recursively with `recursive`; empty ones with `dirs`). */
  remove(path: string, opts: { recursive?: boolean; dirs?: boolean; cwd?: string }): void {
    const r = this.resolve(path, false, opts.cwd ?? '/');
    if (!r.node) throw new FsError('ENOENT', path);
    if (this.mounts.some((m) => m.at === r.abs)) throw new FsError(r.abs === '/' ? 'EACCES' : 'EINVAL', path);
    if (r.node.type === 'd') {
      if (!opts.recursive && !opts.dirs) throw new FsError('EISDIR', path);
      if (!opts.recursive && this.readdir(r.abs).length) throw new FsError('ENOTEMPTY', path);
      if (this.mounts.some((m) => m.at.startsWith(`${r.abs}/`))) throw new FsError('EINVAL', path);
    }
    const { backend, rel } = this.writable(r.abs, path);
    backend.write!(rel, null);
  }
}

// ---------------------------------------------------------------- building a container's view

/** The image's root filesystem as a static tree. */
function imageTree(img: ImageFs): Map<string, VNode> {
  const nodes = new Map<string, VNode>();
  const dir = (p: string, mode = 0o755) => {
    let cur = '';
    for (const comp of p.split('/').filter(Boolean)) {
      cur = joinRel(cur, comp);
      if (!nodes.has(cur)) nodes.set(cur, { type: 'd', mode, mtime: IMAGE_TIME });
    }
  };
  nodes.set('', { type: 'd', mode: 0o755, mtime: IMAGE_TIME });
  for (const entry of img.distro.root) {
    const [name, target] = entry.split('->');
    if (target) nodes.set(name!, { type: 'l', target, mode: 0o777, mtime: IMAGE_TIME });
    else dir(name!, name === 'tmp' ? 0o1777 : name === 'root' ? 0o700 : 0o755);
  }
  const real = (p: string): string => {
    // /bin/x on a merged-/usr system lives in /usr/bin
    for (const entry of img.distro.root) {
      const [name, target] = entry.split('->');
      if (target && (p === `/${name}` || p.startsWith(`/${name}/`))) return `/${target}${p.slice(name!.length + 1)}`;
    }
    return p;
  };
  for (const [path, content] of Object.entries(img.files)) {
    const rp = real(path).slice(1);
    dir(rp.slice(0, Math.max(0, rp.lastIndexOf('/'))));
    nodes.set(rp, { type: 'f', data: Buffer.from(content, 'utf8'), mode: path.endsWith('.sh') ? 0o755 : 0o644, mtime: IMAGE_TIME });
  }
  for (const [name, full] of img.programs) {
    const rp = real(full).slice(1);
    dir(rp.slice(0, rp.lastIndexOf('/')));
    const size = 20_000 + (digest(full, 4).readUInt32BE(0) % 400_000);
    nodes.set(rp, { type: 'f', data: Buffer.from(`\x7fELF ${name}\n`, 'latin1'), mode: 0o755, mtime: IMAGE_TIME, size });
  }
  for (const d of ['etc', 'tmp', 'var', 'usr', 'home', 'proc', 'sys', 'dev', 'root']) if (!nodes.has(d) && img.distro.id !== 'none') dir(d, d === 'tmp' ? 0o1777 : 0o755);
  if (img.workdir !== '/') dir(img.workdir.slice(1));
  return nodes;
}

/** The atomic writer's layout of a payload: `..<ts>/<files>`, `..data` → it, top-level symlinks. */
function atomicTree(payload: Record<string, { data: Buffer; mode: number }>, writtenAt: number, seed: string, tmpfs: boolean): Map<string, VNode> {
  const nodes = new Map<string, VNode>();
  nodes.set('', { type: 'd', mode: tmpfs ? 0o1777 : 0o777, mtime: writtenAt });
  const d = new Date(writtenAt);
  const p2 = (n: number) => String(n).padStart(2, '0');
  // os.MkdirTemp: the pattern plus a random decimal number
  const ts = `..${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}.${digest(seed, 4).readUInt32BE(0)}`;
  nodes.set(ts, { type: 'd', mode: 0o755, mtime: writtenAt });
  nodes.set('..data', { type: 'l', target: ts, mode: 0o777, mtime: writtenAt });
  const tops = new Set<string>();
  for (const [p, f] of Object.entries(payload)) {
    const parts = p.split('/');
    let cur = ts;
    for (const comp of parts.slice(0, -1)) {
      cur = `${cur}/${comp}`;
      if (!nodes.has(cur)) nodes.set(cur, { type: 'd', mode: 0o755, mtime: writtenAt });
    }
    nodes.set(`${ts}/${p}`, { type: 'f', data: f.data, mode: f.mode & 0o7777, mtime: writtenAt });
    tops.add(parts[0]!);
  }
  for (const t of tops) nodes.set(t, { type: 'l', target: `..data/${t}`, mode: 0o777, mtime: writtenAt });
  return nodes;
}

/** Follows symlinks of a path inside one volume (they are relative to the volume's directories). */
function resolveInside(b: Backend, rel: string): string {
  let pending = rel.split('/').filter(Boolean);
  let cur = '';
  for (let hops = 0; pending.length && hops < 40; ) {
    const comp = pending.shift()!;
    const next = joinRel(cur, comp);
    const n = b.get(next);
    if (n?.type === 'l' && n.target && !n.target.startsWith('/')) {
      hops++;
      pending = [...normalize(`/${cur}/${n.target}`).slice(1).split('/').filter(Boolean), ...pending];
      cur = '';
      continue;
    }
    cur = next;
  }
  return cur;
}

function singleFile(content: string, mtime: number): Backend {
  return new StaticBackend(new Map([['', { type: 'f', data: Buffer.from(content, 'utf8'), mode: 0o644, mtime }]]));
}

export interface RuntimeView {
  /** The container instance (its writable layer belongs to it). */
  containerID: string;
  init: boolean;
  startedAt: number;
}

/** kubelet GeneratePodHostNameAndDomain + makeHostsMount */
export function podHostname(pod: KObject): { hostname: string; domain: string } {
  let hostname: string = pod.spec?.hostname || pod.metadata.name;
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, '');
  const domain = pod.spec?.subdomain ? `${pod.spec.subdomain}.${pod.metadata.namespace}.svc.cluster.local` : '';
  return { hostname, domain };
}

export function etcHosts(pod: KObject, podIP: string | undefined): string {
  const { hostname, domain } = podHostname(pod);
  let s = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (podIP) s += domain ? `${podIP}\t${hostname}.${domain}\t${hostname}\n` : `${podIP}\t${hostname}\n`;
  const aliases = (pod.spec?.hostAliases ?? []) as { ip: string; hostnames?: string[] }[];
  if (aliases.length) {
    s += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) s += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return s;
}

export const CLUSTER_DNS = '10.96.0.10';

/** The kubelet's DNS configuration (dnsPolicy + dnsConfig), as containerd writes resolv.conf. */
export function resolvConf(pod: KObject): string {
  const ns = pod.metadata.namespace ?? 'default';
  let policy: string = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork) policy = 'Default';
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    servers = [CLUSTER_DNS];
    searches = [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
    options = ['ndots:5'];
  } else if (policy === 'Default') {
    servers = ['172.18.0.1'];
    options = ['ndots:0'];
  }
  const cfg = pod.spec?.dnsConfig as { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] } | undefined;
  if (cfg) {
    servers = [...servers, ...(cfg.nameservers ?? [])];
    for (const s of cfg.searches ?? []) if (!searches.includes(s)) searches.push(s);
    for (const o of cfg.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
      const i = options.findIndex((x) => x.split(':')[0] === o.name);
      if (i >= 0) options[i] = text;
      else options.push(text);
    }
  }
  let s = '';
  if (searches.length) s += `search ${searches.join(' ')}\n`;
  if (servers.length) s += `nameserver ${servers.join('\nnameserver ')}\n`;
  if (options.length) s += `options ${options.join(' ')}\n`;
  return s;
}

/** Builds what a running container sees. */
export function containerFs(ctx: Ctx, pod: KObject, spec: Container, rt: RuntimeView): { fs: ContainerFs; image: ImageFs } {
  const img = imageFs(spec.image ?? '');
  const uid = pod.metadata.uid!;
  const mountedAt = podMountedAt(ctx, uid) ?? rt.startedAt;
  const mounts: Mount[] = [];
  const layerId = treeIds.layer(uid, rt.init, spec.name);
  const roRoot = !!spec.securityContext?.readOnlyRootFilesystem;
  mounts.push({
    at: '/',
    sub: '',
    readOnly: roRoot,
    backend: new StoredBackend(
      () => storedTree(ctx, layerId, rt.containerID),
      new StaticBackend(imageTree(img)),
      () => pruneTree(ctx, layerId),
      () => {
        const t = peekTree(ctx, layerId);
        return t && t.gen === rt.containerID ? t : undefined;
      },
    ),
  });
  const podIP = pod.status?.podIP;
  const { hostname } = podHostname(pod);
  const hostsMounted = !(spec.volumeMounts ?? []).some((m) => m.mountPath === '/etc/hosts');
  if (hostsMounted && (podIP || pod.spec?.hostNetwork)) mounts.push({ at: '/etc/hosts', sub: '', readOnly: false, backend: singleFile(etcHosts(pod, podIP), mountedAt) });
  mounts.push({ at: '/etc/hostname', sub: '', readOnly: false, backend: singleFile(`${hostname}\n`, mountedAt) });
  mounts.push({ at: '/etc/resolv.conf', sub: '', readOnly: false, backend: singleFile(resolvConf(pod), mountedAt) });
  const volumes = new Map<string, Record<string, Record<string, unknown>>>(((pod.spec?.volumes ?? []) as Record<string, Record<string, unknown>>[]).map((v) => [String(v.name), v]));
  const backends = new Map<string, { backend: Backend; forceRO: boolean }>();
  const backendFor = (name: string): { backend: Backend; forceRO: boolean } | undefined => {
    if (backends.has(name)) return backends.get(name);
    const vol = volumes.get(name);
    if (!vol) return undefined;
    let b: { backend: Backend; forceRO: boolean } | undefined;
    const contents = volumeContents(ctx, pod, vol, mountedAt);
    if (contents && !('error' in contents)) {
      b = { backend: new StaticBackend(atomicTree(contents.payload, mountedAt, `${uid}/${name}`, contents.tmpfs)), forceRO: true };
    } else if (contents) {
      b = { backend: new StaticBackend(new Map([['', { type: 'd', mode: 0o777, mtime: mountedAt }]])), forceRO: true };
    } else {
      let id: string;
      if (vol.persistentVolumeClaim) {
        const claim = ctx.store.get('PersistentVolumeClaim', pod.metadata.namespace, String(vol.persistentVolumeClaim.claimName ?? ''));
        id = claim ? treeIds.claim(claim.metadata.uid!) : treeIds.emptyDir(uid, name);
      } else if (vol.hostPath) id = treeIds.hostPath(pod.spec?.nodeName ?? '', normalize(String(vol.hostPath.path ?? '/')));
      else id = treeIds.emptyDir(uid, name);
      const root: VNode = { type: 'd', mode: vol.emptyDir ? 0o777 : 0o755, mtime: mountedAt };
      b = {
        backend: new StoredBackend(
          () => storedTree(ctx, id),
          new StaticBackend(new Map([['', root]])),
          () => pruneTree(ctx, id),
          () => peekTree(ctx, id),
        ),
        forceRO: false,
      };
    }
    backends.set(name, b);
    return b;
  };
  for (const vm of spec.volumeMounts ?? []) {
    const b = backendFor(vm.name);
    if (!b) continue;
    let sub = vm.subPath ? normalize(vm.subPath).slice(1) : '';
    if (sub) {
      // the kubelet bind-mounts what the subPath resolves to inside the volume (creating a missing
      // directory in writable volumes)
      sub = resolveInside(b.backend, sub);
      if (!b.backend.get(sub) && b.backend.write) b.backend.write(sub, { type: 'd', mode: 0o755, mtime: rt.startedAt });
    }
    mounts.push({ at: normalize(vm.mountPath), sub, readOnly: !!vm.readOnly || b.forceRO, backend: b.backend, volume: vm.name });
  }
  return { fs: new ContainerFs(mounts), image: img };
}
