// Shell completion: a bash or zsh script that completes commands, flags, resource types and the
// names of objects in the simulated cluster (via the hidden `kubesim __complete`).
import { ROOT } from '../commands';
import { GLOBAL_FLAGS, type CommandSpec } from '../spec';
import { CliError } from '../../api/errors';
import { registry } from '../../api/registry';
import { cluster, namespaceOf } from '../common';
import type { RunContext } from '../spec';
import { out, progName } from '../io';

export async function runCompletion(args: string[]): Promise<number> {
  const shell = args[0];
  if (!shell) throw new CliError('Shell not specified.');
  if (args.length > 1) throw new CliError('Too many arguments. Expected only the shell type.');
  const prog = progName();
  const fn = `__${prog.replace(/[^a-zA-Z0-9_]/g, '_')}_complete`;
  if (shell === 'bash') {
    out.write(`# bash completion for ${prog}
${fn}() {
    local cur words
    cur="\${COMP_WORDS[COMP_CWORD]}"
    words=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
    local IFS=$'\\n'
    COMPREPLY=( $(compgen -W "$(${prog} __complete "\${words[@]}" 2>/dev/null)" -- "$cur") )
}
complete -o default -F ${fn} ${prog}
`);
    return 0;
  }
  if (shell === 'zsh') {
    out.write(`#compdef ${prog}
# zsh completion for ${prog}
${fn}() {
    local -a candidates
    candidates=("\${(@f)$(${prog} __complete "\${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
    compadd -- $candidates
}
compdef ${fn} ${prog}
`);
    return 0;
  }
  throw new CliError(`Unsupported shell type "${shell}".`);
}

/** Candidates for the next word after `words`. */
export async function runComplete(_args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const words = ctx.dashArgs.length ? ctx.dashArgs : _args;
  let spec: CommandSpec = ROOT;
  const positional: string[] = [];
  for (const w of words) {
    if (w.startsWith('-')) continue;
    const sub = spec.subcommands?.find((s) => s.name === w || s.aliases?.includes(w));
    if (sub && positional.length === 0) spec = sub;
    else positional.push(w);
  }
  const lines: string[] = [];
  if (spec.subcommands?.length && positional.length === 0) lines.push(...spec.subcommands.filter((s) => !s.hidden).map((s) => s.name));
  if (spec.run) {
    const takesResources = ['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'image', 'history', 'status', 'undo', 'pause', 'resume', 'restart'].includes(spec.name);
    if (takesResources && positional.length === 0) {
      lines.push(...registry.all().filter((i) => !i.virtual).map((i) => i.plural));
    } else if (takesResources && positional.length >= 1 && !positional[0]!.includes('/')) {
      const info = registry.resolve(positional[0]!.split(',')[0]!);
      if (info) {
        const names = cluster(ctx, (s) => s.store.list(`${info.kind}${info.group ? `.${info.group}` : ''}`, info.namespaced ? namespaceOf(ctx) : undefined).map((o) => o.metadata.name), { readOnly: true });
        lines.push(...names);
      }
    }
    lines.push(...[...GLOBAL_FLAGS, ...(spec.flags ?? [])].filter((f) => !f.hidden).map((f) => `--${f.name}`));
  }
  out.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}
