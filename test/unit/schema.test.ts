import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { checkFields, strictDecodingError, fieldWarnings, hasSchema, base64Error, goParseTime } from '../../src/api/schema';

// kubectl converts YAML with go-yaml v2 (YAML 1.1): `yes`/`on` are booleans, `010` octal.
const y = (text: string): Record<string, unknown> => parse(text, { version: '1.1' }) as Record<string, unknown>;

function deployment(extra: { spec?: string; top?: string; meta?: string; pod?: string; container?: string } = {}) {
  return y(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
${extra.meta ?? ''}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
${extra.spec ?? ''}
  template:
    metadata:
      labels: {app: web}
    spec:
${extra.pod ?? ''}
      containers:
      - name: web
        image: nginx
${extra.container ?? ''}
${extra.top ?? ''}
`);
}

/** The message a Deployment manifest gets under fieldValidation=Strict. */
function deployError(obj: unknown): string | undefined {
  return strictDecodingError('Deployment', 'v1', checkFields('apps/v1', 'Deployment', obj));
}

describe('unknown fields', () => {
  it('reports a misspelt spec field with the full server message', () => {
    const obj = deployment();
    (obj.spec as Record<string, unknown>).replica = 3;
    const check = checkFields('apps/v1', 'Deployment', obj);
    expect(check).toEqual({ unknown: ['spec.replica'], duplicate: [] });
    expect(strictDecodingError('Deployment', 'v1', check)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });

  it('reports nested and array-element fields with [i] indices, in sorted-key order', () => {
    const obj = deployment({
      top: 'extra: 1',
      meta: '  lables: {a: b}',
      container: '        imagee: nginx:1.27\n        ports:\n        - containerPort: 80\n          protocl: TCP',
    });
    expect(checkFields('apps/v1', 'Deployment', obj).unknown).toEqual([
      'extra',
      'metadata.lables',
      'spec.template.spec.containers[0].imagee',
      'spec.template.spec.containers[0].ports[0].protocl',
    ]);
    expect(deployError(obj)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "extra", ' +
        'unknown field "metadata.lables", unknown field "spec.template.spec.containers[0].imagee", ' +
        'unknown field "spec.template.spec.containers[0].ports[0].protocl"',
    );
  });

  it('is case-sensitive and does not look inside an unknown field', () => {
    const obj = deployment({ spec: '  Replicas: 2\n  stratgy:\n    rollingUpdate: {maxSurge: 1, bogus: 2}' });
    expect(checkFields('apps/v1', 'Deployment', obj).unknown).toEqual(['spec.Replicas', 'spec.stratgy']);
  });

  it('puts map keys in the path of fields below a map of structs', () => {
    const crd = y(`
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            requierd: [size]
            properties:
              size: {type: integer, minimum: 1, maximum: 10.5}
`);
    expect(checkFields('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd).unknown).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties.spec.requierd',
    ]);
  });

  it('knows metadata, apiVersion and kind on every built-in kind, and strict-checks status', () => {
    const svc = y(`
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default, annotations: {a: b}, finalizers: [x], generateName: s-}
spec: {ports: [{port: 80}]}
status: {loadBalancer: {ingress: [{ip: 1.2.3.4, hostname: x}]}, phase: Running}
`);
    expect(checkFields('v1', 'Service', svc)).toEqual({ unknown: ['status.phase'], duplicate: [] });
  });

  it('gives nothing to check for kinds without a built-in type', () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: 1 } };
    expect(hasSchema('example.com/v1', 'Widget')).toBe(false);
    expect(checkFields('example.com/v1', 'Widget', cr)).toEqual({ unknown: [], duplicate: [] });
    expect(checkFields('extensions/v1beta1', 'Deployment', deployment())).toEqual({ unknown: [], duplicate: [] });
    expect(strictDecodingError('Widget', 'v1', checkFields('example.com/v1', 'Widget', cr))).toBeUndefined();
  });

  it('knows the fields Kubernetes 1.31/1.32 added after kubernetes-types 1.30 and drops removed ones', () => {
    const pod = y(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {limits: {cpu: "1"}}
  securityContext: {supplementalGroupsPolicy: Strict, seLinuxChangePolicy: MountOption}
  resourceClaims:
  - name: gpu
    resourceClaimTemplateName: gpu-template
  - name: old
    source: {resourceClaimName: x}
  containers:
  - name: c
    image: busybox
    resources: {claims: [{name: gpu, request: r}]}
  volumes:
  - name: v
    image: {reference: "quay.io/x:1", pullPolicy: IfNotPresent}
status:
  containerStatuses:
  - name: c
    image: busybox
    imageID: ""
    ready: true
    restartCount: 0
    user: {linux: {uid: 0, gid: 0, supplementalGroups: [1]}}
    allocatedResourcesStatus: [{name: "claim:gpu", resources: [{resourceID: x, health: Healthy}]}]
`);
    expect(checkFields('v1', 'Pod', pod).unknown).toEqual(['spec.resourceClaims[1].source']);
  });
});

