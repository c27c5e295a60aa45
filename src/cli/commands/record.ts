// The deprecated --record flag: the command line is stored in kubernetes.io/change-cause.
import type { RunContext } from '../spec';
import { err } from '../io';

export function recordWarning(): void {
  err.line('Flag --record has been deprecated, --record will be removed in the future');
}

/** `kubectl set image deployment/nginx nginx=nginx:1.25 --record=true`: path, args, then explicit flags. */
export function changeCause(ctx: RunContext, args: string[], flags: Record<string, unknown>): string {
  const parts = ['kubectl', ...ctx.path.split(' ').filter(Boolean), ...args];
  for (const name of [...ctx.explicit].sort()) {
    const v = flags[name];
    if (Array.isArray(v)) for (const x of v) parts.push(`--${name}=${x}`);
    else parts.push(`--${name}=${v}`);
  }
  return parts.join(' ');
}
