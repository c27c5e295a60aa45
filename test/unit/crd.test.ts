import { describe, expect, it } from 'vitest';
import { testCluster } from './support/cluster';
import { registry } from '../../src/api/registry';
import type { KObject } from '../../src/api/types';
import { compareVersions, registerCustomKinds } from '../../src/cluster/crds';

function crd(extra: Record<string, unknown> = {}, versions?: unknown[]): KObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], categories: ['all'] },
      versions: versions ?? [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  required: ['cronSpec'],
                  properties: {
                    cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
                    image: { type: 'string' },
                    replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
                    color: { type: 'string', enum: ['red', 'blue'] },
                    labels: { type: 'object', additionalProperties: { type: 'string' } },
                    free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  },
                },
              },
            },
          },
        },
      ],
      ...extra,
    },
  };
}

const cronTab = (name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name, namespace: 'default' }, spec });

function render(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as { render(): string }).render();
  }
  return '';
}

describe('CustomResourceDefinitions', () => {
  it('registers the kind with its names once established', () => {
    const c = testCluster();
    c.apply(crd());
    const stored = c.get('CustomResourceDefinition.apiextensions.k8s.io', undefined, 'crontabs.stable.example.com')!;
    expect(stored.status.acceptedNames).toEqual({ categories: ['all'], kind: 'CronTab', listKind: 'CronTabList', plural: 'crontabs', shortNames: ['ct'], singular: 'crontab' });
    expect(stored.status.conditions.map((x: { type: string; status: string; reason: string }) => `${x.type}=${x.status}:${x.reason}`)).toEqual(['NamesAccepted=True:NoConflicts', 'Established=True:InitialNamesAccepted']);
    expect(stored.status.storedVersions).toEqual(['v1']);
    for (const arg of ['crontabs', 'crontab', 'ct', 'CronTab', 'crontabs.stable.example.com']) expect(registry.resolve(arg)?.kind).toBe('CronTab');
    // kubectl get all: core, apps, autoscaling, batch in discovery order, then custom groups
    expect(registry.category('all').map((i) => i.kind)).toEqual([
      'Pod',
      'ReplicationController',
      'Service',
      'DaemonSet',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
      'HorizontalPodAutoscaler',
      'CronJob',
      'Job',
      'CronTab',
    ]);
  });

  it('validates the definition', () => {
    const c = testCluster();
    const bad = crd();
    bad.metadata.name = 'tabs.stable.example.com';
    bad.spec.group = 'example';
    expect(render(() => c.ctx.api.create(bad))).toBe(
      'The CustomResourceDefinition "tabs.stable.example.com" is invalid: \n* metadata.name: Invalid value: "tabs.stable.example.com": must be spec.names.plural+"."+spec.group\n* spec.group: Invalid value: "example": should be a domain with at least one dot',
    );
    const noSchema = crd({}, [{ name: 'v1', served: true, storage: true }]);
    expect(render(() => c.ctx.api.create(noSchema))).toBe('The CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required');
  });

  it('prunes or rejects unknown fields, defaults and validates types', () => {
    const c = testCluster();
    c.apply(crd());
    expect(render(() => c.ctx.api.create(cronTab('x', { cronSpec: '* * * * *', bogus: 1 })))).toBe(
      'Error from server (BadRequest): CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.bogus"',
    );
    const pruned = c.ctx.api.create(cronTab('p', { cronSpec: '* * * * *', bogus: 1, free: { any: { thing: true } }, labels: { a: 'b' } }), { fieldValidation: 'Ignore' });
    expect(pruned.spec).toEqual({ cronSpec: '* * * * *', free: { any: { thing: true } }, labels: { a: 'b' }, replicas: 1 });
    expect(render(() => c.ctx.api.create(cronTab('t', { cronSpec: 5, replicas: 11, color: 'pink' })))).toBe(
      'The CronTab "t" is invalid: \n* spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"\n* spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10\n* spec.color: Unsupported value: "pink": supported values: "red", "blue"',
    );
    expect(render(() => c.ctx.api.create(cronTab('r', {})))).toBe('The CronTab "r" is invalid: spec.cronSpec: Required value');
    expect(render(() => c.ctx.api.create(cronTab('q', { cronSpec: 'every minute' })))).toContain("spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'");
  });

  it('deleting the definition deletes its objects and its kind', () => {
    const c = testCluster();
    c.apply(crd());
    c.apply(cronTab('a', { cronSpec: '* * * * *' }), cronTab('b', { cronSpec: '* * * * *' }));
    expect(c.list('CronTab.stable.example.com')).toHaveLength(2);
    c.ctx.api.delete('CustomResourceDefinition.apiextensions.k8s.io', undefined, 'crontabs.stable.example.com');
    c.ctx.loop.runUntilQuiet();
    expect(c.list('CronTab.stable.example.com')).toHaveLength(0);
    expect(registry.resolve('crontabs')).toBeUndefined();
    expect(c.ctx.api.kindOf({ apiVersion: 'stable.example.com/v1', kind: 'CronTab' })).toBeUndefined();
  });

  it('a second definition of the same names is not accepted', () => {
    const c = testCluster();
    c.apply(crd());
    const dup = crd();
    dup.metadata.name = 'crontabs2.stable.example.com';
    dup.spec.names = { ...dup.spec.names, plural: 'crontabs2', singular: 'crontab2', shortNames: [] };
    c.apply(dup);
    const stored = c.get('CustomResourceDefinition.apiextensions.k8s.io', undefined, 'crontabs2.stable.example.com')!;
    expect(stored.status.conditions.map((x: { type: string; status: string; reason: string }) => `${x.type}=${x.status}:${x.reason}`)).toEqual(['NamesAccepted=False:KindConflict', 'Established=False:NotAccepted']);
    // the store decides which custom kinds exist
    registerCustomKinds(c.ctx.store);
    expect(registry.resolve('crontabs2')).toBeUndefined();
  });

  it('orders versions as discovery prefers them', () => {
    expect(['v1alpha1', 'v1', 'v2beta1', 'v1beta1', 'v2', 'foo'].sort(compareVersions)).toEqual(['v2', 'v1', 'v2beta1', 'v1beta1', 'v1alpha1', 'foo']);
  });
});
