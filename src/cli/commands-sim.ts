// Command specs for failure simulation, metrics and autoscaling: kubesim's own verbs (node stop|start,
// fault …, load) and kubectl's top and autoscale. Registered in commands.ts; implementations load
// lazily.
import type { CommandSpec, RunContext } from './spec';

type Runner = (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;

function lazy<M>(load: () => Promise<M>, pick: (m: M) => Runner): Runner {
  return async (args, flags, ctx) => pick(await load())(args, flags, ctx);
}

const SIM = 'Simulation Commands (kubesim)';
const containerFlag = { name: 'container', short: 'c', type: 'string' as const, default: "''", desc: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container, or the first container in the pod.' };

export const nodeSimCmd: CommandSpec = {
  name: 'node',
  group: SIM,
  short: "Stop or start a node's kubelet",
  long: `Stop or start the kubelet of a node.

 A stopped kubelet no longer renews its lease, posts node status or runs its pods' containers. As in Kubernetes 1.32, the node lifecycle controller marks the node NotReady (its conditions Unknown) once the lease is 40 seconds old, taints it node.kubernetes.io/unreachable (NoSchedule, then NoExecute), and the taint eviction controller deletes its pods 300 seconds later (their default toleration), so that their controllers recreate them on healthy nodes. StatefulSet pods are not replaced until the node is deleted or the pod force-deleted. Starting the kubelet again brings the node back to Ready.`,
  examples: `  # Simulate a node failure and watch the pods move
  kubesim node stop worker-1
  kubesim clock advance 6m
  kubesim get pods -o wide
  
  # Bring it back
  kubesim node start worker-1`,
  usage: 'node (stop|start) NAME [options]',
  subcommands: [
    {
      name: 'stop',
      short: "Stop a node's kubelet (the node stops reporting)",
      long: "Stop a node's kubelet: it stops renewing its lease and posting node status, and its pods' containers stay as they are.",
      examples: '  kubesim node stop worker-1',
      usage: 'node stop NAME [options]',
      run: lazy(() => import('./commands/faults'), (m) => m.runNodeStop),
    },
    {
      name: 'start',
      short: "Start a node's kubelet again",
      long: "Start a node's kubelet again: it posts a Ready status, renews its lease and syncs its pods (pods deleted meanwhile are stopped and removed).",
      examples: '  kubesim node start worker-1',
      usage: 'node start NAME [options]',
      run: lazy(() => import('./commands/faults'), (m) => m.runNodeStart),
    },
  ],
};

export const faultCmd: CommandSpec = {
  name: 'fault',
  group: SIM,
  short: 'Inject a fault: crash, OOM kill, failing probe, unavailable image',
  long: `Inject a fault into the simulated cluster and watch Kubernetes react.

 Faults belong to a pod (they go away with it) or, for images, to the registry.`,
  examples: `  # Crash a container: Error, then CrashLoopBackOff with back-off 10s, 20s, 40s ... 5m
  kubesim fault crash web-7c5ddbdf54-b7xkq
  
  # OOM-kill a container once
  kubesim fault oom web-7c5ddbdf54-b7xkq --once
  
  # Make a readiness probe fail for two minutes
  kubesim fault probe web-7c5ddbdf54-b7xkq --type readiness --for 2m
  
  # Make an image unavailable in the registry, then available again
  kubesim fault image nginx:1.27
  kubesim fault image nginx:1.27 --clear`,
  usage: 'fault (crash|oom|probe|image) ... [options]',
  subcommands: [
    {
      name: 'crash',
      short: "Make a container's process exit",
      long: `Make a container's process exit with an error. The kubelet restarts it as its pod's restartPolicy says, with the CrashLoopBackOff back-off (10 s, doubling up to 5 minutes, reset after 10 minutes of running).

 By default the container also crashes shortly after every restart, until the fault is cleared (--clear) or the pod is deleted; with --once it crashes once.`,
      examples: `  kubesim fault crash web-7c5ddbdf54-b7xkq
  kubesim fault crash web-7c5ddbdf54-b7xkq -c sidecar --exit-code 2 --once
  kubesim fault crash web-7c5ddbdf54-b7xkq --clear`,
      usage: 'fault crash POD [-c CONTAINER] [--exit-code N] [--once | --clear] [options]',
      flags: [
        containerFlag,
        { name: 'exit-code', type: 'int', default: 1, desc: 'Exit code of the process (0 shows as Completed, anything else as Error).' },
        { name: 'once', type: 'bool', default: false, desc: 'Crash once; the restarted container runs normally.' },
        { name: 'clear', type: 'bool', default: false, desc: 'Remove the crash fault (the next restart runs normally).' },
      ],
      run: lazy(() => import('./commands/faults'), (m) => m.runFaultCrash),
    },
    {
      name: 'oom',
      short: 'Make a container run out of memory (OOMKilled)',
      long: `Make a container exceed its memory: the process is killed (exit code 137, reason OOMKilled) and restarted with the CrashLoopBackOff back-off.

 By default the container is OOM-killed again shortly after every restart, until cleared (--clear); with --once it happens once.`,
      examples: `  kubesim fault oom web-7c5ddbdf54-b7xkq
  kubesim fault oom web-7c5ddbdf54-b7xkq --once`,
      usage: 'fault oom POD [-c CONTAINER] [--once | --clear] [options]',
      flags: [
        containerFlag,
        { name: 'once', type: 'bool', default: false, desc: 'OOM-kill once; the restarted container runs normally.' },
        { name: 'clear', type: 'bool', default: false, desc: 'Remove the OOM fault.' },
      ],
      run: lazy(() => import('./commands/faults'), (m) => m.runFaultOom),
    },
    {
      name: 'probe',
      short: "Make one of a container's probes fail",
      long: `Make a liveness, readiness or startup probe of a container fail from now on (or for a while).

 A failing liveness probe gets the container killed and restarted after failureThreshold failures; a failing readiness probe takes the pod out of its Services' endpoints; a failing startup probe keeps the others waiting and finally restarts the container. httpGet probes fail with status 500 (liveness, startup) or 503 (readiness), tcpSocket probes with "connection refused", exec probes with exit code 1, gRPC probes with NOT_SERVING.`,
      examples: `  kubesim fault probe web-7c5ddbdf54-b7xkq --type liveness
  kubesim fault probe web-7c5ddbdf54-b7xkq --type readiness --for 90s
  kubesim fault probe web-7c5ddbdf54-b7xkq --type readiness --clear`,
      usage: 'fault probe POD --type liveness|readiness|startup [-c CONTAINER] [--for DURATION | --clear] [options]',
      flags: [
        containerFlag,
        { name: 'type', type: 'string', default: "''", desc: 'Which probe fails: liveness, readiness or startup.' },
        { name: 'for', type: 'string', default: "''", desc: 'How long the probe fails (e.g. 30s, 2m); forever if omitted.' },
        { name: 'clear', type: 'bool', default: false, desc: 'The probe passes again.' },
      ],
      run: lazy(() => import('./commands/faults'), (m) => m.runFaultProbe),
    },
    {
      name: 'image',
      short: 'Make an image fail to pull',
      long: `Make an image unavailable in the simulated registry: new pulls fail with ErrImagePull, then ImagePullBackOff (back-off 10 s doubling to 5 minutes). Nodes that already have the image keep using it (imagePullPolicy IfNotPresent).

 IMAGE with a tag (nginx:1.27) affects that tag; without one (nginx), every tag of the repository. --clear makes it pullable again: pods recover at their next pull attempt, or at once when their spec changes to a good image (kubectl set image).`,
      examples: `  kubesim fault image nginx:1.27
  kubesim fault image nginx:1.27 --clear`,
      usage: 'fault image IMAGE [--clear] [options]',
      flags: [{ name: 'clear', type: 'bool', default: false, desc: 'The image pulls again.' }],
      run: lazy(() => import('./commands/faults'), (m) => m.runFaultImage),
    },
  ],
};

export const SIM_COMMANDS: CommandSpec[] = [nodeSimCmd, faultCmd];
