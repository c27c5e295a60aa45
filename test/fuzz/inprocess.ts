// Runs a kubesim command line inside the test process, through exactly what bin/kubesim.cjs runs
// (the argv parser, the verb, a Session on the state file with its lock and atomic save), with
// stdout and stderr captured. What src/cli/main.ts does with errors is repeated here: a KubeError
// prints its kubectl text and exits 1; anything else is a crash ("internal error", exit 2).
import { ROOT } from '../../src/cli/commands';
import { parse } from '../../src/cli/program';
import { KubeError } from '../../src/api/errors';
import { out, err } from '../../src/cli/io';

export interface InProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The error that would have been an internal error (a crash) in the CLI. */
  crash?: unknown;
}

export async function runInProcess(argv: string[]): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const saved = { ow: out.write, ol: out.line, ew: err.write, el: err.line };
  out.write = (s: string) => void (stdout += s);
  out.line = (s = '') => void (stdout += `${s}\n`);
  err.write = (s: string) => void (stderr += s);
  err.line = (s = '') => void (stderr += `${s}\n`);
  try {
    const parsed = parse(argv, ROOT);
    if ('help' in parsed) return { stdout: '(help)', stderr, exitCode: 0 };
    const code = await parsed.spec.run!(parsed.args, parsed.flags, parsed.ctx);
    return { stdout, stderr, exitCode: typeof code === 'number' ? code : 0 };
  } catch (e) {
    if (e instanceof KubeError) {
      const text = e.render();
      if (text) stderr += text.endsWith('\n') ? text : `${text}\n`;
      return { stdout, stderr, exitCode: e.exitCode };
    }
    return { stdout, stderr: `${stderr}error: internal error in kubesim: ${(e as Error)?.message}\n`, exitCode: 2, crash: e };
  } finally {
    out.write = saved.ow;
    out.line = saved.ol;
    err.write = saved.ew;
    err.line = saved.el;
  }
}
