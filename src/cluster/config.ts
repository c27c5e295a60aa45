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