describe('type errors', () => {
  it('reports a string where an int32 belongs, with the Go struct and field path', () => {
    const obj = deployment();
    (obj.spec as Record<string, unknown>).replicas = '3';
    const check = checkFields('apps/v1', 'Deployment', obj);
    expect(check.typeError).toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(strictDecodingError('Deployment', 'v1', check)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('names the number when an integer does not parse or overflows', () => {
    const frac = deployment({ spec: '  minReadySeconds: 2.5' });
    expect(checkFields('apps/v1', 'Deployment', frac).typeError).toBe(
      'json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.minReadySeconds of type int32',
    );
    const big = deployment({ container: '        ports: [{containerPort: 3000000000}]' });
    expect(checkFields('apps/v1', 'Deployment', big).typeError).toBe(
      'json: cannot unmarshal number 3000000000 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
  });

  it('tells int64 fields from int32 ones', () => {
    const obj = deployment({ pod: '      terminationGracePeriodSeconds: "30"\n      securityContext: {runAsUser: 1000, fsGroup: 2000}' });
    expect(checkFields('apps/v1', 'Deployment', obj).typeError).toBe(
      'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
    );
    const big = deployment({ pod: '      securityContext: {runAsUser: 3000000000}' });
    expect(checkFields('apps/v1', 'Deployment', big)).toEqual({ unknown: [], duplicate: [] });
  });

  it('rejects numbers and YAML 1.1 booleans as label values', () => {
    const tier = deployment();
    (tier.metadata as Record<string, unknown>).labels = y('{app: web, tier: 1}');
    expect(checkFields('apps/v1', 'Deployment', tier).typeError).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
    const cm = y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {enabled: yes}\ndata: {a: "1"}');
    expect(checkFields('v1', 'ConfigMap', cm).typeError).toBe(
      'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    );
    const asString = y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: app}');
    expect(checkFields('v1', 'ConfigMap', asString).typeError).toBe(
      'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    );
  });

  it('reports map values (nodeSelector, env values, ConfigMap data) against the struct holding the map', () => {
    expect(checkFields('apps/v1', 'Deployment', deployment({ pod: '      nodeSelector: {disk: 1}' })).typeError).toBe(
      'json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.nodeSelector of type string',
    );
    expect(checkFields('apps/v1', 'Deployment', deployment({ container: '        env: [{name: PORT, value: 8080}]' })).typeError).toBe(
      'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
    const cm = y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {port: 80}');
    expect(strictDecodingError('ConfigMap', 'v1', checkFields('v1', 'ConfigMap', cm))).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
  });

  it('checks bool fields and prints named Go types', () => {
    expect(checkFields('apps/v1', 'Deployment', deployment({ pod: '      hostNetwork: "true"' })).typeError).toBe(
      'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool',
    );
    expect(checkFields('apps/v1', 'Deployment', deployment({ spec: '  paused: 1' })).typeError).toBe(
      'json: cannot unmarshal number into Go struct field DeploymentSpec.spec.paused of type bool',
    );
    expect(checkFields('apps/v1', 'Deployment', deployment({ container: '        imagePullPolicy: 1' })).typeError).toBe(
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy',
    );
    const tpl = deployment();
    (tpl.spec as Record<string, unknown>).template = 'x';
    expect(checkFields('apps/v1', 'Deployment', tpl).typeError).toBe(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec',
    );
    expect(checkFields('apps/v1', 'Deployment', deployment({ container: '        args: [1]' })).typeError).toBe(
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string',
    );
    const pvc = y('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: p}\nspec: {accessModes: ReadWriteOnce}');
    expect(checkFields('v1', 'PersistentVolumeClaim', pvc).typeError).toBe(
      'json: cannot unmarshal string into Go struct field PersistentVolumeClaimSpec.spec.accessModes of type []v1.PersistentVolumeAccessMode',
    );
  });

  it('accepts both forms of IntOrString and rejects what does not fit an int32', () => {
    const ok = deployment({ spec: '  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}' });
    expect(checkFields('apps/v1', 'Deployment', ok)).toEqual({ unknown: [], duplicate: [] });
    const ok2 = deployment({ spec: '  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: "0"}' });
    expect(checkFields('apps/v1', 'Deployment', ok2)).toEqual({ unknown: [], duplicate: [] });
    const bad = deployment({ spec: '  strategy:\n    rollingUpdate: {maxSurge: 1.5}' });
    expect(checkFields('apps/v1', 'Deployment', bad).typeError).toBe(
      'json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
    );
    const svc = y('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: true}]}');
    expect(checkFields('v1', 'Service', svc).typeError).toBe(
      'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32',
    );
  });

  it('accepts quantities as numbers or strings and reports ParseQuantity errors bare', () => {
    const ok = deployment({
      container: '        resources:\n          limits: {cpu: 0.5, memory: 1Gi}\n          requests: {cpu: "500m", memory: 128974848, ephemeral-storage: 1e3}',
    });
    expect(checkFields('apps/v1', 'Deployment', ok)).toEqual({ unknown: [], duplicate: [] });
    const gb = deployment({ container: '        resources: {limits: {memory: 1GB}}' });
    expect(deployError(gb)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    const suffix = deployment({ container: '        resources: {limits: {memory: 1Gii}}' });
    expect(checkFields('apps/v1', 'Deployment', suffix).typeError).toBe("unable to parse quantity's suffix");
    const asString = deployment({ container: '        resources: {limits: 1Gi}' });
    expect(checkFields('apps/v1', 'Deployment', asString).typeError).toBe(
      'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList',
    );
  });

  it('takes the first saved error in key order, but a custom unmarshaler error stops decoding and wins', () => {
    const two = deployment();
    (two.metadata as Record<string, unknown>).labels = { n: 1 };
    (two.spec as Record<string, unknown>).replicas = '3';
    expect(checkFields('apps/v1', 'Deployment', two).typeError).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
    const fatal = deployment({ container: '        resources: {limits: {cpu: abc}}' });
    (fatal.metadata as Record<string, unknown>).labels = { n: 1 };
    expect(checkFields('apps/v1', 'Deployment', fatal).typeError).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('lets a type error replace the strict errors', () => {
    const obj = deployment({ spec: '  replica: 3\n  minReadySeconds: "5"' });
    const check = checkFields('apps/v1', 'Deployment', obj);
    expect(check).toEqual({
      unknown: [],
      duplicate: [],
      typeError: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.minReadySeconds of type int32',
    });
  });

  it('decodes Secret data as base64', () => {
    const secret = (data: string) => y(`apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: ${data}`);
    expect(checkFields('v1', 'Secret', secret('{password: cGFzc3dvcmQ=, token: "YWJj\\nZGVm"}'))).toEqual({ unknown: [], duplicate: [] });
    expect(strictDecodingError('Secret', 'v1', checkFields('v1', 'Secret', secret('{password: mypassword}')))).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 8',
    );
    expect(checkFields('v1', 'Secret', secret('{n: 1}')).typeError).toBe(
      'json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    );
    expect(checkFields('v1', 'Secret', y('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {p: plain}'))).toEqual({
      unknown: [],
      duplicate: [],
    });
  });

  it('parses metav1.Time as time.Parse(RFC3339) does', () => {
    const at = (ts: string) => deployment({ meta: `  creationTimestamp: ${ts}` });
    expect(checkFields('apps/v1', 'Deployment', at('null'))).toEqual({ unknown: [], duplicate: [] });
    expect(checkFields('apps/v1', 'Deployment', at('"2024-05-01T10:00:00Z"'))).toEqual({ unknown: [], duplicate: [] });
    expect(checkFields('apps/v1', 'Deployment', at('"2024-13-01T00:00:00Z"')).typeError).toBe(
      'parsing time "2024-13-01T00:00:00Z": month out of range',
    );
    expect(checkFields('apps/v1', 'Deployment', at('"2024-05-01"')).typeError).toBe(
      'parsing time "2024-05-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
    );
    expect(checkFields('apps/v1', 'Deployment', at('5')).typeError).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    );
  });
});

describe('free-form fields', () => {
  it('leaves RawExtension, JSON and JSONSchemaPropsOr* contents alone', () => {
    const rev = y(`
apiVersion: apps/v1
kind: ControllerRevision
metadata: {name: r}
revision: 2
data: {spec: {template: {anything: [1, {x: y}]}}}
`);
    expect(checkFields('apps/v1', 'ControllerRevision', rev)).toEqual({ unknown: [], duplicate: [] });
    const crd = y(`
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns: [{name: Size, type: integer, jsonPath: .spec.size}]
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
        properties:
          spec:
            type: object
            default: {size: 1, free: {form: true}}
            additionalProperties: {type: string, notAField: 1}
            x-kubernetes-validations: [{rule: "self.size > 0", message: positive}]
            properties:
              size: {type: integer, minimum: 1, maximum: 10.5, enum: [1, "two"]}
              tags: {type: array, items: {type: string, whatever: 2}, x-kubernetes-list-type: set}
`);
    expect(checkFields('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd)).toEqual({ unknown: [], duplicate: [] });
  });
});

describe('strictDecodingError and fieldWarnings', () => {
  const check = { unknown: ['spec.replica', 'spec.template.spec.containers[0].imagee'], duplicate: [] };

  it('warns instead of failing under fieldValidation=Warn', () => {
    expect(strictDecodingError('Deployment', 'v1', check, 'Warn')).toBeUndefined();
    expect(strictDecodingError('Deployment', 'v1', check, 'Ignore')).toBeUndefined();
    expect(fieldWarnings(check)).toEqual([
      'Warning: unknown field "spec.replica"',
      'Warning: unknown field "spec.template.spec.containers[0].imagee"',
    ]);
  });

  it('still fails type errors under Warn and Ignore', () => {
    const typed = { unknown: [], duplicate: [], typeError: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' };
    expect(strictDecodingError('Deployment', 'v1', typed, 'Ignore')).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(fieldWarnings(typed)).toEqual([]);
  });

  it('formats duplicate fields after unknown ones and quotes paths like strconv.Quote', () => {
    const c = { unknown: ['metadata.labels.x', 'spec.a"b'], duplicate: ['spec.replicas'] };
    expect(strictDecodingError('Deployment', 'v1', c)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.labels.x", unknown field "spec.a\\"b", duplicate field "spec.replicas"',
    );
    expect(strictDecodingError('Deployment', 'v1', { unknown: [], duplicate: [] })).toBeUndefined();
  });
});

describe('Go helpers', () => {
  it('base64Error gives encoding/base64 offsets', () => {
    expect(base64Error('YWJj')).toBeUndefined();
    expect(base64Error('YWI=')).toBeUndefined();
    expect(base64Error('YWJj\nZGVm\n')).toBeUndefined();
    expect(base64Error('YWI')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('YW=j')).toBe('illegal base64 data at input byte 2');
    expect(base64Error('YWJj!')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('YQ==YQ==')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('é')).toBe('illegal base64 data at input byte 0');
  });

  it('goParseTime follows time.Parse', () => {
    expect(goParseTime('2024-02-29T23:59:59+01:00', false)).toBeUndefined();
    expect(goParseTime('2024-02-30T00:00:00Z', false)).toBe('parsing time "2024-02-30T00:00:00Z": day out of range');
    expect(goParseTime('2024-01-01T00:00:00Zjunk', false)).toBe('parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"');
    expect(goParseTime('2024-01-01T00:00:00+0100', false)).toBe(
      'parsing time "2024-01-01T00:00:00+0100" as "2006-01-02T15:04:05Z07:00": cannot parse "+0100" as "Z07:00"',
    );
    expect(goParseTime('2024-01-01T00:00:00.123456Z', true)).toBeUndefined();
    expect(goParseTime('2024-01-01T00:00:00Z', true)).toBe(
      'parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
  });
});

const CORPUS = '/work/shared/corpus';

describe.skipIf(!existsSync(CORPUS))('corpus manifests', () => {
  const docs = (file: string) =>
    parseAllDocuments(readFileSync(join(CORPUS, file), 'utf8'), { version: '1.1' })
      .map((d) => d.toJS() as Record<string, unknown> | null)
      .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object');

  it.each([
    'kubernetes-in-action/Chapter10/kubia-statefulset.yaml',
    'kubernetes-in-action/Chapter04/batch-job.yaml',
    'kubernetes-in-action/Chapter14/limits.yaml',
    'kubernetes-in-action/Chapter13/network-policy-cart.yaml',
    'kubernetes-examples/AI/vllm-deployment/hpa/prometheus-adapter.yaml',
    'kubernetes-examples/AI/model-serving-tensorflow/ingress.yaml',
    'kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml',
  ])('%s passes cleanly', (file) => {
    // (files may also hold kinds without a built-in type, e.g. APIService or policy/v1beta1)
    const list = docs(file).filter((d) => hasSchema(String(d.apiVersion), String(d.kind)));
    expect(list.length).toBeGreaterThan(0);
    for (const d of list) {
      expect(checkFields(String(d.apiVersion), String(d.kind), d)).toEqual({ unknown: [], duplicate: [] });
    }
  });

  it('rejects the archived rbd example (StorageClass parameters put in a Pod volume)', () => {
    const [pod] = docs('kubernetes-examples/_archived/volumes/rbd/rbd.yaml');
    expect(strictDecodingError('Pod', 'v1', checkFields('v1', 'Pod', pod))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.volumes[0].rbd.imagefeatures", unknown field "spec.volumes[0].rbd.imageformat"',
    );
  });

  it('rejects the fibre-channel template with its placeholder lun', () => {
    const [pod] = docs('kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml');
    expect(checkFields('v1', 'Pod', pod).typeError).toBe(
      'json: cannot unmarshal string into Go struct field FCVolumeSource.spec.volumes.fc.lun of type int32',
    );
  });
});
