import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyDefaults, canonicalQuantity, defaultPullPolicy } from '../../src/api/defaults';
import { defaultResourceList } from '../../src/api/defaults/quantity';
import type { KObject } from '../../src/api/types';

const CORPUS = '/work/shared/corpus/kubernetes-in-action';

function corpus(path: string): KObject {
  return parse(readFileSync(`${CORPUS}/${path}`, 'utf8')) as KObject;
}

function defaulted(gk: string, o: unknown): KObject {
  const obj = o as KObject;
  applyDefaults(gk, obj);
  return obj;
}

/** The container fields every defaulted container carries. */
const C = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} };
/** The PodSpec fields every defaulted PodSpec (pod or template) carries. */
const SPEC = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

describe('quantities (resource.Quantity as stored)', () => {
  it.each([
    ['500m', '500m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['1.0', '1'],
    ['2', '2'],
    ['1000', '1k'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['123Mi', '123Mi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['2000Mi', '2000Mi'],
    ['512Ki', '512Ki'],
    ['8Gi', '8Gi'],
    ['10Gi', '10Gi'],
    ['1.5Gi', '1536Mi'],
    ['10.5Mi', '10752Ki'],
    ['0.5Ki', '512'],
    ['0', '0'],
    ['0Mi', '0'],
    ['100u', '100u'],
    ['-1', '-1'],
    [1, '1'],
    [0.25, '250m'],
    ['abc', 'abc'],
  ])('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it('ResourceList defaulting rounds up to milli precision', () => {
    const list: Record<string, unknown> = { cpu: '0.0001', a: '100u', b: '1.234567891234', memory: '1024Mi', c: 2 };
    defaultResourceList(list);
    expect(list).toEqual({ cpu: '1m', a: '1m', b: '1235m', memory: '1Gi', c: '2' });
  });
});

describe('imagePullPolicy default', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['nginx:Latest', 'IfNotPresent'],
    ['library/nginx', 'Always'],
    ['docker.io/library/nginx:latest', 'Always'],
    ['localhost:5000/x', 'Always'],
    ['localhost:5000/x:1.0', 'IfNotPresent'],
    ['registry.example.com:443/team/app', 'Always'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'IfNotPresent'],
    ['nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'Always'],
    ['Nginx', 'IfNotPresent'], // invalid reference (upper case): no tag found
    ['', 'IfNotPresent'],
  ])('%s → %s', (image, want) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });
});

