// Builds the commander program from the command specs, with kubectl's (pflag/cobra) conventions:
// `-o=yaml`, `--flag=false`, repeated flags, flags anywhere, cobra-style help and error texts.
import { Command, CommanderError, Option } from 'commander';
import { GLOBAL_FLAGS, type CommandSpec, type FlagSpec, type RunContext } from './spec';
import { KubeError, RawError } from '../api/errors';
import { progName } from './io';

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** commander reads any `--no-x` as the negation of `--x`; flags really named `no-…` get another name inside. */
function internal(name: string): string {
  return name.startsWith('no-') ? `ks-${name}` : name;
}

function flagDefault(f: FlagSpec): unknown {
  switch (f.type) {
    case 'bool':
      return f.default === true || f.default === 'true';
    case 'int':
      return typeof f.default === 'number' ? f.default : f.default !== undefined ? Number(f.default) : 0;
    case 'strings':
      return [];
    default:
      if (f.default === undefined || f.default === "''") return undefined;
      return typeof f.default === 'string' ? f.default.replace(/^'(.*)'$/, '$1') : f.default;
  }
}

class FlagValueError extends Error {}

function addFlag(cmd: Command, f: FlagSpec, commandPath: string): void {
  const flagNames = `${f.short ? `-${f.short}, ` : ''}--${internal(f.name)}`;
  let opt: Option;
  if (f.type === 'bool') {
    opt = new Option(flagNames);
    cmd.addOption(opt);
    cmd.addOption(new Option(`--no-${internal(f.name)}`).hideHelp());
  } else {
    opt = new Option(`${flagNames} <value>`);
    if (f.type === 'strings') opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    if (f.type === 'int')
      opt.argParser((v: string) => {
        if (!/^[+-]?\d+$/.test(v))
          throw new FlagValueError(`invalid argument "${v}" for "${f.short ? `-${f.short}, ` : ''}--${f.name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
        return parseInt(v, 10);
      });
    cmd.addOption(opt);
  }
  if (f.hidden) opt.hideHelp();
  const d = flagDefault(f);
  if (d !== undefined) cmd.setOptionValueWithSource(camel(internal(f.name)), d, 'default');
  void commandPath;
}

/** pflag spellings commander does not know: `-o=yaml`, `--all=true`, `--replicas=3` is fine already. */
export function normalizeArgv(argv: string[], boolFlags: Set<string>, shortBools: Set<string>, noFlags: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    const nm = /^--(no-[a-z0-9-]+)(=.*)?$/s.exec(a);
    if (nm && noFlags.has(nm[1]!)) a = `--ks-${nm[1]}${nm[2] ?? ''}`;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    let m = /^-([a-zA-Z])=(.*)$/s.exec(a);
    if (m) {
      if (shortBools.has(m[1]!)) {
        if (m[2] === 'false') continue;
        out.push(`-${m[1]}`);
      } else out.push(`-${m[1]}`, m[2]!);
      continue;
    }
    m = /^--([a-z0-9-]+)=(true|false|True|False|TRUE|FALSE|1|0|t|f|T|F)$/.exec(a);
    if (m && (boolFlags.has(m[1]!) || (m[1]!.startsWith('ks-') && boolFlags.has(m[1]!.slice(3))))) {
      const v = m[2]!.toLowerCase();
      out.push(v === 'true' || v === '1' || v === 't' ? `--${m[1]}` : `--no-${m[1]}`);
      continue;
    }
    out.push(a);
  }
  return out;
}

function usageHint(path: string): string {
  return `See '${progName()} ${path} --help' for usage.`;
}

/** Maps commander's parse errors to cobra/pflag texts. */
function mapCommanderError(e: CommanderError, path: string, argv: string[]): KubeError {
  const msg = e.message.replace(/^error: /, '');
  switch (e.code) {
    case 'commander.unknownOption': {
      const m = /'(.+?)'/.exec(msg);
      const flag = m ? m[1]! : '';
      if (/^-[^-]/.test(flag)) {
        const ch = flag[1];
        return new RawError(`Error: unknown shorthand flag: '${ch}' in ${argv.find((a) => a.startsWith(flag)) ?? flag}\n${usageHint(path)}`);
      }
      return new RawError(`Error: unknown flag: ${flag.split('=')[0]}\n${usageHint(path)}`);
    }
    case 'commander.optionMissingArgument': {
      const m = /'(-\w), (--[\w-]+)/.exec(msg) ?? /'(--[\w-]+)/.exec(msg);
      const used = m ? argv.find((a) => a === m[1] || a === m[2]) ?? m[1] : '';
      if (used && /^-[^-]$/.test(used)) return new RawError(`Error: flag needs an argument: '${used[1]}' in ${used}\n${usageHint(path)}`);
      return new RawError(`Error: flag needs an argument: ${m ? (m[2] ?? m[1]) : ''}\n${usageHint(path)}`);
    }
    case 'commander.invalidArgument':
      return new RawError(`Error: ${msg.replace(/^.*?invalid argument/, 'invalid argument').replace(/^option .*? argument .*? is invalid\. /, '')}\n${usageHint(path)}`);
    default:
      return new RawError(`Error: ${msg}\n${usageHint(path)}`);
  }
}

/** Levenshtein distance, for cobra's "Did you mean this?". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

export function suggestions(typed: string, specs: CommandSpec[]): string[] {
  const out: string[] = [];
  for (const s of specs) {
    if (s.hidden) continue;
    const names = [s.name, ...(s.aliases ?? [])];
    if (names.some((n) => distance(typed.toLowerCase(), n.toLowerCase()) <= 2 || (typed.length > 0 && n.startsWith(typed.toLowerCase())))) out.push(s.name);
  }
  return out;
}

export interface Parsed {
  spec: CommandSpec;
  path: string;
  args: string[];
  flags: Record<string, unknown>;
  ctx: RunContext;
}

/**
 * Parses argv against the specs. Returns the command to run (or throws a KubeError with the exact
 * cobra text). Help requests return a spec with `help: true`.
 */
export function parse(argv: string[], root: CommandSpec): Parsed | { help: CommandSpec; path: string } {
  // find the command path first (cobra strips flags to find subcommands)
  const boolFlags = new Set<string>();
  const shortBools = new Set<string>();
  let dashArgs: string[] = [];
  const dd = argv.indexOf('--');
  let main = argv;
  if (dd >= 0) {
    main = argv.slice(0, dd);
    dashArgs = argv.slice(dd + 1);
  }
  // walk to the deepest subcommand named by the leading non-flag words
  let spec = root;
  const pathParts: string[] = [];
  const globalsWithValue = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  const rest: string[] = [];
  // positional words seen so far (flag values such as the `x` of `--state x` are not positional)
  const words: string[] = [];
  let i = 0;
  for (; i < main.length; i++) {
    const a = main[i]!;
    if (a.startsWith('-')) {
      rest.push(a);
      const allFlags = [...GLOBAL_FLAGS, ...(spec.flags ?? [])];
      const takesValue = (name: string) => allFlags.some((f) => f.type !== 'bool' && (`--${f.name}` === name || (f.short && `-${f.short}` === name)));
      if (!a.includes('=') && (globalsWithValue.has(a) || takesValue(a)) && i + 1 < main.length) rest.push(main[++i]!);
      continue;
    }
    const sub = (spec.subcommands ?? []).find((s) => s.name === a || (s.aliases ?? []).includes(a));
    if (sub && words.length === 0) {
      spec = sub;
      pathParts.push(sub.name);
      continue;
    }
    if (spec === root) {
      const sugg = suggestions(a, root.subcommands ?? []);
      let text = `Error: unknown command "${a}" for "${progName()}"`;
      // kubectl 1.32 prints cobra's error alone (no "Run '… --help' for usage." line); commands it
      // dropped, such as rolling-update (removed in 1.18), answer the same way
      if (sugg.length) text += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}`).join("\n")}\n\n`;
      throw new RawError(text);
    }
    rest.push(a);
    words.push(a);
  }
  const path = pathParts.join(' ');
  if (spec.rawArgs) {
    const all = main.slice(main.indexOf(spec.name) + 1).concat(dd >= 0 ? ['--', ...dashArgs] : []);
    return { spec, path, args: all, flags: {}, ctx: { path, dashArgs: [], explicit: new Set(), globals: {} } };
  }
  if (spec === root && words.length === 0 && !rest.some((r) => r === '--version')) {
    if (rest.length === 0 || rest.includes('-h') || rest.includes('--help')) return { help: root, path: '' };
  }
  if (rest.includes('-h') || rest.includes('--help')) return { help: spec, path };
  if (!spec.run && spec.subcommands?.length) {
    if (words.length === 0) return { help: spec, path };
    throw new RawError(`error: unknown command "${words[0]}"\nSee '${progName()} ${path} -h' for help and examples`);
  }
  const flags = [...GLOBAL_FLAGS, ...(spec.flags ?? [])];
  for (const f of flags)
    if (f.type === 'bool') {
      boolFlags.add(f.name);
      if (f.short) shortBools.add(f.short);
    }
  const noFlags = new Set(flags.filter((f) => f.name.startsWith('no-')).map((f) => f.name));
  const normalized = normalizeArgv(rest, boolFlags, shortBools, noFlags);
  const cmd = new Command(path || progName());
  cmd.exitOverride();
  cmd.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  cmd.helpOption(false);
  cmd.allowExcessArguments(true);
  cmd.argument('[args...]');
  for (const f of flags) addFlag(cmd, f, path);
  try {
    cmd.parse(normalized, { from: 'user' });
  } catch (e) {
    if (e instanceof FlagValueError) throw new RawError(`Error: ${e.message}\n${usageHint(path)}`);
    if (e instanceof CommanderError) {
      const cause = (e as unknown as { cause?: unknown }).cause;
      if (cause instanceof FlagValueError) throw new RawError(`Error: ${cause.message}\n${usageHint(path)}`);
      if (e.code === 'commander.invalidArgument' && /invalid argument "/.test(e.message)) {
        const m = /(invalid argument ".*)$/.exec(e.message);
        throw new RawError(`Error: ${m ? m[1] : e.message}\n${usageHint(path)}`);
      }
      throw mapCommanderError(e, path, normalized);
    }
    throw e;
  }
  const opts = cmd.opts() as Record<string, unknown>;
  const explicit = new Set<string>();
  const values: Record<string, unknown> = {};
  for (const f of flags) {
    const key = camel(internal(f.name));
    values[f.name] = opts[key];
    const src = cmd.getOptionValueSource(key);
    if (src === 'cli') explicit.add(f.name);
  }
  const args = cmd.args as string[];
  return {
    spec,
    path,
    args,
    flags: values,
    ctx: {
      path,
      dashArgs,
      explicit,
      globals: { namespace: values.namespace as string | undefined, state: values.state as string | undefined },
    },
  };
}
