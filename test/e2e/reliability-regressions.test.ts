// What the fuzz tests found, one case each, with the exact output a kubectl user sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster, SHARED } from './harness';

const c = new Cluster('kubesim-regress');

function file(name: string, text: string): string {
  const f = path.join(c.dir, name);
  fs.writeFileSync(f, text);
  return f;
}

async function rejected(args: string[], opts: { input?: string } = {}): Promise<string> {
  const before = c.stateBytes();
  const r = await c.run(args, opts);
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toBe('');
  expect(c.stateBytes().equals(before)).toBe(true);
  return r.stderr;
}

describe('found by fuzzing', () => {
  beforeAll(async () => {
    expect((await c.run(['get', 'ns'])).exitCode).toBe(0);
  });
  afterAll(() => c.cleanup());

  it('a ReplicationController whose pods admission forbids: no endless retry, back-off, recovery (corpus: es-client-rc.yaml)', async () => {
    const rc = file(
      'rc.yaml',
      'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: es-client\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels:\n        role: client\n    spec:\n      serviceAccount: elasticsearch\n      containers:\n      - name: es\n        image: nginx\n',
    );
    const t0 = performance.now();
    const r = await c.run(['create', '-f', rc]);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(r.stdout).toBe('replicationcontroller/es-client created\n');
    // the name in an admission error is the generateName: names are generated after mutating admission
    const message = 'pods "es-client-" is forbidden: error looking up service account default/elasticsearch: serviceaccount "elasticsearch" not found';
    expect((await c.run(['get', 'rc', 'es-client', '-o', 'jsonpath={.status.conditions}'])).stdout).toBe(
      `[{"lastTransitionTime":"2026-01-01T00:00:00Z","message":${JSON.stringify(message)},"reason":"FailedCreate","status":"True","type":"ReplicaFailure"}]`,
    );
    // retried with the work queue's back-off (5 ms doubling): 14 attempts in the first minute
    await c.run(['clock', 'advance', '60s']);
    const d = await c.run(['describe', 'rc', 'es-client']);
    expect(d.stdout).toContain(`  Warning  FailedCreate  20s (x14 over 60s)  replication-controller  Error creating: ${message}\n`);
    await c.run(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: elasticsearch\n' });
    await c.run(['clock', 'advance', '20m']);
    expect((await c.run(['get', 'rc', 'es-client'])).stdout).toBe('NAME        DESIRED   CURRENT   READY   AGE\nes-client   1         1         1       21m\n');
    expect((await c.run(['get', 'rc', 'es-client', '-o', 'jsonpath={.status.conditions}'])).stdout).toBe('');
    await c.run(['delete', 'rc', 'es-client']);
  });

  it('null list elements decode to zero values, which validation rejects', async () => {
    expect(await rejected(['apply', '-f', file('n1.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: too-big\nspec:\n  containers:\n  -\n')])).toBe(
      'The Pod "too-big" is invalid: \n* spec.containers[0].name: Required value\n* spec.containers[0].image: Required value\n',
    );
    expect(await rejected(['apply', '-f', file('n7.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nulls\n  labels:\n    a: null\nspec:\n  containers:\n  - name: c\n    image: nginx\n    env: null\n    ports: [null]\n')])).toBe(
      'The Pod "nulls" is invalid: spec.containers[0].ports[0].containerPort: Required value\n',
    );
    expect(await rejected(['apply', '-f', file('n2.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: vol\nspec:\n  containers:\n  - name: c\n    image: nginx\n  volumes:\n  - {}\n')])).toBe(
      'The Pod "vol" is invalid: spec.volumes[0].name: Required value\n',
    );
  });

  it('a value of the wrong type fails with --validate=false and --validate=warn too', async () => {
    const f = file(
      'n3.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: t\nspec:\n  replicas: "two"\n  selector:\n    matchLabels: {app: t}\n  template:\n    metadata:\n      labels: {app: t}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports:\n          containerPort: 80\n',
    );
    const msg = `Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n`;
    expect(await rejected(['apply', '--validate=false', '-f', f])).toBe(msg);
    expect(await rejected(['create', '--validate=warn', '-f', f])).toBe(msg);
  });

  it('unknown fields are dropped with --validate=false, reported as warnings with --validate=warn', async () => {
    const f = file('n4.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unk\n  bogus: 1\ndata:\n  a: b\nextra: true\n');
    const r = await c.run(['create', '--validate=warn', '-f', f]);
    expect(r.stderr).toBe('Warning: unknown field "extra"\nWarning: unknown field "metadata.bogus"\n');
    expect(r.stdout).toBe('configmap/unk created\n');
    const y = await c.run(['get', 'cm', 'unk', '-o', 'json']);
    expect(JSON.parse(y.stdout)).not.toHaveProperty('extra');
    expect(JSON.parse(y.stdout).metadata).not.toHaveProperty('bogus');
    await c.run(['delete', 'cm', 'unk']);
    expect((await c.run(['apply', '--validate=false', '-f', f])).stdout).toBe('configmap/unk created\n');
    expect(JSON.parse((await c.run(['get', 'cm', 'unk', '-o', 'json'])).stdout)).not.toHaveProperty('extra');
  });

  it('an Invalid error quotes the name as Go %q does', async () => {
    expect(await rejected(['apply', '-f', file('n5.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "q\\"uote"\n')])).toMatch(/^The ConfigMap "q\\"uote" is invalid: metadata\.name: Invalid value: "q\\"uote": /);
  });

  it('an object nested 9,000 levels deep gets the API server\'s decode error, not a stack overflow', async () => {
    // (kubectl reads up to 10,000 levels; the client-side apply code must not recurse that deep)
    const f = file('n6.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a: ${'['.repeat(9000)}${']'.repeat(9000)}\n`);
    const msg = `Error from server (BadRequest): error when creating "${f}": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ConfigMap.data of type string\n`;
    expect(await rejected(['apply', '-f', f])).toBe(msg);
    expect(await rejected(['create', '-f', f])).toBe(msg);
  });

  it('-f - reads standard input', async () => {
    const r = await c.run(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-stdin\n' });
    expect(r.stdout).toBe('configmap/from-stdin created\n');
    expect(await rejected(['apply', '-f', '-'], { input: '' })).toBe('error: no objects passed to apply\n');
  });

  it.skipIf(!fs.existsSync(path.join(SHARED, 'corpus')))('the corpus file that hung kubesim now settles at once', async () => {
    const f = path.join(SHARED, 'corpus/kubernetes-examples/_archived/elasticsearch/production_cluster/es-client-rc.yaml');
    const t0 = performance.now();
    const r = await c.run(['create', '-f', f]);
    expect(r.stdout).toBe('replicationcontroller/es-client created\n');
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
