// A session is one command's view of the cluster: take the lock, load the state file into the store,
// wire the API server, controllers, scheduler and kubelet, catch up with the clock, let the verb act,
// let controllers react, and save atomically.
import { Store } from '../store/store';
import { StateLock, readStateText, writeStateText, SCHEMA_VERSION, backupState } from '../store/statefile';
import { Clock, MANUAL_EPOCH_MS, wallClockMs, type ClockMode } from '../sim/clock';
export { wallClockMs };
import { Random, type RngState } from '../sim/random';
import { ControllerLoop, type TimerEntry } from '../sim/loop';
import { EventRecorder } from '../sim/events';
import { ApiServer } from '../api/server';
import { installDefaultAdmission } from '../api/admission';
import { installStrategies } from '../api/strategies';
import { RawError, KubeError } from '../api/errors';
import type { KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { defaultClusterConfig, type ClusterConfig } from './config';
import { bootstrapCluster } from './bootstrap';
import { registerControllers } from './controllers';
import { registerCustomKinds } from './crds';

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
  /** Store writes after catch-up: a failed command with none of its own leaves the file untouched. */
  private writesAtVerbStart = 0;
  created = false;

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
    const loop = new ControllerLoop<Ctx>(store, clock);
    const api = new ApiServer(store, clock, rng);
    installStrategies(api);
    installDefaultAdmission(api);
    const events = new EventRecorder(store, clock, rng, ((sim.events ??= {}) as { lastEventNanos?: string }));
    this.ctx = { store, api, clock, rng, events, loop, cluster, sim, transient: {} };
    loop.setContext(this.ctx);
    registerControllers(this.ctx);
    loop.loadTimers(timers);
  }

  /** Opens the state file (creating the default cluster if needed) under the exclusive lock. */
  static open(opts: OpenOptions): Session {
    const lock = new StateLock(`${opts.statePath}.lock`);
    lock.acquire();
    try {
      const text = readStateText(opts.statePath);
      if (text === undefined) {
        if (opts.autoCreate === false) throw new RawError(`error: no kubesim cluster at ${opts.statePath}: run "kubesim cluster create" first`);
        const s = Session.fresh(opts.statePath, lock, opts.create ?? {});
        s.created = true;
        return s;
      }
      const data = parseState(text, opts.statePath);
      try {
        const store = new Store(data.resourceVersion);
        for (const [gk, objs] of Object.entries(data.objects)) store.load(gk, checkedObjects(gk, objs));
        registerCustomKinds(store);
        const clock = new Clock(data.clock.mode, data.clock.nowMs, data.clock.offsetMs ?? 0);
        const rng = new Random(data.rng);
        return new Session(opts.statePath, lock, store, clock, rng, data.cluster, data.sim ?? {}, data.timers ?? []);
      } catch (e) {
        if (e instanceof KubeError) throw e;
        // a hand-edited file that is JSON but not the shape kubesim wrote
        throw new RawError(`error: the kubesim state file ${opts.statePath} is corrupt: ${(e as Error).message}\n${wayOutOf(opts.statePath)}`);
      }
    } catch (e) {
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
    bootstrapCluster(s.ctx);
    s.ctx.loop.advanceTo(now);
    s.created = true;
    return s;
  }

  /** Brings the simulation up to date: in real mode, to wall-clock time. */
  catchUp(): void {
    const target = this.clock.target();
    if (target > this.clock.now()) this.ctx.loop.advanceTo(target);
    else this.ctx.loop.runUntilQuiet();
    this.writesAtVerbStart = this.store.writes;
  }

  /** Lets controllers react to what the verb just wrote. */
  settle(): void {
    this.ctx.loop.runUntilQuiet();
  }

  /** Advances simulated time by `ms` (or until `until` holds). Returns whether `until` held. */
  advance(ms: number, until?: () => boolean): boolean {
    return this.ctx.loop.advanceTo(this.clock.now() + ms, until);
  }

  /** True when the verb changed something (so a failure still has work worth saving). */
  verbWrote(): boolean {
    return this.store.writes > this.writesAtVerbStart;
  }

  save(): void {
    const data: StateFile = {
      apiVersion: 'kubesim.dev/v1',
      kind: 'ClusterState',
      schemaVersion: SCHEMA_VERSION,
      cluster: this.cluster,
      clock: { mode: this.clock.mode, nowMs: this.clock.now(), ...(this.clock.offsetMs ? { offsetMs: this.clock.offsetMs } : {}) },
      rng: this.rng.state(),
      resourceVersion: this.store.resourceVersion,
      timers: this.ctx.loop.timerEntries(),
      sim: this.ctx.sim,
      objects: this.store.dump(),
    };
    writeStateText(this.statePath, JSON.stringify(data));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lock.release();
  }
}