describe('Pods', () => {
  it('kubia-manual (corpus): container, port and pod-level defaults', () => {
    expect(defaulted('Pod', corpus('Chapter03/kubia-manual.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'kubia-manual' },
      spec: {
        containers: [
          {
            image: 'luksa/kubia',
            imagePullPolicy: 'Always',
            name: 'kubia',
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            ...C,
          },
        ],
        ...SPEC,
        enableServiceLinks: true,
      },
      status: {},
    });
  });

  it('downward API volume (corpus): fieldRef apiVersion, divisor, defaultMode, requests kept', () => {
    const pod = defaulted('Pod', corpus('Chapter08/downward-api-volume.yaml'));
    expect(pod.spec.volumes).toEqual([
      {
        name: 'downward',
        downwardAPI: {
          defaultMode: 420,
          items: [
            { path: 'podName', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
            { path: 'podNamespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
            { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
            { path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations' } },
            {
              path: 'containerCpuRequestMilliCores',
              resourceFieldRef: { containerName: 'main', resource: 'requests.cpu', divisor: '1m' },
            },
            {
              path: 'containerMemoryLimitBytes',
              resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1' },
            },
          ],
        },
      },
    ]);
    expect(pod.spec.containers[0]).toEqual({
      name: 'main',
      image: 'busybox',
      imagePullPolicy: 'Always',
      command: ['sleep', '9999999'],
      resources: { requests: { cpu: '15m', memory: '100Ki' }, limits: { cpu: '100m', memory: '4Mi' } },
      volumeMounts: [{ name: 'downward', mountPath: '/etc/downward' }],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
  });

  it('env valueFrom: fieldRef apiVersion v1, resourceFieldRef divisor "0" when unset', () => {
    const pod = defaulted('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'busybox:1.36',
            env: [
              { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
              { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024Ki' } } },
              { name: 'D', value: 'x' },
            ],
          },
        ],
      },
    });
    expect(pod.spec.containers[0].env).toEqual([
      { name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
      { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'D', value: 'x' },
    ]);
  });

  it('requests default to limits on Pods (not templates); quantities canonical', () => {
    const spec = {
      containers: [{ name: 'c', image: 'nginx:1.25', resources: { limits: { cpu: '0.5', memory: '1024Mi' } } }],
      initContainers: [{ name: 'i', image: 'busybox', resources: { limits: { cpu: 1 }, requests: { cpu: '200m' } } }],
    };
    const pod = defaulted('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: structuredClone(spec) });
    expect(pod.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '500m', memory: '1Gi' },
    });
    expect(pod.spec.initContainers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '200m' } });
    const deploy = defaulted('Deployment.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: structuredClone(spec) } },
    });
    expect(deploy.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' } });
    expect(deploy.spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it('hostNetwork pods (corpus + ports): hostPort defaults to containerPort', () => {
    const pod = defaulted('Pod', corpus('Chapter13/pod-with-host-network.yaml'));
    expect(pod.spec).toEqual({
      hostNetwork: true,
      containers: [
        { name: 'main', image: 'alpine', imagePullPolicy: 'Always', command: ['/bin/sleep', '999999'], ...C },
      ],
      ...SPEC,
      enableServiceLinks: true,
    });
    const withPorts = defaulted('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP', hostPort: 5353 }] }] },
    });
    expect(withPorts.spec.containers[0].ports).toEqual([
      { containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { containerPort: 53, hostPort: 5353, protocol: 'UDP' },
    ]);
    const tpl = defaulted('DaemonSet.apps', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd' },
      spec: { selector: {}, template: { spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 80 }] }] } } },
    });
    expect(tpl.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('probes and lifecycle handlers', () => {
    const pod = defaulted('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x:1',
            livenessProbe: { httpGet: { port: 8080 } },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 0 },
            startupProbe: { grpc: { port: 9000 } },
            lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } }, postStart: { exec: { command: ['x'] } } },
          },
        ],
      },
    });
    const c = pod.spec.containers[0];
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/', port: 8080, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.startupProbe).toEqual({
      grpc: { port: 9000, service: '' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.lifecycle).toEqual({
      preStop: { httpGet: { port: 80, path: '/stop', scheme: 'HTTP' } },
      postStart: { exec: { command: ['x'] } },
    });
  });

  it('volumes: emptyDir for source-less volumes, modes, hostPath type, projected token, PVC templates', () => {
    const pod = defaulted('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'x:1' }],
        volumes: [
          { name: 'a' },
          { name: 'b', emptyDir: { medium: 'Memory', sizeLimit: '1024Mi' } },
          { name: 'c', secret: { secretName: 's' } },
          { name: 'd', configMap: { name: 'cm', defaultMode: 256 } },
          { name: 'e', hostPath: { path: '/data' } },
          {
            name: 'f',
            projected: {
              sources: [
                { serviceAccountToken: { path: 'token' } },
                { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
          { name: 'g', persistentVolumeClaim: { claimName: 'claim' } },
          {
            name: 'h',
            ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
          },
        ],
      },
    });
    expect(pod.spec.volumes).toEqual([
      { name: 'a', emptyDir: {} },
      { name: 'b', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'c', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'd', configMap: { name: 'cm', defaultMode: 256 } },
      { name: 'e', hostPath: { path: '/data', type: '' } },
      {
        name: 'f',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            { downwardAPI: { items: [{ path: 'ns', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
      { name: 'g', persistentVolumeClaim: { claimName: 'claim' } },
      {
        name: 'h',
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { creationTimestamp: null },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
          },
        },
      },
    ]);
  });

  it('serviceAccount mirrors serviceAccountName (v1 conversion)', () => {
    const pod = defaulted('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { serviceAccountName: 'builder', containers: [{ name: 'c', image: 'x:1' }] },
    });
    expect(pod.spec.serviceAccount).toBe('builder');
    const old = defaulted('Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { serviceAccount: 'legacy', containers: [{ name: 'c', image: 'x:1' }] },
    });
    expect(old.spec.serviceAccountName).toBe('legacy');
  });
});

describe('Deployment (reference §7.2)', () => {
  it('kubectl create deployment nginx --image=nginx:1.25 --replicas=3 --port=80', () => {
    const d = defaulted('Deployment.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { app: 'nginx' }, name: 'nginx', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'nginx' } },
        strategy: {},
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ image: 'nginx:1.25', name: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] },
        },
      },
      status: {},
    });
    expect(d).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { app: 'nginx' }, name: 'nginx', namespace: 'default' },
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 3,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'nginx' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
          spec: {
            containers: [
              {
                image: 'nginx:1.25',
                imagePullPolicy: 'IfNotPresent',
                name: 'nginx',
                ports: [{ containerPort: 80, protocol: 'TCP' }],
                resources: {},
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
              },
            ],
            dnsPolicy: 'ClusterFirst',
            restartPolicy: 'Always',
            schedulerName: 'default-scheduler',
            securityContext: {},
            terminationGracePeriodSeconds: 30,
          },
        },
      },
      status: {},
    });
  });

  it('Recreate gets no rollingUpdate; given values are kept; replicas defaults to 1', () => {
    const d = defaulted('Deployment.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'r' },
      spec: { strategy: { type: 'Recreate' }, revisionHistoryLimit: 2, selector: {}, template: { spec: { containers: [] } } },
    });
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.revisionHistoryLimit).toBe(2);
    const partial = defaulted('Deployment.apps', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'p' },
      spec: { strategy: { rollingUpdate: { maxSurge: 1 } }, selector: {}, template: { spec: { containers: [] } } },
    });
    expect(partial.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  });

  it('is idempotent', () => {
    const d = defaulted('Deployment.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } });
    const again = structuredClone(d);
    applyDefaults('Deployment.apps', again);
    expect(again).toEqual(d);
  });
});

