// Waiting verbs (rollout status, delete --wait, wait): with a manual clock the simulation advances
// instant by instant until the condition holds or the timeout passes in simulated time; with a real
// clock we wait in wall-clock time, re-reading the cluster between short sleeps (and showing a
// spinner when a person is watching).
import { withSession, type Session } from '../cluster/session';
import { statePath } from './common';
import type { RunContext } from './spec';
import { spinnerEnabled, stdStream } from './io';
import { wallClockMs } from '../sim/clock';

export type WaitResult = 'done' | 'timeout' | 'idle';

export interface WaitOptions {
  /** 0 = no timeout. Simulated ms with a manual clock, wall-clock ms with a real one. */
  timeoutMs: number;
  /** With no timeout and a manual clock, how far the clock may be advanced at most. */
  manualCapMs?: number;
  spinnerText?: string;
}

/**
 * Calls `check` (which may print progress) until it returns true. Returns why waiting ended.
 * `check` must be cheap; it runs after every simulated instant.
 */
export async function waitUntil(ctx: RunContext, check: (s: Session) => boolean, opts: WaitOptions): Promise<WaitResult> {
  const path = statePath(ctx);
  // first look, and find out which clock we have
  let mode: 'real' | 'manual' = 'manual';
  const first = withSession({ statePath: path }, (s) => {
    mode = s.clock.mode;
    if (mode === 'real') return check(s);
    const cap = opts.timeoutMs > 0 ? opts.timeoutMs : (opts.manualCapMs ?? 24 * 3600 * 1000);
    const start = s.clock.now();
    const ok = s.ctx.loop.advanceTo(start + cap, () => check(s), true);
    if (ok) return true;
    // no timer left before the cap: nothing more can happen by itself
    if (opts.timeoutMs > 0) {
      // the clock still moves to the end of the timeout, as a real wait would
      s.ctx.loop.advanceTo(start + opts.timeoutMs);
      return check(s) ? true : 'timeout';
    }
    return 'idle';
  });
  if (first === true) return 'done';
  if (mode === 'manual') return first as WaitResult;
  const started = wallClockMs();
  let spinner: { stop(): void; text: string } | undefined;
  if (spinnerEnabled() && opts.spinnerText) {
    const ora = (await import('ora')).default;
    spinner = ora({ text: opts.spinnerText, stream: stdStream(2) }).start();
  }
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const done = withSession({ statePath: path }, (s) => check(s));
      if (done) return 'done';
      if (opts.timeoutMs > 0 && wallClockMs() - started >= opts.timeoutMs) return 'timeout';
    }
  } finally {
    spinner?.stop();
  }
}
