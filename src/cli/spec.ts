// Declarative command specs: names, flags, help text. The commander program, the cobra-style help
// and shell completion are all generated from this one table, so they cannot disagree.

export type FlagType = 'string' | 'bool' | 'int' | 'strings' | 'duration';

export interface FlagSpec {
  /** Long name without dashes (`all-namespaces`). */
  name: string;
  short?: string;
  type: FlagType;
  /** Default as kubectl shows it in help (`false`, `''`, `[]`, `-1`, `0s`). */
  default?: string | number | boolean | string[];
  desc: string;
  hidden?: boolean;
  /** Value name in help (unused by kubectl's layout but kept for completion). */
  values?: string[];
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** One line for the command list. */
  short: string;
  /** Long description (shown first in help). */
  long?: string;
  examples?: string;
  /** Usage line after the program name, e.g. `get [(-o|--output=)json|yaml|...] (TYPE[.VERSION][.GROUP] [NAME | -l label] ...) [flags] [options]`. */
  usage: string;
  flags?: FlagSpec[];
  group?: string;
  /** Lazily loaded implementation: receives positional args and parsed flags. */
  run?: (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;
  subcommands?: CommandSpec[];
  /** Arguments after `--` are passed separately (exec, run, create job). */
  dashArgs?: boolean;
  /** Every word after the command is a positional argument (no flag parsing). */
  rawArgs?: boolean;
  hidden?: boolean;
}

export interface RunContext {
  /** Full command path, e.g. `create deployment`. */
  path: string;
  /** Arguments after `--`. */
  dashArgs: string[];
  /** Which flags were given explicitly on the command line. */
  explicit: Set<string>;
  /** Global flags. */
  globals: GlobalFlags;
}

export interface GlobalFlags {
  namespace?: string;
  state?: string;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: "''", desc: 'If present, the namespace scope for this CLI request' },
  { name: 'state', type: 'string', default: "''", desc: 'Path of the kubesim state file (default $KUBESIM_STATE or ~/.kubesim/state.json)' },
  { name: 'kubeconfig', type: 'string', default: "''", desc: 'Accepted for kubectl compatibility and ignored: kubesim has no kubeconfig', hidden: true },
  { name: 'context', type: 'string', default: "''", desc: 'Accepted for kubectl compatibility and ignored', hidden: true },
  { name: 'request-timeout', type: 'string', default: "'0'", desc: 'Accepted for kubectl compatibility and ignored', hidden: true },
  { name: 'v', short: 'v', type: 'string', default: '0', desc: 'Accepted for kubectl compatibility and ignored', hidden: true },
];
