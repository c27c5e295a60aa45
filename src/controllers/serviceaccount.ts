// Two small controllers every namespace meets at birth: the service-account controller (a `default`
// ServiceAccount in each active namespace) and the root-CA publisher (the `kube-root-ca.crt`
// ConfigMap that every pod's kube-api-access volume projects).
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { KubeError } from '../api/errors';
import { simState } from './context';

function active(ctx: Ctx, ns: string): boolean {
  const n = ctx.store.get('Namespace', undefined, ns);
  return !!n && !n.metadata.deletionTimestamp;
}

export const serviceAccountController: Controller<Ctx> = {
  name: 'serviceaccount-controller',
  watch(ev, enqueue) {
    if (ev.gk === 'Namespace' && ev.type !== 'DELETED') enqueue(ev.obj.metadata.name);
    if (ev.gk === 'ServiceAccount' && ev.type === 'DELETED' && ev.obj.metadata.name === 'default') enqueue(ev.obj.metadata.namespace!);
  },
  sync(ns, ctx) {
    if (!active(ctx, ns)) return;
    if (ctx.store.get('ServiceAccount', ns, 'default')) return;
    try {
      ctx.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  },
};

/** A PEM block that looks like the cluster CA certificate (its bytes come from the seeded source). */
export function clusterCaPem(ctx: Ctx): string {
  const st = simState(ctx, 'rootCA', () => ({ pem: '' }));
  if (!st.pem) {
    const bytes = new Uint8Array(768);
    for (let i = 0; i < bytes.length; i += 4) {
      const v = ctx.rng.uint32();
      bytes[i] = v & 255;
      bytes[i + 1] = (v >>> 8) & 255;
      bytes[i + 2] = (v >>> 16) & 255;
      bytes[i + 3] = (v >>> 24) & 255;
    }
    // a DER certificate starts with a SEQUENCE header; the rest is opaque here
    bytes[0] = 0x30;
    bytes[1] = 0x82;
    const b64 = Buffer.from(bytes).toString('base64');
    const lines = b64.match(/.{1,64}/g)!.join('\n');
    st.pem = `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`;
  }
  return st.pem;
}

export const rootCaPublisher: Controller<Ctx> = {
  name: 'root-ca-certificate-publisher',
  watch(ev, enqueue) {
    if (ev.gk === 'Namespace' && ev.type !== 'DELETED') enqueue(ev.obj.metadata.name);
    if (ev.gk === 'ConfigMap' && ev.obj.metadata.name === 'kube-root-ca.crt') enqueue(ev.obj.metadata.namespace!);
  },
  sync(ns, ctx) {
    if (!active(ctx, ns)) return;
    const want = { 'ca.crt': clusterCaPem(ctx) };
    const cur = ctx.store.get('ConfigMap', ns, 'kube-root-ca.crt');
    try {
      if (!cur) {
        ctx.api.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data: want,
        });
      } else if (cur.data?.['ca.crt'] !== want['ca.crt']) {
        ctx.api.update({ ...cur, data: want });
      }
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  },
};
