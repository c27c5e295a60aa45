// The kubelet's two back-off clocks and its pod worker's retry rhythm, as 1.32 has them:
//
// - CrashLoopBackOff: client-go flowcontrol.Backoff keyed by pod+container, 10 s doubling to 5 min
//   (MaxContainerBackOff). kuberuntime doBackOff asks IsInBackOffSince(key, finishedAt): while
//   `now − finishedAt < backoff` the container stays in CrashLoopBackOff and a BackOff event is
//   recorded; otherwise Next(key, finishedAt) doubles the back-off and the container restarts. An
//   entry whose last update is more than 2 × 5 min older than the event resets (so a container that
//   ran for more than 10 minutes restarts at once, with the back-off back at 10 s).
// - Image pulls: the image manager's Backoff keyed by pod UID + image, same durations, asked with
//   IsInBackOffSinceUpdate(key, now) before each pull; a failed pull calls Next(key, now).
// - The pod worker: a sync that ends in an error (ErrImagePull, ImagePullBackOff, CrashLoopBackOff,
//   CreateContainerConfigError…) is retried after wait.Jitter(10 s, 0.5), i.e. in [10 s, 15 s). That
//   is why restarts land a little after the back-off expires and why BackOff events repeat.
import type { Random } from '../sim/random';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** The PLEG relists containers every second: an exit is noticed at most this long after it happens. */
export const PLEG_RELIST_MS = 1_000;

/** One flowcontrol.Backoff entry: the current back-off and when it was last updated. */
export interface BackoffEntry {
  /** Current back-off duration (ms). */
  d: number;
  /** Last Next() call (ms). */
  last: number;
}

function hasExpired(eventTime: number, last: number): boolean {
  return eventTime - last > BACKOFF_MAX_MS * 2;
}

/** flowcontrol.Backoff.IsInBackOffSince: is `now` still inside the back-off window that began at `eventTime`? */
export function inBackOffSince(e: BackoffEntry | undefined, eventTime: number, now: number): boolean {
  if (!e || hasExpired(eventTime, e.last)) return false;
  return now - eventTime < e.d;
}

/** flowcontrol.Backoff.IsInBackOffSinceUpdate: is `now` inside the window that began at the last update? */
export function inBackOffSinceUpdate(e: BackoffEntry | undefined, now: number): boolean {
  if (!e || hasExpired(now, e.last)) return false;
  return now - e.last < e.d;
}

/** flowcontrol.Backoff.Next: starts at 10 s, doubles up to 5 min, resets once expired. */
export function nextBackoff(e: BackoffEntry | undefined, eventTime: number, now: number): BackoffEntry {
  if (!e || hasExpired(eventTime, e.last)) return { d: BACKOFF_INITIAL_MS, last: now };
  return { d: Math.min(e.d * 2, BACKOFF_MAX_MS), last: now };
}

/** When the pod worker retries a sync that failed: wait.Jitter(10 s, 0.5). */
export function workerRetryAt(now: number, rng: Random): number {
  return now + BACKOFF_INITIAL_MS + Math.floor(rng.float() * 5_000);
}
