// Expected patches and results below were checked against the real kubectl v1.32.4: `kubectl apply` against a
// stub API server (recording the PATCH body it sends) and `kubectl patch --local` (which runs apimachinery's
// strategic merge / evanphx json-patch code client-side).
import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  applyMergePatch,
  createJsonMergePatch,
  createTwoWayMergePatch,
  goJson,
  LAST_APPLIED_ANNOTATION,
  lastAppliedConfiguration,
  RequestInvalidError,
  strategicMergePatch,
  threeWayApplyPatch,
  withLastAppliedConfiguration,
} from '../../src/api/merge';
import { KubeError, StatusError } from '../../src/api/errors';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

function rendered(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeError) return e.render();
    throw e;
  }
  throw new Error('expected an error');
}

const v1: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
          { name: 'side', image: 'busybox' },
        ],
      },
    },
  },
};

/** The live object after `kubectl apply` of `applied`, with what the server adds. */
function live(applied: Obj, mutate?: (o: Obj) => void): Obj {
  const o: Obj = withLastAppliedConfiguration(applied, 'default');
  Object.assign(o.metadata, { uid: 'u-1', resourceVersion: '7', generation: 1 });
  o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  for (const c of o.spec.template.spec.containers) {
    c.imagePullPolicy = 'IfNotPresent';
    for (const p of c.ports ?? []) p.protocol = 'TCP';
  }
  o.status = { replicas: 2 };
  mutate?.(o);
  return o;
}

function edit(m: Obj, fn: (o: Obj) => void): Obj {
  const c = clone(m);
  fn(c);
  return c;
}

/** kubectl apply's patch; checks the annotation it carries, returns the rest as compact JSON. */
function applyPatch(l: Obj, next: Obj): string {
  const patch: Obj = threeWayApplyPatch(l.metadata.annotations?.[LAST_APPLIED_ANNOTATION], next, l, 'Deployment.apps');
  const ann = patch.metadata?.annotations;
  if (ann && LAST_APPLIED_ANNOTATION in ann) {
    expect(ann[LAST_APPLIED_ANNOTATION]).toBe(lastAppliedConfiguration(next, 'default'));
    delete ann[LAST_APPLIED_ANNOTATION];
  }
  return goJson(patch);
}

describe('lastAppliedConfiguration', () => {
  it('is the compact, key-sorted manifest with annotations {} and the namespace, plus a newline', () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
        },
      },
    };
    // Byte for byte what `kubectl apply -f d.yaml --dry-run=client -o json` stored (kubectl 1.32.4).
    expect(lastAppliedConfiguration(manifest, 'default')).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},' +
        '"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},' +
        '"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    );
  });

  it('keeps other annotations, drops its own, keeps an explicit namespace, escapes like Go', () => {
    const manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'dev', annotations: { note: 'a<b&c>', [LAST_APPLIED_ANNOTATION]: 'old' } },
      data: { n: 'x\u2028y' },
    };
    expect(lastAppliedConfiguration(manifest, 'default')).toBe(
      '{"apiVersion":"v1","data":{"n":"x\\u2028y"},"kind":"ConfigMap","metadata":{"annotations":{"note":"a\\u003cb\\u0026c\\u003e"},"name":"c","namespace":"dev"}}\n',
    );
  });

  it('adds no namespace for cluster-scoped objects', () => {
    expect(lastAppliedConfiguration({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, undefined)).toBe(
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"dev"}}\n',
    );
  });

  it('withLastAppliedConfiguration sets the annotation on a namespaced copy', () => {
    const o: Obj = withLastAppliedConfiguration({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, 'default');
    expect(o.metadata).toEqual({
      name: 'c',
      namespace: 'default',
      annotations: { [LAST_APPLIED_ANNOTATION]: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n' },
    });
  });
});

