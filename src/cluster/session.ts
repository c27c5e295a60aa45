// A session is one command's view of the cluster: take the lock, load the state file into the store,
// wire the API server, controllers, scheduler and kubelet, catch up with the clock, let the verb act,
// let controllers react, and save atomically.
import { Store } from '../store/store';
import { closeSync, existsSync } from 'node:fs';
import { StateLock, openStateFile, writeStateText, SCHEMA_VERSION, backupState } from '../store/statefile';
import { StateSource, decodeStateFile, encodeState, wayOutOf, type ObjectsOut, type SimOut, type StateHeader } from '../store/stateformat';
import { Clock, MANUAL_EPOCH_MS, wallClockMs, type ClockMode } from '../sim/clock';
export { wallClockMs };
import { Random, type RngState } from '../sim/random';
import { ControllerLoop, type TimerEntry } from '../sim/loop';
import { EventRecorder } from '../sim/events';
import { RawError, KubeError } from '../api/errors';
import type { KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { defaultClusterConfig, type ClusterConfig } from './config';
import { registerCustomKinds } from './crds';
import { loadWiring } from './wiring-load';

export interface StateFile {
  apiVersion: 'kubesim.dev/v1';
  kind: 'ClusterState';
  schemaVersion: number;
  cluster: ClusterConfig;
  clock: { mode: ClockMode; nowMs: number; offsetMs?: number };
  rng: RngState;
  resourceVersion: number;
  timers: TimerEntry[];
  sim: Record<string, unknown>;
  objects: Record<string, KObject[]>;
}

export interface OpenOptions {
  statePath: string;
  /** Create the default cluster when the file does not exist (default true). */
  autoCreate?: boolean;
  /** Settings for a cluster created now. */
  create?: { clock?: ClockMode; seed?: number; config?: ClusterConfig };
}

export class Session {
  readonly ctx: Ctx;
  private lock: StateLock;
  private closed = false;
  /** The state file as opened (sections not read yet are read from it, or copied by the save). */
  private source?: StateSource;
  /** Sim sections never touched in this session: saved byte for byte. */
  private untouchedSim = new Set<string>();
  /** Store writes after catch-up: a failed command with none of its own leaves the file untouched. */
  private writesAtVerbStart = 0;
  created = false;
  private readonly loop: ControllerLoop<Ctx>;
  /** Whether the API server and the controllers are in place (see wire). */
  private wired = false;

  private constructor(
    readonly statePath: string,
    lock: StateLock,
    readonly store: Store,
    readonly clock: Clock,
    readonly rng: Random,
    readonly cluster: ClusterConfig,
    sim: Record<string, unknown>,
    timers: TimerEntry[],
  ) {
    this.lock = lock;
    // The API server and the controllers are wired on first use: when a verb reaches for ctx.api or
    // ctx.loop, when time must move, or on the first store write. Watchers run in the order they
    // were added, so this one wires the controllers before the loop's own watcher sees that write.
    // A read-only command on a quiet cluster (manual clock, nothing due) never loads them.
    store.watch(() => {
      if (!this.wired) this.wire();
    });
    const loop = new ControllerLoop<Ctx>(store, clock);
    this.loop = loop;
    const events = new EventRecorder(store, clock, rng, () => (sim.events ??= {}) as { lastEventNanos?: string });
    const wire = () => this.wire();
    this.ctx = {
      store,
      get api() {
        return wire().api;
      },
      clock,
      rng,
      events,
      get loop() {
        return wire().loop;
      },
      cluster,
      sim,
      transient: {},
    };
    loop.setContext(this.ctx);
    loop.loadTimers(timers);
  }

  /** Puts the API server and the controllers in place (once); returns the context. */
  private wire(): Ctx {
    if (this.wired) return this.ctx;
    this.wired = true;
    const w = loadWiring();
    const api = w.newApiServer(this.ctx);
    Object.defineProperty(this.ctx, 'api', { value: api, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(this.ctx, 'loop', { value: this.loop, writable: true, enumerable: true, configurable: true });
    w.registerControllers(this.ctx);
    return this.ctx;
  }

  /** Opens the state file (creating the default cluster if needed) under the exclusive lock. */
  static open(opts: OpenOptions): Session {
    const lock = new StateLock(`${opts.statePath}.lock`);
    lock.acquire();
    let src: StateSource | undefined;
    try {
      const fd = openStateFile(opts.statePath);
      if (fd === undefined) {
        if (opts.autoCreate === false) throw new RawError(`error: no kubesim cluster at ${opts.statePath}: run "kubesim cluster create" first`);
        const s = Session.fresh(opts.statePath, lock, opts.create ?? {});
        s.created = true;
        return s;
      }
      try {
        src = StateSource.open(opts.statePath, fd, (h) => checkHeader(h, opts.statePath));
      } catch (e) {
        closeSync(fd);
        throw e;
      }
      const data = src.header as unknown as StateFile;
      try {
        const store = new Store(data.resourceVersion);
        let sim: Record<string, unknown>;
        const untouched = new Set<string>();
        if (src.legacy) {
          for (const [gk, ns] of src.objectSections()) store.load(gk, src.objects(gk, ns));
          sim = src.legacy.sim;
        } else {
          store.attach(src, src.objectSections());
          sim = lazySim(src, untouched);
        }
        registerCustomKinds(store);
        const clock = new Clock(data.clock.mode, data.clock.nowMs, data.clock.offsetMs ?? 0);
        const rng = new Random(data.rng);
        const session = new Session(opts.statePath, lock, store, clock, rng, data.cluster, sim, data.timers ?? []);
        session.source = src;
        session.untouchedSim = untouched;
        return session;
      } catch (e) {
        if (e instanceof KubeError) throw e;
        // a hand-edited file that is JSON but not the shape kubesim wrote
        throw new RawError(`error: the kubesim state file ${opts.statePath} is corrupt: ${(e as Error).message}\n${wayOutOf(opts.statePath)}`);
      }
    } catch (e) {
      src?.close();
      lock.release();
      throw e;
    }
  }

  /** A brand-new default cluster (not yet saved). */
  static fresh(statePath: string, lock: StateLock, opts: NonNullable<OpenOptions['create']>): Session {
    const mode: ClockMode = opts.clock ?? (process.env.KUBESIM_CLOCK === 'manual' ? 'manual' : 'real');
    const config = opts.config ?? defaultConfig(opts.seed);
    const rng = Random.fromSeed(config.seed);
    // the cluster comes up a minute before "now", so its system pods are Running when you first look
    const now = mode === 'manual' ? MANUAL_EPOCH_MS : Math.floor(wallClockMs() / 1000) * 1000;
    const startedAt = now - 60_000;
    const clock = new Clock(mode, startedAt);
    const store = new Store(0);
    const s = new Session(statePath, lock, store, clock, rng, config, {}, []);
    loadWiring().bootstrapCluster(s.wire());
    s.ctx.loop.advanceTo(now);
    s.created = true;
    return s;
  }

  /** Brings the simulation up to date: in real mode, to wall-clock time. */
  catchUp(): void {
    const target = this.clock.target();
    if (target > this.clock.now()) this.wire().loop.advanceTo(target);
    else this.loop.runUntilQuiet(); // nothing is queued unless something wired the controllers
    this.writesAtVerbStart = this.store.writes;
  }

  /** Lets controllers react to what the verb just wrote. */
  settle(): void {
    this.loop.runUntilQuiet();
  }

  /** Advances simulated time by `ms` (or until `until` holds). Returns whether `until` held. */
  advance(ms: number, until?: () => boolean): boolean {
    return this.wire().loop.advanceTo(this.clock.now() + ms, until);
  }

  /** True when the verb changed something (so a failure still has work worth saving). */
  verbWrote(): boolean {
    return this.store.writes > this.writesAtVerbStart;
  }

  save(): void {
    const header = {
      apiVersion: 'kubesim.dev/v1',
      kind: 'ClusterState',
      schemaVersion: SCHEMA_VERSION,
      cluster: this.cluster,
      clock: { mode: this.clock.mode, nowMs: this.clock.now(), ...(this.clock.offsetMs ? { offsetMs: this.clock.offsetMs } : {}) },
      rng: this.rng.state(),
      resourceVersion: this.store.resourceVersion,
      timers: this.loop.timerEntries(),
    };
    const src = this.source?.legacy ? undefined : this.source;
    const objects: ObjectsOut[] = this.store.sections().map((sec) =>
      sec.objects ? { gk: sec.gk, ns: sec.ns, objects: sec.objects } : { gk: sec.gk, ns: sec.ns, count: sec.count, raw: src!.objectChunks(sec.gk, sec.ns)! },
    );
    const sim: SimOut[] = Object.keys(this.ctx.sim)
      .sort()
      .map((key) => (src && this.untouchedSim.has(key) ? { key, raw: src.simChunks(key)! } : { key, value: this.ctx.sim[key] }));
    writeStateText(this.statePath, encodeState(header, objects, sim));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.source?.close();
    this.lock.release();
  }
}

/**
 * The persisted controller state, each entry parsed from the file on first use (a `get` never
 * parses the kubelet's logs). Entries never touched are saved as the bytes they were.
 */
function lazySim(src: StateSource, untouched: Set<string>): Record<string, unknown> {
  const sim: Record<string, unknown> = {};
  const settle = (key: string, value: unknown) => {
    untouched.delete(key);
    Object.defineProperty(sim, key, { value, writable: true, enumerable: true, configurable: true });
  };
  for (const key of src.simKeys()) {
    untouched.add(key);
    Object.defineProperty(sim, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const v = src.sim(key);
        settle(key, v);
        return v;
      },
      set: (v: unknown) => settle(key, v),
    });
  }
  return sim;
}

/** Checks a state file's header: ours, not from a newer kubesim, with every required field. */
function checkHeader(h: StateHeader, file: string): void {
  const wayOut = wayOutOf(file);
  const d = h as unknown as Partial<StateFile> & StateHeader;
  if (d.kind !== 'ClusterState' || typeof d.schemaVersion !== 'number') throw new RawError(`error: ${file} is not a kubesim state file\n${wayOut}`);
  if (d.schemaVersion > SCHEMA_VERSION)
    throw new RawError(
      `error: the kubesim state file ${file} was written by a newer kubesim (schema version ${d.schemaVersion}; this kubesim reads version ${SCHEMA_VERSION})\nUpgrade kubesim, or ${wayOut.charAt(0).toLowerCase()}${wayOut.slice(1)}`,
    );
  const legacy = !Array.isArray(d.sections);
  if (
    typeof d.resourceVersion !== 'number' ||
    (legacy && (!d.objects || typeof d.objects !== 'object')) ||
    !d.clock ||
    typeof d.clock.nowMs !== 'number' ||
    !Array.isArray(d.rng) ||
    d.rng.length !== 4 ||
    !d.cluster
  )
    throw new RawError(`error: the kubesim state file ${file} is corrupt: required sections are missing\n${wayOut}`);
}

function defaultConfig(seed?: number): ClusterConfig {
  return defaultClusterConfig({ seed });
}

/** Reads a whole state file into plain data without locking it (tests, tools); undefined when it does not exist. */
export function readStateFile(file: string): StateFile | undefined {
  if (!existsSync(file)) return undefined;
  const d = decodeStateFile(file, (h) => checkHeader(h, file));
  return { ...(d.header as unknown as StateFile), objects: d.objects, sim: d.sim };
}

/** The header of a state file (clock mode, cluster shape), or undefined when it does not exist. */
export function readStateHeader(file: string): StateFile | undefined {
  const fd = openStateFile(file);
  if (fd === undefined) return undefined;
  let src: StateSource | undefined;
  try {
    src = StateSource.open(file, fd, (h) => checkHeader(h, file));
    return src.header as unknown as StateFile;
  } finally {
    if (src) src.close();
    else closeSync(fd);
  }
}

/** Runs a verb in a session: saves on success (or on partial success), never on a rejected command. */
export function withSession<T>(opts: OpenOptions, fn: (s: Session) => T, mode: { readOnly?: boolean } = {}): T {
  const s = Session.open(opts);
  try {
    s.catchUp();
    let result: T;
    try {
      result = fn(s);
    } catch (e) {
      if (e instanceof KubeError && (s.verbWrote() || s.created)) {
        s.settle();
        s.save();
      }
      throw e;
    }
    s.settle();
    if (!mode.readOnly || s.created || s.store.writes > 0) s.save();
    return result;
  } finally {
    s.close();
  }
}

export { backupState };
