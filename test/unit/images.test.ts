// The simulated registry catalog: real tags pull, typos fail with containerd's messages.
import { describe, it, expect } from 'vitest';
import { CATALOG, imageSize, lookupImage, parseImage, pullFailure } from '../../src/kubelet/images';

function pulls(image: string): boolean {
  const ref = parseImage(image);
  return !!ref && !!lookupImage(ref) && !pullFailure(image, () => false);
}

describe('image catalog', () => {
  it('knows the real nginx patch releases and nothing else', () => {
    for (const ok of ['nginx', 'nginx:latest', 'nginx:1.27.3', 'nginx:1.27', 'nginx:1', 'nginx:1.7.9', 'nginx:1.14.2', 'nginx:1.16.1', 'nginx:alpine', 'nginx:1.27.3-alpine', 'nginx:1.25-perl', 'docker.io/library/nginx:1.26.0'])
      expect(pulls(ok), ok).toBe(true);
    for (const bad of ['nginx:1.161', 'nginx:1.27.99', 'nginx:1.14.100', 'nginx:2.0', 'nginx:1.27.3-foo', 'nginx:lastest'])
      expect(pulls(bad), bad).toBe(false);
  });

  it('knows the version series of the other well-known images', () => {
    for (const ok of ['busybox:1.36.1', 'busybox:1.28', 'alpine:3.20', 'alpine:3.19.1', 'redis:7.2', 'redis:7.2.4-alpine', 'mongo:4.4.29', 'mongo:7.0', 'postgres:17.2', 'postgres:16-alpine', 'mysql:8.0.36', 'mysql:latest', 'mysql:5.7', 'httpd:2.4', 'node:0.10.40', 'node:18.20.4', 'node:20-alpine', 'python:3.12.11', 'python:3.12-slim', 'mongo-express:1.0.2'])
      expect(pulls(ok), ok).toBe(true);
    for (const bad of ['busybox:1.36.9', 'alpine:3.99', 'redis:7.2.99', 'node:18.21.0', 'postgres:17.9', 'python:3.99'])
      expect(pulls(bad), bad).toBe(false);
  });

  it('has every image of the seeds, Kubernetes in Action and kubernetes/examples that still exists', () => {
    for (const ok of [
      'luksa/kubia', 'luksa/kubia:v1', 'luksa/kubia:v2', 'luksa/kubia:v3', 'luksa/kubia-unhealthy', 'luksa/kubia-pet', 'luksa/kubia-pet-peers', 'luksa/fortune:env', 'luksa/fortune:args',
      'luksa/batch-job', 'luksa/kubectl-proxy:1.6.2', 'luksa/ssd-monitor', 'docker.io/luksa/memoryhog', 'tutum/curl', 'kubernetes/pause', 'kubernetes/redis:v1',
      'gcr.io/google-samples/gb-frontend:v5', 'gcr.io/google_samples/gb-redisslave:v1', 'registry.k8s.io/redis:e2e', 'registry.k8s.io/test-webserver', 'registry.k8s.io/nginx-slim:0.8',
      'registry.k8s.io/hpa-example', 'quay.io/pires/docker-elasticsearch-kubernetes:5.6.2', 'cockroachdb/cockroach:v1.1.0', 'minio/minio:latest', 'tensorflow/serving:2.19.0', 'vllm/vllm-openai:v0.11.0',
      'ghost:0.7.1', 'k8s.gcr.io/pause:3.1',
    ])
      expect(pulls(ok), ok).toBe(true);
  });

  it('fails typos and private images with containerd messages', () => {
    expect(pullFailure('nginx:1.161', () => false)).toEqual({
      reason: 'ErrImagePull',
      message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    });
    expect(pullFailure('ngnix', () => false)?.message).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(pullFailure('username/private:tag', () => false)?.reason).toBe('ErrImagePull');
    expect(pullFailure('<YOUR-CONTAINER>', () => false)).toEqual({ reason: 'InvalidImageName', message: `Failed to apply default image tag "<YOUR-CONTAINER>": couldn't parse image name "<YOUR-CONTAINER>": invalid reference format` });
  });

  it('reports variant sizes', () => {
    expect(imageSize(parseImage('nginx:1.27')!)).toBe(72099501);
    expect(imageSize(parseImage('nginx:1.27-alpine')!)).toBe(20_470_000);
    expect(imageSize(parseImage('busybox')!)).toBe(2_160_406);
  });

  it('gives luksa/kubia:v3 its bug and keeps the other tags healthy', () => {
    expect(lookupImage(parseImage('luksa/kubia:v3')!)?.web?.failsAfterRequests).toBe(5);
    expect(lookupImage(parseImage('luksa/kubia:v2')!)?.web?.failsAfterRequests).toBeUndefined();
    expect(lookupImage(parseImage('luksa/kubia-unhealthy')!)?.web?.failsAfterRequests).toBe(5);
  });

  it('has well-formed entries', () => {
    for (const i of CATALOG) {
      expect(i.repository).toMatch(/^[a-z0-9.-]+\.[a-z]+\/[a-z0-9._/-]+$/);
      expect(i.sizeBytes).toBeGreaterThan(0);
      for (const t of i.tags) if (t.startsWith('^')) expect(() => new RegExp(t)).not.toThrow();
    }
  });
});
