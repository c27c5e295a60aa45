// kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]: runs a program in a
// simulated container (see src/kubelet/exec.ts) with kubectl's checks, notices and errors.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { CliError, RawError, StatusError } from '../../api/errors';
import { cluster, namespaceOf } from '../common';
import type { RunContext } from '../spec';
import { err, out, progName, stdStream } from '../io';
import { defaultContainer, findContainer, resolvePod } from './pod-target';

export async function runExec(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const files = (flags.filename as string[]) ?? [];
  const hasDash = ctx.dashArgs.length > 0 || process.argv.includes('--');
  // Complete: the old `exec POD COMMAND` form is gone
  if (!hasDash && args.length > 1) throw new RawError(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee '${progName()} exec -h' for help and examples`);
  if (args.length === 0 && files.length === 0) throw new CliError('pod, type/name or --filename must be specified');
  const command = ctx.dashArgs;
  if (command.length === 0) throw new CliError('you must specify at least one command for the container');
  if (files.length) throw new CliError('exec -f is not supported by kubesim; name the pod');
  const quiet = !!flags.quiet;
  const stdinFlag = !!flags.stdin;
  let tty = !!flags.tty && stdinFlag;
  if (tty && !process.stdin.isTTY) {
    tty = false;
    if (!quiet) err.line('Unable to use a TTY - input is not a terminal or the right kind of file');
  }
  const shellName = command[0]!.split('/').pop()!;
  if (tty && ['sh', 'ash', 'bash', 'dash'].includes(shellName) && command.length === 1) return interactive(args[0]!, flags, ctx, command[0]!);
  const input = stdinFlag && !tty ? readStdin() : Buffer.alloc(0);
  const ns = namespaceOf(ctx);
  const { execInContainer, containerRun, ExecStartError } = await import('../../kubelet/exec');
  const result = cluster(ctx, (s) => {
    const { pod } = resolvePod(s, args[0]!, ns, 'attach');
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') throw new CliError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
    let name = (flags.container as string) || '';
    if (!name) name = defaultContainer(pod, quiet, (l) => err.line(l)).name;
    else if (!findContainer(pod, name)) throw new StatusError('BadRequest', `container ${name} is not valid for pod ${pod.metadata.name}`);
    if (!pod.spec?.nodeName) throw new StatusError('BadRequest', `pod ${pod.metadata.name} does not have a host assigned`);
    const run = containerRun(s.ctx, pod, name).current;
    if (!run || !run.running) throw new CliError(`unable to upgrade connection: container not found ("${name}")`);
    try {
      return execInContainer(s.ctx, pod, run, command, { stdin: input, tty });
    } catch (e) {
      if (e instanceof ExecStartError) throw new CliError(e.message);
      throw e;
    }
  });
  for (const c of result.chunks) {
    const data = tty ? Buffer.from(c.data.toString('utf8').replace(/\r?\n/g, '\r\n')) : c.data;
    stdStream(c.fd === 1 || tty ? 1 : 2).write(data);
  }
  if (result.code !== 0) throw new RawError(`command terminated with exit code ${result.code}`, result.code);
  void out;
  return 0;
}

/** `exec -it POD -- sh` at a terminal: a prompt, one simulated command line at a time. */
async function interactive(target: string, flags: Record<string, unknown>, ctx: RunContext, shell: string): Promise<number> {
  const { containerRun, interactiveLine, shellPrompt } = await import('../../kubelet/exec');
  const ns = namespaceOf(ctx);
  const quiet = !!flags.quiet;
  let state: import('../../kubelet/exec').ShellState | undefined;
  let prompt = '';
  // check the container once before showing a prompt
  cluster(ctx, (s) => {
    const { pod } = resolvePod(s, target, ns, 'attach');
    const name = pickContainer(pod, flags, quiet);
    const run = containerRun(s.ctx, pod, name).current;
    if (!run || !run.running) throw new CliError(`unable to upgrade connection: container not found ("${name}")`);
    const r = interactiveLine(s.ctx, pod, run, shell, undefined, ':');
    state = r.state;
    prompt = r.prompt;
    void shellPrompt;
  });
  const rl = readline.createInterface({ input: process.stdin, output: stdStream(1), terminal: true });
  rl.setPrompt(prompt);
  rl.prompt();
  for await (const line of rl) {
    const r = cluster(ctx, (s) => {
      const { pod } = resolvePod(s, target, ns, 'attach');
      const name = pickContainer(pod, flags, true);
      const run = containerRun(s.ctx, pod, name).current;
      if (!run || !run.running) throw new CliError(`unable to upgrade connection: container not found ("${name}")`);
      return interactiveLine(s.ctx, pod, run, shell, state, line);
    });
    for (const c of r.chunks) stdStream(1).write(c.data);
    state = r.state;
    if (r.exited) break;
    rl.setPrompt(r.prompt);
    rl.prompt();
  }
  rl.close();
  const code = state?.status ?? 0;
  if (code !== 0) throw new RawError(`command terminated with exit code ${code}`, code);
  return 0;
}

function pickContainer(pod: import('../../api/types').KObject, flags: Record<string, unknown>, quiet: boolean): string {
  const name = (flags.container as string) || '';
  if (!name) return defaultContainer(pod, quiet, (l) => err.line(l)).name;
  if (!findContainer(pod, name)) throw new StatusError('BadRequest', `container ${name} is not valid for pod ${pod.metadata.name}`);
  return name;
}

function readStdin(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch {
    return Buffer.alloc(0);
  }
}
