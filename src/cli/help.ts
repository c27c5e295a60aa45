// Cobra-style help (the layout kubectl prints), generated from the command specs.
import { GLOBAL_FLAGS, type CommandSpec, type FlagSpec } from './spec';
import { progName } from './io';

function defaultText(f: FlagSpec): string {
  if (f.default !== undefined) {
    if (Array.isArray(f.default)) return `[${f.default.join(',')}]`;
    return String(f.default);
  }
  switch (f.type) {
    case 'bool':
      return 'false';
    case 'int':
      return '0';
    case 'strings':
      return '[]';
    case 'duration':
      return '0s';
    default:
      return "''";
  }
}

export function flagHelp(flags: FlagSpec[]): string {
  const visible = flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return visible.map((f) => `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${defaultText(f)}:\n\t${f.desc}\n`).join('\n');
}

export function commandHelp(spec: CommandSpec, path: string): string {
  const prog = progName();
  const lines: string[] = [];
  lines.push((spec.long ?? spec.short).replace(/\bkubesim\b/g, prog));
  lines.push('');
  if (spec.aliases?.length) {
    lines.push('Aliases:');
    lines.push([spec.name, ...spec.aliases].join(', '));
    lines.push('');
  }
  if (spec.examples) {
    lines.push('Examples:');
    lines.push(spec.examples.replace(/\bkubesim\b/g, prog).replace(/\n$/, ''));
    lines.push('');
  }
  if (spec.subcommands?.length) {
    lines.push('Available Commands:');
    const subs = spec.subcommands.filter((s) => !s.hidden);
    // cobra: rpad(name, max(11, longest name)) and three spaces
    const w = Math.max(11, ...subs.map((s) => s.name.length)) + 3;
    for (const s of [...subs].sort((a, b) => (a.name < b.name ? -1 : 1))) lines.push(`  ${s.name.padEnd(w)}${s.short}`);
    lines.push('');
  }
  if (spec.flags?.some((f) => !f.hidden)) {
    lines.push('Options:');
    lines.push(flagHelp(spec.flags));
  }
  lines.push('Usage:');
  lines.push(`  ${prog} ${spec.usage}`);
  lines.push('');
  if (spec.subcommands?.length) lines.push(`Use "${prog} ${path} <command> --help" for more information about a given command.`);
  lines.push(`Use "${prog} options" for a list of global command-line options (applies to all commands).`);
  return lines.join('\n') + '\n';
}

export function rootHelp(root: CommandSpec): string {
  const prog = progName();
  const lines: string[] = [];
  lines.push((root.long ?? root.short).replace(/\bkubesim\b/g, prog));
  lines.push('');
  const groups = new Map<string, CommandSpec[]>();
  for (const s of root.subcommands ?? []) {
    if (s.hidden) continue;
    const g = s.group ?? 'Other Commands';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(s);
  }
  for (const [g, cmds] of groups) {
    lines.push(`${g}:`);
    for (const c of cmds) lines.push(`  ${c.name.padEnd(16)}${c.short}`);
    lines.push('');
  }
  lines.push('Usage:');
  lines.push(`  ${prog} [flags] [options]`);
  lines.push('');
  lines.push(`Use "${prog} <command> --help" for more information about a given command.`);
  lines.push(`Use "${prog} options" for a list of global command-line options (applies to all commands).`);
  return lines.join('\n') + '\n';
}

export function optionsHelp(): string {
  return `The following options can be passed to any command:\n\n${flagHelp(GLOBAL_FLAGS)}`;
}
