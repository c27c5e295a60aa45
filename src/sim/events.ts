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

/**
 * client-go's EventSourceObjectSpamFilter: a token bucket per identical event (burst 25, one token
 * every 5 minutes). A crash-looping container's events stop growing by the second after 25.
 */
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 5 * 60 * 1000;

export class EventRecorder {
  private index: Map<string, string> | null = null; // aggregation key -> `${ns}/${name}`

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rng: Random,
    /** Persisted recorder state (the last event timestamp handed out). */
    private readonly sim: { lastEventNanos?: string; spam?: Record<string, [tokens: number, lastMs: number]> },
  ) {}

  private aggKey(involved: Record<string, unknown>, type: string, reason: string, message: string, src: EventSource): string {
    return [involved.uid ?? '', involved.kind, involved.namespace ?? '', involved.name, involved.fieldPath ?? '', type, reason, message, src.component, src.host ?? ''].join('\u0000');
  }

  private buildIndex(): Map<string, string> {
    const m = new Map<string, string>();
    for (const e of this.store.list('Event')) {
      m.set(this.aggKey(e.involvedObject ?? {}, e.type, e.reason, e.message, e.source ?? { component: '' }), `${e.metadata.namespace}/${e.metadata.name}`);
    }
    return m;
  }

  /** Records an event about `obj`. `fieldPath` points at a container: `spec.containers{nginx}`. */
  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const involved: Record<string, unknown> = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
    };
    if (!obj.metadata.namespace) delete involved.namespace;
    if (fieldPath) involved.fieldPath = fieldPath;
    const now = this.clock.rfc3339();
    if (!this.index) this.index = this.buildIndex();
    const key = this.aggKey(involved, type, reason, message, source);
    if (!this.allow(key)) return;
    const existingRef = this.index.get(key);
    if (existingRef) {
      const slash = existingRef.indexOf('/');
      const cur = this.store.get('Event', existingRef.slice(0, slash), existingRef.slice(slash + 1));
      if (cur) {
        const next = { ...cur, metadata: { ...cur.metadata }, involvedObject: { ...cur.involvedObject, resourceVersion: involved.resourceVersion }, count: (cur.count ?? 1) + 1, lastTimestamp: now };
        this.store.put('Event', next);
        return;
      }
    }
    const ns = obj.metadata.namespace || 'default';
    // event names end in the creation time in nanoseconds (hex); sub-millisecond digits come from the
    // seeded source, kept increasing across commands so names sort in the order events happened
    let nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.rng.int(999_000));
    const last = BigInt(this.sim.lastEventNanos ?? '0');
    if (nanos <= last) nanos = last + 1n;
    this.sim.lastEventNanos = nanos.toString();
    const name = `${obj.metadata.name}.${nanos.toString(16)}`;
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns, uid: this.rng.uuid(), creationTimestamp: now },
      involvedObject: involved,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component === 'kubelet' ? 'kubelet' : source.component,
      reportingInstance: source.host ?? '',
    };
    this.store.put('Event', ev);
    this.index.set(key, `${ns}/${name}`);
  }

  private allow(key: string): boolean {
    const now = this.clock.now();
    const spam = (this.sim.spam ??= {});
    const b = spam[key] ?? [SPAM_BURST, now];
    const tokens = Math.min(SPAM_BURST, b[0] + (now - b[1]) / SPAM_REFILL_MS);
    if (tokens < 1) {
      spam[key] = [tokens, now];
      return false;
    }
    spam[key] = [tokens - 1, now];
    return true;
  }

  /** Deletes events whose last occurrence is older than the TTL. Returns the earliest next expiry. */
  expire(): number | undefined {
    const now = this.clock.now();
    // buckets that have refilled completely carry no information any more
    const spam = this.sim.spam ?? {};
    for (const [k, [tokens, last]] of Object.entries(spam)) if (tokens + (now - last) / SPAM_REFILL_MS >= SPAM_BURST) delete spam[k];
    let next: number | undefined;
    for (const e of [...this.store.list('Event')]) {
      const last = Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp);
      const expiry = last + EVENT_TTL_MS;
      if (expiry <= now) {
        this.store.remove('Event', e.metadata.namespace, e.metadata.name);
        this.index = null;
      } else if (next === undefined || expiry < next) next = expiry;
    }
    return next;
  }
}

/** Events about an object, oldest first (what `describe` lists). */
export function eventsFor(store: Store, obj: KObject): KObject[] {
  const ns = obj.metadata.namespace || 'default';
  const uid = obj.metadata.uid;
  const out = store.list('Event', ns).filter((e) => {
    const io = e.involvedObject ?? {};
    if (uid && io.uid) return io.uid === uid;
    return io.kind === obj.kind && io.name === obj.metadata.name;
  });
  return out.sort((a, b) => {
    const ta = a.lastTimestamp ?? '';
    const tb = b.lastTimestamp ?? '';
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}
