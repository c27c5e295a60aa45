// Bad input gets kubectl's error text on stderr, exit code 1, and leaves the state file byte-identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster } from './harness';

const c = new Cluster('kubesim-errors');

function write(name: string, text: string): string {
  const p = path.join(c.dir, name);
  fs.writeFileSync(p, text);
  return p;
}

async function rejected(args: string[], input?: string): Promise<{ stderr: string; stdout: string }> {
  const before = c.stateBytes();
  const r = await c.run(args, { input });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  expect(c.stateBytes().equals(before)).toBe(true);
  return r;
}

describe('errors leave the cluster untouched', () => {
  beforeAll(async () => {
    await c.run(['apply', '-f', 'fixtures/nginx-deployment.yaml']);
  });
  afterAll(() => c.cleanup());

  it('malformed YAML names the file and the line', async () => {
    const f = write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data:\n  a: b\n');
    const r = await rejected(['apply', '-f', f]);
    expect(r.stderr).toMatch(new RegExp(`^error: error parsing ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: error converting YAML to JSON: yaml: line \\d+: `));
  });

  it('an API version 1.32 does not serve is rejected like kubectl does', async () => {
    const f = write('old.yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: nginx\n');
    const r = await rejected(['apply', '-f', f]);
    expect(r.stderr).toBe(`error: resource mapping not found for name: "old" namespace: "" from "${f}": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n`);
  });

  it('a selector that does not match the template labels is Invalid', async () => {
    const f = write('sel.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: other\n    spec:\n      containers:\n      - name: a\n        image: nginx\n');
    const r = await rejected(['apply', '-f', f]);
    expect(r.stderr).toBe('The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n');
  });

  it('a typo in a field name is caught by strict field validation', async () => {
    const f = write('typo.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  replica: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: a\n        image: nginx\n');
    const r = await rejected(['apply', '-f', f]);
    expect(r.stderr).toBe(`Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n`);
  });

  it('NotFound for get, describe, delete and scale', async () => {
    expect((await rejected(['get', 'pod', 'nope'])).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await rejected(['describe', 'deploy', 'nope'])).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await rejected(['delete', 'svc', 'nope'])).stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    expect((await rejected(['scale', 'deploy', 'nope', '--replicas=2'])).stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
  });

  it('unknown resource types, commands and flags', async () => {
    expect((await rejected(['get', 'foo'])).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect((await rejected(['get', 'pods', '--bogus'])).stderr).toBe("Error: unknown flag: --bogus\nSee 'kubesim get --help' for usage.\n");
    expect((await rejected(['gett', 'pods'])).stderr).toBe('Error: unknown command "gett" for "kubesim"\n\nDid you mean this?\n\tset\n\tget\n\n');
  });

  it('missing kind and missing file', async () => {
    const f = write('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\ndata:\n  a: b\n');
    // apply validates on the client first (kubectl create/apply --validate=true, the default)
    expect((await rejected(['apply', '-f', f])).stderr).toBe(`error: error validating "${f}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n`);
    expect((await rejected(['apply', '-f', f, '--validate=false'])).stderr).toBe(`error: unable to decode "${f}": Object 'Kind' is missing in '{"apiVersion":"v1","data":{"a":"b"},"metadata":{"name":"x"}}'\n`);
    expect((await rejected(['apply', '-f', 'does-not-exist.yaml'])).stderr).toBe('error: the path "does-not-exist.yaml" does not exist\n');
  });

  it('AlreadyExists from create', async () => {
    const r = await rejected(['create', 'deployment', 'nginx-deployment', '--image=nginx']);
    expect(r.stderr).toBe('error: failed to create deployment: deployments.apps "nginx-deployment" already exists\n');
  });

  it('a namespace that does not exist', async () => {
    const r = await rejected(['create', 'configmap', 'c', '--from-literal=a=b', '-n', 'nowhere']);
    expect(r.stderr).toBe('error: failed to create configmap: namespaces "nowhere" not found\n');
  });
});
