// The simulated kubelet of every node. For each pod bound to a live node it runs a small container
// runtime: sandbox, image pulls (from the simulated registry, with back-off on failure), create and
// start, processes that serve or exit, restarts with CrashLoopBackOff back-off, probes, and
// graceful termination. The runtime's private state lives in the state file beside the objects; the
// pod's status is written from it, as the kubelet's status manager does. Back-off clocks are in
// backoff.ts, probes in probes.ts, injected faults in faults.ts.
import { clone, type Container, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import { keyFor, splitKey } from '../controllers/util';
import { deepEqual } from '../api/equality';
import { goDurationString } from '../printers/duration';
import { imageID, imageSize, lookupImage, parseImage, pullFailure } from './images';
import { programFor } from './program';
import { qosClass } from '../api/qos';
import { parseTime } from '../sim/clock';
import { inBackOffSince, inBackOffSinceUpdate, nextBackoff, workerRetryAt, PLEG_RELIST_MS, type BackoffEntry } from './backoff';
import { initProbes, isReady, isStarted, runProbes, type ProbeRt, type ProbedContainer } from './probes';
import { containerFaults, dropPodFaults } from './faults';
import { nodeStatusPosted } from './heartbeat';
import { mountVolumes, prepareContainerConfig } from './config';
import { containerStarted, podGone } from './runtime-hooks';

export const KUBELET = 'kubelet';

const SANDBOX_MS = 800;
/** A container with a persistent crash fault dies this long after each start. */
const FAULT_CRASH_AFTER_MS = 1_000;

type Phase = 'created' | 'pulling' | 'errImagePull' | 'imagePullBackOff' | 'running' | 'exited' | 'crashBackOff' | 'configError';

interface RtContainer {
  name: string;
  init: boolean;
  sidecar: boolean;
  phase: Phase;
  /** When the pending transition of this phase fires (ms). */
  at?: number;
  restartCount: number;
  containerID?: string;
  image?: string;
  startedAt?: number;
  exitAt?: number;
  exitCode?: number;
  /** Termination reason forced by the cause of the exit (OOMKilled). */
  exitReason?: string;
  exitSignal?: number;
  finishedAt?: number;
  termReason?: string;
  last?: { startedAt: number; finishedAt: number; exitCode: number; reason: string; containerID: string };
  pullStartedAt?: number;
  /** Why the current pull fails, or why the image could not be used (waiting reason + message). */
  pullFailed?: { reason: string; message: string };
  /** The image manager's back-off for this pod and image. */
  pullBo?: BackoffEntry;
  pullBoImage?: string;
  /** The CrashLoopBackOff back-off of this container. */
  crashBo?: BackoffEntry;
  waitingMessage?: string;
  /** The last start error (the reason cache): a retry in progress still shows it. */
  lastWaiting?: { reason: string; message?: string };
  /** The kubelet is stopping this container (a failed liveness or startup probe). */
  stopping?: boolean;
  probes?: ProbeRt;
}

interface RtPod {
  node: string;
  sandboxAt: number;
  sandboxReady: boolean;
  ip?: string;
  containers: Record<string, RtContainer>;
  killAt?: number;
  /** The pod's containers are all done (Succeeded/Failed pods): the sandbox is gone. */
  finished?: boolean;
  /** When the pod worker retries after a sync that ended in an error. */
  retryAt?: number;
}

interface KubeletState {
  pods: Record<string, RtPod>;
  /** Per node: next IP index and the IPs in use (ip → pod uid). */
  ipam: Record<string, { next: number; used: Record<string, string> }>;
  /** Images a fault made unavailable (`kubesim fault image`): normalised references or repositories. */
  unavailableImages?: string[];
  /** Nodes whose kubelet is stopped (`kubesim node stop`). */
  stoppedNodes?: string[];
}

export function kubeletState(ctx: Ctx): KubeletState {
  return simState<KubeletState>(ctx, 'kubelet', () => ({ pods: {}, ipam: {} }));
}

function ckey(init: boolean, name: string): string {
  return `${init ? 'i' : 'c'}:${name}`;
}

function fieldPath(c: RtContainer): string {
  return `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
}

function specContainer(pod: KObject, c: RtContainer): Container | undefined {
  return ((c.init ? pod.spec?.initContainers : pod.spec?.containers) ?? []).find((x: Container) => x.name === c.name);
}

function probed(c: RtContainer): ProbedContainer {
  return { name: c.name, running: c.phase === 'running', startedAt: c.startedAt, containerID: c.containerID, stopping: c.stopping, probes: c.probes };
}

/** How the container's process reacts to SIGTERM: how long it takes to go and with which exit code. */
function stopPlan(pod: KObject, c: RtContainer, spec: Container | undefined, graceMs: number): { ms: number; code: number } {
  const parsed = spec?.image ? parseImage(spec.image) : undefined;
  const info = parsed ? lookupImage(parsed) : undefined;
  const program = spec ? programFor(spec, pod.metadata.annotations, c.init && !c.sidecar) : undefined;
  const cmd0 = (spec?.command?.[0] ?? '').split('/').pop() ?? '';
  // a shell or sleep as PID 1 has no SIGTERM handler: it waits for SIGKILL at the end of the grace period
  const viaShell = ['sh', 'bash', 'ash', 'dash', 'sleep'].includes(cmd0);
  let mode = info?.onSigterm ?? (info && info.behaviour.kind === 'serve' ? 'exit' : 'ignore');
  if (viaShell || program?.kind === 'exit') mode = 'ignore';
  if (!info && !viaShell && program?.kind === 'serve') mode = 'exit';
  switch (mode) {
    case 'exit':
      return { ms: Math.min(graceMs, Math.round((info?.stopSeconds ?? 1) * 1000)), code: 0 };
    case 'die':
      return { ms: Math.min(graceMs, 100), code: 143 };
    default:
      return { ms: graceMs, code: 137 };
  }
}

class PodRun {
  private readonly now: number;
  private readonly src: { component: string; host: string };
  constructor(
    private readonly ctx: Ctx,
    private pod: KObject,
    private readonly rt: RtPod,
    private readonly st: KubeletState,
  ) {
    this.now = ctx.clock.now();
    this.src = { component: KUBELET, host: rt.node };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, c?: RtContainer): void {
    this.ctx.events.record(this.pod, type, reason, message, this.src, c ? fieldPath(c) : undefined);
  }

  private nodeObj(): KObject | undefined {
    return this.ctx.store.get('Node', undefined, this.rt.node);
  }

  /** When the pod worker retries after this sync ends in an error: wait.Jitter(10 s, 0.5). */
  private retryAt(): number {
    const rt = this.rt;
    if (rt.retryAt === undefined || rt.retryAt <= this.now) rt.retryAt = workerRetryAt(this.now, this.ctx.rng);
    return rt.retryAt;
  }

  private hasImage(ref: string): boolean {
    const parsed = parseImage(ref);
    if (!parsed) return false;
    const images: { names?: string[] }[] = this.nodeObj()?.status?.images ?? [];
    return images.some((i) => (i.names ?? []).includes(parsed.normalized));
  }

  private recordImage(image: string): void {
    const parsed = parseImage(image);
    const node = this.nodeObj();
    if (!parsed || !node) return;
    const names = [imageID(parsed), parsed.normalized];
    const images: { names: string[]; sizeBytes: number }[] = clone(node.status?.images ?? []);
    const existing = images.find((i) => i.names.includes(parsed.normalized) || i.names.includes(names[0]!));
    if (existing) {
      if (existing.names.every((n) => names.includes(n))) return;
      existing.names = [...new Set([...existing.names, ...names])];
    } else images.push({ names, sizeBytes: imageSize(parsed) ?? 1_000_000 });
    images.sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0]! < b.names[0]! ? -1 : 1));
    const next = clone(node);
    next.status = { ...(next.status ?? {}), images: images.slice(0, 50) };
    nodeStatusPosted(this.ctx, this.rt.node, next.status);
    this.ctx.store.put('Node', next);
  }

  private pullDurationMs(image: string): number {
    const parsed = parseImage(image);
    const size = (parsed && imageSize(parsed)) ?? 5_000_000;
    const base = 300 + (size / 25_000_000) * 1000;
    const jitter = 0.85 + this.ctx.rng.float() * 0.3;
    return Math.max(50, Math.round(base * jitter));
  }

  /** EnsureImageExists: use the cached image, or pull it (unless the pull is in back-off). */
  private beginImage(c: RtContainer, spec: Container): void {
    const image = spec.image ?? '';
    c.image = image;
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.hasImage(image);
    const unavailable = new Set(this.st.unavailableImages ?? []);
    const failure = pullFailure(image, (n) => unavailable.has(n));
    if (failure?.reason === 'InvalidImageName') {
      c.phase = 'errImagePull';
      c.pullFailed = { reason: 'InvalidImageName', message: failure.message };
      c.lastWaiting = { reason: 'InvalidImageName', message: failure.message };
      this.event('Warning', 'InspectFailed', failure.message, c);
      this.event('Warning', 'Failed', 'Error: InvalidImageName', c);
      c.at = this.retryAt();
      return;
    }
    if (policy === 'Never' && !present) {
      c.phase = 'errImagePull';
      c.pullFailed = { reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
      c.lastWaiting = { reason: 'ErrImageNeverPull', message: c.pullFailed.message };
      this.event('Warning', 'ErrImageNeverPull', c.pullFailed.message, c);
      this.event('Warning', 'Failed', 'Error: ErrImageNeverPull', c);
      c.at = this.retryAt();
      return;
    }
    if (policy !== 'Always' && present) {
      this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, c);
      this.start(c, spec);
      return;
    }
    // the back-off is keyed by pod and image: a new image starts afresh
    if (c.pullBoImage !== image) {
      c.pullBo = undefined;
      c.pullBoImage = image;
    }
    if (inBackOffSinceUpdate(c.pullBo, this.now)) {
      c.phase = 'imagePullBackOff';
      // 1.32 wraps the last pull error into the waiting message (imageManager.prevPullErrMsg)
      c.lastWaiting = { reason: 'ImagePullBackOff', message: backOffPullMessage(image, c.pullFailed) };
      this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
      this.event('Warning', 'Failed', 'Error: ImagePullBackOff', c);
      c.at = this.retryAt();
      return;
    }
    c.phase = 'pulling';
    c.pullStartedAt = this.now;
    this.event('Normal', 'Pulling', `Pulling image "${image}"`, c);
    c.at = this.now + (failure ? 400 + this.ctx.rng.int(800) : present ? 300 + this.ctx.rng.int(400) : this.pullDurationMs(image));
    c.pullFailed = failure ? { reason: failure.reason, message: failure.message } : undefined;
  }

  private finishPull(c: RtContainer, spec: Container): void {
    const image = spec.image ?? '';
    if (c.pullFailed) {
      c.phase = 'errImagePull';
      c.lastWaiting = { reason: 'ErrImagePull', message: c.pullFailed.message };
      this.event('Warning', 'Failed', `Failed to pull image "${image}": ${c.pullFailed.message}`, c);
      c.pullBo = nextBackoff(c.pullBo, this.now, this.now);
      this.event('Warning', 'Failed', 'Error: ErrImagePull', c);
      c.at = this.retryAt();
      return;
    }
    const took = this.now - (c.pullStartedAt ?? this.now);
    const parsed = parseImage(image);
    const size = (parsed && imageSize(parsed)) ?? 0;
    this.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDurationString(took)} (${goDurationString(took)} including waiting). Image size: ${size} bytes.`, c);
    this.recordImage(image);
    this.start(c, spec);
  }

  private start(c: RtContainer, spec: Container): void {
    // generateContainerConfig: env from ConfigMaps/Secrets must resolve before the container exists
    const configError = prepareContainerConfig(this.ctx, this.pod, spec, c.init, this.rt.ip);
    if (configError !== undefined) {
      c.phase = 'configError';
      c.waitingMessage = configError;
      c.at = this.retryAt();
      this.event('Warning', 'Failed', `Error: ${configError}`, c);
      return;
    }
    c.phase = 'running';
    c.containerID = `containerd://${this.ctx.rng.hex(64)}`;
    c.image = spec.image;
    c.startedAt = this.now;
    c.exitAt = undefined;
    c.exitCode = undefined;
    c.exitReason = undefined;
    c.exitSignal = undefined;
    c.finishedAt = undefined;
    c.termReason = undefined;
    c.pullFailed = undefined;
    c.waitingMessage = undefined;
    c.lastWaiting = undefined;
    c.stopping = undefined;
    this.event('Normal', 'Created', `Created container ${c.name}`, c);
    this.event('Normal', 'Started', `Started container ${c.name}`, c);
    containerStarted(this.ctx, this.pod, spec, { init: c.init, restartCount: c.restartCount, startedAt: this.now });
    const program = programFor(spec, this.pod.metadata.annotations, c.init && !c.sidecar);
    if (program.kind === 'exit') {
      c.exitAt = this.now + program.afterMs;
      c.exitCode = program.code;
    }
    c.at = undefined;
  }

  /** A crash or OOM fault strikes the running container. */
  private applyExitFault(c: RtContainer): void {
    const f = containerFaults(this.ctx, this.pod.metadata.uid!, c.name)?.exit;
    if (!f || c.stopping) return;
    if (f.appliedTo === c.containerID || (f.once && f.struck)) return;
    const at = f.struck ? Math.max(this.now, (c.startedAt ?? this.now) + FAULT_CRASH_AFTER_MS) : this.now;
    f.struck = true;
    f.appliedTo = c.containerID;
    if (c.exitAt !== undefined && c.exitAt < at) return;
    c.exitAt = at;
    c.exitCode = f.oom ? 137 : f.code;
    c.exitReason = f.oom ? 'OOMKilled' : undefined;
  }

  /** The kubelet kills a container whose liveness or startup probe failed. */
  private kill(c: RtContainer, spec: Container, probe: 'liveness' | 'startup'): void {
    this.event('Normal', 'Killing', `Container ${c.name} failed ${probe} probe, will be restarted`, c);
    const p = probe === 'liveness' ? spec.livenessProbe : spec.startupProbe;
    const grace = (p?.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const plan = stopPlan(this.pod, c, spec, grace);
    c.stopping = true;
    c.exitAt = this.now + plan.ms;
    c.exitCode = plan.code;
    c.exitReason = undefined;
  }

  private restartPolicyAllows(c: RtContainer, code: number): boolean {
    if (c.sidecar) return true;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    if (c.init) return policy !== 'Never' && code !== 0;
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return code !== 0;
    return false;
  }

  private exit(c: RtContainer): void {
    const code = c.exitCode ?? 0;
    c.phase = 'exited';
    c.finishedAt = c.exitAt ?? this.now;
    c.termReason = c.exitReason ?? (code === 0 ? 'Completed' : 'Error');
    c.exitAt = undefined;
    c.stopping = undefined;
    if (!this.restartPolicyAllows(c, code)) {
      c.at = undefined;
      return;
    }
    // the PLEG notices the exit at its next relist, and the pod worker syncs
    c.at = Math.max(this.now, c.finishedAt + PLEG_RELIST_MS);
  }

  /** The pod worker's sync of an exited container: restart it, unless it is in CrashLoopBackOff. */
  private syncExited(c: RtContainer, spec: Container): void {
    const finished = c.finishedAt ?? this.now;
    if (inBackOffSince(c.crashBo, finished, this.now)) {
      c.phase = 'crashBackOff';
      const podRef = `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`;
      c.waitingMessage = `back-off ${goDurationString(c.crashBo!.d)} restarting failed container=${c.name} pod=${podRef}`;
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, c);
      c.at = this.retryAt();
      return;
    }
    c.crashBo = nextBackoff(c.crashBo, finished, this.now);
    this.restart(c, spec);
  }

  private restart(c: RtContainer, spec: Container): void {
    c.last = {
      startedAt: c.startedAt ?? this.now,
      finishedAt: c.finishedAt ?? this.now,
      exitCode: c.exitCode ?? 0,
      reason: c.termReason ?? 'Completed',
      containerID: c.containerID ?? '',
    };
    c.restartCount++;
    c.phase = 'created';
    this.beginImage(c, spec);
  }

  /** Moves one container through every transition due by now. */
  private progress(c: RtContainer, spec: Container): void {
    for (let guard = 0; guard < 20; guard++) {
      switch (c.phase) {
        case 'created':
          this.beginImage(c, spec);
          if ((c.phase as Phase) === 'created') return;
          continue;
        case 'pulling':
          if (c.at !== undefined && c.at <= this.now) {
            this.finishPull(c, spec);
            continue;
          }
          return;
        case 'errImagePull':
        case 'imagePullBackOff':
          if (c.at !== undefined && c.at <= this.now) {
            c.phase = 'created';
            continue;
          }
          return;
        case 'running':
          this.applyExitFault(c);
          if (c.exitAt !== undefined && c.exitAt <= this.now) {
            this.exit(c);
            continue;
          }
          return;
        case 'exited':
        case 'crashBackOff':
          if (c.at !== undefined && c.at <= this.now) {
            this.syncExited(c, spec);
            continue;
          }
          return;
        case 'configError':
          // the pod worker tries again after its back-off
          if (c.at !== undefined && c.at <= this.now) {
            c.phase = 'created';
            c.at = undefined;
            continue;
          }
          return;
      }
    }
  }

  /** Runs the container's probes; a failed liveness/startup probe gets it killed. Returns the next probe instant. */
  private probe(c: RtContainer, spec: Container): number | undefined {
    if (!c.probes) return undefined;
    const view = probed(c);
    const r = runProbes({ ctx: this.ctx, pod: this.pod, spec, podIP: this.rt.ip ?? '', now: this.now, event: (t, reason, msg) => this.event(t, reason, msg, c) }, view);
    if (r.kill) this.kill(c, spec, r.kill);
    return r.next;
  }

  private allocateIp(): string {
    const node = this.nodeObj();
    if (this.pod.spec?.hostNetwork) return hostIP(node) ?? '';
    const cidr: string = node?.spec?.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0]!.split('.').map(Number);
    const ipam = (this.st.ipam[this.rt.node] ??= { next: 2, used: {} });
    for (let tries = 0; tries < 253; tries++) {
      const idx = ipam.next;
      ipam.next = idx >= 254 ? 2 : idx + 1;
      const ip = `${base[0]}.${base[1]}.${base[2]}.${idx}`;
      if (!ipam.used[ip]) {
        ipam.used[ip] = this.pod.metadata.uid!;
        return ip;
      }
    }
    return '';
  }

  /** Runs every due transition and writes the pod status. Returns the next wake-up time. */
  run(): number | undefined {
    const rt = this.rt;
    if (!rt.sandboxReady) {
      // volumes are set up before the sandbox starts (kubelet.SyncPod waits for them)
      const vols = mountVolumes(this.ctx, this.pod, (reason, message) => this.event('Warning', reason, message));
      if (vols.retryAt !== undefined) {
        this.writeStatus(!(this.pod.spec?.initContainers ?? []).length);
        return vols.retryAt;
      }
      if (vols.justMounted) rt.sandboxAt = Math.max(rt.sandboxAt, this.now + SANDBOX_MS);
      if (this.now < rt.sandboxAt) {
        this.writeStatus(!(this.pod.spec?.initContainers ?? []).length);
        return rt.sandboxAt;
      }
      rt.sandboxReady = true;
      rt.ip = this.allocateIp();
    }
    const spec = this.pod.spec ?? {};
    let next: number | undefined;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t > this.now && (next === undefined || t < next)) next = t;
    };
    // once a regular container has started, the pod stays initialized: init containers do not run
    // again and sidecars restart on their own (HasAnyRegularContainerStarted)
    const initialized = this.anyRegularContainerStarted();
    let initDone = true;
    for (const ic of (spec.initContainers ?? []) as Container[]) {
      const c = rt.containers[ckey(true, ic.name)]!;
      if (initialized && !c.sidecar) continue;
      this.progress(c, ic);
      if (c.sidecar) {
        consider(this.probe(c, ic));
        this.progress(c, ic);
        if (initialized) continue;
        // the next container starts once this sidecar has started (startup probe passed), at the
        // pod worker's next sync: a startup probe result triggers one at once, a plain start is
        // noticed by the PLEG's next relist
        if (!isStarted(ic, probed(c))) {
          initDone = false;
          break;
        }
        const seen = ic.startupProbe ? this.now : (c.startedAt ?? this.now) + PLEG_RELIST_MS;
        if (seen > this.now) {
          consider(seen);
          initDone = false;
          break;
        }
        continue;
      }
      if (!(c.phase === 'exited' && (c.exitCode ?? 0) === 0 && c.at === undefined)) {
        initDone = false;
        break;
      }
      // the PLEG notices the exit at its next relist; the next container starts at that sync
      const seen = (c.finishedAt ?? this.now) + PLEG_RELIST_MS;
      if (seen > this.now) {
        consider(seen);
        initDone = false;
        break;
      }
    }
    if (initDone) {
      let blocked = false;
      for (const mc of (spec.containers ?? []) as Container[]) {
        const c = rt.containers[ckey(false, mc.name)]!;
        // containers start one after another, each after the previous one's image was dealt with
        if (blocked && c.phase === 'created') break;
        this.progress(c, mc);
        consider(this.probe(c, mc));
        this.progress(c, mc);
        if (c.phase === 'pulling') blocked = true;
      }
    }
    const mains = ((spec.containers ?? []) as Container[]).map((mc) => rt.containers[ckey(false, mc.name)]!);
    if (initDone && mains.every((c) => c.phase === 'exited' && c.at === undefined)) rt.finished = true;
    this.writeStatus(initDone);
    for (const c of Object.values(rt.containers)) {
      consider(c.at);
      if (c.phase === 'running') consider(c.exitAt);
    }
    return next;
  }

  private containerStatus(c: RtContainer, spec: Container | undefined): Record<string, unknown> {
    const t = (ms: number) => this.ctx.clock.rfc3339(ms);
    const parsed = parseImage(c.image ?? spec?.image ?? '');
    const pulledImage = c.containerID && parsed ? parsed.normalized : (spec?.image ?? '');
    const s: Record<string, unknown> = {
      name: c.name,
      image: pulledImage,
      imageID: c.containerID && parsed ? imageID(parsed) : '',
      ready: false,
      restartCount: c.restartCount,
      started: false,
      lastState: {},
      state: {},
    };
    if (c.containerID) s.containerID = c.containerID;
    if (c.last)
      s.lastState = {
        terminated: {
          containerID: c.last.containerID,
          exitCode: c.last.exitCode,
          finishedAt: t(c.last.finishedAt),
          reason: c.last.reason,
          startedAt: t(c.last.startedAt),
        },
      };
    switch (c.phase) {
      case 'running':
        s.state = { running: { startedAt: t(c.startedAt!) } };
        s.started = spec ? isStarted(spec, probed(c)) : true;
        s.ready = spec ? isReady(spec, probed(c)) : true;
        break;
      case 'exited':
        s.state = {
          terminated: {
            containerID: c.containerID,
            exitCode: c.exitCode ?? 0,
            finishedAt: t(c.finishedAt!),
            reason: c.termReason,
            startedAt: t(c.startedAt!),
          },
        };
        break;
      case 'crashBackOff':
        s.state = { waiting: { message: c.waitingMessage, reason: 'CrashLoopBackOff' } };
        s.lastState = {
          terminated: {
            containerID: c.containerID,
            exitCode: c.exitCode ?? 0,
            finishedAt: t(c.finishedAt!),
            reason: c.termReason,
            startedAt: t(c.startedAt!),
          },
        };
        break;
      case 'errImagePull':
        s.state = { waiting: { message: c.pullFailed?.message, reason: c.pullFailed?.reason ?? 'ErrImagePull' } };
        break;
      case 'imagePullBackOff':
        s.state = { waiting: { message: backOffPullMessage(spec?.image ?? '', c.pullFailed), reason: 'ImagePullBackOff' } };
        break;
      case 'configError':
        s.state = { waiting: { message: c.waitingMessage, reason: 'CreateContainerConfigError' } };
        break;
      default:
        // a retry in progress still shows the last error (the kubelet's reason cache); otherwise
        // containers the runtime has nothing on yet wait with PodInitializing in a pod that has
        // init containers, ContainerCreating otherwise (convertToAPIContainerStatuses)
        if (c.lastWaiting) s.state = { waiting: { ...(c.lastWaiting.message !== undefined ? { message: c.lastWaiting.message } : {}), reason: c.lastWaiting.reason } };
        else s.state = { waiting: { reason: (this.pod.spec?.initContainers ?? []).length ? 'PodInitializing' : 'ContainerCreating' } };
    }
    if (!c.containerID) delete s.containerID;
    return s;
  }

  /** Whether a regular container has ever run in this pod (then it has been initialized). */
  private anyRegularContainerStarted(): boolean {
    return ((this.pod.spec?.containers ?? []) as Container[]).some((mc) => {
      const c = this.rt.containers[ckey(false, mc.name)];
      return !!c && (c.startedAt !== undefined || c.last !== undefined);
    });
  }

  private writeStatus(initDone: boolean): void {
    const rt = this.rt;
    const pod = this.pod;
    const spec = pod.spec ?? {};
    const initSpecs = (spec.initContainers ?? []) as Container[];
    const mainSpecs = (spec.containers ?? []) as Container[];
    const initStatuses = initSpecs.map((ic) => this.containerStatus(rt.containers[ckey(true, ic.name)]!, ic));
    if (initStatuses.length) {
      // init containers waiting for their turn show PodInitializing
      let running = true;
      initSpecs.forEach((ic, i) => {
        const c = rt.containers[ckey(true, ic.name)]!;
        if (!running && c.phase === 'created') initStatuses[i]!.state = { waiting: { reason: 'PodInitializing' } };
        if (!(c.phase === 'exited' && c.exitCode === 0) && !(c.sidecar && isStarted(ic, probed(c)))) running = false;
      });
    }
    const mainStatuses = mainSpecs.map((mc) => this.containerStatus(rt.containers[ckey(false, mc.name)]!, mc));
    const mains = mainSpecs.map((mc) => rt.containers[ckey(false, mc.name)]!);
    const policy = spec.restartPolicy ?? 'Always';
    // kubelet getPhase
    let phase: string;
    if (!initDone) phase = 'Pending';
    else {
      let running = 0;
      let waiting = 0;
      let stopped = 0;
      let succeeded = 0;
      for (const c of mains) {
        if (c.phase === 'running') running++;
        else if (c.phase === 'exited') {
          stopped++;
          if ((c.exitCode ?? 0) === 0) succeeded++;
        } else if (c.last || c.phase === 'crashBackOff') stopped++;
        else waiting++;
      }
      if (waiting > 0) phase = 'Pending';
      else if (running > 0) phase = 'Running';
      else if (stopped > 0) {
        if (policy === 'Always') phase = 'Running';
        else if (policy === 'OnFailure') phase = stopped === succeeded ? 'Succeeded' : 'Running';
        else phase = stopped === succeeded ? 'Succeeded' : 'Failed';
        if (phase !== 'Running' && mains.some((c) => c.at !== undefined)) phase = 'Running';
      } else phase = 'Pending';
    }
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    // sidecars count for readiness too
    const sidecarStatuses = initStatuses.filter((_, i) => rt.containers[ckey(true, initSpecs[i]!.name)]!.sidecar);
    const readyStatuses = [...sidecarStatuses, ...mainStatuses];
    const containersReady = !terminal && initDone && readyStatuses.every((s) => s.ready === true);
    const ready = containersReady && this.readinessGatesTrue();
    const notReadyNames = readyStatuses.filter((s) => s.ready !== true).map((s) => s.name);
    const incompleteInit = initSpecs
      .filter((ic) => {
        const c = rt.containers[ckey(true, ic.name)]!;
        return c.sidecar ? !isStarted(ic, probed(c)) : !(c.phase === 'exited' && c.exitCode === 0);
      })
      .map((ic) => ic.name);
    const old = (pod.status?.conditions ?? []) as { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string; lastProbeTime?: null }[];
    const cond = (type: string, ok: boolean, reason?: string, message?: string) => {
      const prev = old.find((c) => c.type === type);
      const status = ok ? 'True' : 'False';
      const c: Record<string, unknown> = {
        lastProbeTime: null,
        lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : this.ctx.clock.rfc3339(),
        status,
        type,
      };
      if (!ok && reason) {
        c.reason = reason;
        if (message) c.message = message;
      }
      return c;
    };
    const conditions = [
      cond('PodReadyToStartContainers', rt.sandboxReady && !rt.finished),
      initSpecs.length
        ? cond('Initialized', incompleteInit.length === 0 || terminal || this.anyRegularContainerStarted(), 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`)
        : cond('Initialized', true),
      terminal ? cond('Ready', false, 'PodCompleted') : cond('Ready', ready, 'ContainersNotReady', `containers with unready status: [${notReadyNames.join(' ')}]`),
      terminal ? cond('ContainersReady', false, 'PodCompleted') : cond('ContainersReady', containersReady, 'ContainersNotReady', `containers with unready status: [${notReadyNames.join(' ')}]`),
      ...old.filter((c) => c.type === 'PodScheduled'),
      ...old.filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type)),
    ];
    const node = this.nodeObj();
    const hip = hostIP(node);
    const status: Record<string, unknown> = { ...(pod.status ?? {}) };
    status.phase = phase;
    status.conditions = conditions;
    if (hip) {
      status.hostIP = hip;
      status.hostIPs = [{ ip: hip }];
    }
    if (rt.ip) {
      status.podIP = rt.ip;
      status.podIPs = [{ ip: rt.ip }];
    }
    status.startTime = status.startTime ?? this.ctx.clock.rfc3339(rt.sandboxAt - SANDBOX_MS);
    status.qosClass = qosClass(pod);
    if (initStatuses.length) status.initContainerStatuses = initStatuses;
    status.containerStatuses = sortByName(mainStatuses);
    if (!deepEqual(status, pod.status)) {
      const next = clone(pod);
      next.status = status;
      this.pod = this.ctx.store.put('Pod', next);
    }
  }

  private readinessGatesTrue(): boolean {
    const gates: { conditionType: string }[] = this.pod.spec?.readinessGates ?? [];
    return gates.every((g) => (this.pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === g.conditionType && c.status === 'True'));
  }

  /** Graceful termination: SIGTERM, wait for the process (or the grace period), then remove the pod. */
  terminate(): number | undefined {
    const rt = this.rt;
    const pod = this.pod;
    if (rt.killAt === undefined) {
      // a pod whose deletion the kubelet only learns about late still gets a short grace period
      const deadline = parseTime(pod.metadata.deletionTimestamp);
      const granted = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      const grace = Number.isFinite(deadline) && deadline - this.now < granted - 1000 ? Math.max(2000, deadline - this.now) : granted;
      let stopMs = 0;
      for (const c of Object.values(rt.containers)) {
        if (c.phase !== 'running') continue;
        this.event('Normal', 'Killing', `Stopping container ${c.name}`, c);
        const plan = stopPlan(pod, c, specContainer(pod, c), grace);
        c.exitCode = plan.code;
        stopMs = Math.max(stopMs, plan.ms);
      }
      rt.killAt = this.now + stopMs;
    }
    if (this.now < rt.killAt) return rt.killAt;
    // every container has stopped: the kubelet deletes the pod object (grace period 0)
    for (const c of Object.values(rt.containers)) {
      if (c.phase === 'running') {
        c.phase = 'exited';
        c.finishedAt = this.now;
        c.exitCode = c.exitCode ?? 0;
        c.termReason = c.exitCode === 0 ? 'Completed' : 'Error';
      }
    }
    const fin = pod.metadata.finalizers ?? [];
    if (fin.length === 0) this.ctx.api.remove('Pod', pod);
    else {
      this.writeStatus(true);
    }
    return undefined;
  }
}

function sortByName(list: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...list].sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : (a.name as string) > (b.name as string) ? 1 : 0));
}

export function hostIP(node: KObject | undefined): string | undefined {
  return (node?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
}

function newContainer(c: Container, init: boolean, admittedAt: number): RtContainer {
  return { name: c.name, init, sidecar: init && c.restartPolicy === 'Always', phase: 'created', restartCount: 0, probes: initProbes(c, admittedAt) };
}

function admit(ctx: Ctx, pod: KObject): RtPod {
  const now = ctx.clock.now();
  const containers: Record<string, RtContainer> = {};
  for (const ic of (pod.spec?.initContainers ?? []) as Container[]) containers[ckey(true, ic.name)] = newContainer(ic, true, now);
  for (const mc of (pod.spec?.containers ?? []) as Container[]) containers[ckey(false, mc.name)] = newContainer(mc, false, now);
  return { node: pod.spec.nodeName, sandboxAt: now + SANDBOX_MS, sandboxReady: false, containers };
}

export function nodeIsRunning(ctx: Ctx, nodeName: string): boolean {
  const st = kubeletState(ctx);
  return !(st.stoppedNodes ?? []).includes(nodeName) && !!ctx.store.get('Node', undefined, nodeName);
}

/**
 * A kubelet (re)starts: it syncs every pod bound to its node. Its in-memory state is gone, so the
 * prober workers start a new tick grid and the back-off clocks start afresh.
 */
export function restartKubelet(ctx: Ctx, nodeName: string): void {
  const st = kubeletState(ctx);
  const now = ctx.clock.now();
  for (const rt of Object.values(st.pods)) {
    if (rt.node !== nodeName) continue;
    rt.retryAt = undefined;
    for (const c of Object.values(rt.containers)) {
      c.crashBo = undefined;
      c.pullBo = undefined;
      if (c.probes) {
        c.probes.base = now;
        for (const k of ['startup', 'liveness', 'readiness'] as const) {
          const p = c.probes[k];
          if (p) p.next = undefined;
        }
      }
      if (c.at !== undefined && c.at < now) c.at = now;
    }
  }
  for (const p of ctx.store.podsOnNode(nodeName)) ctx.loop.enqueue(KUBELET, keyFor(p));
}

/** Has the kubelet something to do for this pod right now (a fault was injected)? */
export function pokePod(ctx: Ctx, pod: KObject): void {
  ctx.loop.enqueue(KUBELET, keyFor(pod));
}

export const kubelet: Controller<Ctx> = {
  name: KUBELET,
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'Pod') {
      if (ev.type === 'DELETED') {
        const st = kubeletState(ctx);
        const uid = ev.obj.metadata.uid!;
        const rt = st.pods[uid];
        if (rt) {
          if (rt.ip && st.ipam[rt.node]?.used[rt.ip] === uid) delete st.ipam[rt.node]!.used[rt.ip];
          delete st.pods[uid];
        }
        dropPodFaults(ctx, uid);
        podGone(ctx, uid);
        return;
      }
      if (!ev.obj.spec?.nodeName) return;
      // our own status writes need no new sync; spec/metadata changes do
      if (ev.old && ev.old.spec?.nodeName && deepEqual(ev.old.spec, ev.obj.spec) && ev.old.metadata.deletionTimestamp === ev.obj.metadata.deletionTimestamp && deepEqual(ev.old.metadata.annotations, ev.obj.metadata.annotations))
        return;
      enqueue(keyFor(ev.obj));
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const pod = ctx.store.get('Pod', ns, name);
    if (!pod || !pod.spec?.nodeName) return;
    if (!nodeIsRunning(ctx, pod.spec.nodeName)) return;
    const st = kubeletState(ctx);
    const uid = pod.metadata.uid!;
    let rt = st.pods[uid];
    if (!rt) {
      if (pod.metadata.deletionTimestamp) {
        ctx.api.remove('Pod', pod);
        return;
      }
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      rt = admit(ctx, pod);
      st.pods[uid] = rt;
    }
    // containers added by an update (ephemeral, or new pods reusing a uid) get runtime entries
    for (const mc of (pod.spec?.containers ?? []) as Container[]) rt.containers[ckey(false, mc.name)] ??= newContainer(mc, false, ctx.clock.now());
    const run = new PodRun(ctx, pod, rt, st);
    let next: number | undefined;
    if (pod.metadata.deletionTimestamp) next = run.terminate();
    else {
      syncImageChanges(pod, rt);
      next = run.run();
    }
    if (next !== undefined) ctx.loop.at(next, KUBELET, key);
  },
};

/** A running pod whose container image was changed (`set image` on a bare pod) restarts that container. */
function syncImageChanges(pod: KObject, rt: RtPod): void {
  for (const mc of (pod.spec?.containers ?? []) as Container[]) {
    const c = rt.containers[ckey(false, mc.name)];
    if (!c || !c.image || c.image === mc.image) continue;
    if (c.phase === 'running' || c.phase === 'exited' || c.phase === 'crashBackOff' || c.phase === 'errImagePull' || c.phase === 'imagePullBackOff') {
      if (c.phase === 'running') {
        c.last = { startedAt: c.startedAt ?? 0, finishedAt: c.startedAt ?? 0, exitCode: 0, reason: 'Completed', containerID: c.containerID ?? '' };
        c.restartCount++;
      }
      c.phase = 'created';
      c.at = undefined;
      c.stopping = undefined;
    }
  }
}

/** The waiting message during an image pull back-off: `Back-off pulling image "x": ErrImagePull: <last error>`. */
function backOffPullMessage(image: string, last: { reason: string; message: string } | undefined): string {
  const msg = `Back-off pulling image "${image}"`;
  return last ? `${msg}: ${last.reason}: ${last.message}` : msg;
}
