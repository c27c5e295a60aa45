// Objects the default cluster has besides its workloads, written the way the API server's
// post-start hooks and kind's node-image manifests put them there: the RBAC bootstrap policy (see
// bootstrap-policy.ts) and kind's default StorageClass `standard`.
//
// They are stored directly (as the bootstrap-roles hook writes to storage) with UIDs from their own
// seeded source, so adding them does not shift the names and UIDs the session's random source gives
// everything created afterwards.
import type { Ctx } from '../controllers/context';
import type { KObject } from '../api/types';
import { applyDefaults } from '../api/defaults';
import { gkOf, registry } from '../api/registry';
import { Random } from '../sim/random';
import { lastAppliedConfiguration } from '../api/merge';
import { bootstrapPolicy } from './bootstrap-policy';

export const DEFAULT_STORAGE_CLASS = 'standard';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

/**
 * kind's default class: rancher's local-path provisioner, volumes bound when the first pod using
 * the claim is scheduled, deleted with the claim. kind applies it with `kubectl apply`, so it
 * carries a last-applied-configuration annotation.
 */
export function defaultStorageClass(): KObject {
  const manifest = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, name: DEFAULT_STORAGE_CLASS },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
  const obj = JSON.parse(JSON.stringify(manifest)) as KObject;
  obj.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': lastAppliedConfiguration(manifest, undefined), ...obj.metadata.annotations };
  return obj;
}

export function bootstrapExtras(ctx: Ctx): void {
  const rng = Random.fromSeed((ctx.cluster.seed ^ 0x5eed_b007) >>> 0);
  for (const obj of [...bootstrapPolicy(), defaultStorageClass()]) {
    const info = registry.forApiVersionKind(obj.apiVersion, obj.kind)!;
    const gk = gkOf(info.kind, info.group);
    applyDefaults(gk, obj);
    obj.metadata.uid = rng.uuid();
    obj.metadata.creationTimestamp = ctx.clock.rfc3339();
    ctx.store.put(gk, obj);
  }
  ctx.loop.runUntilQuiet();
}
