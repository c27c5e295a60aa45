import { describe, expect, it } from 'vitest';
import { programFor } from '../../src/kubelet/program';

const run = (image: string, command: string[], annotations?: Record<string, string>) => programFor({ name: 'c', image, command }, annotations, false);

describe('how long Job containers run', () => {
  it('reads the usual Job commands', () => {
    expect(run('perl:5.34.0', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'])).toEqual({ kind: 'exit', afterMs: 4000, code: 0 });
    expect(run('busybox:1.36', ['sleep', '30'])).toEqual({ kind: 'exit', afterMs: 30_000, code: 0 });
    expect(run('busybox:1.36', ['sh', '-c', 'echo working; sleep 2; exit 1'])).toEqual({ kind: 'exit', afterMs: 2000, code: 1 });
    expect(run('busybox:1.36', ['echo', 'hello'])).toEqual({ kind: 'exit', afterMs: 100, code: 0 });
    expect(run('busybox:1.36', ['sh', '-c', 'exit 3'])).toEqual({ kind: 'exit', afterMs: 100, code: 3 });
  });

  it('reads one-line interpreter scripts', () => {
    expect(run('python:3.12', ['python', '-c', 'import time, sys; time.sleep(5); sys.exit(2)'])).toEqual({ kind: 'exit', afterMs: 5000, code: 2 });
    expect(run('python:3.12', ['python3', '-c', 'print("hi")'])).toEqual({ kind: 'exit', afterMs: 100, code: 0 });
    expect(run('python:3.12', ['python', '-c', 'while True: pass'])).toEqual({ kind: 'serve' });
    expect(run('node:20', ['node', '-e', 'setTimeout(() => process.exit(1), 3000)'])).toEqual({ kind: 'exit', afterMs: 3000, code: 1 });
    expect(run('perl:5.34.0', ['perl', '-e', 'sleep 2; exit 4'])).toEqual({ kind: 'exit', afterMs: 2000, code: 4 });
  });

  it('the annotations decide when given', () => {
    expect(run('busybox:1.36', ['sleep', '3600'], { 'kubesim.dev/run-seconds': '7', 'kubesim.dev/exit-code': '1' })).toEqual({ kind: 'exit', afterMs: 7000, code: 1 });
  });
});
