// kubesim's entry point: parse the command line, run the verb, turn every user error into kubectl's
// text on stderr with exit code 1. A stack trace reaching the user is a bug (KUBESIM_DEBUG=1 shows it).
import { ROOT } from './commands';
import { parse } from './program';
import { KubeError } from '../api/errors';
import { commandHelp, rootHelp } from './help';
import { installCustomKindLoader } from '../cluster/crds';
import { resolveStatePath } from '../store/statefile';
// `kubesim get pods | head`: a closed pipe ends the command quietly, as it does for kubectl (see io.ts)
import { out, err } from './io';

async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv, ROOT);
  if ('help' in parsed) {
    const text = parsed.help === ROOT ? rootHelp(ROOT) : commandHelp(parsed.help, parsed.path);
    // a command group run without a subcommand prints its help and fails, as kubectl's do
    const isGroupWithoutRun = parsed.help !== ROOT && !parsed.help.run && !argv.includes('--help') && !argv.includes('-h');
    out.write(text);
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
    if (text) err.write(text.endsWith('\n') ? text : `${text}\n`);
    finish(e.exitCode);
    return;
  }
  const error = e as Error;
  if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') {
    finish(0);
    return;
  }
  err.write(`error: internal error in kubesim: ${error?.message ?? String(e)}\n`);
  if (process.env.KUBESIM_DEBUG) err.write(`${error?.stack ?? ''}\n`);
  else err.write('Please report this with the command you ran (set KUBESIM_DEBUG=1 to see details).\n');
  finish(2);
});
