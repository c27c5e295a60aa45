// The token controller of kube-controller-manager (serviceaccount tokens_controller.go, 1.32): a
// Secret of type kubernetes.io/service-account-token that names an existing ServiceAccount in its
// `kubernetes.io/service-account.name` annotation gets `ca.crt`, `namespace` and a legacy `token`, and
// the ServiceAccount's uid in `kubernetes.io/service-account.uid`; one naming a ServiceAccount that
// does not exist (or no longer does) is deleted.
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import type { KObject } from '../api/types';
import { KubeError } from '../api/errors';
import { clusterCaPem } from './serviceaccount';

const TYPE = 'kubernetes.io/service-account-token';
const NAME_ANN = 'kubernetes.io/service-account.name';
const UID_ANN = 'kubernetes.io/service-account.uid';

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** A legacy (non-expiring) service account token: a JWT shaped as the 1.32 token controller signs it. */
function legacyToken(ctx: Ctx, secret: KObject, sa: KObject): string {
  const url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const ns = secret.metadata.namespace!;
  const head = `${url({ alg: 'RS256', kid: Buffer.from(clusterCaPem(ctx).slice(40, 72)).toString('base64url').slice(0, 43) })}.${url({
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret.metadata.name,
    'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  })}`;
  // the signature is 256 bytes of RS256; ours only looks like one
  const sig = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) sig[i] = head.charCodeAt((i * 7) % head.length) ^ (i * 31);
  return `${head}.${sig.toString('base64url')}`;
}

export const tokensController: Controller<Ctx> = {
  name: 'serviceaccount-token-controller',
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'Secret' && ev.type !== 'DELETED' && ev.obj.type === TYPE) enqueue(`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
    if (ev.gk === 'ServiceAccount' && ev.type === 'DELETED') {
      for (const s of ctx.store.list('Secret', ev.obj.metadata.namespace))
        if (s.type === TYPE && s.metadata.annotations?.[NAME_ANN] === ev.obj.metadata.name) enqueue(`${s.metadata.namespace}/${s.metadata.name}`);
    }
  },
  sync(key, ctx) {
    const [ns, name] = key.split('/') as [string, string];
    const secret = ctx.store.get('Secret', ns, name);
    if (!secret || secret.type !== TYPE || secret.metadata.deletionTimestamp) return;
    const ann = secret.metadata.annotations ?? {};
    const sa = ctx.store.get('ServiceAccount', ns, ann[NAME_ANN] ?? '');
    try {
      if (!sa || (ann[UID_ANN] && ann[UID_ANN] !== sa.metadata.uid)) {
        ctx.api.delete('Secret', ns, name, { uid: secret.metadata.uid });
        return;
      }
      const data: Record<string, string> = secret.data ?? {};
      if (data.token && data['ca.crt'] && data.namespace && ann[UID_ANN]) return;
      const next: KObject = {
        ...secret,
        metadata: { ...secret.metadata, annotations: { ...ann, [UID_ANN]: sa.metadata.uid! } },
        data: { ...data, 'ca.crt': data['ca.crt'] ?? b64(clusterCaPem(ctx)), namespace: data.namespace ?? b64(ns), token: data.token ?? b64(legacyToken(ctx, secret, sa)) },
      };
      ctx.api.update(next);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  },
};