describe('threeWayApplyPatch (kubectl apply)', () => {
  it('re-applying the same manifest yields {} (unchanged)', () => {
    expect(threeWayApplyPatch(live(v1).metadata.annotations[LAST_APPLIED_ANNOTATION], v1, live(v1), 'Deployment.apps')).toEqual({});
  });

  it('changes one container image by name, keeping the other container', () => {
    const next = edit(v1, (m) => (m.spec.template.spec.containers[1].image = 'busybox:1.36'));
    const l = live(v1);
    expect(applyPatch(l, next)).toBe(
      '{"metadata":{"annotations":{}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"side"}],' +
        '"containers":[{"image":"busybox:1.36","name":"side"}]}}}}',
    );
    const after: Obj = strategicMergePatch(l, threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], next, l, 'Deployment.apps'), 'Deployment.apps') as Obj;
    expect(after.spec.template.spec.containers.map((c: Obj) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.25', 'side=busybox:1.36']);
    expect(after.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(threeWayApplyPatch(after.metadata.annotations[LAST_APPLIED_ANNOTATION], next, after, 'Deployment.apps')).toEqual({});
  });

  it('merges env by name: changed, added and deleted variables', () => {
    const next = edit(v1, (m) => (m.spec.template.spec.containers[0].env = [{ name: 'B', value: '3' }, { name: 'C', value: 'c' }]));
    expect(applyPatch(live(v1), next)).toBe(
      '{"metadata":{"annotations":{}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"side"}],' +
        '"containers":[{"$setElementOrder/env":[{"name":"B"},{"name":"C"}],"env":[{"name":"B","value":"3"},{"name":"C","value":"c"},' +
        '{"$patch":"delete","name":"A"}],"name":"nginx"}]}}}}',
    );
  });

  it('merges container ports by containerPort, keeping server defaults', () => {
    const l = live(v1);
    const next = edit(v1, (m) => m.spec.template.spec.containers[0].ports.push({ containerPort: 443, name: 'https' }));
    expect(applyPatch(l, next)).toBe(
      '{"metadata":{"annotations":{}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"side"}],' +
        '"containers":[{"$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],"name":"nginx","ports":[{"containerPort":443,"name":"https"}]}]}}}}',
    );
    const after: Obj = strategicMergePatch(l, threeWayApplyPatch(undefined, next, l, 'Deployment.apps'), 'Deployment.apps') as Obj;
    expect(after.spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 443, name: 'https' },
    ]);
  });

  it('deletes fields that were applied before and are gone from the manifest', () => {
    const next = edit(v1, (m) => {
      delete m.spec.replicas;
      delete m.metadata.labels.tier;
    });
    expect(applyPatch(live(v1), next)).toBe('{"metadata":{"annotations":{},"labels":{"tier":null}},"spec":{"replicas":null}}');
  });

  it('removes all labels when the manifest drops the labels map', () => {
    const next = edit(v1, (m) => delete m.metadata.labels);
    const l = live(v1);
    expect(applyPatch(l, next)).toBe('{"metadata":{"annotations":{},"labels":null}}');
    const after: Obj = strategicMergePatch(l, threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], next, l, 'Deployment.apps'), 'Deployment.apps') as Obj;
    expect(after.metadata.labels).toBeUndefined();
  });

  it('keeps replicas set by kubectl scale when the manifest never declared them', () => {
    const noReplicas = edit(v1, (m) => delete m.spec.replicas);
    const l = live(noReplicas, (o) => (o.spec.replicas = 5));
    expect(threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], noReplicas, l, 'Deployment.apps')).toEqual({});
  });

  it('resets scaled replicas when the manifest declares them', () => {
    const l = live(v1, (o) => (o.spec.replicas = 5));
    expect(applyPatch(l, v1)).toBe('{"spec":{"replicas":2}}');
  });

  it('removes a container dropped from the manifest with $patch: delete', () => {
    const next = edit(v1, (m) => m.spec.template.spec.containers.splice(1, 1));
    const l = live(v1);
    expect(applyPatch(l, next)).toBe(
      '{"metadata":{"annotations":{}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"$patch":"delete","name":"side"}]}}}}',
    );
    const after: Obj = strategicMergePatch(l, threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], next, l, 'Deployment.apps'), 'Deployment.apps') as Obj;
    expect(after.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['nginx']);
  });

  it('sends $retainKeys for a strategy whose defaults the manifest omits (kubectl never says unchanged here)', () => {
    const m = edit(v1, (x) => (x.spec.strategy = { type: 'RollingUpdate' }));
    expect(applyPatch(live(m), m)).toBe('{"spec":{"strategy":{"$retainKeys":["type"]}}}');
  });

  it('always resends a patchStrategy=replace field (PodDisruptionBudget selector: never unchanged)', () => {
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } };
    const l: Obj = withLastAppliedConfiguration(pdb, 'default');
    expect(goJson(threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], pdb, l, 'PodDisruptionBudget.policy'))).toBe(
      '{"spec":{"selector":{"matchLabels":{"app":"web"}}}}',
    );
  });

  it('without a last-applied annotation only adds and changes', () => {
    const l = live(v1, (o) => delete o.metadata.annotations);
    const next = edit(v1, (m) => delete m.metadata.labels.tier);
    const patch: Obj = threeWayApplyPatch(undefined, next, l, 'Deployment.apps');
    expect(Object.keys(patch)).toEqual(['metadata']);
    expect(Object.keys(patch.metadata)).toEqual(['annotations']);
  });

  it('uses a JSON merge 3-way patch for custom resources', () => {
    const ct: Obj = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'ct' }, spec: { image: 'a', list: [1, 2], nested: { x: 1, y: 2 } } };
    const l: Obj = withLastAppliedConfiguration(ct, 'default');
    l.spec.serverSide = true;
    const next = edit(ct, (m) => {
      m.spec.image = 'b';
      m.spec.list = [3];
      delete m.spec.nested.y;
    });
    const patch: Obj = threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], next, l, 'CronTab.stable.example.com');
    delete patch.metadata.annotations[LAST_APPLIED_ANNOTATION];
    expect(goJson(patch)).toBe('{"metadata":{"annotations":{}},"spec":{"image":"b","list":[3],"nested":{"y":null}}}');
    expect(threeWayApplyPatch(l.metadata.annotations[LAST_APPLIED_ANNOTATION], ct, l, 'CronTab.stable.example.com')).toEqual({});
  });
});

