// The networking pieces of the default cluster beyond what kubeadm installs: the API server's own
// EndpointSlice for the `kubernetes` service, and the ingress-nginx controller — installed the way its
// "cloud" deploy manifest installs it (namespace, service account, configuration, a one-replica
// Deployment, a LoadBalancer Service with externalTrafficPolicy Local) — with its `nginx` IngressClass
// marked as the cluster's default class. The admission webhook, its certificate Jobs and the RBAC
// objects of that manifest are left out.
import type { Ctx } from '../controllers/context';
import { apiServerEndpointSlice } from '../controllers/endpointslice';

export const INGRESS_NGINX_NS = 'ingress-nginx';
export const INGRESS_NGINX_SERVICE = 'ingress-nginx-controller';
export const INGRESS_NGINX_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
export const INGRESS_NGINX_CLASS = 'nginx';
export const INGRESS_NGINX_VERSION = '1.12.0';
export const INGRESS_NGINX_IMAGE = `registry.k8s.io/ingress-nginx/controller:v${INGRESS_NGINX_VERSION}`;
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export const INGRESS_NGINX_SELECTOR: Record<string, string> = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
};

const labels = (component?: string): Record<string, string> => ({
  ...(component ? { 'app.kubernetes.io/component': component } : {}),
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/version': INGRESS_NGINX_VERSION,
});

/** Created with the cluster, after the core Services. */
export function installClusterNetworking(ctx: Ctx, apiServerIP: string): void {
  const api = ctx.api;
  api.create(apiServerEndpointSlice(apiServerIP));

  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: INGRESS_NGINX_NS, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } });
  ctx.loop.runUntilQuiet();
  api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ingress-nginx', namespace: INGRESS_NGINX_NS, labels: labels('controller') }, automountServiceAccountToken: true });
  api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: INGRESS_NGINX_NS, labels: labels('controller') }, data: { 'allow-snippet-annotations': 'false' } });
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: INGRESS_NGINX_SERVICE, namespace: INGRESS_NGINX_NS, labels: labels('controller') },
    spec: {
      externalTrafficPolicy: 'Local',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      selector: { ...INGRESS_NGINX_SELECTOR },
      type: 'LoadBalancer',
    },
  });
  const probe = (failureThreshold: number) => ({ failureThreshold, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 });
  api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ingress-nginx-controller', namespace: INGRESS_NGINX_NS, labels: labels('controller') },
    spec: {
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...INGRESS_NGINX_SELECTOR } },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: labels('controller') },
        spec: {
          containers: [
            {
              args: [
                '/nginx-ingress-controller',
                '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
                '--election-id=ingress-nginx-leader',
                '--controller-class=k8s.io/ingress-nginx',
                '--ingress-class=nginx',
                '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
              ],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              image: INGRESS_NGINX_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              livenessProbe: probe(5),
              name: 'controller',
              ports: [
                { containerPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, name: 'https', protocol: 'TCP' },
              ],
              readinessProbe: probe(3),
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: false,
                runAsGroup: 82,
                runAsNonRoot: true,
                runAsUser: 101,
                seccompProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'ingress-nginx',
          terminationGracePeriodSeconds: 300,
        },
      },
    },
  });
  api.create({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: INGRESS_NGINX_CLASS, labels: labels('controller'), annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    spec: { controller: INGRESS_NGINX_CONTROLLER_CLASS },
  });
}
