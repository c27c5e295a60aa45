// The event recorder: core/v1 Events as client-go's recorder writes them. Identical events (same
// object, type, reason, message, source) are folded into one object whose count and lastTimestamp
// grow, which is what `describe` shows as `116s (x6 over 7m1s)`. Events live one hour (the API
// server's --event-ttl), then disappear.
import type { KObject } from '../api/types';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import type { Random } from './random';

export interface EventSource {
  component: string;
  host?: string;
}

export const EVENT_TTL_MS = 60 * 60 * 1000;

// client-go's EventCorrelator (tools/record/events_cache.go), which every component's recorder runs
// before writing: similar events (same source, object, type and reason) with more than 10 distinct
// messages within 10 minutes are combined into one "(combined from similar events): …" event; every
// occurrence is counted; and a spam filter lets a source write at most 25 events about one object,
// then one more every 5 minutes (token bucket per source + object). Occurrences the filter holds back
// still count: the next write carries the accumulated count — which is why a long crash loop shows
// `Back-off restarting failed container … 4m59s (x141 over 35m)` while its Started event stopped
// updating long ago.
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
// The correlator's caches are pruned when the spam buckets outgrow this (and then twice their size
// after each prune, so a thousand busy pods do not make every event walk every bucket).
const PRUNE_MIN = 256;

/** Persisted correlator state. */
interface RecorderState {
  /** The last event timestamp handed out (nanoseconds, as a decimal string). */
  lastEventNanos?: string;
  /** Spam filter buckets: spam key → [tokens, last refill ms]. */
  spam?: Record<string, [number, number]>;
  /** Aggregation records: aggregate key → [last ms, distinct messages]. */
  agg?: Record<string, [number, string[]]>;
  /** Occurrences held back by the spam filter: event key → what the next write must carry. */
  held?: Record<string, { ns: string; name: string; count: number; first: string }>;
}

