import { describe, expect, it } from 'vitest';
import { ContainerFs, StaticBackend, StoredBackend, type Mount, type VNode } from '../../src/kubelet/vfs';
import type { StoredTree } from '../../src/kubelet/files';
import { runProgram, type ExecHost } from '../../src/kubelet/tools';
import { evalArith, parseScript, type Dialect } from '../../src/kubelet/shell';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A container filesystem: an image layer with a few programs and files, under a writable layer. */
function makeFs(opts: { ro?: string } = {}) {
  const nodes = new Map<string, VNode>();
  const d = (p: string, mode = 0o755) => nodes.set(p, { type: 'd', mode, mtime: T0 });
  const f = (p: string, data: string, mode = 0o644) => nodes.set(p, { type: 'f', data: Buffer.from(data), mode, mtime: T0 });
  d('');
  for (const p of ['bin', 'etc', 'tmp', 'usr', 'usr/bin', 'data']) d(p);
  for (const b of ['sh', 'echo', 'cat', 'ls', 'env', 'printenv', 'mkdir', 'rm', 'touch', 'grep', 'wc', 'head', 'tail', 'sort', 'date', 'sleep', 'true', 'false', 'hostname', 'id', 'seq', 'cut', 'tr', 'cp', 'mv', 'uniq', 'tee', 'test', '[', 'ps', 'perl']) f(`bin/${b}`, 'ELF', 0o755);
  f('etc/motd', 'hello\nworld\n');
  const tree: StoredTree = { n: {} };
  const mounts: Mount[] = [{ at: '/', sub: '', readOnly: false, backend: new StoredBackend(() => tree, new StaticBackend(nodes)) }];
  if (opts.ro) {
    const ro = new Map<string, VNode>([['', { type: 'd', mode: 0o777, mtime: T0 }], ['key', { type: 'f', data: Buffer.from('v'), mode: 0o644, mtime: T0 }]]);
    mounts.push({ at: opts.ro, sub: '', readOnly: true, backend: new StaticBackend(ro) });
  }
  return { fs: new ContainerFs(mounts), tree };
}

function run(script: string, opts: { dialect?: Dialect; flavor?: 'busybox' | 'gnu'; env?: Record<string, string>; ro?: string; stdin?: string } = {}) {
  const { fs, tree } = makeFs({ ro: opts.ro });
  let t = T0;
  const dialect = opts.dialect ?? 'ash';
  const host: ExecHost = {
    fs,
    dialect,
    sh: dialect,
    now: () => t,
    sleep: (ms) => (t += ms),
    expired: () => false,
    run: (io, h) => runProgram(io, h as ExecHost),
    which: (name) => (name.includes('/') ? (fs.exists(name) ? name : undefined) : fs.exists(`/bin/${name}`) ? `/bin/${name}` : undefined),
    hostname: 'web-0',
    pid: 7,
    flavor: opts.flavor ?? (dialect === 'ash' ? 'busybox' : 'gnu'),
    podIP: '10.244.1.5',
    fqdn: 'web-0',
    rootId: 'uid=0(root) gid=0(root) groups=0(root)',
    cpus: 4,
    kernel: '6.8.0-51-generic',
    tty: false,
  };
  let out = '';
  let err = '';
  const shName = dialect === 'bash' ? 'bash' : 'sh';
  const code = runProgram(
    { argv: [shName, '-c', script], stdin: Buffer.from(opts.stdin ?? ''), env: new Map(Object.entries({ PATH: '/bin', HOME: '/root', ...(opts.env ?? {}) })), cwd: '/', out: (s) => (out += s.toString()), err: (s) => (err += s) },
    host,
  );
  return { out, err, code, fs, tree, elapsed: t - T0 };
}

describe('shell: words and expansion', () => {
  it('quotes, variables, defaults and command substitution', () => {
    expect(run(`X=world; echo "hello $X" 'and $X' \${Y:-dflt} \${#X}`).out).toBe('hello world and $X dflt 5\n');
    expect(run('echo $(echo inner) `echo back`').out).toBe('inner back\n');
    expect(run('A="a  b"; for w in $A; do echo "[$w]"; done; echo "[$A]"').out).toBe('[a]\n[b]\n[a  b]\n');
    expect(run('echo \\$HOME "$HOME" ~').out).toBe('$HOME /root ~\n');
    expect(run('echo $((3 + 4 * 2)) $((10 / 3)) $(( (1+2) == 3 ))').out).toBe('11 3 1\n');
  });

  it('exported variables reach programs, plain ones do not', () => {
    expect(run('A=1; export B=2; env | grep -E "^(A|B)="').out).toBe('B=2\n');
    expect(run('C=3 printenv C; printenv C; echo $?').out).toBe('3\n1\n');
  });

  it('globbing over the container filesystem, sorted, no match kept', () => {
    expect(run('echo /etc/*; echo /nope/*').out).toBe('/etc/motd\n/nope/*\n');
  });
});

