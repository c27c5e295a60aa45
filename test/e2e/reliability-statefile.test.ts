// A state file kubesim cannot use — truncated, corrupt, from a newer kubesim, unreadable, in a
// directory it cannot write — gets a clear error (never a stack trace), is left untouched, and the
// message names the way out; `kubesim cluster reset` then starts over and keeps a backup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, Cluster, ROOT, cleanEnv, type Result } from './harness';
import { readStateFile } from '../../src/cluster/session';

const c = new Cluster('kubesim-statefile');
let good: Buffer;

function wayOut(file: string): string {
  return `To start over, run "kubesim cluster reset" (it keeps a copy of the old file as ${file}.bak), or point --state/KUBESIM_STATE at another file.`;
}

/** Runs kubesim on `file`, checking the rules every failure must keep. */
async function rejectedOn(file: string, args: string[] = ['get', 'pods']): Promise<string> {
  const before = fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
  const r = await c.run(args, { env: { KUBESIM_STATE: file } });
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(r.stderr).not.toContain('internal error');
  if (before) expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
  return r.stderr;
}

/** The header line of a state file (schema version 2), and the file with another header. */
function headerOf(file: Buffer): Record<string, unknown> {
  return JSON.parse(file.subarray(0, file.indexOf(10)).toString());
}
function withHeader(file: Buffer, h: Record<string, unknown>): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify(h)), file.subarray(file.indexOf(10))]);
}

function put(name: string, content: string | Buffer): string {
  const f = path.join(c.dir, name);
  fs.writeFileSync(f, content);
  return f;
}

