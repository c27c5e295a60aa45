import { describe, it, expect } from 'vitest';
import { decodeError, parseCronSchedule, validateCreate, validateUpdate, warningsOnCreate } from '../../src/api/validation';
import { InvalidError } from '../../src/api/errors';
import type { KObject } from '../../src/api/types';

// ---- fixtures: objects as the server sees them after defaulting ----

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const KINDS: Record<string, [string, string]> = {
  Pod: ['Pod', ''],
  Service: ['Service', ''],
  ConfigMap: ['ConfigMap', ''],
  Secret: ['Secret', ''],
  Namespace: ['Namespace', ''],
  PersistentVolumeClaim: ['PersistentVolumeClaim', ''],
  PersistentVolume: ['PersistentVolume', ''],
  ReplicationController: ['ReplicationController', ''],
  Node: ['Node', ''],
  'Deployment.apps': ['Deployment', 'apps'],
  'ReplicaSet.apps': ['ReplicaSet', 'apps'],
  'DaemonSet.apps': ['DaemonSet', 'apps'],
  'StatefulSet.apps': ['StatefulSet', 'apps'],
  'Job.batch': ['Job', 'batch'],
  'CronJob.batch': ['CronJob', 'batch'],
  'Ingress.networking.k8s.io': ['Ingress', 'networking.k8s.io'],
  'HorizontalPodAutoscaler.autoscaling': ['HorizontalPodAutoscaler', 'autoscaling'],
  'RoleBinding.rbac.authorization.k8s.io': ['RoleBinding', 'rbac.authorization.k8s.io'],
  'Role.rbac.authorization.k8s.io': ['Role', 'rbac.authorization.k8s.io'],
  'PodDisruptionBudget.policy': ['PodDisruptionBudget', 'policy'],
};

/** Renders what kubectl prints for the create (or update when `old` is given), or null when valid. */
function render(gk: string, obj: Any, old?: Any): string | null {
  const errs = old ? validateUpdate(gk, obj as KObject, old as KObject) : validateCreate(gk, obj as KObject);
  if (errs.length === 0) return null;
  const [kind, group] = KINDS[gk]!;
  return new InvalidError(kind, group, obj.metadata.name, errs).render();
}

const container = (extra: Any = {}) => ({
  name: 'nginx',
  image: 'nginx',
  imagePullPolicy: 'Always',
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  ...extra,
});

const podSpec = (extra: Any = {}) => ({
  containers: [container()],
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
  securityContext: {},
  ...extra,
});

const pod = (spec: Any = {}, meta: Any = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...meta },
  spec: podSpec(spec),
});

const template = (labels: Any, spec: Any = {}) => ({ metadata: { labels }, spec: podSpec(spec) });

const deployment = (spec: Any = {}, name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    template: template({ app: 'web' }),
    ...spec,
  },
});

const service = (spec: Any = {}, name = 's') => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'ClusterIP',
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    selector: { app: 'web' },
    ...spec,
  },
});

const RFC1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const POD_FORBIDDEN =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

// ---------------------------------------------------------------------------