describe('shell: control flow', () => {
  it('lists, and-or, negation and exit status', () => {
    expect(run('false || echo a; true && echo b; false && echo c; ! false; echo $?').out).toBe('a\nb\n0\n');
    expect(run('exit 3').code).toBe(3);
    expect(run('false').code).toBe(1);
  });

  it('if / for / while / until with break and continue', () => {
    expect(run('if [ -f /etc/motd ]; then echo yes; elif true; then echo no; else echo never; fi').out).toBe('yes\n');
    expect(run('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done').out).toBe('1\n3\n');
    expect(run('n=0; while [ $n -lt 3 ]; do n=$((n+1)); echo $n; done').out).toBe('1\n2\n3\n');
    expect(run('n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo $n').out).toBe('2\n');
  });

  it('sleep moves the virtual clock that date reads', () => {
    const r = run('date; sleep 90; date +%T; sleep 1m');
    expect(r.out).toBe('Thu Jan  1 00:00:00 UTC 2026\n00:01:30\n');
    expect(r.elapsed).toBe(150_000);
  });

  it('pipelines feed one program into the next', () => {
    expect(run('cat /etc/motd | grep -n o | wc -l').out).toBe('2\n');
    expect(run('seq 5 | sort -r | head -n 2 | tr "\\n" " "').out).toBe('5 4 ');
    expect(run('printf "b\\na\\nb\\n" | sort | uniq -c').out).toBe('      1 a\n      2 b\n');
    expect(run('echo a:b:c | cut -d: -f2,3').out).toBe('b:c\n');
  });
});

describe('shell: redirection and files', () => {
  it('> truncates, >> appends, < reads, 2>&1 and /dev/null', () => {
    const r = run('echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; cat /nope 2>/dev/null || echo gone; cat /nope 2>&1 | wc -l');
    expect(r.out).toBe('one\ntwo\ngone\n1\n');
    expect(r.tree.n['tmp/f']).toMatchObject({ t: 'f', d: 'one\ntwo\n' });
  });

  it('mkdir -p, touch, rm -r, cp and mv in the writable layer; removing an image file leaves a whiteout', () => {
    const r = run('mkdir -p /a/b/c; touch /a/b/c/x; cp /etc/motd /a/m; mv /a/m /a/n; rm /etc/motd; ls /a /a/b/c; cat /a/n; ls /etc');
    expect(r.out).toBe('/a:\nb\nn\n\n/a/b/c:\nx\nhello\nworld\n');
    expect(r.tree.n['etc/motd']).toEqual({ t: 'x', m: 0, at: 0 });
    expect(run('mkdir -p /q/r && rm -r /q && ls /q').err).toBe('ls: /q: No such file or directory\n');
  });

  it('read-only mounts refuse writes with each shell\'s message', () => {
    expect(run('echo x > /cfg/new', { ro: '/cfg' }).err).toBe("sh: can't create /cfg/new: Read-only file system\n");
    expect(run('echo x > /cfg/new', { ro: '/cfg', dialect: 'dash' }).err).toBe('sh: 1: cannot create /cfg/new: Read-only file system\n');
    expect(run('echo x > /cfg/new', { ro: '/cfg', dialect: 'bash' }).err).toBe('bash: /cfg/new: Read-only file system\n');
    expect(run('touch /cfg/k', { ro: '/cfg', flavor: 'gnu' }).err).toBe("touch: cannot touch '/cfg/k': Read-only file system\n");
    expect(run('echo x > /nodir/f', { dialect: 'dash' }).err).toBe('sh: 1: cannot create /nodir/f: Directory nonexistent\n');
  });
});

