// Files written inside containers, kept in the persisted simulator state for as long as Kubernetes
// keeps them: a container's own writable layer until that container is replaced (a restart starts
// from the image again), emptyDir volumes until the pod is gone, hostPath directories for the life of
// the node, and PersistentVolumeClaim data for the life of the claim.
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';

/** One entry of a stored tree. `x` is a whiteout (a file of the image removed in the container layer). */
export interface StoredNode {
  t: 'f' | 'd' | 'l' | 'x';
  /** File contents (UTF-8 text, or base64 when `b`). */
  d?: string;
  b?: true;
  /** Symlink target. */
  l?: string;
  /** Permission bits. */
  m: number;
  /** Modification time (ms). */
  at: number;
  /** Opaque directory: hides what the image had at this path. */
  o?: true;
}

export interface StoredTree {
  /** For container layers: the container instance the layer belongs to. */
  gen?: string;
  /** Relative path (no leading slash, '' is the root) → entry. */
  n: Record<string, StoredNode>;
}

interface FilesState {
  trees: Record<string, StoredTree>;
}

function state(ctx: Ctx): FilesState {
  return simState<FilesState>(ctx, 'files', () => ({ trees: {} }));
}

export const treeIds = {
  emptyDir: (podUid: string, vol: string) => `pod/${podUid}/vol/${vol}`,
  layer: (podUid: string, init: boolean, container: string) => `pod/${podUid}/ctr/${init ? 'i' : 'c'}:${container}`,
  claim: (claimUid: string) => `pvc/${claimUid}`,
  hostPath: (node: string, path: string) => `host/${node}:${path}`,
};

/** The stored tree `id` (created empty on first use; a layer of another container instance is reset). */
export function storedTree(ctx: Ctx, id: string, gen?: string): StoredTree {
  const trees = state(ctx).trees;
  let t = trees[id];
  if (!t || (gen !== undefined && t.gen !== gen)) {
    t = gen !== undefined ? { gen, n: {} } : { n: {} };
    trees[id] = t;
  }
  return t;
}

/** Looks at a tree without creating it. */
export function peekTree(ctx: Ctx, id: string): StoredTree | undefined {
  return state(ctx).trees[id];
}

/** Drops the tree when it holds nothing (keeps the state file small). */
export function pruneTree(ctx: Ctx, id: string): void {
  const trees = state(ctx).trees;
  const t = trees[id];
  if (t && Object.keys(t.n).length === 0) delete trees[id];
}

/** The pod is gone: its emptyDirs and container layers go with it; claims that no longer exist too. */
export function dropPodFiles(ctx: Ctx, podUid: string): void {
  const trees = state(ctx).trees;
  for (const id of Object.keys(trees)) {
    if (id.startsWith(`pod/${podUid}/`)) delete trees[id];
    else if (id.startsWith('pvc/') && !ctx.store.byUid(id.slice(4))) delete trees[id];
  }
}