describe('strategicMergePatch (server side)', () => {
  const dep = live(v1);
  const containers = (o: unknown) => (o as Obj).spec.template.spec.containers as Obj[];

  it('merges containers by name and puts a new container first', () => {
    const out = strategicMergePatch(dep, { spec: { template: { spec: { containers: [{ name: 'side', image: 'b2' }, { name: 'new', image: 'n' }] } } } }, 'Deployment.apps');
    expect(containers(out).map((c) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.25', 'side=b2', 'new=n']);
    const first = strategicMergePatch(dep, { spec: { template: { spec: { containers: [{ name: 'new', image: 'n' }] } } } }, 'Deployment.apps');
    expect(containers(first).map((c) => c.name)).toEqual(['new', 'nginx', 'side']);
    expect(containers(dep).map((c) => c.name)).toEqual(['nginx', 'side']); // input untouched
  });

  it('deletes a container with $patch: delete and replaces a list with $patch: replace', () => {
    const del = strategicMergePatch(dep, { spec: { template: { spec: { containers: [{ name: 'nginx', $patch: 'delete' }] } } } }, 'Deployment.apps');
    expect(containers(del).map((c) => c.name)).toEqual(['side']);
    const rep = strategicMergePatch(dep, { spec: { template: { spec: { containers: [{ name: 'only', image: 'o' }, { $patch: 'replace' }] } } } }, 'Deployment.apps');
    expect(containers(rep)).toEqual([{ name: 'only', image: 'o' }]);
  });

  it('merges env by name and deletes map keys with null', () => {
    const out: Obj = strategicMergePatch(
      dep,
      { metadata: { labels: { tier: null, new: 'x' } }, spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '3' }, { name: 'A', $patch: 'delete' }] }] } } } },
      'Deployment.apps',
    ) as Obj;
    expect(out.metadata.labels).toEqual({ app: 'web', new: 'x' });
    expect(containers(out)[0]!.env).toEqual([{ name: 'B', value: '3' }]);
  });

  it('replaces lists without a merge strategy (args, tolerations)', () => {
    const out = strategicMergePatch(dep, { spec: { template: { spec: { containers: [{ name: 'side', args: ['x'] }], tolerations: [{ key: 'k', operator: 'Exists' }] } } } }, 'Deployment.apps');
    expect(containers(out)[1]!.args).toEqual(['x']);
    expect((out as Obj).spec.template.spec.tolerations).toEqual([{ key: 'k', operator: 'Exists' }]);
  });

  it('handles finalizers as a set, $deleteFromPrimitiveList and $retainKeys', () => {
    const withFin = edit(dep, (o) => (o.metadata.finalizers = ['a/x', 'b/y']));
    const out: Obj = strategicMergePatch(withFin, { metadata: { finalizers: ['c/z', 'a/x'], '$deleteFromPrimitiveList/finalizers': ['b/y'] } }, 'Deployment.apps') as Obj;
    expect(out.metadata.finalizers).toEqual(['c/z', 'a/x']);
    const rk: Obj = strategicMergePatch(dep, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, 'Deployment.apps') as Obj;
    expect(rk.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('merges Service ports by port', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] } };
    const out: Obj = strategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 8443 }] } }, 'Service') as Obj;
    expect(out.spec.ports).toEqual([
      { port: 80, targetPort: 8080, protocol: 'TCP' },
      { port: 443, protocol: 'TCP', targetPort: 8443 },
    ]);
  });

  it('falls back to JSON merge patch semantics for custom resources', () => {
    const cr = { apiVersion: 'x.io/v1', kind: 'Foo', metadata: { name: 'f' }, spec: { list: [{ name: 'a' }, { name: 'b' }] } };
    expect(strategicMergePatch(cr, { spec: { list: [{ name: 'c' }] } }, 'Foo.x.io')).toEqual({ ...cr, spec: { list: [{ name: 'c' }] } });
    expect(rendered(() => strategicMergePatch(cr, { spec: {} }, 'Foo.x.io', { local: true }))).toBe(
      'error: strategic merge patch is not supported for x.io/v1, Kind=Foo locally, try --type merge',
    );
  });

  it('reports malformed patches like the server', () => {
    const noKey = { spec: { template: { spec: { containers: [{ image: 'y' }] } } } };
    expect(rendered(() => strategicMergePatch(dep, noKey, 'Deployment.apps'))).toBe('Error from server: map: map[image:y] does not contain declared merge key: name');
    expect(rendered(() => strategicMergePatch(dep, noKey, 'Deployment.apps', { local: true }))).toBe('error: map: map[image:y] does not contain declared merge key: name');
    expect(rendered(() => strategicMergePatch(dep, { metadata: { $deleteFromPrimitiveList: ['x'] } }, 'Deployment.apps'))).toBe(
      'Error from server (BadRequest): invalid patch format of primitive list',
    );
    expect(rendered(() => strategicMergePatch(dep, [1], 'Deployment.apps'))).toBe(
      'Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  });
});

describe('createTwoWayMergePatch (edit / set)', () => {
  it('is {} without changes and uses $setElementOrder for merge lists', () => {
    const l = live(v1);
    expect(createTwoWayMergePatch(l, clone(l), 'Deployment.apps')).toEqual({});
    const m = edit(l, (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27'));
    expect(goJson(createTwoWayMergePatch(l, m, 'Deployment.apps'))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"side"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}',
    );
  });

  it('uses a JSON merge patch for custom resources', () => {
    const a = { apiVersion: 'x.io/v1', kind: 'Foo', metadata: { name: 'f' }, spec: { a: 1, b: [1] } };
    const b = { apiVersion: 'x.io/v1', kind: 'Foo', metadata: { name: 'f' }, spec: { b: [2], c: {} } };
    expect(createTwoWayMergePatch(a, b, 'Foo.x.io')).toEqual({ spec: { a: null, b: [2], c: {} } });
    expect(createJsonMergePatch(a, a)).toEqual({});
  });
});

describe('applyMergePatch (RFC 7386)', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', b: '2' } }, data: { k: 'v' } };

  it('deletes keys set to null and merges objects', () => {
    expect(applyMergePatch(cm, { metadata: { labels: { a: null, c: '3' } }, data: null })).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { b: '2', c: '3' } },
    });
  });

  it('prunes nulls inside new values and replaces lists', () => {
    expect(applyMergePatch({ a: [1, 2] }, { a: [3], b: { x: null, y: 1 } })).toEqual({ a: [3], b: { y: 1 } });
  });

  it('rejects a scalar patch', () => {
    expect(rendered(() => applyMergePatch(cm, 5))).toBe('Error from server (BadRequest): Invalid JSON Patch');
  });
});

