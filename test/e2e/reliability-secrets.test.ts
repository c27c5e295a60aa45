// Secret values stay secret: the state file is the owner's alone (0600), and a value never shows up
// in `describe`, in events, or in an error message — the API server's Invalid errors redact what
// they would otherwise echo ("<secret contents redacted>", as ValidateSecret does for docker
// configs) and decoding errors name a byte offset, not the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster, type Result } from './harness';

// a value that appears nowhere else, and its base64 form (what the state and -o yaml hold)
const VALUE = 'Zq7-UNLIKELY-xK9-s3cr3t';
const B64 = Buffer.from(VALUE).toString('base64');

const c = new Cluster('kubesim-secrets');
const seen: Result[] = [];

function file(name: string, text: string): string {
  const f = path.join(c.dir, name);
  fs.writeFileSync(f, text);
  return f;
}

async function run(cmd: string[], expectExit: number): Promise<Result> {
  const r = await c.run(cmd);
  expect({ cmd: cmd.join(' '), exit: r.exitCode }).toEqual({ cmd: cmd.join(' '), exit: expectExit });
  seen.push(r);
  return r;
}

function secret(name: string, body: string): string {
  return file(`${name}.yaml`, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${body}`);
}

describe('secret values never leak', () => {
  beforeAll(async () => {
    await run(['create', 'secret', 'generic', 'lit', `--from-literal=password=${VALUE}`], 0);
    await run(['apply', '-f', secret('applied', `stringData:\n  password: "${VALUE}"\n`)], 0);
    await run(['apply', '-f', secret('raw', `data:\n  password: ${B64}\n`)], 0);
    await run(['apply', '-f', secret('imm', `immutable: true\nstringData:\n  password: "${VALUE}"\n`)], 0);
  });
  afterAll(() => c.cleanup());

  it('the state file holding them is readable by its owner only', () => {
    expect(fs.statSync(c.state).mode & 0o777).toBe(0o600);
    expect(c.stateBytes().toString()).toContain(B64); // (it is the cluster's etcd: the data is there)
  });

  it('describe shows sizes only, and hides the last-applied annotation that holds the data', async () => {
    const r = await run(['describe', 'secret', 'applied'], 0);
    expect(r.stdout).toBe(
      `Name:         applied\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  ${VALUE.length} bytes\n`,
    );
    await run(['describe', 'secrets'], 0);
    await run(['apply', '-f', file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: uses\nspec:\n  containers:\n  - name: c\n    image: nginx\n    env:\n    - name: PW\n      valueFrom:\n        secretKeyRef:\n          name: lit\n          key: password\n    envFrom:\n    - secretRef:\n        name: raw\n')], 0);
    const p = await run(['describe', 'pod', 'uses'], 0);
    expect(p.stdout).toContain("      PW:  <set to the key 'password' in secret 'lit'>  Optional: false\n");
  });

  it('Invalid errors redact docker config contents, as the API server does', async () => {
    const dj = await run(['apply', '-f', secret('dj', `type: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: "${VALUE}"\n`)], 1);
    expect(dj.stderr).toBe(`The Secret "dj" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'Z' looking for beginning of value\n`);
    const dc = await run(['apply', '-f', secret('dc', `type: kubernetes.io/dockercfg\ndata:\n  .dockercfg: ${B64}\n`)], 1);
    expect(dc.stderr).toBe(`The Secret "dc" is invalid: data[.dockercfg]: Invalid value: "<secret contents redacted>": invalid character 'Z' looking for beginning of value\n`);
  });

  it('decoding errors name an offset or a type, never the data', async () => {
    const nb = await run(['apply', '-f', secret('nb', `data:\n  password: "${VALUE}!"\n`)], 1);
    expect(nb.stderr).toMatch(/^Error from server \(BadRequest\): error when creating ".*nb\.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte \d+\n$/);
    const num = await run(['apply', '-f', secret('num', 'data:\n  password: 12345\n')], 1);
    expect(num.stderr).toContain('json: cannot unmarshal number into Go struct field Secret.data of type []uint8');
    await run(['patch', 'secret', 'raw', '-p', `{"data":{"password":"${VALUE}!"}}`], 1);
  });

  it('other rejections: immutable data, bad keys, missing keys, too large, already exists', async () => {
    const imm = await run(['apply', '-f', secret('imm', `immutable: true\nstringData:\n  password: "${VALUE}-changed"\n`)], 1);
    expect(imm.stderr).toBe('The Secret "imm" is invalid: data: Forbidden: field is immutable when `immutable` is set\n');
    const key = await run(['apply', '-f', secret('key', `stringData:\n  "bad key": "${VALUE}"\n`)], 1);
    expect(key.stderr).toMatch(/^The Secret "key" is invalid: data\[bad key\]: Invalid value: "bad key": a valid config key must consist of/);
    const ba = await run(['apply', '-f', secret('ba', `type: kubernetes.io/basic-auth\nstringData:\n  user: "${VALUE}"\n`)], 1);
    expect(ba.stderr).toBe('The Secret "ba" is invalid: \n* data[username]: Required value\n* data[password]: Required value\n');
    await run(['apply', '-f', secret('tls', `type: kubernetes.io/tls\nstringData:\n  tls.crt: "${VALUE}"\n`)], 1);
    await run(['apply', '-f', secret('big', `stringData:\n  password: "${VALUE}${'x'.repeat(1024 * 1024)}"\n`)], 1);
    await run(['create', 'secret', 'generic', 'lit', `--from-literal=password=${VALUE}`], 1);
  });

  it('events about the secrets and the pods using them carry no value', async () => {
    await run(['get', 'events', '-A', '-o', 'yaml'], 0);
    await run(['describe', 'pods'], 0);
  });

  it('in everything printed above, neither the value nor its base64 form appears', () => {
    expect(seen.length).toBeGreaterThan(15);
    for (const r of seen) {
      for (const text of [r.stdout, r.stderr]) {
        expect(text).not.toContain(VALUE);
        expect(text).not.toContain(B64);
      }
    }
  });
});