export class EventRecorder {
  // per namespace (events live in their object's namespace): aggregation key -> event name; built
  // on first use from that namespace's events only
  private index = new Map<string, Map<string, string>>();
  /** Keys in the spam filter's buckets (counted on first use), and the size that triggers a prune. */
  private spamKeys = -1;
  private pruneAt = PRUNE_MIN;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rng: Random,
    /** Persisted recorder state (the last event timestamp handed out, the correlator's caches), read on first use. */
    private readonly simState: RecorderState | (() => RecorderState),
  ) {}

  private get sim(): RecorderState {
    return typeof this.simState === 'function' ? this.simState() : this.simState;
  }

  private aggKey(involved: Record<string, unknown>, type: string, reason: string, message: string, src: EventSource): string {
    return [involved.uid ?? '', involved.kind, involved.namespace ?? '', involved.name, involved.fieldPath ?? '', type, reason, message, src.component, src.host ?? ''].join('\u0000');
  }

  private indexOf(ns: string): Map<string, string> {
    let m = this.index.get(ns);
    if (m) return m;
    m = new Map<string, string>();
    for (const e of this.store.list('Event', ns)) {
      const msg = typeof e.message === 'string' && e.message.startsWith('(combined from similar events): ') ? '\u0001combined' : e.message;
      m.set(this.aggKey(e.involvedObject ?? {}, e.type, e.reason, msg, e.source ?? { component: '' }), e.metadata.name);
    }
    this.index.set(ns, m);
    return m;
  }

  /** The spam filter's token bucket for a source and object: may it write now? */
  private spamAccept(key: string, now: number): boolean {
    const spam = (this.sim.spam ??= {});
    const cur = spam[key];
    if (!cur && this.spamKeys >= 0) this.spamKeys++;
    const [tokens0, last] = cur ?? [SPAM_BURST, now];
    const tokens = Math.min(SPAM_BURST, tokens0 + Math.max(0, now - last) / SPAM_REFILL_MS);
    const ok = tokens >= 1;
    spam[key] = [ok ? tokens - 1 : tokens, now];
    return ok;
  }

  /** EventAggregate: the message to record (combined once a reason sees more than 10 messages in 10 min). */
  private aggregate(key: string, message: string, now: number): { message: string; combined: boolean } {
    const agg = (this.sim.agg ??= {});
    let rec = agg[key];
    if (!rec || now - rec[0] > AGGREGATE_INTERVAL_MS) rec = [now, []];
    if (!rec[1].includes(message)) rec[1].push(message);
    rec[0] = now;
    agg[key] = rec;
    if (rec[1].length < AGGREGATE_MAX_EVENTS) return { message, combined: false };
    rec[1].pop();
    return { message: `(combined from similar events): ${message}`, combined: true };
  }

  /** Forgets correlator entries that no longer change anything (full buckets, stale records). */
  private prune(now: number): void {
    for (const [k, [tokens, last]] of Object.entries(this.sim.spam ?? {})) if (tokens + (now - last) / SPAM_REFILL_MS >= SPAM_BURST) delete this.sim.spam![k];
    for (const [k, [last]] of Object.entries(this.sim.agg ?? {})) if (now - last > AGGREGATE_INTERVAL_MS) delete this.sim.agg![k];
    for (const [k, h] of Object.entries(this.sim.held ?? {})) if (now - Date.parse(h.first) > 2 * EVENT_TTL_MS) delete this.sim.held![k];
    if (this.sim.spam && !Object.keys(this.sim.spam).length) delete this.sim.spam;
    if (this.sim.agg && !Object.keys(this.sim.agg).length) delete this.sim.agg;
    if (this.sim.held && !Object.keys(this.sim.held).length) delete this.sim.held;
    this.spamKeys = this.sim.spam ? Object.keys(this.sim.spam).length : 0;
    this.pruneAt = Math.max(PRUNE_MIN, 2 * this.spamKeys);
  }

  /**
   * Records an event about `obj`. `fieldPath` points at a container: `spec.containers{nginx}`. An
   * object without a uid (or apiVersion) is recorded as such, as controllers that build bare
   * references do (the taint eviction controller, the kubelet's node reference).
   */
  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message0: string, source: EventSource, fieldPath?: string): void {
    const involved: Record<string, unknown> = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
    };
    for (const k of Object.keys(involved)) if (involved[k] === undefined || involved[k] === '') delete involved[k];
    if (fieldPath) involved.fieldPath = fieldPath;
    const nowMs = this.clock.now();
    const now = this.clock.rfc3339();
    const objKey = [source.component, source.host ?? '', involved.kind, involved.namespace ?? '', involved.name, involved.uid ?? '', involved.apiVersion ?? ''].join('\u0000');
    const { message, combined } = this.aggregate(`${objKey}\u0000${type}\u0000${reason}`, message0, nowMs);
    // a combined event is one object for the whole group, whatever its latest message
    const key = combined ? this.aggKey(involved, type, reason, '\u0001combined', source) : this.aggKey(involved, type, reason, message, source);
    const ns = obj.metadata.namespace || 'default';
    const index = this.indexOf(ns);
    // the logger's view of this event: the stored object, or what the spam filter held back
    const held = this.sim.held?.[key];
    const existingName = index.get(key);
    const cur = existingName === undefined ? undefined : this.store.get('Event', ns, existingName);
    let name: string;
    let count: number;
    let first: string;
    if (held) {
      name = held.name;
      count = held.count + 1;
      first = held.first;
    } else if (cur) {
      name = cur.metadata.name;
      count = (cur.count ?? 1) + 1;
      first = cur.firstTimestamp ?? now;
    } else {
      name = this.newName(obj.metadata.name);
      count = 1;
      first = now;
    }
    if (this.spamKeys < 0) this.spamKeys = Object.keys(this.sim.spam ?? {}).length;
    if (this.spamKeys > this.pruneAt) this.prune(nowMs);
    if (!this.spamAccept(objKey, nowMs)) {
      (this.sim.held ??= {})[key] = { ns, name, count, first };
      return;
    }
    if (held) {
      delete this.sim.held![key];
      if (!Object.keys(this.sim.held!).length) delete this.sim.held;
    }
    if (cur && cur.metadata.name === name) {
      const next = { ...cur, metadata: { ...cur.metadata }, involvedObject: { ...cur.involvedObject, resourceVersion: involved.resourceVersion }, count, lastTimestamp: now, message };
      if (involved.resourceVersion === undefined) delete next.involvedObject.resourceVersion;
      this.store.put('Event', next);
      return;
    }
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns, uid: this.rng.uuid(), creationTimestamp: now },
      involvedObject: involved,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: first,
      lastTimestamp: now,
      count,
      type,
      eventTime: null,
      reportingComponent: source.component === 'kubelet' ? 'kubelet' : source.component,
      reportingInstance: source.host ?? '',
    };
    this.store.put('Event', ev);
    index.set(key, name);
  }

  /** `<object name>.<hex creation nanoseconds>`, increasing across commands. */
  private newName(objName: string): string {
    // sub-millisecond digits come from the seeded source, kept increasing so names sort in the order
    // events happened
    let nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.rng.int(999_000));
    const last = BigInt(this.sim.lastEventNanos ?? '0');
    if (nanos <= last) nanos = last + 1n;
    this.sim.lastEventNanos = nanos.toString();
    return `${objName}.${nanos.toString(16)}`;
  }

  /** Deletes events whose last occurrence is older than the TTL. Returns the earliest next expiry. */
  expire(): number | undefined {
    const now = this.clock.now();
    let next: number | undefined;
    for (const e of [...this.store.list('Event')]) {
      const last = Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp);
      const expiry = last + EVENT_TTL_MS;
      if (expiry <= now) {
        this.store.remove('Event', e.metadata.namespace, e.metadata.name);
        this.index.clear();
      } else if (next === undefined || expiry < next) next = expiry;
    }
    this.prune(now);
    return next;
  }
}

/**
 * Events about an object, oldest first (what `describe` lists): kubectl searches by involvedObject
 * name, namespace, kind and uid, so events recorded without a uid do not show up. For nodes it
 * searches twice, because the kubelet records node events with the node's *name* as uid.
 */
export function eventsFor(store: Store, obj: KObject): KObject[] {
  const ns = obj.metadata.namespace || 'default';
  const uid = obj.metadata.uid;
  const uids = new Set<string>(uid ? [uid] : []);
  if (obj.kind === 'Node') uids.add(obj.metadata.name);
  const out = store.list('Event', ns).filter((e) => {
    const io = e.involvedObject ?? {};
    if (io.kind !== obj.kind || io.name !== obj.metadata.name) return false;
    if (uids.size) return uids.has(io.uid ?? '');
    return true;
  });
  return out.sort((a, b) => {
    const ta = a.lastTimestamp ?? '';
    const tb = b.lastTimestamp ?? '';
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}
