// kubesim's entry point: parse the command line, run the verb, turn every user error into kubectl's
// text on stderr with exit code 1. A stack trace reaching the user is a bug (KUBESIM_DEBUG=1 shows it).
import { ROOT } from './commands';
import { parse } from './program';
import { KubeError } from '../api/errors';
import { commandHelp, rootHelp } from './help';
import { installCustomKindLoader } from '../cluster/crds';
import { resolveStatePath } from '../store/statefile';

// `kubesim get pods | head`: a closed pipe ends the command quietly, as it does for kubectl
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv, ROOT);
  if ('help' in parsed) {
    const text = parsed.help === ROOT ? rootHelp(ROOT) : commandHelp(parsed.help, parsed.path);
    // a command group run without a subcommand prints its help and fails, as kubectl's do
    const isGroupWithoutRun = parsed.help !== ROOT && !parsed.help.run && !argv.includes('--help') && !argv.includes('-h');
    process.stdout.write(text);
    return isGroupWithoutRun ? 1 : 0;
  }
  // resource names of custom kinds resolve before the verb opens the cluster
  installCustomKindLoader(() => resolveStatePath(parsed.ctx.globals.state));
  const code = await parsed.spec.run!(parsed.args, parsed.flags, parsed.ctx);
  return typeof code === 'number' ? code : 0;
}

function finish(code: number): void {
  process.exitCode = code;
}

main(process.argv.slice(2)).then(finish, (e: unknown) => {
  if (e instanceof KubeError) {
    const text = e.render();
    if (text) process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    finish(e.exitCode);
    return;
  }
  const err = e as Error;
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') {
    finish(0);
    return;
  }
  process.stderr.write(`error: internal error in kubesim: ${err?.message ?? String(e)}\n`);
  if (process.env.KUBESIM_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  else process.stderr.write('Please report this with the command you ran (set KUBESIM_DEBUG=1 to see details).\n');
  finish(2);
});
