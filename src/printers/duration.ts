// kubectl's HumanDuration (apimachinery util/duration) and Go duration rendering for event texts.

/** AGE-style duration from milliseconds: `45s`, `5m30s`, `3h20m`, `2d3h`, `2y30d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** AGE of a timestamp relative to now (`<unknown>` when unset). */
export function age(timestamp: string | undefined | null, nowMs: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

/**
 * Go's time.Duration.String() for a duration in milliseconds (`812ms`, `1.2s`, `1m2.5s`, `1h0m0s`),
 * as kubelet prints pull durations after truncating to milliseconds.
 */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let u = Math.abs(Math.trunc(ms));
  let out: string;
  if (u < 1000) {
    out = `${u}ms`;
  } else {
    const h = Math.trunc(u / 3600000);
    u -= h * 3600000;
    const m = Math.trunc(u / 60000);
    u -= m * 60000;
    const secMs = u; // seconds with millisecond fraction
    const whole = Math.trunc(secMs / 1000);
    const frac = secMs % 1000;
    let sec = String(whole);
    if (frac) sec += '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
    out = `${sec}s`;
    if (h > 0) out = `${h}h${m}m${out}`;
    else if (m > 0) out = `${m}m${out}`;
  }
  return neg ? `-${out}` : out;
}
