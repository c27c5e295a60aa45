// Command specs for node maintenance (cordon, uncordon, drain, taint — kubectl's Cluster Management
// Commands, help texts as kubectl 1.32 prints them) and kubesim's own `node add|remove|stop|start` and
// `why`.
import type { CommandSpec, FlagSpec, RunContext } from './spec';
import { dryRunFlag, fieldManagerFlag, outputFlag, templateFlags, validateFlag } from './flags';

type Runner = (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;

function lazy<M>(load: () => Promise<M>, pick: (m: M) => Runner): Runner {
  return async (args, flags, ctx) => pick(await load())(args, flags, ctx);
}

const nodeSelectorFlag: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  default: "''",
  desc: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};

export const cordonCmd: CommandSpec = {
  name: 'cordon',
  group: 'Cluster Management Commands',
  short: 'Mark node as unschedulable',
  long: 'Mark node as unschedulable.',
  examples: `  # Mark node "foo" as unschedulable
  kubesim cordon foo`,
  usage: 'cordon NODE [options]',
  flags: [dryRunFlag, nodeSelectorFlag],
  run: lazy(() => import('./commands/drain'), (m) => m.runCordon),
};

export const uncordonCmd: CommandSpec = {
  name: 'uncordon',
  group: 'Cluster Management Commands',
  short: 'Mark node as schedulable',
  long: 'Mark node as schedulable.',
  examples: `  # Mark node "foo" as schedulable
  kubesim uncordon foo`,
  usage: 'uncordon NODE [options]',
  flags: [dryRunFlag, nodeSelectorFlag],
  run: lazy(() => import('./commands/drain'), (m) => m.runUncordon),
};