describe('shell: programs and errors as each image has them', () => {
  it('unknown commands: ash, dash and bash wording, status 127', () => {
    expect(run('foo')).toMatchObject({ err: 'sh: foo: not found\n', code: 127 });
    expect(run('foo', { dialect: 'dash' })).toMatchObject({ err: 'sh: 1: foo: not found\n', code: 127 });
    expect(run('true\nfoo', { dialect: 'bash' })).toMatchObject({ err: 'bash: foo: command not found\n', code: 127 });
  });

  it('busybox and coreutils error texts', () => {
    expect(run('cat /nope').err).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(run('cat /nope', { flavor: 'gnu', dialect: 'dash' }).err).toBe('cat: /nope: No such file or directory\n');
    expect(run('ls /nope', { flavor: 'gnu', dialect: 'dash' })).toMatchObject({ err: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
    expect(run('mkdir /etc', { flavor: 'gnu', dialect: 'dash' }).err).toBe("mkdir: cannot create directory '/etc': File exists\n");
    expect(run('rm /tmp').err).toBe("rm: '/tmp' is a directory\n");
    expect(run('cd /nope', { dialect: 'dash' }).err).toBe("sh: 1: cd: can't cd to /nope\n");
  });

  it('a program the image has but kubesim does not simulate says so', () => {
    expect(run('ps aux')).toMatchObject({ err: 'kubesim: "ps" exists in this image, but kubesim does not simulate it\n', code: 126 });
  });

  it('unsupported shell syntax is refused, not guessed', () => {
    expect(run('case x in x) echo;; esac')).toMatchObject({ err: 'kubesim: the simulated shell does not support case\n', code: 2 });
    expect(run('cat <<EOF\nx\nEOF').err).toBe('kubesim: the simulated shell does not support here-documents (<<)\n');
  });

  it('syntax errors in each dialect', () => {
    // checked against dash 0.5.12 and bash 5.2.15 (the shells of Debian bookworm images)
    expect(run('if true; then echo x')).toMatchObject({ err: 'sh: syntax error: unexpected end of file (expecting "fi")\n', code: 2 });
    expect(run('for x in a; do', { dialect: 'dash' }).err).toBe('sh: 1: Syntax error: end of file unexpected (expecting "done")\n');
    expect(run('echo "open', { dialect: 'dash' }).err).toBe('sh: 1: Syntax error: Unterminated quoted string\n');
    expect(run('echo )', { dialect: 'dash' }).err).toBe('sh: 1: Syntax error: ")" unexpected\n');
    expect(run('fi', { dialect: 'bash' }).err).toBe("bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `fi'\n");
    expect(run('for x in a; do', { dialect: 'bash' }).err).toBe('bash: -c: line 2: syntax error: unexpected end of file\n');
  });

  it('echo: dash interprets escapes, busybox needs -e', () => {
    expect(run('echo "a\\tb"', { dialect: 'dash' }).out).toBe('a\tb\n');
    expect(run('echo "a\\tb"').out).toBe('a\\tb\n');
    expect(run('echo -e "a\\tb"; echo -n x').out).toBe('a\tb\nx');
  });

  it('ls -l in busybox and GNU layouts', () => {
    expect(run('ls -l /etc').out).toBe('total 4\n-rw-r--r--    1 root     root            12 Jan  1 00:00 motd\n');
    expect(run('ls -l /etc', { flavor: 'gnu', dialect: 'dash' }).out).toBe('total 4\n-rw-r--r-- 1 root root 12 Jan  1 00:00 motd\n');
    expect(run('ls -a /etc').out).toBe('.\n..\nmotd\n');
  });

  it('perl: the Job example of the Kubernetes docs prints pi as Math::BigFloat does', () => {
    expect(run("perl -Mbignum=bpi -wle 'print bpi(10)'").out).toBe('3.141592654\n');
    expect(run("perl -Mbignum=bpi -wle 'print bpi(50)'").out).toBe('3.1415926535897932384626433832795028841971693993751\n');
    expect(run("perl -e 'print 1'").code).toBe(126);
  });

  it('hostname, id, stdin for programs', () => {
    expect(run('hostname; hostname -i; id').out).toBe('web-0\n10.244.1.5\nuid=0(root) gid=0(root) groups=0(root)\n');
    expect(run('cat | tr a-z A-Z', { stdin: 'shout\n' }).out).toBe('SHOUT\n');
  });
});

describe('shell: parsing and arithmetic', () => {
  it('parses compound commands', () => {
    expect(parseScript('a; b && c | d')).toMatchObject({ k: 'list', items: [{ k: 'simple' }, { k: 'andor', rest: [{ op: '&&', node: { k: 'pipe' } }] }] });
  });

  it('evaluates integer arithmetic with precedence', () => {
    expect(evalArith('2 + 3 * 4 - (6 / 4) % 2 ** 2', () => undefined)).toBe(13);
    expect(evalArith('n > 2 && n < 5', (n) => (n === 'n' ? '3' : undefined))).toBe(1);
  });
});
