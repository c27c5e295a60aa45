import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store';
import type { KObject } from '../../src/api/types';
import type { PrintContext } from '../../src/printers/context';
import { describeObject, describeObjects } from '../../src/printers/describe';
import { formatQuantity, parseQuantity, add } from '../../src/printers/describe/quantity';
import { smartLabelFor } from '../../src/printers/describe/generic';

// ---- fixtures -------------------------------------------------------------------------------------

const T = (s: string) => `2026-11-21T${s}Z`;
const NOW = Date.parse(T('22:40:22'));

function ctxFor(store: Store, nowMs = NOW): PrintContext {
  return {
    nowMs,
    store,
    eventsFor(obj: KObject) {
      return store
        .list('Event', obj.metadata.namespace ?? 'default')
        .filter((e) => e.involvedObject?.uid === obj.metadata.uid)
        .sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
    },
  };
}

let evSeq = 0;
function event(
  obj: KObject,
  type: string,
  reason: string,
  message: string,
  component: string,
  first: string,
  last = first,
  count = 1,
): KObject {
  evSeq++;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${obj.metadata.name}.${evSeq}`, namespace: obj.metadata.namespace ?? 'default' },
    involvedObject: { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid },
    type,
    reason,
    message,
    source: { component },
    firstTimestamp: first,
    lastTimestamp: last,
    count,
  };
}

const tolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function nginxContainer(image = 'nginx:1.25', withMount = false): Record<string, unknown> {
  return {
    name: 'nginx',
    image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 80, protocol: 'TCP' }],
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...(withMount
      ? { volumeMounts: [{ name: 'kube-api-access-9xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }
      : {}),
  };
}

function template(hash?: string, image = 'nginx:1.25'): Record<string, unknown> {
  return {
    metadata: { labels: hash ? { app: 'nginx', 'pod-template-hash': hash } : { app: 'nginx' } },
    spec: {
      containers: [nginxContainer(image)],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

const deployment: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'nginx',
    namespace: 'default',
    uid: 'dep-uid',
    generation: 2,
    creationTimestamp: T('22:34:31'),
    labels: { app: 'nginx' },
    annotations: { 'deployment.kubernetes.io/revision': '2' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: template(),
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {
    observedGeneration: 2,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "nginx-7c5ddbdf54" has successfully progressed.' },
    ],
  },
};

function replicaSet(name: string, hash: string, created: string, replicas: number, image: string, annotations: Record<string, string>): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      creationTimestamp: created,
      labels: { app: 'nginx', 'pod-template-hash': hash },
      annotations,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: 'dep-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'nginx', 'pod-template-hash': hash } },
      template: template(hash, image),
    },
    status: replicas ? { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas } : { replicas: 0 },
  };
}

const oldRS = replicaSet('nginx-6d8f9c7b5f', '6d8f9c7b5f', T('22:34:31'), 0, 'nginx:1.24', {
  'deployment.kubernetes.io/desired-replicas': '3',
  'deployment.kubernetes.io/max-replicas': '4',
  'deployment.kubernetes.io/revision': '1',
});
const newRS = replicaSet('nginx-7c5ddbdf54', '7c5ddbdf54', T('22:38:01'), 3, 'nginx:1.25', {
  'deployment.kubernetes.io/desired-replicas': '3',
  'deployment.kubernetes.io/max-replicas': '4',
  'deployment.kubernetes.io/revision': '2',
  'kubernetes.io/change-cause': 'kubectl set image deployment/nginx nginx=nginx:1.25',
});

function nginxPod(suffix: string, ip: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `nginx-7c5ddbdf54-${suffix}`,
      generateName: 'nginx-7c5ddbdf54-',
      namespace: 'default',
      uid: `pod-${suffix}`,
      creationTimestamp: T('22:38:01'),
      labels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-7c5ddbdf54', uid: 'nginx-7c5ddbdf54-uid', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      containers: [nginxContainer('nginx:1.25', true)],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: 'node-1',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations,
      volumes: [
        {
          name: 'kube-api-access-9xk2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: T('22:38:04'),
      })),
      hostIP: '192.168.49.2',
      hostIPs: [{ ip: '192.168.49.2' }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: T('22:38:01'),
      qosClass: 'BestEffort',
      containerStatuses: [
        {
          name: 'nginx',
          containerID: 'containerd://abc0',
          image: 'docker.io/library/nginx:1.25',
          imageID: 'docker.io/library/nginx@sha256:0123456789abcdef',
          ready: true,
          started: true,
          restartCount: 0,
          lastState: {},
          state: { running: { startedAt: T('22:38:04') } },
        },
      ],
    },
  };
}

const service: KObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'nginx', namespace: 'default', uid: 'svc-uid', creationTimestamp: T('22:34:48'), labels: { app: 'nginx' } },
  spec: {
    type: 'NodePort',
    selector: { app: 'nginx' },
    clusterIP: '10.96.45.12',
    clusterIPs: ['10.96.45.12'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }],
    sessionAffinity: 'None',
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
  },
  status: { loadBalancer: {} },
};

const slice: KObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'nginx-x7k2q', namespace: 'default', labels: { 'kubernetes.io/service-name': 'nginx' } },
  addressType: 'IPv4',
  endpoints: ['10.244.0.10', '10.244.0.11', '10.244.0.12'].map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
  ports: [{ name: '', port: 80, protocol: 'TCP' }],
};

function clusterStore(): Store {
  const store = new Store(0);
  store.load('Deployment.apps', [deployment]);
  store.load('ReplicaSet.apps', [oldRS, newRS]);
  store.load('Pod', [nginxPod('b7xkq', '10.244.0.10'), nginxPod('lm2pw', '10.244.0.11'), nginxPod('x9vzt', '10.244.0.12')]);
  store.load('Service', [service]);
  store.load('EndpointSlice.discovery.k8s.io', [slice]);
  store.load('Event', [
    event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set nginx-6d8f9c7b5f from 0 to 3', 'deployment-controller', T('22:34:31')),
    event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set nginx-7c5ddbdf54 from 0 to 1', 'deployment-controller', T('22:38:01')),
    event(deployment, 'Normal', 'ScalingReplicaSet', 'Scaled down replica set nginx-6d8f9c7b5f from 3 to 0', 'deployment-controller', T('22:38:21')),
  ]);
  return store;
}

// ---- reference renderings (kubectl-reference.md §6) ---------------------------------------------

const POD_REF = `Name:             nginx-7c5ddbdf54-b7xkq
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/192.168.49.2
Start Time:       Sat, 21 Nov 2026 22:38:01 +0000
Labels:           app=nginx
                  pod-template-hash=7c5ddbdf54
Annotations:      <none>
Status:           Running
IP:               10.244.0.10
IPs:
  IP:           10.244.0.10
Controlled By:  ReplicaSet/nginx-7c5ddbdf54
Containers:
  nginx:
    Container ID:   containerd://abc0
    Image:          nginx:1.25
    Image ID:       docker.io/library/nginx@sha256:0123456789abcdef
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Sat, 21 Nov 2026 22:38:04 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-9xk2p (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-9xk2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
`;

const CRASHER_TAIL = `Containers:
  crasher:
    Container ID:  
    Image:         busybox
    Image ID:      
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      exit 1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Sat, 21 Nov 2026 22:38:26 +0000
      Finished:     Sat, 21 Nov 2026 22:38:27 +0000
    Ready:          False
    Restart Count:  5
    Environment:    <none>
    Mounts:         <none>
Volumes:            <none>
QoS Class:          BestEffort
Node-Selectors:     <none>
Tolerations:        <none>
Events:
  Type     Reason     Age                   From               Message
  ----     ------     ----                  ----               -------
  Normal   Scheduled  7m1s                  default-scheduler  Successfully assigned default/crasher to node-1
  Normal   Pulled     7m                    kubelet            Successfully pulled image "busybox" in 1.2s (1.2s including waiting). Image size: 2160406 bytes.
  Normal   Pulling    116s (x6 over 7m1s)   kubelet            Pulling image "busybox"
  Normal   Created    116s (x6 over 6m59s)  kubelet            Created container crasher
  Normal   Started    116s (x6 over 6m59s)  kubelet            Started container crasher
  Warning  BackOff    26s (x25 over 6m51s)  kubelet            Back-off restarting failed container crasher in pod crasher_default(8dcca123-26d2-4976-a211-9361a9a7a9ad)
`;

const DEPLOYMENT_REF = `Name:                   nginx
Namespace:              default
CreationTimestamp:      Sat, 21 Nov 2026 22:34:31 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 2
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  nginx-6d8f9c7b5f (0/0 replicas created)
NewReplicaSet:   nginx-7c5ddbdf54 (3/3 replicas created)
Events:
  Type    Reason             Age    From                   Message
  ----    ------             ----   ----                   -------
  Normal  ScalingReplicaSet  5m51s  deployment-controller  Scaled up replica set nginx-6d8f9c7b5f from 0 to 3
  Normal  ScalingReplicaSet  2m21s  deployment-controller  Scaled up replica set nginx-7c5ddbdf54 from 0 to 1
  Normal  ScalingReplicaSet  2m1s   deployment-controller  Scaled down replica set nginx-6d8f9c7b5f from 3 to 0
`;

const RS_REF = `Name:           nginx-7c5ddbdf54
Namespace:      default
Selector:       app=nginx,pod-template-hash=7c5ddbdf54
Labels:         app=nginx
                pod-template-hash=7c5ddbdf54
Annotations:    deployment.kubernetes.io/desired-replicas: 3
                deployment.kubernetes.io/max-replicas: 4
                deployment.kubernetes.io/revision: 2
                kubernetes.io/change-cause: kubectl set image deployment/nginx nginx=nginx:1.25
Controlled By:  Deployment/nginx
Replicas:       3 current / 3 desired
Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
           pod-template-hash=7c5ddbdf54
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`;

const SERVICE_REF = `Name:                     nginx
Namespace:                default
Labels:                   app=nginx
Annotations:              <none>
Selector:                 app=nginx
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.45.12
IPs:                      10.96.45.12
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.0.10:80,10.244.0.11:80,10.244.0.12:80
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`;

// ---- tests ----------------------------------------------------------------------------------------

describe('describe: reference renderings', () => {
  it('pod created by a deployment', () => {
    const store = clusterStore();
    const pod = store.get('Pod', 'default', 'nginx-7c5ddbdf54-b7xkq')!;
    expect(describeObject('Pod', pod, ctxFor(store))).toBe(POD_REF);
  });

  it('crash-looping bare pod with an events table', () => {
    const now = Date.parse(T('22:45:00'));
    const ago = (s: number) => new Date(now - s * 1000).toISOString().replace('.000Z', 'Z');
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crasher', namespace: 'default', uid: '8dcca123-26d2-4976-a211-9361a9a7a9ad', labels: { run: 'crasher' }, creationTimestamp: ago(421) },
      spec: {
        containers: [{ name: 'crasher', image: 'busybox', command: ['sh', '-c', 'exit 1'], resources: {} }],
        nodeName: 'node-1',
        restartPolicy: 'Always',
      },
      status: {
        phase: 'Running',
        hostIP: '192.168.49.2',
        podIP: '10.244.0.30',
        podIPs: [{ ip: '10.244.0.30' }],
        startTime: ago(421),
        containerStatuses: [
          {
            name: 'crasher',
            containerID: '',
            image: 'busybox',
            imageID: '',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=crasher' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: T('22:38:26'), finishedAt: T('22:38:27') } },
          },
        ],
      },
    };
    const store = new Store(0);
    store.load('Pod', [pod]);
    store.load('Event', [
      event(pod, 'Normal', 'Scheduled', 'Successfully assigned default/crasher to node-1', 'default-scheduler', ago(421)),
      event(pod, 'Normal', 'Pulled', 'Successfully pulled image "busybox" in 1.2s (1.2s including waiting). Image size: 2160406 bytes.', 'kubelet', ago(420)),
      event(pod, 'Normal', 'Pulling', 'Pulling image "busybox"', 'kubelet', ago(421), ago(116), 6),
      event(pod, 'Normal', 'Created', 'Created container crasher', 'kubelet', ago(419), ago(116), 6),
      event(pod, 'Normal', 'Started', 'Started container crasher', 'kubelet', ago(419), ago(116), 6),
      event(
        pod,
        'Warning',
        'BackOff',
        'Back-off restarting failed container crasher in pod crasher_default(8dcca123-26d2-4976-a211-9361a9a7a9ad)',
        'kubelet',
        ago(411),
        ago(26),
        25,
      ),
    ]);
    const out = describeObject('Pod', pod, ctxFor(store, now));
    const head = `Name:         crasher
Namespace:    default
Node:         node-1/192.168.49.2
Start Time:   Sat, 21 Nov 2026 22:37:59 +0000
Labels:       run=crasher
Annotations:  <none>
Status:       Running
IP:           10.244.0.30
IPs:
  IP:  10.244.0.30
`;
    expect(out).toBe(head + CRASHER_TAIL);
  });

  it('deployment with old/new ReplicaSets, conditions and events', () => {
    const store = clusterStore();
    expect(describeObject('Deployment.apps', deployment, ctxFor(store))).toBe(DEPLOYMENT_REF);
  });

  it('replicaset counts the pods it controls', () => {
    const store = clusterStore();
    expect(describeObject('ReplicaSet.apps', newRS, ctxFor(store))).toBe(RS_REF);
  });

  it('NodePort service with endpoints from an EndpointSlice', () => {
    const store = clusterStore();
    expect(describeObject('Service', service, ctxFor(store))).toBe(SERVICE_REF);
  });

  it('service endpoints fall back to the Endpoints object, then <none>', () => {
    const store = new Store(0);
    store.load('Service', [service]);
    const ctx = ctxFor(store);
    expect(describeObject('Service', service, ctx)).toContain('\nEndpoints:                <none>\n');
    store.load('Endpoints', [
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'nginx', namespace: 'default' },
        subsets: [{ addresses: [{ ip: '10.244.0.10' }], notReadyAddresses: [{ ip: '10.244.0.11' }], ports: [{ port: 80, protocol: 'TCP' }] }],
      },
    ]);
    expect(describeObject('Service', service, ctx)).toContain('\nEndpoints:                10.244.0.10:80\n');
  });

  it('several objects are separated by two blank lines', () => {
    const store = clusterStore();
    const out = describeObjects('ReplicaSet.apps', [oldRS, newRS], ctxFor(store));
    const first = describeObject('ReplicaSet.apps', oldRS, ctxFor(store));
    expect(out).toBe(first + '\n\n' + RS_REF);
    expect(first.endsWith('Events:            <none>\n')).toBe(true);
  });
});

describe('describe: pods', () => {
  const base = (over: Partial<KObject> & { spec?: unknown; status?: unknown }): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'bar', namespace: 'foo', uid: 'u1' },
    spec: { containers: [] },
    status: {},
    ...over,
  });

  it('matches kubectl TestDescribePodVolumes (image volume, empty status)', () => {
    const pod = base({ spec: { volumes: [{ name: 'image', image: { reference: 'image', pullPolicy: 'IfNotPresent' } }] } });
    expect(describeObject('Pod', pod, ctxFor(new Store(0)))).toBe(`Name:         bar
Namespace:    foo
Node:         <none>
Labels:       <none>
Annotations:  <none>
Status:       
IP:           
IPs:          <none>
Containers: <none>
Volumes:
  image:
    Type:        Image (a container image or OCI artifact)
    Reference:   image
    PullPolicy:  IfNotPresent
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     <none>
Events:          <none>
`);
  });

  it('formats tolerations like kubectl TestDescribePodTolerations', () => {
    const pod = base({
      spec: {
        containers: [],
        tolerations: [
          { operator: 'Exists' },
          { effect: 'NoSchedule', operator: 'Exists' },
          { key: 'key0', operator: 'Exists' },
          { key: 'key1', value: 'value1' },
          { key: 'key2', operator: 'Equal', value: 'value2', effect: 'NoSchedule' },
          { key: 'key3', value: 'value3', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'key4', effect: 'NoExecute', tolerationSeconds: 60 },
        ],
      },
    });
    const out = describeObject('Pod', pod, ctxFor(new Store(0)));
    expect(out).toContain(
      'Tolerations:     op=Exists\n' +
        '                 :NoSchedule op=Exists\n' +
        '                 key0 op=Exists\n' +
        '                 key1=value1\n' +
        '                 key2=value2:NoSchedule\n' +
        '                 key3=value3:NoExecute for 300s\n' +
        '                 key4:NoExecute for 60s\n',
    );
  });

  it('terminating pod, long annotations, env sources, resources, probes, volumes and QoS', () => {
    const long = 'x'.repeat(150);
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: 'web-uid',
        deletionTimestamp: T('22:40:12'),
        deletionGracePeriodSeconds: 30,
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}\n',
          'example.com/long': long,
          'example.com/multi': 'line one\nline two\n',
          'example.com/short': 'ok',
        },
      },
      spec: {
        nodeName: 'node-1',
        containers: [
          {
            name: 'app',
            image: 'nginx:1.25',
            ports: [
              { containerPort: 80, protocol: 'TCP' },
              { containerPort: 443, protocol: 'TCP', hostPort: 8443 },
            ],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.25', memory: '64Mi' } },
            livenessProbe: {
              httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
              initialDelaySeconds: 3,
              timeoutSeconds: 1,
              periodSeconds: 10,
              successThreshold: 1,
              failureThreshold: 3,
            },
            readinessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
            startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 30 },
            envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'sec', optional: true }, prefix: 'S_' }],
            env: [
              { name: 'PLAIN', value: 'hello' },
              { name: 'MULTI', value: 'a\nb' },
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
              { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
              { name: 'MEM_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
              { name: 'EPH_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '0' } } },
              { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
              { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'sec', key: 'password', optional: false } } },
            ],
            volumeMounts: [
              { name: 'data', mountPath: '/data' },
              { name: 'cfg', mountPath: '/etc/cfg', readOnly: true, subPath: 'app.conf' },
            ],
          },
        ],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
          { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
          { name: 'sec', secret: { secretName: 'sec', optional: true } },
          { name: 'scratch', emptyDir: {} },
          { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          { name: 'host', hostPath: { path: '/var/log', type: '' } },
          { name: 'nfs', nfs: { server: 'nfs.local', path: '/exports' } },
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          { name: 'weird', gitRepo: { repository: 'https://example.com/r.git' } },
          { name: 'unknown' },
        ],
      },
      status: { phase: 'Running', hostIP: '192.168.49.2', podIP: '10.244.0.7', podIPs: [{ ip: '10.244.0.7' }] },
    };
    const out = describeObject('Pod', pod, ctxFor(new Store(0)));
    expect(out).toBe(`Name:                      web
Namespace:                 default
Node:                      node-1/192.168.49.2
Labels:                    <none>
Annotations:               example.com/long:
                             ${long.slice(0, 138)}...
                           example.com/multi:
                             line one
                             line two
                           example.com/short: ok
Status:                    Terminating (lasts 10s)
Termination Grace Period:  30s
IP:                        10.244.0.7
IPs:
  IP:  10.244.0.7
Containers:
  app:
    Image:       nginx:1.25
    Ports:       80/TCP, 443/TCP
    Host Ports:  0/TCP, 8443/TCP
    Limits:
      cpu:     500m
      memory:  128Mi
    Requests:
      cpu:      250m
      memory:   64Mi
    Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3
    Readiness:  tcp-socket :80 delay=0s timeout=1s period=5s #success=1 #failure=3
    Startup:    exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=30
    Environment Variables from:
      cfg  ConfigMap                Optional: false
      sec  Secret with prefix 'S_'  Optional: true
    Environment:
      PLAIN:        hello
      MULTI:        a
                    b
      POD_NAME:     web (v1:metadata.name)
      POD_IP:        (v1:status.podIP)
      CPU_LIMIT:    500 (limits.cpu)
      MEM_REQ:      64 (requests.memory)
      EPH_LIMIT:    134217728 (limits.memory)
      FROM_CM:      <set to the key 'k' of config map 'cfg'>     Optional: false
      FROM_SECRET:  <set to the key 'password' in secret 'sec'>  Optional: false
    Mounts:
      /data from data (rw)
      /etc/cfg from cfg (ro,path="app.conf")
Volumes:
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-claim
    ReadOnly:   false
  cfg:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      cfg
    Optional:  false
  sec:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  sec
    Optional:    true
  scratch:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     
    SizeLimit:  <unset>
  mem:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     Memory
    SizeLimit:  64Mi
  host:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  
  nfs:
    Type:      NFS (an NFS mount that lasts the lifetime of a pod)
    Server:    nfs.local
    Path:      /exports
    ReadOnly:  false
  info:
    Type:  DownwardAPI (a volume populated by information about the pod)
    Items:
      metadata.labels -> labels
  weird:
    Type:        GitRepo (a volume that is pulled from git when the pod is created)
    Repository:  https://example.com/r.git
    Revision:    
  unknown:
  <unknown>
QoS Class:       Burstable
Node-Selectors:  <none>
Tolerations:     <none>
Events:          <none>
`);
  });

  it('computes the QoS class when status.qosClass is unset', () => {
    const mk = (resources: object[], init: object[] = []): KObject =>
      base({
        spec: {
          containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })),
          initContainers: init.map((r, i) => ({ name: `i${i}`, image: 'x', resources: r })),
        },
      });
    const qos = (p: KObject) => /QoS Class:\s+(\S+)/.exec(describeObject('Pod', p, ctxFor(new Store(0))))![1];
    const g = { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } };
    expect(qos(mk([{}]))).toBe('BestEffort');
    expect(qos(mk([g, g]))).toBe('Guaranteed');
    expect(qos(mk([g, {}]))).toBe('Burstable');
    expect(qos(mk([{ requests: { cpu: '100m' } }]))).toBe('Burstable');
    expect(qos(mk([g], [{ limits: { cpu: '1' }, requests: { cpu: '1' } }]))).toBe('Burstable');
    expect(qos(mk([{ requests: { cpu: '0' } }]))).toBe('BestEffort');
  });
});

describe('describe: more pod and controller cases', () => {
  it('init containers, pending pod, future deletion timestamp', () => {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'init-demo',
        namespace: 'default',
        uid: 'i1',
        deletionTimestamp: T('22:40:52'),
        deletionGracePeriodSeconds: 30,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'j1', controller: true }],
      },
      spec: {
        initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'sleep 5'] }],
        containers: [{ name: 'main', image: 'nginx', env: [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }] }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
      },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'setup', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: T('22:40:00') } } }],
        containerStatuses: [{ name: 'main', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    };
    // The API server puts deletionTimestamp at now + grace period, so kubectl shows "<invalid>" at first.
    expect(describeObject('Pod', pod, ctxFor(new Store(0)))).toBe(`Name:                      init-demo
Namespace:                 default
Node:                      <none>
Labels:                    <none>
Annotations:               <none>
Status:                    Terminating (lasts <invalid>)
Termination Grace Period:  30s
IP:                        
IPs:                       <none>
Controlled By:             Job/pi
Init Containers:
  setup:
    Container ID:  
    Image:         busybox
    Image ID:      
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      sleep 5
    State:          Running
      Started:      Sat, 21 Nov 2026 22:40:00 +0000
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  main:
    Container ID:   
    Image:          nginx
    Image ID:       
    Port:           <none>
    Host Port:      <none>
    State:          Waiting
      Reason:       PodInitializing
    Ready:          False
    Restart Count:  0
    Environment:
      NODE:       (v1:spec.nodeName)
    Mounts:      <none>
Volumes:         <none>
QoS Class:       BestEffort
Node-Selectors:  kubernetes.io/os=linux
Tolerations:     <none>
Events:          <none>
`);
  });

  it('replication controller counts its pods by phase', () => {
    const rc: KObject = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: 'default', uid: 'rc1' },
      spec: { replicas: 2, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      status: { replicas: 2 },
    };
    const pod = (name: string, phase: string): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'rc' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'rc1', controller: true }] },
      spec: {},
      status: { phase },
    });
    const store = new Store(0);
    store.load('Pod', [pod('rc-a', 'Running'), pod('rc-b', 'Failed')]);
    store.load('Event', [event(rc, 'Normal', 'SuccessfulCreate', 'Created pod: rc-a', 'replication-controller', T('22:35:22'))]);
    expect(describeObject('ReplicationController', rc, ctxFor(store))).toBe(`Name:         rc
Namespace:    default
Selector:     app=rc
Labels:       <none>
Annotations:  <none>
Replicas:     2 current / 2 desired
Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 1 Failed
Pod Template:
  Labels:  app=rc
  Containers:
   c:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  5m    replication-controller  Created pod: rc-a
`);
    expect(describeObject('ReplicationController', rc, ctxFor(store), { showEvents: false })).not.toContain('Events');
  });

  it('service account tokens and a token secret', () => {
    const sa: KObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build', namespace: 'ci', uid: 'sa-uid' }, secrets: [{ name: 'build-token' }] };
    const tok: KObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'build-token', namespace: 'ci', annotations: { 'kubernetes.io/service-account.name': 'build', 'kubernetes.io/service-account.uid': 'sa-uid' } },
      type: 'kubernetes.io/service-account-token',
      data: { 'ca.crt': Buffer.from('CERT').toString('base64'), namespace: Buffer.from('ci').toString('base64'), token: Buffer.from('eyJhbGc').toString('base64') },
    };
    const store = new Store(0);
    store.load('Secret', [tok]);
    expect(describeObject('ServiceAccount', sa, ctxFor(store))).toBe(`Name:                build
Namespace:           ci
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   build-token
Tokens:              build-token
Events:              <none>
`);
    expect(describeObject('Secret', tok, ctxFor(store))).toBe(`Name:         build-token
Namespace:    ci
Labels:       <none>
Annotations:  kubernetes.io/service-account.name: build
              kubernetes.io/service-account.uid: sa-uid

Type:  kubernetes.io/service-account-token

Data
====
ca.crt:     4 bytes
namespace:  2 bytes
token:      eyJhbGc
`);
  });
});

describe('describe: other kinds', () => {
  it('configmap: Data with underline, BinaryData sizes, events', () => {
    const cm: KObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config', namespace: 'kube-system', uid: 'cm1' },
      data: { 'b.conf': 'x=1\ny=2', a: '1' },
      binaryData: { blob: Buffer.from('hello').toString('base64') },
    };
    expect(describeObject('ConfigMap', cm, ctxFor(new Store(0)))).toBe(`Name:         app-config
Namespace:    kube-system
Labels:       <none>
Annotations:  <none>

Data
====
a:
----
1

b.conf:
----
x=1
y=2


BinaryData
====
blob: 5 bytes

Events:  <none>
`);
  });

  it('secret: type and sizes, never values', () => {
    const s: KObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default', labels: { app: 'db' } },
      type: 'Opaque',
      data: { password: Buffer.from('s3cr3t').toString('base64'), username: Buffer.from('admin').toString('base64') },
    };
    expect(describeObject('Secret', s, ctxFor(new Store(0)))).toBe(`Name:         db
Namespace:    default
Labels:       app=db
Annotations:  <none>

Type:  Opaque

Data
====
password:  6 bytes
username:  5 bytes
`);
  });

  it('serviceaccount: pull/mountable secrets and tokens (kubectl TestDescribeServiceAccount)', () => {
    const sa: KObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'bar', namespace: 'foo', uid: 'sa1' },
      secrets: [{ name: 'test-objectref' }],
      imagePullSecrets: [{ name: 'test-local-ref' }],
    };
    expect(describeObject('ServiceAccount', sa, ctxFor(new Store(0)))).toBe(`Name:                bar
Namespace:           foo
Labels:              <none>
Annotations:         <none>
Image pull secrets:  test-local-ref (not found)
Mountable secrets:   test-objectref (not found)
Tokens:              <none>
Events:              <none>
`);
  });

  it('namespace without and with quotas / limit ranges', () => {
    const store = new Store(0);
    const ns: KObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    expect(describeObject('Namespace', ns, ctxFor(store))).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
    store.load('ResourceQuota', [
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute', namespace: 'default' },
        spec: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi' } },
        status: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi' }, used: { pods: '3', 'requests.cpu': '500m', 'limits.memory': '384Mi' } },
      },
    ]);
    store.load('LimitRange', [
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'limits', namespace: 'default' },
        spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '256Mi' }, max: { cpu: '1' } }] },
      },
    ]);
    expect(describeObject('Namespace', ns, ctxFor(store))).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

Resource Quotas
  Name:          compute
  Resource       Used   Hard
  --------       ---    ---
  limits.memory  384Mi  2Gi
  pods           3      10
  requests.cpu   500m   2

Resource Limits
 Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
 ----       --------  ---  ---  ---------------  -------------  -----------------------
 Container  cpu       -    1    100m             500m           -
 Container  memory    -    -    256Mi            512Mi          -
`);
    expect(describeObject('ResourceQuota', store.get('ResourceQuota', 'default', 'compute')!, ctxFor(store))).toBe(`Name:          compute
Namespace:     default
Resource       Used   Hard
--------       ----   ----
limits.memory  384Mi  2Gi
pods           3      10
requests.cpu   500m   2
`);
  });

  it('node: roles, lease, conditions, resources and allocation', () => {
    const store = new Store(0);
    const node: KObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-1',
        uid: 'node-uid',
        creationTimestamp: T('22:00:00'),
        labels: { 'kubernetes.io/hostname': 'node-1', 'node-role.kubernetes.io/control-plane': '' },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '2', memory: '4002104Ki', pods: '110', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0' },
        allocatable: { cpu: '2', memory: '4002104Ki', pods: '110', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastHeartbeatTime: T('22:40:00'),
            lastTransitionTime: T('22:00:10'),
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [
          { type: 'InternalIP', address: '192.168.49.2' },
          { type: 'Hostname', address: 'node-1' },
        ],
        nodeInfo: {
          machineID: 'm1',
          systemUUID: 's1',
          bootID: 'b1',
          kernelVersion: '6.8.0',
          osImage: 'Ubuntu 22.04.4 LTS',
          operatingSystem: 'linux',
          architecture: 'amd64',
          containerRuntimeVersion: 'containerd://1.7.22',
          kubeletVersion: 'v1.32.0',
          kubeProxyVersion: 'v1.32.0',
        },
      },
    };
    const pod = (name: string, ns: string, requests: object, limits: object, phase = 'Running'): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, creationTimestamp: T('22:10:22') },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x', resources: { requests, limits } }] },
      status: { phase },
    });
    store.load('Node', [node]);
    store.load('Pod', [
      pod('coredns', 'kube-system', { cpu: '100m', memory: '70Mi' }, { memory: '170Mi' }),
      pod('web', 'default', {}, {}),
      pod('done', 'default', { cpu: '1' }, {}, 'Succeeded'),
    ]);
    store.load('Lease.coordination.k8s.io', [
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'node-1', namespace: 'kube-node-lease' },
        spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-11-21T22:40:20.123456Z' },
      },
    ]);
    expect(describeObject('Node', node, ctxFor(store))).toBe(`Name:               node-1
Roles:              control-plane
Labels:             kubernetes.io/hostname=node-1
                    node-role.kubernetes.io/control-plane=
Annotations:        node.alpha.kubernetes.io/ttl: 0
CreationTimestamp:  Sat, 21 Nov 2026 22:00:00 +0000
Taints:             node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Sat, 21 Nov 2026 22:40:20 +0000
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
  ----    ------  -----------------                 ------------------                ------         -------
  Ready   True    Sat, 21 Nov 2026 22:40:00 +0000   Sat, 21 Nov 2026 22:00:10 +0000   KubeletReady   kubelet is posting ready status
Addresses:
  InternalIP:  192.168.49.2
  Hostname:    node-1
Capacity:
  cpu:                2
  ephemeral-storage:  61202244Ki
  hugepages-2Mi:      0
  memory:             4002104Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  61202244Ki
  hugepages-2Mi:      0
  memory:             4002104Ki
  pods:               110
System Info:
  Machine ID:                 m1
  System UUID:                s1
  Boot ID:                    b1
  Kernel Version:             6.8.0
  OS Image:                   Ubuntu 22.04.4 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.22
  Kubelet Version:            v1.32.0
  Kube-Proxy Version:         v1.32.0
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
Non-terminated Pods:          (2 in total)
  Namespace                   Name       CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----       ------------  ----------  ---------------  -------------  ---
  default                     web        0 (0%)        0 (0%)      0 (0%)           0 (0%)         30m
  kube-system                 coredns    100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     30m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (5%)  0 (0%)
  memory             70Mi (1%)  170Mi (4%)
  ephemeral-storage  0 (0%)     0 (0%)
  hugepages-2Mi      0 (0%)     0 (0%)
Events:              <none>
`);
  });

  it('node without a lease reports the lookup error as kubectl does', () => {
    const node: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2' }, spec: {}, status: {} };
    expect(describeObject('Node', node, ctxFor(new Store(0)))).toContain('Lease:              Failed to get lease: leases.coordination.k8s.io "n2" not found\n');
  });

  it('ingress like kubectl TestDescribeIngress (missing backend service)', () => {
    const ing: KObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'bar', namespace: 'foo' },
      spec: {
        ingressClassName: 'test',
        rules: [{ host: 'foo.bar.com', http: { paths: [{ path: '/foo', pathType: 'Prefix', backend: { service: { name: 'default-backend', port: { number: 80 } } } }] } }],
      },
    };
    expect(describeObject('Ingress.networking.k8s.io', ing, ctxFor(new Store(0)))).toBe(`Name:             bar
Labels:           <none>
Namespace:        foo
Address:          
Ingress Class:    test
Default backend:  <default>
Rules:
  Host         Path  Backends
  ----         ----  --------
  foo.bar.com  
               /foo   default-backend:80 (<error: services "default-backend" not found>)
Annotations:   <none>
Events:        <none>
`);
  });

  it('endpointslice like kubectl TestDescribeEndpointSlice', () => {
    const eps: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'foo.123', namespace: 'bar' },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['1.2.3.4', '1.2.3.5'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'test-123' }, zone: 'us-central1-a', nodeName: 'node-1' },
        { addresses: ['1.2.3.6', '1.2.3.7'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'test-124' }, nodeName: 'node-2' },
      ],
      ports: [{ protocol: 'TCP', port: 80 }],
    };
    expect(describeObject('EndpointSlice.discovery.k8s.io', eps, ctxFor(new Store(0)))).toBe(`Name:         foo.123
Namespace:    bar
Labels:       <none>
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  80    TCP
Endpoints:
  - Addresses:  1.2.3.4, 1.2.3.5
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/test-123
    NodeName:   node-1
    Zone:       us-central1-a
  - Addresses:  1.2.3.6, 1.2.3.7
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/test-124
    NodeName:   node-2
    Zone:       <unset>
Events:         <none>
`);
  });

  it('ingressclass like kubectl TestDescribeIngressClass (events off)', () => {
    const ic: KObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'example-class' },
      spec: { controller: 'example.com/controller', parameters: { apiGroup: 'v1', kind: 'ConfigMap', name: 'example-parameters' } },
    };
    expect(describeObject('IngressClass.networking.k8s.io', ic, ctxFor(new Store(0)), { showEvents: false })).toBe(`Name:         example-class
Labels:       <none>
Annotations:  <none>
Controller:   example.com/controller
Parameters:
  APIGroup:  v1
  Kind:      ConfigMap
  Name:      example-parameters
`);
  });

  it('networkpolicy like kubectl TestDescribeNetworkPolicies', () => {
    const sel = (m: Record<string, string>, exprs?: object[]) => ({ matchLabels: m, ...(exprs ? { matchExpressions: exprs } : {}) });
    const peers = [
      { podSelector: sel({ id: 'pod1', id2: 'pod2' }), namespaceSelector: sel({ id: 'ns1', id2: 'ns2' }) },
      { podSelector: sel({ id: 'app2', id2: 'app3' }) },
      { namespaceSelector: sel({ id: 'app2', id2: 'app3' }) },
      { namespaceSelector: sel({ id: 'app2', id2: 'app3' }, [{ key: 'foo', operator: 'In', values: ['bar1', 'bar2'] }]) },
      { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] } },
    ];
    const ports = [
      { port: 80, protocol: 'TCP' },
      { port: 82, protocol: 'TCP' },
    ];
    const np: KObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'network-policy-1', namespace: 'default', creationTimestamp: '2017-06-05T04:45:56Z' },
      spec: {
        podSelector: sel({ id1: 'app1', id2: 'app2' }, [
          { key: 'foo', operator: 'In', values: ['bar1', 'bar2'] },
          { key: 'foo2', operator: 'NotIn', values: ['bar1', 'bar2'] },
        ]),
        ingress: [{ ports, from: peers }, {}],
        egress: [{ ports, to: peers }, {}],
        policyTypes: ['Ingress', 'Egress'],
      },
    };
    const out = describeObject('NetworkPolicy.networking.k8s.io', np, ctxFor(new Store(0)));
    // kubectl's test fixture is in PDT; the simulation prints UTC.
    expect(out).toBe(`Name:         network-policy-1
Namespace:    default
Created on:   2017-06-05 04:45:56 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     foo in (bar1,bar2),foo2 notin (bar1,bar2),id1=app1,id2=app2
  Allowing ingress traffic:
    To Port: 80/TCP
    To Port: 82/TCP
    From:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    From:
      PodSelector: id=app2,id2=app3
    From:
      NamespaceSelector: id=app2,id2=app3
    From:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    From:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    From: <any> (traffic not restricted by source)
  Allowing egress traffic:
    To Port: 80/TCP
    To Port: 82/TCP
    To:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    To:
      PodSelector: id=app2,id2=app3
    To:
      NamespaceSelector: id=app2,id2=app3
    To:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    To:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    To: <any> (traffic not restricted by destination)
  Policy Types: Ingress, Egress
`);
  });

  it('statefulset, daemonset, job and cronjob', () => {
    const store = new Store(0);
    const tmpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
    const sts: KObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default', uid: 'sts', creationTimestamp: T('22:30:00') },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: tmpl,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
      status: { replicas: 2 },
    };
    store.load('Pod', [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts', controller: true }] },
        spec: {},
        status: { phase: 'Running' },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts', controller: true }] },
        spec: {},
        status: { phase: 'Pending' },
      },
    ]);
    expect(describeObject('StatefulSet.apps', sts, ctxFor(store))).toBe(`Name:               web
Namespace:          default
CreationTimestamp:  Sat, 21 Nov 2026 22:30:00 +0000
Selector:           app=web
Labels:             <none>
Annotations:        <none>
Replicas:           2 desired | 2 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        1 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
  Containers:
   web:
    Image:         nginx:1.25
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:          <none>
`);

    const ds: KObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: tmpl },
      status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberReady: 1 },
    };
    expect(describeObject('DaemonSet.apps', ds, ctxFor(store))).toBe(`Name:           agent
Selector:       app=web
Node-Selector:  <none>
Labels:         <none>
Annotations:    <none>
Desired Number of Nodes Scheduled: 1
Current Number of Nodes Scheduled: 1
Number of Nodes Scheduled with Up-to-date Pods: 1
Number of Nodes Scheduled with Available Pods: 1
Number of Nodes Misscheduled: 0
Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
  Containers:
   web:
    Image:         nginx:1.25
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`);

    const job: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'job', labels: { 'batch.kubernetes.io/job-name': 'pi' } },
      spec: {
        parallelism: 1,
        completions: 1,
        completionMode: 'NonIndexed',
        suspend: false,
        backoffLimit: 6,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job' } },
        template: { metadata: { labels: { 'batch.kubernetes.io/job-name': 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl', command: ['perl', '-e', 'print 1'] }] } },
      },
      status: { startTime: T('22:35:00'), completionTime: T('22:35:42'), succeeded: 1, ready: 0, terminating: 0 },
    };
    expect(describeObject('Job.batch', job, ctxFor(store))).toBe(`Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=job
Labels:           batch.kubernetes.io/job-name=pi
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       Sat, 21 Nov 2026 22:35:00 +0000
Completed At:     Sat, 21 Nov 2026 22:35:42 +0000
Duration:         42s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/job-name=pi
  Containers:
   pi:
    Image:      perl
    Port:       <none>
    Host Port:  <none>
    Command:
      perl
      -e
      print 1
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`);

    const cj: KObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', namespace: 'default', uid: 'cj' },
      spec: {
        schedule: '*/1 * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } } },
      },
      status: { active: [{ name: 'hello-1' }, { name: 'hello-2' }] },
    };
    expect(describeObject('CronJob.batch', cj, ctxFor(store))).toBe(`Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */1 * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   hello:
    Image:           busybox
    Port:            <none>
    Host Port:       <none>
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  <unset>
Active Jobs:         hello-1, hello-2
Events:              <none>
`);
  });

  it('storage: pv, pvc and storageclass', () => {
    const store = new Store(0);
    const pv: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1', finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
        claimRef: { namespace: 'default', name: 'data' },
        hostPath: { path: '/mnt/data', type: '' },
      },
      status: { phase: 'Bound' },
    };
    expect(describeObject('PersistentVolume', pv, ctxFor(store))).toBe(`Name:            pv1
Labels:          <none>
Annotations:     <none>
Finalizers:      [kubernetes.io/pv-protection]
StorageClass:    standard
Status:          Bound
Claim:           default/data
Reclaim Policy:  Retain
Access Modes:    RWO
VolumeMode:      Filesystem
Capacity:        5Gi
Node Affinity:   <none>
Message:         
Source:
    Type:          HostPath (bare host directory volume)
    Path:          /mnt/data
    HostPathType:  
Events:            <none>
`);
    const pvc: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: 'pv1' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } },
    };
    store.load('Pod', [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'db-0', namespace: 'default' },
        spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
        status: {},
      },
    ]);
    expect(describeObject('PersistentVolumeClaim', pvc, ctxFor(store))).toBe(`Name:          data
Namespace:     default
StorageClass:  standard
Status:        Bound
Volume:        pv1
Labels:        <none>
Annotations:   <none>
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      5Gi
Access Modes:  RWO
VolumeMode:    Filesystem
Used By:       db-0
Events:        <none>
`);
    const sc: KObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    expect(describeObject('StorageClass.storage.k8s.io', sc, ctxFor(store))).toBe(`Name:                  standard
IsDefaultClass:        Yes
Annotations:           storageclass.kubernetes.io/is-default-class=true
Provisioner:           rancher.io/local-path
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
`);
  });

  it('rbac: compacted, sorted rules and bindings', () => {
    const role: KObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'reader' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
        { nonResourceURLs: ['/healthz'], verbs: ['get'] },
      ],
    };
    expect(describeObject('ClusterRole.rbac.authorization.k8s.io', role, ctxFor(new Store(0)))).toBe(`Name:         reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources         Non-Resource URLs  Resource Names  Verbs
  ---------         -----------------  --------------  -----
  pods/log          []                 []              [get list]
  pods              []                 []              [get list]
                    [/healthz]         []              [get]
  deployments.apps  []                 []              [get]
`);
    const rb: KObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'read-pods', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }, { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    expect(describeObject('RoleBinding.rbac.authorization.k8s.io', rb, ctxFor(new Store(0)))).toBe(`Name:         read-pods
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  ClusterRole
  Name:  reader
Subjects:
  Kind            Name     Namespace
  ----            ----     ---------
  ServiceAccount  default  default
  User            jane     
`);
  });

  it('hpa (v2 utilization metric), pdb and priorityclass', () => {
    const hpa: KObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: T('22:30:00') },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    };
    expect(describeObject('HorizontalPodAutoscaler.autoscaling', hpa, ctxFor(new Store(0)))).toBe(`Name:                                                  web
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Sat, 21 Nov 2026 22:30:00 +0000
Reference:                                             Deployment/web
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 80%
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       1 current / 1 desired
Events:                                                <none>
`);
    const pdb: KObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
      status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
    };
    expect(describeObject('PodDisruptionBudget.policy', pdb, ctxFor(new Store(0)))).toBe(`Name:           web
Namespace:      default
Min available:  2
Selector:       app=web
Status:
    Allowed disruptions:  1
    Current:              3
    Desired:              2
    Total:                3
Events:                   <none>
`);
    const pc: KObject = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'important',
    };
    expect(describeObject('PriorityClass.scheduling.k8s.io', pc, ctxFor(new Store(0)))).toBe(`Name:              high
Value:             1000000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       important
Annotations:       <none>
Events:            <none>
`);
  });

  it('generic describer for kinds without one (an Event)', () => {
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'crasher.1', namespace: 'default', uid: 'ev1', resourceVersion: '42', creationTimestamp: T('22:38:00') },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'crasher', namespace: 'default', uid: 'p1', fieldPath: 'spec.containers{crasher}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: T('22:38:00'),
      lastTimestamp: T('22:39:00'),
      count: 3,
      type: 'Warning',
    };
    expect(describeObject('Event', ev, ctxFor(new Store(0)))).toBe(`Name:             crasher.1
Namespace:        default
Labels:           <none>
Annotations:      <none>
API Version:      v1
Count:            3
Event Time:       <nil>
First Timestamp:  2026-11-21T22:38:00Z
Involved Object:
  API Version:   v1
  Field Path:    spec.containers{crasher}
  Kind:          Pod
  Name:          crasher
  Namespace:     default
  UID:           p1
Kind:            Event
Last Timestamp:  2026-11-21T22:39:00Z
Message:         Back-off restarting failed container
Metadata:
  Creation Timestamp:  2026-11-21T22:38:00Z
  Resource Version:    42
  UID:                 ev1
Reason:                BackOff
Reporting Component:   
Reporting Instance:    
Source:
  Component:  kubelet
  Host:       node-1
Type:         Warning
Events:       <none>
`);
  });
});

describe('describe: helpers', () => {
  it('canonical quantities', () => {
    const f = (s: string) => formatQuantity(parseQuantity(s)!);
    expect(['100m', '0.5', '1.5', '1000m', '1000000', '1024Mi', '1000Mi', '0.5Gi', '4002104Ki', '1e3', '0', '512Ki', '10'].map(f)).toEqual([
      '100m',
      '500m',
      '1500m',
      '1',
      '1M',
      '1Gi',
      '1000Mi',
      '512Mi',
      '4002104Ki',
      '1e3',
      '0',
      '512Ki',
      '10',
    ]);
    expect(formatQuantity(add(parseQuantity('128Mi')!, parseQuantity('256Mi')!))).toBe('384Mi');
    expect(formatQuantity(add(parseQuantity('0')!, parseQuantity('64Mi')!))).toBe('64Mi');
  });

  it('smart labels of the generic describer', () => {
    expect(['apiVersion', 'uid', 'creationTimestamp', 'podCIDR', 'IPAddress', 'k8s', 'foo-bar'].map(smartLabelFor)).toEqual([
      'API Version',
      'UID',
      'Creation Timestamp',
      'Pod CIDR',
      'IP Address',
      'k8s',
      'Foo - Bar',
    ]);
  });
});