function defaultConfig(seed?: number): ClusterConfig {
  return defaultClusterConfig({ seed });
}

/** The objects of one kind as the file holds them, checked just enough to index them. */
function checkedObjects(gk: string, objs: unknown): KObject[] {
  if (!Array.isArray(objs)) throw new Error(`objects.${gk} is not a list`);
  for (let i = 0; i < objs.length; i++) {
    const o = objs[i] as KObject;
    if (!o || typeof o !== 'object' || !o.metadata || typeof o.metadata !== 'object' || typeof o.metadata.name !== 'string')
      throw new Error(`objects.${gk}[${i}] is not an object with a metadata.name`);
  }
  return objs as KObject[];
}

function wayOutOf(file: string): string {
  return `To start over, run "kubesim cluster reset" (it keeps a copy of the old file as ${file}.bak), or point --state/KUBESIM_STATE at another file.`;
}

/** Why JSON.parse rejected a state file, in words (V8's messages quote the text, newlines and all). */
function jsonProblem(text: string, v8message: string): string {
  if (text.trim() === '') return 'the file is empty';
  const at = /position (\d+)/.exec(v8message);
  const pos = at ? Number(at[1]) : undefined;
  if (/Unexpected end of JSON input/.test(v8message) || (pos !== undefined && pos >= text.trimEnd().length))
    return `it ends abruptly after ${text.length} bytes (it was cut short)`;
  return pos === undefined ? 'it is not valid JSON' : `it is not valid JSON (syntax error at character ${pos} of ${text.length})`;
}

/** Parses and checks the state file; every problem is explained with a way out. */
export function parseState(text: string, file: string): StateFile {
  let data: StateFile;
  const wayOut = wayOutOf(file);
  try {
    data = JSON.parse(text) as StateFile;
  } catch (e) {
    throw new RawError(`error: the kubesim state file ${file} is corrupt: ${jsonProblem(text, (e as Error).message)}\n${wayOut}`);
  }
  if (!data || typeof data !== 'object' || data.kind !== 'ClusterState' || typeof data.schemaVersion !== 'number')
    throw new RawError(`error: ${file} is not a kubesim state file\n${wayOut}`);
  if (data.schemaVersion > SCHEMA_VERSION)
    throw new RawError(
      `error: the kubesim state file ${file} was written by a newer kubesim (schema version ${data.schemaVersion}; this kubesim reads version ${SCHEMA_VERSION})\nUpgrade kubesim, or ${wayOut.charAt(0).toLowerCase()}${wayOut.slice(1)}`,
    );
  if (
    typeof data.resourceVersion !== 'number' ||
    !data.objects ||
    typeof data.objects !== 'object' ||
    !data.clock ||
    typeof data.clock.nowMs !== 'number' ||
    !Array.isArray(data.rng) ||
    data.rng.length !== 4 ||
    !data.cluster
  )
    throw new RawError(`error: the kubesim state file ${file} is corrupt: required sections are missing\n${wayOut}`);
  return data;
}

/** Reads and decodes a state file without locking it (tests, tools); undefined when it does not exist. */
export function readStateFile(file: string): StateFile | undefined {
  const text = readStateText(file);
  return text === undefined ? undefined : parseState(text, file);
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
