// The default cluster, as kubeadm (kind) would leave it: nodes, system namespaces, the control plane
// as static pods on the control-plane node, kube-proxy on every node, CoreDNS, and the `kubernetes`
// and `kube-dns` Services. Everything goes through the API server and the controllers, so system
// pods are scheduled, pulled and started like any other pod.
import type { Ctx } from '../controllers/context';
import type { KObject } from '../api/types';
import type { NodeConfig } from './config';
import { fnv1a32 } from '../api/naming';
import { bootstrapExtras } from './bootstrap-extra';
import { installClusterNetworking } from './networking';

const KUBE_SYSTEM = 'kube-system';

/**
 * The n-th node's pod CIDR: 10.244.<n>.0/24 from the cluster CIDR 10.244.0.0/16 (kind's), which has
 * room for 256 nodes; a larger cluster continues in 10.128.0.0/10 (clear of the service range
 * 10.96.0.0/12), as if it had been created with a second, larger cluster CIDR.
 */
export function podCIDRFor(index: number): string {
  if (index < 256) return `10.244.${index}.0/24`;
  const i = index - 256;
  return `10.${128 + (i >> 8)}.${i & 255}.0/24`;
}

/** The node index a pod CIDR was given for (podCIDRFor's inverse), or undefined. */
export function podCIDRIndex(cidr: string): number | undefined {
  const m = /^10\.(\d+)\.(\d+)\.0\/24$/.exec(cidr);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a === 244 && b < 256) return b;
  if (a >= 128 && a < 192 && b < 256) return 256 + ((a - 128) << 8) + b;
  return undefined;
}

/** The n-th node's address on kind's docker network 172.18.0.0/16 (172.18.0.2, …, 172.18.1.0, …). */
export function nodeIPFor(index: number): string {
  const host = index + 2;
  return `172.18.${host >> 8}.${host & 255}`;
}

