// The controller loop: level-triggered controllers fed by a work queue (as client-go controllers are),
// plus a timer queue that moves simulated time forward. Controllers meet only through the objects in
// the store; a store change is mapped by each controller's `watch` to keys it must sync.
import type { Store, WatchEvent } from '../store/store';
import type { Clock } from './clock';

export interface Controller<C = unknown> {
  name: string;
  /** Maps a store change to the keys this controller must sync. */
  watch?(ev: WatchEvent, enqueue: (key: string) => void, ctx: C): void;
  /** Brings the world one step closer to what the object at `key` asks for. */
  sync(key: string, ctx: C): void;
}

/** A persisted timer: at `at` (ms), sync `key` of controller `ctrl`. */
export type TimerEntry = [at: number, ctrl: string, key: string];

class TimerHeap {
  // entries: [at, seq, ctrl, key]
  private heap: [number, number, string, string][] = [];
  private pending = new Map<string, number>(); // `${ctrl}\u0000${key}` -> earliest at
  private seq = 0;

  size(): number {
    return this.pending.size;
  }

  /** Adds a wake-up; a later wake-up for a key that already has an earlier one is dropped. */
  add(at: number, ctrl: string, key: string): void {
    const id = `${ctrl}\u0000${key}`;
    const cur = this.pending.get(id);
    if (cur !== undefined && cur <= at) return;
    this.pending.set(id, at);
    this.push([at, this.seq++, ctrl, key]);
  }

  peekAt(): number | undefined {
    this.dropStale();
    return this.heap.length ? this.heap[0]![0] : undefined;
  }

  popDue(t: number): [string, string][] {
    const out: [string, string][] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top[0] > t) break;
      this.pop();
      this.pending.delete(`${top[2]}\u0000${top[3]}`);
      out.push([top[2], top[3]]);
    }
    return out;
  }

  entries(): TimerEntry[] {
    const out: TimerEntry[] = [];
    for (const [id, at] of this.pending) {
      const i = id.indexOf('\u0000');
      out.push([at, id.slice(0, i), id.slice(i + 1)]);
    }
    return out.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  }

  private dropStale(): void {
    while (this.heap.length) {
      const top = this.heap[0]!;
      if (this.pending.get(`${top[2]}\u0000${top[3]}`) === top[0]) return;
      this.pop();
    }
  }

  private less(a: [number, number, string, string], b: [number, number, string, string]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  private push(e: [number, number, string, string]): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** Thrown when controllers keep re-triggering each other without time passing. */
export class LivelockError extends Error {}

export class ControllerLoop<C> {
  private controllers = new Map<string, Controller<C>>();
  private order: string[] = [];
  private queue: [string, string][] = [];
  private head = 0;
  private queued = new Set<string>();
  private timers = new TimerHeap();
  private ctx!: C;
  /** Syncs performed (for diagnostics and benchmarks). */
  syncs = 0;
  /** Run whenever simulated time comes to rest after moving (derived state is written out). */
  private restHooks: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    store.watch((ev) => {
      for (const name of this.order) {
        const c = this.controllers.get(name)!;
        if (c.watch) c.watch(ev, (key) => this.enqueue(name, key), this.ctx);
      }
    });
  }

  setContext(ctx: C): void {
    this.ctx = ctx;
  }

  register(c: Controller<C>): void {
    this.controllers.set(c.name, c);
    this.order.push(c.name);
  }

  has(name: string): boolean {
    return this.controllers.has(name);
  }

  enqueue(ctrl: string, key: string): void {
    const id = `${ctrl}\u0000${key}`;
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.queue.push([ctrl, key]);
  }

  /** Schedules a sync of `key` by `ctrl` at absolute simulated time `at` (ms). */
  at(at: number, ctrl: string, key: string): void {
    if (at <= this.clock.now()) this.enqueue(ctrl, key);
    else this.timers.add(at, ctrl, key);
  }

  loadTimers(entries: TimerEntry[]): void {
    for (const [at, ctrl, key] of entries) this.timers.add(at, ctrl, key);
  }

  timerEntries(): TimerEntry[] {
    return this.timers.entries();
  }

  nextTimerAt(): number | undefined {
    return this.timers.peekAt();
  }

  pendingWork(): boolean {
    return this.head < this.queue.length;
  }

  /** Runs queued syncs until no controller has anything left to do at the current time. */
  runUntilQuiet(): void {
    let budget = 2_000_000 + this.store.count('Pod') * 200;
    while (this.head < this.queue.length) {
      const [ctrl, key] = this.queue[this.head++]!;
      this.queued.delete(`${ctrl}\u0000${key}`);
      const c = this.controllers.get(ctrl);
      if (!c) continue;
      this.syncs++;
      c.sync(key, this.ctx);
      if (--budget <= 0) throw new LivelockError(`controllers did not settle (last: ${ctrl} ${key})`);
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
    this.queue = [];
    this.head = 0;
  }

  /** Registers a hook run each time simulated time comes to rest after moving (e.g. node heartbeats). */
  onRest(fn: () => void): void {
    this.restHooks.push(fn);
  }

  /**
   * Moves simulated time to `target`, firing every timer due on the way in time order and letting
   * controllers settle after each instant. `until` may stop early (waiting verbs): it is checked after
   * every instant and the clock stays at that instant. With `idleStop`, the clock does not jump to
   * `target` once no timer is left before it (a waiting verb gives up instead of skipping time).
   */
  advanceTo(target: number, until?: () => boolean, idleStop = false): boolean {
    const from = this.clock.nowMs;
    const held = this.advance(target, until, idleStop);
    if (this.clock.nowMs !== from && this.restHooks.length) {
      for (const h of this.restHooks) h();
      this.runUntilQuiet();
    }
    return held;
  }

  private advance(target: number, until: (() => boolean) | undefined, idleStop: boolean): boolean {
    this.runUntilQuiet();
    if (until?.()) return true;
    for (;;) {
      const next = this.timers.peekAt();
      if (next === undefined || next > target) break;
      if (next > this.clock.nowMs) this.clock.nowMs = next;
      for (const [ctrl, key] of this.timers.popDue(this.clock.nowMs)) this.enqueue(ctrl, key);
      this.runUntilQuiet();
      if (until?.()) return true;
    }
    if (idleStop && until) return false;
    if (target > this.clock.nowMs) this.clock.nowMs = target;
    this.runUntilQuiet();
    return until ? until() : false;
  }
}