export const drainCmd: CommandSpec = {
  name: 'drain',
  group: 'Cluster Management Commands',
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubesim uncordon, which will make the node schedulable again.

https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg

 With a manual clock, waiting (for evictions a PodDisruptionBudget refuses, retried every 5 seconds, and for the pods to terminate) advances the simulated clock.`,
  examples: `  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
  kubesim drain foo --force
  
  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
  kubesim drain foo --grace-period=900`,
  usage: 'drain NODE [options]',
  flags: [
    { name: 'chunk-size', type: 'int', default: 500, desc: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'delete-emptydir-data', type: 'bool', default: false, desc: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', type: 'bool', default: false, desc: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    dryRunFlag,
    { name: 'force', type: 'bool', default: false, desc: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, desc: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'ignore-daemonsets', type: 'bool', default: false, desc: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', type: 'string', default: "''", desc: 'Label selector to filter pods on the node' },
    nodeSelectorFlag,
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, desc: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'timeout', type: 'duration', default: '0s', desc: 'The length of time to wait before giving up, zero means infinite' },
    { name: 'delete-local-data', type: 'bool', default: false, desc: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).', hidden: true },
  ],
  run: lazy(() => import('./commands/drain'), (m) => m.runDrain),
};

export const taintCmd: CommandSpec = {
  name: 'taint',
  group: 'Cluster Management Commands',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  examples: `  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubesim taint nodes foo dedicated=special-user:NoSchedule
  
  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubesim taint nodes foo dedicated:NoSchedule-
  
  # Remove from node 'foo' all the taints with key 'dedicated'
  kubesim taint nodes foo dedicated-
  
  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kubesim taint node -l myLabel=X  dedicated=foo:PreferNoSchedule
  
  # Add to node 'foo' a taint with key 'bar' and no value
  kubesim taint nodes foo bar:NoSchedule`,
  usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, desc: 'Select all nodes in the cluster' },
    dryRunFlag,
    fieldManagerFlag('kubectl-taint'),
    outputFlag(),
    { name: 'overwrite', type: 'bool', default: false, desc: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    nodeSelectorFlag,
    validateFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/taint'), (m) => m.runTaint),
};

export const nodeCmd: CommandSpec = {
  name: 'node',
  group: 'Simulation Commands (kubesim)',
  short: 'Add, remove, stop or start nodes of the simulated cluster',
  long: `Change the machines of the running simulated cluster: add and remove nodes, stop and start their kubelets.

 "node add" registers a new node (a worker unless --role control-plane) with its capacity, labels and taints, as a kubelet joining the cluster would. "node remove" deletes the Node object, as "kubectl delete node" does: the pod garbage collector deletes the pods bound to it (after its 40 s quarantine) and their controllers create replacements elsewhere.

 "node stop" simulates a node failure: its kubelet no longer renews its lease, posts node status or runs its pods' containers. As in Kubernetes 1.32, the node lifecycle controller marks the node NotReady (its conditions Unknown) once the lease is 40 seconds old, taints it node.kubernetes.io/unreachable (NoSchedule, then NoExecute), and the taint eviction controller deletes its pods 300 seconds later (their default toleration), so that their controllers recreate them on healthy nodes. StatefulSet pods are not replaced until the node is removed or the pod force-deleted. "node start" starts the kubelet again and brings the node back to Ready.`,
  examples: `  # A fourth worker with 8 CPUs, 16Gi of memory and an SSD in zone b
  kubesim node add worker-4 --cpu 8 --memory 16Gi --labels disktype=ssd,topology.kubernetes.io/zone=b
  
  # A GPU node that only pods tolerating its taint may use
  kubesim node add gpu-1 --labels gpu=true --taints nvidia.com/gpu=true:NoSchedule
  
  # Take a worker away
  kubesim node remove worker-2
  
  # Simulate a node failure and watch the pods move
  kubesim node stop worker-1
  kubesim clock advance 6m
  kubesim get pods -o wide
  
  # Bring it back
  kubesim node start worker-1`,
  usage: 'node (add|remove|stop|start) NAME [options]',
  subcommands: [
    {
      name: 'add',
      short: 'Add a node to the simulated cluster',
      long: 'Add a node to the simulated cluster. It registers Ready, with the given capacity (allocatable is the same), labels and taints.',
      examples: `  kubesim node add worker-4 --cpu 2 --memory 4Gi --pods 20 --labels disktype=ssd --taints dedicated=batch:NoSchedule`,
      usage: 'node add NAME [--cpu N] [--memory Q] [--pods N] [--labels k=v,...] [--taints k=v:Effect,...] [--role worker|control-plane] [options]',
      flags: [
        { name: 'cpu', type: 'string', default: "'4'", desc: 'CPU capacity of the node (a quantity: 4, 2500m).' },
        { name: 'memory', type: 'string', default: "'8148692Ki'", desc: 'Memory capacity of the node (a quantity: 8Gi, 16000Mi).' },
        { name: 'pods', type: 'int', default: 110, desc: 'Maximum number of pods on the node.' },
        { name: 'labels', type: 'strings', default: '[]', desc: 'Extra node labels, comma separated key=value pairs (e.g. disktype=ssd,topology.kubernetes.io/zone=a).' },
        { name: 'taints', type: 'strings', default: '[]', desc: 'Node taints, comma separated key[=value]:Effect (e.g. dedicated=gpu:NoSchedule).' },
        { name: 'role', type: 'string', default: "'worker'", desc: 'worker or control-plane (control-plane nodes get the node-role.kubernetes.io/control-plane label and NoSchedule taint).' },
      ],
      run: lazy(() => import('./commands/node'), (m) => m.runNodeAdd),
    },
    {
      name: 'remove',
      aliases: ['rm'],
      short: 'Remove a node from the simulated cluster',
      long: 'Remove a node from the simulated cluster: its Node object is deleted and the pod garbage collector deletes the pods bound to it.',
      examples: `  kubesim node remove worker-3`,
      usage: 'node remove NAME [options]',
      run: lazy(() => import('./commands/node'), (m) => m.runNodeRemove),
    },
    {
      name: 'stop',
      short: "Stop a node's kubelet (the node stops reporting)",
      long: "Stop a node's kubelet: it stops renewing its lease and posting node status, and its pods' containers stay as they are.",
      examples: '  kubesim node stop worker-1',
      usage: 'node stop NAME [options]',
      run: lazy(() => import('./commands/node'), (m) => m.runNodeStop),
    },
    {
      name: 'start',
      short: "Start a node's kubelet again",
      long: "Start a node's kubelet again: it posts a Ready status, renews its lease and syncs its pods (pods deleted meanwhile are stopped and removed).",
      examples: '  kubesim node start worker-1',
      usage: 'node start NAME [options]',
      run: lazy(() => import('./commands/node'), (m) => m.runNodeStart),
    },
  ],
};

export const whyCmd: CommandSpec = {
  name: 'why',
  group: 'Simulation Commands (kubesim)',
  short: 'Explain why a pod is where it is (or nowhere)',
  long: `Explain a pod from the simulator's own decisions.

 For a Pending pod: every node the scheduler looked at, which plugin rejected it and why, and what preemption found. For a scheduled pod: the nodes that could take it and the score each plugin gave them. For a pod that is terminating or gone: who evicted, preempted or deleted it. Container restarts are shown as the pod status records them.`,
  examples: `  # Why is this pod Pending?
  kubesim why pod/web-5d4f8c9b7-x7k2p
  
  # Why did it land on this node?
  kubesim why pod web-5d4f8c9b7-x7k2p -n shop`,
  usage: 'why (pod/NAME | pod NAME) [options]',
  run: lazy(() => import('./commands/why'), (m) => m.runWhy),
};