export function nodeObject(ctx: Ctx, n: NodeConfig, index: number): KObject {
  const now = ctx.clock.rfc3339();
  const ip = nodeIPFor(index);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    ...(n.role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...(n.labels ?? {}),
  };
  const resources = { cpu: n.cpu, 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: n.memory, pods: String(n.pods) };
  const cond = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: now, lastTransitionTime: now, message, reason, status, type });
  const id = (salt: string) => {
    let s = '';
    for (let i = 0; s.length < 32; i++) s += fnv1a32(`${salt}:${n.name}:${i}`).toString(16).padStart(8, '0');
    return s;
  };
  const sysUUID = id('uuid');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: podCIDRFor(index),
      podCIDRs: [podCIDRFor(index)],
      providerID: `kind://docker/kubesim/${n.name}`,
      ...(n.taints?.length ? { taints: n.taints.map((t) => ({ effect: t.effect, key: t.key, ...(t.value ? { value: t.value } : {}) })) } : {}),
    },
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: { ...resources },
      capacity: { ...resources },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: [],
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${sysUUID.slice(0, 8)}-${id('boot').slice(8, 12)}-4${id('boot').slice(13, 16)}-a${id('boot').slice(17, 20)}-${id('boot').slice(20, 32)}`,
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-49-generic',
        kubeProxyVersion: '',
        kubeletVersion: ctx.cluster.version,
        machineID: id('machine'),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: `${sysUUID.slice(0, 8)}-${sysUUID.slice(8, 12)}-${sysUUID.slice(12, 16)}-${sysUUID.slice(16, 20)}-${sysUUID.slice(20, 32)}`,
      },
    },
  };
}

/** Adds a node (and its lease) to the running cluster. */
export function addNode(ctx: Ctx, n: NodeConfig, index: number): KObject {
  const node = ctx.api.create(nodeObject(ctx, n, index));
  // the kubelet writes the status directly (node status is not user input)
  const stored = ctx.store.get('Node', undefined, n.name)!;
  const withStatus = { ...stored, status: nodeObject(ctx, n, index).status };
  ctx.store.put('Node', withStatus);
  ctx.api.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: n.name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: node.metadata.uid! }],
    },
    spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: ctx.clock.rfc3339Micro() },
  });
  return node;
}

function staticPod(ctx: Ctx, component: string, image: string, node: KObject, command: string[], cpu: string, extra: { memory?: string; port?: number } = {}): KObject {
  const ip = node.status.addresses[0].address as string;
  const hash = fnv1a32(`${component}:${image}`).toString(16).padStart(8, '0') + fnv1a32(`${component}`).toString(16).padStart(8, '0');
  const annotations: Record<string, string> = {
    'kubernetes.io/config.hash': hash.slice(0, 32).padEnd(32, '0'),
    'kubernetes.io/config.mirror': hash.slice(0, 32).padEnd(32, '0'),
    'kubernetes.io/config.seen': ctx.clock.rfc3339Micro().replace('Z', '') + '000Z',
    'kubernetes.io/config.source': 'file',
  };
  if (component === 'etcd') annotations['kubeadm.kubernetes.io/etcd.advertise-client-urls'] = `https://${ip}:2379`;
  if (component === 'kube-apiserver') annotations['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint'] = `${ip}:6443`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.metadata.name}`,
      namespace: KUBE_SYSTEM,
      labels: { component, tier: 'control-plane' },
      annotations,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid!, controller: true }],
    },
    spec: {
      nodeName: node.metadata.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      containers: [
        {
          name: component,
          image,
          imagePullPolicy: 'IfNotPresent',
          command,
          resources: { requests: { cpu, ...(extra.memory ? { memory: extra.memory } : {}) } },
          ...(extra.port
            ? {
                livenessProbe: { failureThreshold: 8, httpGet: { host: component === 'etcd' ? '127.0.0.1' : ip, path: component === 'etcd' ? '/livez' : component === 'kube-apiserver' ? '/livez' : '/healthz', port: extra.port, scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 },
              }
            : {}),
        },
      ],
    },
  };
}

/** The static control-plane pods (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) of a control-plane node. */
export function createControlPlanePods(ctx: Ctx, node: KObject): void {
  const ip = node.status?.addresses?.[0]?.address ?? '172.18.0.2';
  const v = ctx.cluster.version;
  const name = node.metadata.name;
  const pods = [
    staticPod(ctx, 'etcd', 'registry.k8s.io/etcd:3.5.16-0', node, ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--data-dir=/var/lib/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, `--name=${name}`], '100m', { memory: '100Mi', port: 2381 }),
    staticPod(ctx, 'kube-apiserver', `registry.k8s.io/kube-apiserver:${v}`, node, ['kube-apiserver', `--advertise-address=${ip}`, '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--service-cluster-ip-range=10.96.0.0/12'], '250m', { port: 6443 }),
    staticPod(ctx, 'kube-controller-manager', `registry.k8s.io/kube-controller-manager:${v}`, node, ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--controllers=*,bootstrapsigner,tokencleaner', '--service-cluster-ip-range=10.96.0.0/12'], '200m', { port: 10257 }),
    staticPod(ctx, 'kube-scheduler', `registry.k8s.io/kube-scheduler:${v}`, node, ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--leader-elect=true'], '100m', { port: 10259 }),
  ];
  for (const p of pods) ctx.api.create(p);
}

export function bootstrapCluster(ctx: Ctx): void {
  const api = ctx.api;
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  ctx.loop.runUntilQuiet();
  for (const [name, value, desc] of [
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
  ] as const)
    api.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description: desc, preemptionPolicy: 'PreemptLowerPriority' });
  const nodes = ctx.cluster.nodes.map((n, i) => addNode(ctx, n, i));
  const cp = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? nodes[0]!;
  const cpIP = cp.status?.addresses?.[0]?.address ?? '172.18.0.2';
  const v = ctx.cluster.version;

  // configuration the system components read
  api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: KUBE_SYSTEM }, data: { Corefile: COREFILE } });
  api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: KUBE_SYSTEM, labels: { app: 'kube-proxy' } }, data: { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: iptables\n', 'kubeconfig.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/lib/kube-proxy/ca.crt\n    server: https://${cpIP}:6443\n  name: default\n` } });
  api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubeadm-config', namespace: KUBE_SYSTEM }, data: { ClusterConfiguration: `apiVersion: kubeadm.k8s.io/v1beta4\nclusterName: ${ctx.cluster.name}\ncontrolPlaneEndpoint: ${cp.metadata.name}:6443\nkind: ClusterConfiguration\nkubernetesVersion: ${v}\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n` } });
  api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config', namespace: KUBE_SYSTEM }, data: { kubelet: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\ncgroupDriver: systemd\n' } });
  for (const sa of ['coredns', 'kube-proxy']) api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: KUBE_SYSTEM } });
  ctx.loop.runUntilQuiet();

  // the control plane: static pods whose mirror pods the kubelet of each control-plane node reports
  for (const node of nodes.filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)) createControlPlanePods(ctx, node);

  // kube-proxy: a DaemonSet with one pod per node
  const dsTemplate = {
    metadata: { labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      containers: [
        {
          name: 'kube-proxy',
          image: `registry.k8s.io/kube-proxy:${v}`,
          imagePullPolicy: 'IfNotPresent',
          command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
          env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
          securityContext: { privileged: true },
          volumeMounts: [
            { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
            { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
            { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
          ],
        },
      ],
      hostNetwork: true,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-node-critical',
      serviceAccountName: 'kube-proxy',
      tolerations: [{ operator: 'Exists' }],
      volumes: [
        { configMap: { name: 'kube-proxy' }, name: 'kube-proxy' },
        { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
        { hostPath: { path: '/lib/modules', type: '' }, name: 'lib-modules' },
      ],
    },
  };
  api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: KUBE_SYSTEM, labels: { 'k8s-app': 'kube-proxy' } },
    spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: dsTemplate, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
  });
  // the DaemonSet controller puts one kube-proxy pod on every node
  ctx.loop.runUntilQuiet();

  // CoreDNS
  api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: KUBE_SYSTEM, labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
              readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
              volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  });

  // Services: the API server itself and cluster DNS
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: cpIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: KUBE_SYSTEM,
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP',
    },
  });
  installClusterNetworking(ctx, cpIP);
  ctx.loop.runUntilQuiet();
  bootstrapExtras(ctx);
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