describe('applyJsonPatch (RFC 6902)', () => {
  const doc = { metadata: { name: 'c', labels: { a: '1', 'x/y': '2' } }, data: { k: 'v' }, list: [1, 2, 3] };

  it('applies add, remove, replace, move, copy and test', () => {
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/data/k', value: 'v' },
      { op: 'add', path: '/data/n', value: 'x' },
      { op: 'add', path: '/list/-', value: 4 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'remove', path: '/metadata/labels/x~1y' },
      { op: 'replace', path: '/list/1', value: 10 },
      { op: 'move', from: '/data/k', path: '/data/moved' },
      { op: 'copy', from: '/metadata/labels', path: '/copied' },
    ]);
    expect(out).toEqual({
      metadata: { name: 'c', labels: { a: '1' } },
      data: { n: 'x', moved: 'v' },
      list: [0, 10, 2, 3, 4],
      copied: { a: '1' },
    });
    expect(doc.list).toEqual([1, 2, 3]);
  });

  it('fails on the server with kubectl\'s generic 422 text, keeping json-patch\'s message as detail', () => {
    let err: unknown;
    try {
      applyJsonPatch(doc, [{ op: 'remove', path: '/spec/foo' }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RequestInvalidError);
    expect(err).toBeInstanceOf(StatusError);
    expect((err as RequestInvalidError).render()).toBe('The request is invalid: the server rejected our request due to an error in our request');
    expect((err as RequestInvalidError).detail).toBe('remove operation does not apply: doc is missing path: "/spec/foo": missing value');
  });

  it('prints json-patch\'s own messages client-side (--local)', () => {
    const local = (ops: unknown) => rendered(() => applyJsonPatch(doc, ops, { local: true }));
    expect(local([{ op: 'remove', path: '/spec/foo' }])).toBe('error: remove operation does not apply: doc is missing path: "/spec/foo": missing value');
    expect(local([{ op: 'remove', path: '/metadata/labels/zz' }])).toBe(
      "error: error in remove for path: '/metadata/labels/zz': Unable to remove nonexistent key: zz: missing value",
    );
    expect(local([{ op: 'test', path: '/data/k', value: 'w' }])).toBe('error: testing value /data/k failed: test failed');
    expect(local([{ op: 'replace', path: '/list/9', value: 0 }])).toBe('error: Object to be patched is missing field (/list/9: missing value)');
    expect(local([{ op: 'add', path: '/list/7', value: 0 }])).toBe(
      "error: error in add for path: '/list/7': Unable to access invalid index: 7: invalid index referenced",
    );
    expect(local([{ op: 'frob', path: '/a' }])).toBe('error: Unexpected kind: frob');
  });

  it('treats replace of a missing object key as add, like json-patch v4', () => {
    expect(applyJsonPatch({ a: {} }, [{ op: 'replace', path: '/a/b', value: 1 }])).toEqual({ a: { b: 1 } });
  });

  it('rejects a document that is not a list of operations', () => {
    expect(rendered(() => applyJsonPatch(doc, { op: 'add' }))).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  });
});
