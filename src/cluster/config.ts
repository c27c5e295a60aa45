// The cluster's shape, chosen at `kubesim cluster create` and kept in the state file.

export interface NodeConfig {
  name: string;
  role: 'control-plane' | 'worker';
  cpu: string;
  memory: string;
  pods: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
}

export interface ClusterConfig {
  name: string;
  seed: number;
  /** Kubernetes version the simulated server and kubelets report. */
  version: string;
  nodes: NodeConfig[];
}

export const KUBE_VERSION = 'v1.32.0';
export const DEFAULT_CPU = '4';
export const DEFAULT_MEMORY = '8148692Ki';
export const DEFAULT_PODS = 110;

export function defaultClusterConfig(opts: { workers?: number; controlPlanes?: number; seed?: number } = {}): ClusterConfig {
  const nodes: NodeConfig[] = [];
  const cps = opts.controlPlanes ?? 1;
  const workers = opts.workers ?? 2;
  for (let i = 1; i <= cps; i++) {
    nodes.push({
      name: cps === 1 ? 'control-plane' : `control-plane-${i}`,
      role: 'control-plane',
      cpu: DEFAULT_CPU,
      memory: DEFAULT_MEMORY,
      pods: DEFAULT_PODS,
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
  }
  for (let i = 1; i <= workers; i++) nodes.push({ name: `worker-${i}`, role: 'worker', cpu: DEFAULT_CPU, memory: DEFAULT_MEMORY, pods: DEFAULT_PODS });
  return { name: 'kubesim', seed: opts.seed ?? 1, version: KUBE_VERSION, nodes };
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface TopologyOptions {
  /** Capacity of every node (cpu and memory as quantities, pods as a count). */
  cpu?: string;
  memory?: string;
  pods?: number;
  /** Zones spread round-robin over the control-plane nodes and, separately, the workers. */
  zones?: string[];
  /** Labels every worker gets. */
  workerLabels?: Record<string, string>;
}

/** The default layout (`--control-planes N --workers M`) shaped by the capacity and zone flags. */
export function applyTopology(config: ClusterConfig, opts: TopologyOptions): ClusterConfig {
  let cp = 0;
  let w = 0;
  for (const n of config.nodes) {
    if (opts.cpu) n.cpu = opts.cpu;
    if (opts.memory) n.memory = opts.memory;
    if (opts.pods !== undefined) n.pods = opts.pods;
    const i = n.role === 'control-plane' ? cp++ : w++;
    if (opts.zones?.length) n.labels = { ...(n.labels ?? {}), [ZONE_LABEL]: opts.zones[i % opts.zones.length]! };
    if (n.role === 'worker' && opts.workerLabels) n.labels = { ...(n.labels ?? {}), ...opts.workerLabels };
  }
  return config;
}