describe('state files kubesim cannot use', () => {
  beforeAll(async () => {
    expect((await c.run(['create', 'configmap', 'keep', '--from-literal=a=b'])).exitCode).toBe(0);
    good = c.stateBytes();
  });
  afterAll(() => c.cleanup());

  it('a truncated file: the error says so, and `cluster reset` starts over keeping a 0600 backup', async () => {
    const cut = good.subarray(0, 5000);
    const f = put('truncated.json', cut);
    expect(await rejectedOn(f)).toBe(`error: the kubesim state file ${f} is corrupt: it ends abruptly after 5000 bytes (it was cut short)\n${wayOut(f)}\n`);
    expect(await rejectedOn(f, ['create', 'configmap', 'x'])).toContain('is corrupt: it ends abruptly');
    const r = await c.run(['cluster', 'reset'], { env: { KUBESIM_STATE: f } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`cluster "kubesim" reset: 1 control-plane node, 2 worker nodes; manual clock at 2026-01-01T00:00:00Z; seed 1\nprevious state kept in ${f}.bak\n`);
    expect(fs.readFileSync(`${f}.bak`).equals(cut)).toBe(true);
    expect(fs.statSync(`${f}.bak`).mode & 0o777).toBe(0o600);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    const after = await c.run(['get', 'ns', '-o', 'name'], { env: { KUBESIM_STATE: f } });
    expect(after.stdout).toContain('namespace/default\n');
    expect(after.stdout).toContain('namespace/kube-system\n');
  });

  it('garbage, an empty file, and JSON that is not a state file', async () => {
    const g = put('garbage.json', 'garbage\n');
    expect(await rejectedOn(g)).toBe(`error: the kubesim state file ${g} is corrupt: it is not valid JSON\n${wayOut(g)}\n`);
    const bad = put('badjson.json', good.toString().replace('"clock":{', '"clock":{,'));
    expect(await rejectedOn(bad)).toMatch(new RegExp(`^error: the kubesim state file ${bad} is corrupt: it is not valid JSON \\(syntax error at character \\d+ of ${good.length + 1}\\)\n`));
    const e = put('empty.json', '');
    expect(await rejectedOn(e)).toBe(`error: the kubesim state file ${e} is corrupt: the file is empty\n${wayOut(e)}\n`);
    const other = put('other.json', '{"apiVersion": "v1", "kind": "Config"}');
    expect(await rejectedOn(other)).toBe(`error: ${other} is not a kubesim state file\n${wayOut(other)}\n`);
    const missing = put('missing.json', withHeader(good, { ...headerOf(good), clock: undefined }));
    expect(await rejectedOn(missing)).toBe(`error: the kubesim state file ${missing} is corrupt: required sections are missing\n${wayOut(missing)}\n`);
  });

  it('a hand-edited file whose objects are not objects is corrupt, not a crash', async () => {
    // in the sections of a version 2 file: found when the command reads that section
    const text = good.toString('latin1');
    const at = text.lastIndexOf('"metadata":{', text.indexOf('"name":"keep"'));
    const f = put('badobject.json', Buffer.from(`${text.slice(0, at)}"metadatX":{${text.slice(at + 12)}`, 'latin1'));
    expect(await rejectedOn(f, ['get', 'configmaps'])).toBe(`error: the kubesim state file ${f} is corrupt: objects.ConfigMap[0] is not an object with a metadata.name\n${wayOut(f)}\n`);
    const garbled = put('badsection.json', Buffer.from(`${text.slice(0, at)}"metadata"{{${text.slice(at + 12)}`, 'latin1'));
    expect(await rejectedOn(garbled, ['get', 'configmaps'])).toBe(`error: the kubesim state file ${garbled} is corrupt: its objects.ConfigMap section is not valid JSON\n${wayOut(garbled)}\n`);
    // and in a version 1 file (one JSON document, as kubesim 0.1 wrote), still read
    const state = readStateFile(c.state)!;
    (state.objects.ConfigMap as unknown[]).push(42);
    const v1 = put('badobject-v1.json', JSON.stringify({ ...state, schemaVersion: 1 }));
    expect(await rejectedOn(v1)).toBe(`error: the kubesim state file ${v1} is corrupt: objects.ConfigMap[${state.objects.ConfigMap!.length - 1}] is not an object with a metadata.name\n${wayOut(v1)}\n`);
  });

  it('a version 1 file (one JSON document) is read, and saved as version 2', async () => {
    const state = readStateFile(c.state)!;
    const f = put('v1.json', JSON.stringify({ ...state, schemaVersion: 1 }));
    const r = await c.run(['get', 'configmap', 'keep', '-o', 'name'], { env: { KUBESIM_STATE: f } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/keep\n');
    expect((await c.run(['label', 'configmap', 'keep', 'x=y'], { env: { KUBESIM_STATE: f } })).stdout).toBe('configmap/keep labeled\n');
    expect(headerOf(fs.readFileSync(f)).schemaVersion).toBe(2);
    expect(readStateFile(f)!.objects.ConfigMap!.find((o) => o.metadata.name === 'keep')!.metadata.labels).toEqual({ x: 'y' });
  });

  it('a file from a newer kubesim: upgrade, or reset', async () => {
    const f = put('newer.json', withHeader(good, { ...headerOf(good), schemaVersion: 99 }));
    expect(await rejectedOn(f)).toBe(
      `error: the kubesim state file ${f} was written by a newer kubesim (schema version 99; this kubesim reads version 2)\nUpgrade kubesim, or to start over, run "kubesim cluster reset" (it keeps a copy of the old file as ${f}.bak), or point --state/KUBESIM_STATE at another file.\n`,
    );
  });

  it('a directory where the state file should be', async () => {
    const d = path.join(c.dir, 'adir');
    fs.mkdirSync(d);
    expect(await rejectedOn(d)).toBe(`error: the kubesim state path ${d} is a directory, not a file\nPoint --state/KUBESIM_STATE at a file (it is created when missing).\n`);
  });

  it('--state before the verb names the file (and its value is not taken for a command)', async () => {
    const f = put('flagged.json', good);
    const r = await c.run(['--state', f, 'get', 'configmap', 'keep', '-o', 'name'], { env: { KUBESIM_STATE: path.join(c.dir, 'not-this.json') } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/keep\n');
    expect(fs.existsSync(path.join(c.dir, 'not-this.json'))).toBe(false);
  });
});

describe('permissions', () => {
  const asRoot = process.getuid?.() === 0;
  const canTest = process.platform !== 'win32';

  /** Runs kubesim without the rights to the file: as `nobody` when we are root, else as ourselves after chmod. */
  function runRestricted(args: string[], state: string): Result {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: cleanEnv({ KUBESIM_STATE: state, HOME: '/nonexistent' }),
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
  }

  it('a new state file is created 0600 in a 0700 directory, and a save puts 0600 back', async () => {
    const dir = path.join(c.dir, 'fresh', 'nested');
    const f = path.join(dir, 'state.json');
    const r = await c.run(['get', 'ns'], { env: { KUBESIM_STATE: f } });
    expect(r.exitCode).toBe(0);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.chmodSync(f, 0o644);
    expect((await c.run(['create', 'configmap', 'x'], { env: { KUBESIM_STATE: f } })).exitCode).toBe(0);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });

  it.skipIf(!canTest)('a state file kubesim may not read', () => {
    const dir = path.join(c.dir, 'unreadable');
    fs.mkdirSync(dir, { mode: 0o777 });
    fs.chmodSync(dir, 0o777);
    const f = path.join(dir, 'state.json');
    fs.writeFileSync(f, good, { mode: 0o600 });
    if (!asRoot) fs.chmodSync(f, 0o000);
    fs.chmodSync(c.dir, 0o755); // (the temp dir itself must be traversable by `nobody`)
    const r = runRestricted(['get', 'pods'], f);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: cannot read the kubesim state file ${f}: permission denied\nFix its permissions (chmod 600 ${f}) or use another file with --state or KUBESIM_STATE.\n`);
    expect(fs.existsSync(`${f}.lock`)).toBe(false);
    fs.chmodSync(f, 0o600);
    expect(fs.readFileSync(f).equals(good)).toBe(true);
  });

  it.skipIf(!canTest)('a state file in a directory kubesim may not write', () => {
    const dir = path.join(c.dir, 'readonly');
    fs.mkdirSync(dir);
    const f = path.join(dir, 'state.json');
    fs.writeFileSync(f, good, { mode: 0o644 });
    fs.chmodSync(dir, 0o555);
    fs.chmodSync(c.dir, 0o755);
    const r = runRestricted(['create', 'configmap', 'nope'], f);
    fs.chmodSync(dir, 0o755);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot create the lock file ${f}.lock: permission denied\nkubesim needs write access to the directory of its state file (${dir}). Fix its permissions, or point --state/KUBESIM_STATE at a file in a directory you can write.\n`,
    );
    expect(fs.readFileSync(f).equals(good)).toBe(true);
  });
});