describe('valid objects', () => {
  it('accepts defaulted objects of the common kinds', () => {
    expect(render('Pod', pod())).toBeNull();
    expect(render('Deployment.apps', deployment())).toBeNull();
    expect(render('Service', service())).toBeNull();
    expect(render('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } })).toBeNull();
    expect(render('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'app.conf': 'x' } })).toBeNull();
  });

  it('accepts updates that change only mutable things', () => {
    const old = pod();
    const changed = pod({ containers: [container({ image: 'nginx:1.27' })], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] }, { labels: { a: 'b' }, annotations: { note: 'x' } });
    expect(render('Pod', changed, old)).toBeNull();
    expect(render('Deployment.apps', deployment({ replicas: 5, template: template({ app: 'web' }, { containers: [container({ image: 'nginx:2' })] }) }), deployment())).toBeNull();
  });
});

describe('ObjectMeta', () => {
  it('reports the reference example for a bad name', () => {
    expect(render('Deployment.apps', deployment({}, 'My_App'))).toBe(
      `The Deployment "My_App" is invalid: metadata.name: Invalid value: "My_App": ${RFC1123_SUBDOMAIN}`,
    );
  });

  it('uses DNS-1035 labels for Services and DNS-1123 labels for Namespaces', () => {
    expect(render('Service', service({}, '1svc'))).toBe(
      `The Service "1svc" is invalid: metadata.name: Invalid value: "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(render('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.ns' } })).toBe(
      'The Namespace "my.ns" is invalid: metadata.name: Invalid value: "my.ns": must not contain dots',
    );
    expect(render('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x'.repeat(64) } })).toBe(
      `The Namespace "${'x'.repeat(64)}" is invalid: metadata.name: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
    );
  });

  it('validates label keys and values and annotation keys', () => {
    const out = render('Pod', pod({}, { labels: { app: 'a b', 'example.com/': 'x' }, annotations: { '-bad': 'x', 'Example.com/Foo': 'ok' } }));
    expect(out).toBe(
      [
        'The Pod "p" is invalid: ',
        "* metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        '* metadata.labels: Invalid value: "example.com/": name part must be non-empty',
        "* metadata.labels: Invalid value: \"example.com/\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        "* metadata.annotations: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ].join('\n'),
    );
  });

  it('limits the total annotation size to 256 KiB', () => {
    expect(render('Pod', pod({}, { annotations: { big: 'x'.repeat(262142) } }))).toBe(
      'The Pod "p" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes',
    );
  });

  it('checks generateName with a prefix-masked name and rejects namespaces on cluster kinds', () => {
    expect(render('Pod', pod({}, { name: 'web-x7k2p', generateName: 'Web_' }))).toBe(
      `The Pod "web-x7k2p" is invalid: metadata.generateName: Invalid value: "Web_": ${RFC1123_SUBDOMAIN}`,
    );
    expect(render('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', namespace: 'default' } })).toBe(
      'The Namespace "dev" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    );
  });

  it('keeps uid immutable on update', () => {
    expect(render('Pod', pod({}, { uid: 'b' }), pod({}, { uid: 'a' }))).toBe(
      'The Pod "p" is invalid: metadata.uid: Invalid value: "b": field is immutable',
    );
  });
});

describe('PodSpec', () => {
  it('reports container, env, mount and resource problems in server order', () => {
    const spec = {
      containers: [
        container({
          name: 'web',
          env: [{ name: 'A=B' }, { name: 'X', value: 'y', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
          resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
        }),
        container({ name: 'web', image: '' }),
      ],
    };
    expect(render('Pod', pod(spec))).toBe(
      [
        'The Pod "p" is invalid: ',
        "* spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
        '* spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
        '* spec.containers[0].volumeMounts[0].name: Not found: "data"',
        '* spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
        '* spec.containers[1].image: Required value',
        '* spec.containers[1].name: Duplicate value: "web"',
      ].join('\n'),
    );
  });

  it('requires containers and checks container names', () => {
    expect(render('Pod', pod({ containers: [] }))).toBe('The Pod "p" is invalid: spec.containers: Required value');
    expect(render('Pod', pod({ containers: [container({ name: 'Web' })] }))).toBe(
      `The Pod "p" is invalid: spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('validates ports', () => {
    const spec = { containers: [container({ ports: [{ containerPort: 70000, name: 'HTTP', protocol: 'TCP' }, { containerPort: 80, name: 'web', protocol: 'ICMP' }, { containerPort: 81, name: 'web', protocol: 'TCP' }] })] };
    expect(render('Pod', pod(spec))).toBe(
      [
        'The Pod "p" is invalid: ',
        '* spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        '* spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
        '* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        '* spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
        '* spec.containers[0].ports[2].name: Duplicate value: "web"',
      ].join('\n'),
    );
  });

  it('validates enumerations and scheduling fields', () => {
    const spec = {
      containers: [container({ imagePullPolicy: 'Sometimes' })],
      restartPolicy: 'Sometimes',
      dnsPolicy: 'Custom',
      nodeSelector: { 'kubernetes.io/os': 'linux!' },
      serviceAccountName: 'SA',
      activeDeadlineSeconds: 0,
      hostname: 'a.b',
      tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }, { operator: 'Equal', effect: 'NoRun' }],
    };
    expect(render('Pod', pod(spec))).toBe(
      [
        'The Pod "p" is invalid: ',
        '* spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        '* spec.dnsPolicy: Unsupported value: "Custom": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
        "* spec.nodeSelector: Invalid value: \"linux!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        `* spec.serviceAccountName: Invalid value: "SA": ${RFC1123_SUBDOMAIN}`,
        '* spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
        '* spec.hostname: Invalid value: "a.b": must not contain dots',
        "* spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
        '* spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        '* spec.tolerations[1].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ].join('\n'),
    );
  });

  it('validates probes and volumes', () => {
    const spec = {
      volumes: [{ name: 'cfg', configMap: { name: 'c' }, secret: { secretName: 's' } }, { name: 'x', emptyDir: {} }, { name: 'x', emptyDir: {} }],
      containers: [
        container({
          volumeMounts: [{ name: 'x', mountPath: '' }],
          livenessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, exec: { command: ['true'] }, periodSeconds: -1, successThreshold: 2 },
          readinessProbe: { timeoutSeconds: 1 },
        }),
      ],
    };
    expect(render('Pod', pod(spec))).toBe(
      [
        'The Pod "p" is invalid: ',
        '* spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type', // secret is checked before configMap
        '* spec.volumes[2].name: Duplicate value: "x"',
        '* spec.containers[0].volumeMounts[0].mountPath: Required value',
        '* spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
        '* spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
        '* spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
        '* spec.containers[0].readinessProbe: Required value: must specify a handler type',
      ].join('\n'),
    );
  });

  it('requires exactly one valueFrom source with valid references', () => {
    const spec = {
      containers: [
        container({
          env: [
            { name: 'A', valueFrom: {} },
            { name: 'B', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } } },
            { name: 'C', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.foo' } } },
            { name: 'D', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } } },
          ],
        }),
      ],
    };
    expect(render('Pod', pod(spec))).toBe(
      [
        'The Pod "p" is invalid: ',
        '* spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        '* spec.containers[0].env[1].valueFrom: Invalid value: "": may not have more than one field specified at a time',
        '* spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
        '* spec.containers[0].env[3].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      ].join('\n'),
    );
  });
});

describe('Pod update', () => {
  it('forbids changes outside the updatable fields, with a spec diff', () => {
    const out = render('Pod', pod({ containers: [container({ command: ['sleep', '10'] })] }), pod());
    expect(out).toBe(
      [
        `The Pod "p" is invalid: ${POD_FORBIDDEN}`,
        '  core.PodSpec{',
        '  \t... // 2 identical fields',
        '  \tContainers: []core.Container{',
        '  \t\t{',
        '  \t\t\t... // 2 identical fields',
        '- \t\t\tCommand: nil,',
        '+ \t\t\tCommand: []string{"sleep", "10"},',
        '  \t\t\t... // 21 identical fields',
        '  \t\t},',
        '  \t},',
        '  \t... // 31 identical fields',
        '  }',
      ].join('\n'),
    );
  });

  it('allows image updates but not adding containers, raising deadlines or dropping tolerations', () => {
    expect(render('Pod', pod({ containers: [container(), container({ name: 'side' })] }), pod())).toBe(
      'The Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
    expect(render('Pod', pod({ activeDeadlineSeconds: 10 }), pod({ activeDeadlineSeconds: 5 }))).toBe(
      'The Pod "p" is invalid: spec.activeDeadlineSeconds: Invalid value: 10: must be less than or equal to previous value',
    );
    expect(render('Pod', pod({ tolerations: [] }), pod({ tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] }))).toBe(
      'The Pod "p" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );
    expect(render('Pod', pod({ containers: [container({ image: '' })] }), pod())).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value');
  });

  it('reports a QoS change before the spec diff', () => {
    const out = render('Pod', pod({ containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] }), pod())!;
    expect(out.split('\n').slice(0, 3)).toEqual([
      'The Pod "p" is invalid: ',
      '* metadata: Invalid value: "BestEffort": Pod QoS is immutable',
      `* ${POD_FORBIDDEN}`,
    ]);
  });
});

describe('Deployment', () => {
  it('matches the reference examples', () => {
    expect(render('Deployment.apps', deployment({ template: template({ app: 'other' }) }, 'bad'))).toBe(
      'The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    expect(render('Deployment.apps', deployment({ selector: undefined }, 'bad'))).toBe(
      [
        'The Deployment "bad" is invalid: ',
        '* spec.selector: Required value',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ].join('\n'),
    );
    expect(render('Deployment.apps', deployment({ selector: { matchLabels: { app: 'x' } }, template: template({ app: 'x' }) }), deployment())).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect(render('Deployment.apps', deployment({ template: template({ app: 'web' }, { containers: [container({ image: '' })] }) }, 'x'))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it('validates replicas, restartPolicy and the rolling update parameters', () => {
    const d = deployment({
      replicas: -1,
      template: template({ app: 'web' }, { restartPolicy: 'Never' }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      revisionHistoryLimit: -1,
    });
    expect(render('Deployment.apps', d)).toBe(
      [
        'The Deployment "web" is invalid: ',
        '* spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        '* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        '* spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
        '* spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      ].join('\n'),
    );
    expect(render('Deployment.apps', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25', maxUnavailable: '120%' } } }))).toBe(
      [
        'The Deployment "web" is invalid: ',
        "* spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        '* spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
      ].join('\n'),
    );
  });

  it('validates the strategy type and deadlines', () => {
    expect(render('Deployment.apps', deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }, minReadySeconds: 10, progressDeadlineSeconds: 5 }))).toBe(
      [
        'The Deployment "web" is invalid: ',
        "* spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
        '* spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
      ].join('\n'),
    );
    expect(render('Deployment.apps', deployment({ strategy: { type: 'BlueGreen' } }))).toBe(
      'The Deployment "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    );
    expect(render('Deployment.apps', deployment({ selector: {} }))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });
});

describe('other workloads', () => {
  it('ReplicaSet and ReplicationController', () => {
    expect(
      render('ReplicaSet.apps', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }, { activeDeadlineSeconds: 5 }) } }),
    ).toBe('The ReplicaSet "rs" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported');
    expect(
      render('ReplicationController', { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: { replicas: 1, selector: { app: 'y' }, template: template({ app: 'x' }) } }),
    ).toBe('The ReplicationController "rc" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
  });

  it('StatefulSet names, policies and update restrictions', () => {
    const sts = (spec: Any = {}, name = 'web') => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, namespace: 'default' },
      spec: { serviceName: 'nginx', replicas: 1, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, selector: { matchLabels: { app: 'x' } }, template: template({ app: 'x' }), ...spec },
    });
    expect(render('StatefulSet.apps', sts({ podManagementPolicy: 'Whatever', updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 0 } } }, 'web.x'))).toBe(
      [
        'The StatefulSet "web.x" is invalid: ',
        '* metadata.name: Invalid value: "web.x": must not contain dots',
        "* spec.podManagementPolicy: Invalid value: \"Whatever\": must be 'OrderedReady' or 'Parallel'",
        "* spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
      ].join('\n'),
    );
    expect(render('StatefulSet.apps', sts({ serviceName: 'other', replicas: 3 }), sts())).toBe(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    expect(render('StatefulSet.apps', sts({ replicas: 3, template: template({ app: 'x' }, { containers: [container({ image: 'nginx:2' })] }) }), sts())).toBeNull();
  });

  it('DaemonSet update strategy', () => {
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }, template: template({ app: 'x' }) } };
    expect(render('DaemonSet.apps', ds)).toBe('The DaemonSet "d" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
  });
});

describe('batch', () => {
  const job = (spec: Any = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
    spec: {
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
      template: template({ 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi' }, { restartPolicy: 'Never' }),
      ...spec,
    },
  });

  it('Job restartPolicy, counts and completion mode', () => {
    expect(render('Job.batch', job())).toBeNull();
    const tpl = job().spec.template;
    expect(render('Job.batch', job({ template: { ...tpl, spec: { ...tpl.spec, restartPolicy: 'Always' } } }))).toBe(
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    expect(render('Job.batch', job({ parallelism: -1, backoffLimit: -2, completionMode: 'Indexed', completions: undefined }))).toBe(
      [
        'The Job "pi" is invalid: ',
        '* spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
        '* spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0',
        '* spec.completions: Required value: when completion mode is Indexed',
      ].join('\n'),
    );
  });

  it('Job selectors must be the generated one unless manualSelector is set', () => {
    const j = job({ selector: { matchLabels: { app: 'x', 'batch.kubernetes.io/controller-uid': 'u-1' } } });
    j.spec.template.metadata.labels = { ...j.spec.template.metadata.labels, app: 'x' } as Any;
    expect(render('Job.batch', j)).toBe(
      'The Job "pi" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"u-1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
    );
    expect(render('Job.batch', { ...j, spec: { ...j.spec, manualSelector: true } })).toBeNull();
  });

  it('Job template is immutable', () => {
    const changed = job();
    changed.spec.template.spec.containers[0]!.image = 'perl:5';
    const out = render('Job.batch', changed, job())!;
    expect(out.startsWith('The Job "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:')).toBe(true);
    expect(out.endsWith(': field is immutable')).toBe(true);
  });

  it('CronJob schedule, time zone, policy and name length', () => {
    const cj = (spec: Any, name = 'c') => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace: 'default' },
      spec: { concurrencyPolicy: 'Allow', suspend: false, jobTemplate: { spec: { template: template({}, { restartPolicy: 'OnFailure' }) } }, ...spec },
    });
    expect(render('CronJob.batch', cj({ schedule: '*/5 * * * *' }))).toBeNull();
    expect(render('CronJob.batch', cj({ schedule: '*/5 * * *', timeZone: 'Mars/Olympus', concurrencyPolicy: 'Sometimes' }, 'c'.repeat(53)))).toBe(
      [
        `The CronJob "${'c'.repeat(53)}" is invalid: `,
        '* spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]',
        '* spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
        '* spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
        `* metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`,
      ].join('\n'),
    );
    expect(render('CronJob.batch', cj({ schedule: '61 * * * *' }))).toBe(
      'The CronJob "c" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    expect(render('CronJob.batch', cj({ schedule: 'foo * * * *' }))).toBe(
      'The CronJob "c" is invalid: spec.schedule: Invalid value: "foo * * * *": failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax',
    );
    expect(render('CronJob.batch', cj({ schedule: 'TZ=UTC 0 * * * *' }))).toBe(
      'The CronJob "c" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(render('CronJob.batch', cj({ schedule: '@hourly', timeZone: 'Europe/Paris' }))).toBeNull();
  });

  it('parses cron schedules for the controller', () => {
    const s = parseCronSchedule('*/15 9-17 * * mon-fri');
    expect([...s.minute]).toEqual([0, 15, 30, 45]);
    expect([...s.hour]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...s.dow]).toEqual([1, 2, 3, 4, 5]);
    expect(s.domStar).toBe(true);
    expect(() => parseCronSchedule('0 0 * * 7')).toThrow('end of range (7) above maximum (6): 7');
    expect(parseCronSchedule('@every 1h30m').everySeconds).toBe(5400);
  });
});

describe('Service', () => {
  it('rejects node ports outside the range before validation (allocator)', () => {
    const s = service({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 80 }] }, '1bad');
    expect(render('Service', s)).toBe(
      'The Service "1bad" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('matches the reference example for changing clusterIP', () => {
    const old = service({ clusterIP: '10.96.0.12', clusterIPs: ['10.96.0.12'] });
    // the merged object keeps the old clusterIPs; the server re-syncs them from clusterIP
    const updated = service({ clusterIP: 'None', clusterIPs: ['10.96.0.12'] });
    expect(render('Service', updated, old)).toBe('The Service "s" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set');
  });

  it('validates ports, types and policies', () => {
    const s = service({
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 'http-web-server-x' },
        { port: 0, protocol: 'HTTP', targetPort: 80 },
      ],
      type: 'Foo',
      sessionAffinity: 'Sticky',
      externalTrafficPolicy: 'Local',
    });
    expect(render('Service', s)).toBe(
      [
        'The Service "s" is invalid: ',
        '* spec.ports[0].name: Required value',
        '* spec.ports[0].targetPort: Invalid value: "http-web-server-x": must be no more than 15 characters',
        '* spec.ports[1].name: Required value',
        '* spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        '* spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        '* spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
        '* spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
        '* spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
      ].join('\n'),
    );
  });

  it('checks duplicates, ExternalName and headless rules', () => {
    expect(render('Service', service({ ports: [{ name: 'a', port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'a', port: 80, protocol: 'TCP', targetPort: 80 }] }))).toBe(
      [
        'The Service "s" is invalid: ',
        '* spec.ports[1].name: Duplicate value: "a"',
        '* spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ].join('\n'),
    );
    expect(render('Service', service({ type: 'ExternalName', ipFamilies: undefined, ipFamilyPolicy: undefined, ports: [] }))).toBe(
      'The Service "s" is invalid: spec.externalName: Required value',
    );
    expect(render('Service', service({ type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: 'None', clusterIPs: ['None'] }))).toBe(
      'The Service "s" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    );
    expect(render('Service', service({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }))).toBe(
      "The Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });
});

describe('ConfigMap and Secret', () => {
  it('validates keys', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'a b': 'x', k: 'v' }, binaryData: { k: 'eA==' } };
    expect(render('ConfigMap', cm)).toBe(
      [
        'The ConfigMap "c" is invalid: ',
        "* data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        '* data[k]: Invalid value: "k": duplicate of key present in binaryData',
      ].join('\n'),
    );
  });

  it('enforces the 1 MiB secret size', () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 1).toString('base64');
    expect(render('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque', data: { a: big } })).toBe(
      'The Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes',
    );
  });

  it('checks type-specific keys', () => {
    expect(render('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} })).toBe(
      ['The Secret "s" is invalid: ', '* data[tls.crt]: Required value', '* data[tls.key]: Required value'].join('\n'),
    );
    expect(render('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': 'nope' } })).toBe(
      `The Secret "s" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'n' looking for beginning of value`,
    );
    expect(render('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/service-account-token' })).toBe(
      'The Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    );
  });

  it('keeps immutable objects and secret types fixed', () => {
    const cm = (data: Any) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, immutable: true, data });
    expect(render('ConfigMap', cm({ k: 'v2' }), cm({ k: 'v' }))).toBe('The ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const sec = (type: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type, data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } });
    expect(render('Secret', sec('Opaque'), sec('kubernetes.io/tls'))).toBe('The Secret "s" is invalid: type: Invalid value: "Opaque": field is immutable');
  });
});

describe('storage', () => {
  const pvc = (storage: string | undefined, extra: Any = {}) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: storage ? { requests: { storage } } : {}, storageClassName: 'standard', volumeName: 'pv1', ...extra },
    status: { phase: 'Bound', capacity: { storage: '1Gi' } },
  });

  it('PVC requirements', () => {
    expect(render('PersistentVolumeClaim', pvc(undefined, { accessModes: ['ReadWriteSometimes'] }))).toBe(
      [
        'The PersistentVolumeClaim "data" is invalid: ',
        '* spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
        '* spec.resources[storage]: Required value',
      ].join('\n'),
    );
  });

  it('PVC updates: only storage growth on bound claims', () => {
    expect(render('PersistentVolumeClaim', pvc('2Gi'), pvc('1Gi'))).toBeNull();
    expect(render('PersistentVolumeClaim', pvc('500Mi'), pvc('1Gi'))).toBe(
      'The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
    expect(render('PersistentVolumeClaim', pvc('1Gi', { accessModes: ['ReadWriteMany'] }), pvc('1Gi'))).toBe(
      [
        'The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
        '  core.PersistentVolumeClaimSpec{',
        '- \tAccessModes: []string{"ReadWriteOnce"},',
        '+ \tAccessModes: []string{"ReadWriteMany"},',
        '  \t... // 8 identical fields',
        '  }',
      ].join('\n'),
    );
  });

  it('PV requirements', () => {
    expect(render('PersistentVolume', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' } })).toBe(
      'The PersistentVolume "pv" is invalid: spec: Required value: must specify a volume type',
    );
  });
});

describe('networking, autoscaling, rbac, policy', () => {
  it('Ingress rules, paths and backends', () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i', namespace: 'default' },
      spec: {
        rules: [
          {
            host: '*.*.example.com',
            http: {
              paths: [
                { path: 'foo', pathType: 'Prefix', backend: { service: { name: 'svc', port: {} } } },
                { path: '/', backend: { service: { name: 's', port: { number: 80 } } } },
                { path: '/', pathType: 'Regex', backend: {} },
              ],
            },
          },
        ],
      },
    };
    expect(render('Ingress.networking.k8s.io', ing)).toBe(
      [
        'The Ingress "i" is invalid: ',
        "* spec.rules[0].host: Invalid value: \"*.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        '* spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path',
        '* spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
        '* spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified',
        '* spec.rules[0].http.paths[2].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
        '* spec.rules[0].http.paths[2].backend: Invalid value: "": resource or service backend is required',
      ].join('\n'),
    );
  });

  it('HPA replicas and target', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'default' }, spec: { minReplicas: 5, maxReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment' } } };
    expect(render('HorizontalPodAutoscaler.autoscaling', hpa)).toBe(
      ['The HorizontalPodAutoscaler "h" is invalid: ', '* spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`', '* spec.scaleTargetRef.name: Required value'].join('\n'),
    );
  });

  it('RoleBinding roleRef is immutable', () => {
    const rb = (role: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'default' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role }, subjects: [{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }] });
    expect(render('RoleBinding.rbac.authorization.k8s.io', rb('other'), rb('reader'))).toBe(
      'The RoleBinding "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef',
    );
    expect(render('Role.rbac.authorization.k8s.io', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ verbs: [], resources: ['pods'] }] })).toBe(
      ['The Role "r" is invalid: ', '* rules[0].verbs: Required value: verbs must contain at least one value', '* rules[0].apiGroups: Required value: resource rules must supply at least one api group'].join('\n'),
    );
  });

  it('PDB percentages', () => {
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { minAvailable: '150%', selector: { matchLabels: { app: 'x' } } } };
    expect(render('PodDisruptionBudget.policy', pdb)).toBe(
      'The PodDisruptionBudget "p" is invalid: spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    );
  });
});

describe('warnings and decode errors', () => {
  it('warns about workload names that are not DNS labels', () => {
    expect(warningsOnCreate('Deployment.apps', deployment({}, 'web.v2') as KObject)).toEqual([
      'metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]',
    ]);
    expect(warningsOnCreate('Pod', pod({ terminationGracePeriodSeconds: -1 }) as KObject)).toEqual([
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
    expect(warningsOnCreate('Service', service() as KObject)).toEqual([]);
  });

  it('reports unparseable quantities as a decoding failure', () => {
    const bad = pod({ containers: [container({ resources: { limits: { cpu: 'lots' } } })] });
    expect(decodeError('Pod', bad as KObject)).toBe(
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(decodeError('Pod', pod() as KObject)).toBeNull();
  });
});