describe('other workloads', () => {
  it('ReplicationController (corpus): labels from template, replicas kept, status replicas 0', () => {
    const rc = defaulted('ReplicationController', corpus('Chapter04/kubia-rc.yaml'));
    expect(rc).toEqual({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'kubia', labels: { app: 'kubia' } },
      spec: {
        replicas: 3,
        selector: { app: 'kubia' },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'kubia' } },
          spec: {
            containers: [
              { name: 'kubia', image: 'luksa/kubia', imagePullPolicy: 'Always', ports: [{ containerPort: 8080, protocol: 'TCP' }], ...C },
            ],
            ...SPEC,
          },
        },
      },
      status: { replicas: 0 },
    });
  });

  it('ReplicationController without selector/labels copies them from the template', () => {
    const rc = defaulted('ReplicationController', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'r' },
      spec: { template: { metadata: { labels: { app: 'r' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } },
    });
    expect(rc.metadata.labels).toEqual({ app: 'r' });
    expect(rc.spec.selector).toEqual({ app: 'r' });
    expect(rc.spec.replicas).toBe(1);
  });

  it('StatefulSet (corpus): strategy, retention policy, volumeClaimTemplates as PVCs', () => {
    const sts = defaulted('StatefulSet.apps', corpus('Chapter10/kubia-statefulset.yaml'));
    expect(sts).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'kubia' },
      spec: {
        serviceName: 'kubia',
        replicas: 2,
        selector: { matchLabels: { app: 'kubia' } },
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        revisionHistoryLimit: 10,
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'kubia' } },
          spec: {
            containers: [
              {
                name: 'kubia',
                image: 'luksa/kubia-pet',
                imagePullPolicy: 'Always',
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                volumeMounts: [{ name: 'data', mountPath: '/var/data' }],
                ...C,
              },
            ],
            ...SPEC,
          },
        },
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { creationTimestamp: null, name: 'data' },
            spec: { resources: { requests: { storage: '1Mi' } }, accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
            status: { phase: 'Pending' },
          },
        ],
      },
      status: { replicas: 0, availableReplicas: 0 },
    });
  });

  it('StatefulSet with an explicit RollingUpdate type and no rollingUpdate keeps it absent (Go quirk)', () => {
    const sts = defaulted('StatefulSet.apps', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { updateStrategy: { type: 'RollingUpdate' }, selector: {}, template: { spec: { containers: [] } } },
    });
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    const onDelete = defaulted('StatefulSet.apps', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { updateStrategy: { type: 'OnDelete' }, selector: {}, template: { spec: { containers: [] } } },
    });
    expect(onDelete.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('DaemonSet: RollingUpdate maxUnavailable 1 / maxSurge 0, template-generation annotation, status zeros', () => {
    const ds = corpus('Chapter04/ssd-monitor-daemonset.yaml');
    ds.apiVersion = 'apps/v1';
    applyDefaults('DaemonSet.apps', ds);
    expect(ds).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ssd-monitor', annotations: { 'deprecated.daemonset.template.generation': '1' } },
      spec: {
        selector: { matchLabels: { app: 'ssd-monitor' } },
        revisionHistoryLimit: 10,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'ssd-monitor' } },
          spec: {
            nodeSelector: { disk: 'ssd' },
            containers: [{ name: 'main', image: 'luksa/ssd-monitor', imagePullPolicy: 'Always', ...C }],
            ...SPEC,
          },
        },
      },
      status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
    });
  });

  it('Job (corpus batch-job): completions/parallelism 1, backoffLimit 6, labels from template', () => {
    const job = defaulted('Job.batch', corpus('Chapter04/batch-job.yaml'));
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'batch-job', labels: { app: 'batch-job' } },
      spec: {
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        suspend: false,
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'batch-job' } },
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'main', image: 'luksa/batch-job', imagePullPolicy: 'Always', ...C }],
            dnsPolicy: 'ClusterFirst',
            schedulerName: 'default-scheduler',
            securityContext: {},
            terminationGracePeriodSeconds: 30,
          },
        },
      },
      status: {},
    });
  });

  it('Job rules: parallelism only, backoffLimitPerIndex, podFailurePolicy', () => {
    const base = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x:1' }] } } };
    const par = defaulted('Job.batch', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'a' }, spec: { ...structuredClone(base), parallelism: 3 } });
    expect([par.spec.completions, par.spec.parallelism]).toEqual([undefined, 3]);
    const comp = defaulted('Job.batch', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'a' }, spec: { ...structuredClone(base), completions: 5 } });
    expect([comp.spec.completions, comp.spec.parallelism]).toEqual([5, 1]);
    const idx = defaulted('Job.batch', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'b' },
      spec: { ...structuredClone(base), completions: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1 },
    });
    expect(idx.spec.backoffLimit).toBe(2147483647);
    const pfp = defaulted('Job.batch', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'c' },
      spec: { ...structuredClone(base), podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
    });
    expect(pfp.spec.podReplacementPolicy).toBe('Failed');
    expect(pfp.spec.podFailurePolicy.rules[0].onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }]);
    expect(pfp.metadata.labels).toBeUndefined();
  });

  it('CronJob (kubectl create cronjob shape): jobTemplate keeps its JobSpec undefaulted', () => {
    const cj = defaulted('CronJob.batch', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'my-cj' },
      spec: {
        jobTemplate: {
          metadata: { name: 'my-cj' },
          spec: { template: { spec: { containers: [{ command: ['date'], image: 'busybox', name: 'my-cj', resources: {} }], restartPolicy: 'OnFailure' } } },
        },
        schedule: '*/5 * * * *',
      },
      status: {},
    });
    expect(cj).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'my-cj' },
      spec: {
        concurrencyPolicy: 'Allow',
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          metadata: { creationTimestamp: null, name: 'my-cj' },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: {
                containers: [{ command: ['date'], image: 'busybox', imagePullPolicy: 'Always', name: 'my-cj', ...C }],
                dnsPolicy: 'ClusterFirst',
                restartPolicy: 'OnFailure',
                schedulerName: 'default-scheduler',
                securityContext: {},
                terminationGracePeriodSeconds: 30,
              },
            },
          },
        },
        schedule: '*/5 * * * *',
        successfulJobsHistoryLimit: 3,
        suspend: false,
      },
      status: {},
    });
  });

  it('HorizontalPodAutoscaler v2: minReplicas, cpu 80% metric, behavior only when given', () => {
    const hpa = defaulted('HorizontalPodAutoscaler.autoscaling', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
    });
    expect(hpa).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        maxReplicas: 5,
        metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 80, type: 'Utilization' } }, type: 'Resource' }],
        minReplicas: 1,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      },
      status: { currentMetrics: null, desiredReplicas: 0 },
    });
    const withBehavior = defaulted('HorizontalPodAutoscaler.autoscaling', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        maxReplicas: 5,
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1024Mi' } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    });
    expect(withBehavior.spec.metrics[0].resource.target.averageValue).toBe('1Gi');
    expect(withBehavior.spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('PodDisruptionBudget status zeros', () => {
    const pdb = defaulted('PodDisruptionBudget.policy', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1 } });
    expect(pdb.status).toEqual({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  });
});

