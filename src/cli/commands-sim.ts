// Command specs for failure simulation, metrics and autoscaling: kubesim's own verbs (fault …, load)
// and kubectl's top and autoscale. (`kubesim node stop|start` is part of the node command in
// commands-nodes.ts.) Registered in commands.ts; implementations load lazily.
import type { CommandSpec, RunContext } from './spec';
import { dryRunFlag, fieldManagerFlag, filenameFlags, outputFlag, recordFlag, saveConfigFlag, templateFlags } from './flags';

type Runner = (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;

function lazy<M>(load: () => Promise<M>, pick: (m: M) => Runner): Runner {
  return async (args, flags, ctx) => pick(await load())(args, flags, ctx);
}

const SIM = 'Simulation Commands (kubesim)';
const containerFlag = { name: 'container', short: 'c', type: 'string' as const, default: "''", desc: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container, or the first container in the pod.' };

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

export const loadCmd: CommandSpec = {
  name: 'load',
  group: SIM,
  short: 'Put simulated CPU/memory load on a workload or pod',
  long: `Put simulated CPU and memory load on a workload or a pod, as traffic would.

 The load is spread evenly over the workload's Ready pods (a deployment's, replica set's, stateful set's, daemon set's, replication controller's or job's) and adds to each pod's idle usage. metrics-server reports it at its next scrape (every 15 s): "kubesim top pods" shows it, and HorizontalPodAutoscalers act on it. Without arguments, lists the loads in effect.`,
  examples: `  # 300 millicores spread over the pods of deployment web
  kubesim load deploy/web --cpu 300m
  
  # CPU and memory on one pod
  kubesim load pod/web-7c5ddbdf54-b7xkq --cpu 500m --memory 200Mi
  
  # Remove the load
  kubesim load deploy/web --clear
  
  # Show the loads in effect
  kubesim load`,
  usage: 'load [TYPE/NAME (--cpu QUANTITY | --memory QUANTITY | --clear)] [options]',
  flags: [
    { name: 'cpu', type: 'string', default: "''", desc: 'Total CPU the load uses (e.g. 300m, 1.5).' },
    { name: 'memory', type: 'string', default: "''", desc: 'Total memory the load uses (e.g. 100Mi, 1Gi).' },
    { name: 'clear', type: 'bool', default: false, desc: 'Remove the load.' },
  ],
  run: lazy(() => import('./commands/load'), (m) => m.runLoad),
};

export const topCmd: CommandSpec = {
  name: 'top',
  group: 'Cluster Management Commands',
  short: 'Display resource (CPU/memory) usage',
  long: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`,
  usage: 'top [flags] [options]',
  subcommands: [
    {
      name: 'node',
      aliases: ['nodes', 'no'],
      short: 'Display resource (CPU/memory) usage of nodes',
      long: `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.`,
      examples: `  # Show metrics for all nodes
  kubesim top node
  
  # Show metrics for a given node
  kubesim top node NODE_NAME`,
      usage: 'top node [NAME | -l label] [options]',
      flags: [
        { name: 'no-headers', type: 'bool', default: false, desc: 'If present, print output without headers' },
        { name: 'selector', short: 'l', type: 'string', default: "''", desc: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
        { name: 'show-capacity', type: 'bool', default: false, desc: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
        { name: 'sort-by', type: 'string', default: "''", desc: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
        { name: 'use-protocol-buffers', type: 'bool', default: true, desc: 'Enables using protocol-buffers to access Metrics API.' },
      ],
      run: lazy(() => import('./commands/top'), (m) => m.runTopNode),
    },
    {
      name: 'pod',
      aliases: ['pods', 'po'],
      short: 'Display resource (CPU/memory) usage of pods',
      long: `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.`,
      examples: `  # Show metrics for all pods in the default namespace
  kubesim top pod
  
  # Show metrics for all pods in the given namespace
  kubesim top pod --namespace=NAMESPACE
  
  # Show metrics for a given pod and its containers
  kubesim top pod POD_NAME --containers
  
  # Show metrics for the pods defined by label name=myLabel
  kubesim top pod -l name=myLabel`,
      usage: 'top pod [NAME | -l label] [options]',
      flags: [
        { name: 'all-namespaces', short: 'A', type: 'bool', default: false, desc: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
        { name: 'containers', type: 'bool', default: false, desc: 'If present, print usage of containers within a pod.' },
        { name: 'field-selector', type: 'string', default: "''", desc: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
        { name: 'no-headers', type: 'bool', default: false, desc: 'If present, print output without headers.' },
        { name: 'selector', short: 'l', type: 'string', default: "''", desc: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
        { name: 'sort-by', type: 'string', default: "''", desc: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
        { name: 'sum', type: 'bool', default: false, desc: 'Print the sum of the resource usage' },
        { name: 'use-protocol-buffers', type: 'bool', default: true, desc: 'Enables using protocol-buffers to access Metrics API.' },
      ],
      run: lazy(() => import('./commands/top'), (m) => m.runTopPod),
    },
  ],
};

export const autoscaleCmd: CommandSpec = {
  name: 'autoscale',
  group: 'Deploy Commands',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
  examples: `  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kubesim autoscale deployment foo --min=2 --max=10
  
  # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
  kubesim autoscale rc foo --max=5 --cpu-percent=80`,
  usage: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: [
    { name: 'cpu-percent', type: 'int', default: -1, desc: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
    dryRunFlag,
    fieldManagerFlag('kubectl-autoscale'),
    ...filenameFlags('identifying the resource to autoscale'),
    { name: 'max', type: 'int', default: -1, desc: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
    { name: 'min', type: 'int', default: -1, desc: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
    { name: 'name', type: 'string', default: "''", desc: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
    outputFlag(),
    saveConfigFlag,
    recordFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/autoscale'), (m) => m.runAutoscale),
};