describe('Services (reference §7.3)', () => {
  it('kubectl expose deployment nginx --port=80 --type=NodePort (allocator fields aside)', () => {
    const svc = defaulted('Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels: { app: 'nginx' }, name: 'nginx', namespace: 'default' },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'nginx' }, type: 'NodePort' },
      status: { loadBalancer: {} },
    });
    expect(svc).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels: { app: 'nginx' }, name: 'nginx', namespace: 'default' },
      spec: {
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'nginx' },
        sessionAffinity: 'None',
        type: 'NodePort',
      },
      status: { loadBalancer: {} },
    });
  });

  it('ClientIP affinity (corpus): timeout 10800, ClusterIP, no externalTrafficPolicy', () => {
    const svc = defaulted('Service', corpus('Chapter05/kubia-svc-client-ip-session-affinity.yaml'));
    expect(svc).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubia' },
      spec: {
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
        selector: { app: 'kubia' },
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
      },
      status: { loadBalancer: {} },
    });
  });

  it('LoadBalancer (corpus): allocateLoadBalancerNodePorts, externalTrafficPolicy; targetPort = port', () => {
    const svc = defaulted('Service', corpus('Chapter05/kubia-svc-loadbalancer.yaml'));
    expect(svc.spec).toEqual({
      type: 'LoadBalancer',
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
      selector: { app: 'kubia' },
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const bare = defaulted('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' }, spec: { ports: [{ port: 8443, name: 'https' }] } });
    expect(bare.spec.ports).toEqual([{ port: 8443, name: 'https', protocol: 'TCP', targetPort: 8443 }]);
  });

  it('headless without selector: RequireDualStack; clusterIPs mirrors clusterIP; ExternalName untouched families', () => {
    const headless = defaulted('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'h' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
    expect(headless.spec.clusterIPs).toEqual(['None']);
    expect(headless.spec.ipFamilyPolicy).toBe('RequireDualStack');
    expect(headless.spec.ipFamilies).toEqual(['IPv4']);
    const ext = defaulted('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'e' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });
});

describe('other core kinds', () => {
  it('Secret: type Opaque, stringData folded into base64 data', () => {
    const s = defaulted('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'YQ==' }, stringData: { b: 'héllo', a: 'x' } });
    expect(s).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { a: 'eA==', b: 'aMOpbGxv' } });
  });

  it('Namespace (corpus): name label, kubernetes finalizer, Active', () => {
    const ns = defaulted('Namespace', corpus('Chapter03/custom-namespace.yaml'));
    expect(ns).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'custom-namespace', labels: { 'kubernetes.io/metadata.name': 'custom-namespace' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('PersistentVolume (corpus hostPath) and PersistentVolumeClaim (corpus)', () => {
    expect(defaulted('PersistentVolume', corpus('Chapter06/mongodb-pv-hostpath.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'mongodb-pv' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
        persistentVolumeReclaimPolicy: 'Retain',
        hostPath: { path: '/tmp/mongodb', type: '' },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    });
    expect(defaulted('PersistentVolumeClaim', corpus('Chapter06/mongodb-pvc.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'mongodb-pvc' },
      spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'], storageClassName: '', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('LimitRange: container default ← max, defaultRequest ← default, then ← min', () => {
    const lr = defaulted('LimitRange', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'l' },
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '1', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Mi' }, default: { memory: '512Mi' } },
          { type: 'Pod', max: { cpu: '2000m' } },
        ],
      },
    });
    expect(lr.spec.limits).toEqual([
      {
        type: 'Container',
        max: { cpu: '1', memory: '1Gi' },
        min: { cpu: '100m', 'ephemeral-storage': '1Mi' },
        default: { memory: '512Mi', cpu: '1' },
        defaultRequest: { memory: '512Mi', cpu: '1', 'ephemeral-storage': '1Mi' },
      },
      { type: 'Pod', max: { cpu: '2' } },
    ]);
  });

  it('Node: allocatable from capacity, podCIDRs, zero structs', () => {
    const node = defaulted('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { podCIDR: '10.244.0.0/24' }, status: { capacity: { cpu: '4', memory: '8048004Ki', pods: '110' } } });
    expect(node.spec).toEqual({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] });
    expect(node.status.allocatable).toEqual({ cpu: '4', memory: '8048004Ki', pods: '110' });
    expect(node.status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 0 } });
  });

  it('Endpoints ports and core Events', () => {
    const ep = defaulted('Endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const ev = defaulted('Event', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'x.1' }, reason: 'Pulled', source: { component: 'kubelet' } });
    expect(ev).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'x.1' },
      reason: 'Pulled',
      source: { component: 'kubelet' },
      involvedObject: {},
      eventTime: null,
      firstTimestamp: null,
      lastTimestamp: null,
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  it('kinds without defaults are untouched', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    expect(defaulted('ConfigMap', structuredClone(cm))).toEqual(cm);
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' } };
    expect(defaulted('ServiceAccount', structuredClone(sa))).toEqual(sa);
  });
});

describe('other groups', () => {
  it('NetworkPolicy (corpus egress): policyTypes Ingress+Egress, port protocol TCP', () => {
    const np = defaulted('NetworkPolicy.networking.k8s.io', corpus('Chapter13/network-policy-egress.yaml'));
    expect(np.spec).toEqual({
      podSelector: { matchLabels: { app: 'webserver' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'database' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('RBAC: Role rules kept (corpus), RoleBinding roleRef apiGroup and subjects', () => {
    const role = corpus('Chapter12/service-reader.yaml');
    const before = structuredClone(role);
    expect(defaulted('Role.rbac.authorization.k8s.io', role)).toEqual(before);
    const rb = defaulted('RoleBinding.rbac.authorization.k8s.io', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default', namespace: 'x' }],
    });
    expect(rb.roleRef).toEqual({ kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' });
    expect(rb.subjects).toEqual([
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'x', apiGroup: '' },
    ]);
  });

  it('StorageClass (corpus), PriorityClass, EndpointSlice, IngressClass', () => {
    const sc = defaulted('StorageClass.storage.k8s.io', corpus('Chapter06/storageclass-fast-hostpath.yaml'));
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
    const pc = defaulted('PriorityClass.scheduling.k8s.io', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    expect(pc).toEqual({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
    const es = defaulted('EndpointSlice.discovery.k8s.io', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'e' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.5'] }],
      ports: [{ port: 80 }],
    });
    expect(es.endpoints).toEqual([{ addresses: ['10.244.0.5'], conditions: {} }]);
    expect(es.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    const empty = defaulted('EndpointSlice.discovery.k8s.io', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4' });
    expect([empty.endpoints, empty.ports]).toEqual([null, null]);
    const ic = defaulted('IngressClass.networking.k8s.io', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'C', name: 'p' } },
    });
    expect(ic.spec.parameters).toEqual({ kind: 'C', name: 'p', scope: 'Cluster' });
  });

  it('Ingress status, webhook configurations and CRDs', () => {
    const ing = defaulted('Ingress.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: {} });
    expect(ing.status).toEqual({ loadBalancer: {} });
    const vwc = defaulted('ValidatingWebhookConfiguration.admissionregistration.k8s.io', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'v' },
      webhooks: [
        {
          name: 'v.example.com',
          clientConfig: { service: { name: 's', namespace: 'n' } },
          rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
        },
      ],
    });
    expect(vwc.webhooks[0]).toEqual({
      name: 'v.example.com',
      clientConfig: { service: { name: 's', namespace: 'n', port: 443 } },
      rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: '*' }],
      sideEffects: 'None',
      admissionReviewVersions: ['v1'],
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      timeoutSeconds: 10,
    });
    const crd = defaulted('CustomResourceDefinition.apiextensions.k8s.io', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        names: { kind: 'CronTab', plural: 'crontabs' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    });
    expect(crd.spec.names).toEqual({ kind: 'CronTab', plural: 'crontabs', singular: 'crontab', listKind: 'CronTabList' });
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
    expect(crd.status).toEqual({ storedVersions: ['v1'] });
  });
});

describe('whole corpus', () => {
  it('every served manifest defaults without throwing, and defaulting is idempotent', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { parseAllDocuments } = await import('yaml');
    const { registry, gkOf } = await import('../../src/api/registry');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = `${dir}/${name}`;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) files.push(p);
      }
    };
    walk('/work/shared/corpus');
    let count = 0;
    for (const f of files) {
      let docs: unknown[];
      try {
        const text = readFileSync(f, 'utf8');
        if (text.includes('{{')) continue; // templates, not manifests
        docs = parseAllDocuments(text).map((d) => d.toJS());
      } catch {
        continue;
      }
      const objs = docs.flatMap((d) => (d && typeof d === 'object' && Array.isArray((d as KObject).items) ? (d as KObject).items : [d]));
      for (const o of objs as KObject[]) {
        if (!o || typeof o !== 'object' || typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') continue;
        const info = registry.forApiVersionKind(o.apiVersion, o.kind);
        if (!info) continue;
        if (!o.metadata || typeof o.metadata !== 'object') o.metadata = { name: 'x' };
        const gk = gkOf(info.kind, info.group);
        applyDefaults(gk, o);
        const again = structuredClone(o);
        applyDefaults(gk, again);
        expect(again, f).toEqual(o);
        count++;
      }
    }
    expect(count).toBeGreaterThan(200);
  });
});
