// In-process clusters for the networking unit tests: a fresh default cluster with a manual clock,
// driven through the API server and the controller loop without the CLI.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';

export function freshCluster(): { s: Session; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-net-'));
  const s = Session.open({ statePath: path.join(dir, 'state.json'), create: { clock: 'manual' } });
  return {
    s,
    done: () => {
      s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function deployment(name: string, image: string, replicas: number, extra: { ports?: { containerPort: number; name?: string }[]; labels?: Record<string, string>; readinessDelay?: number } = {}): KObject {
  const labels = extra.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image,
              ...(extra.ports ? { ports: extra.ports } : {}),
              ...(extra.readinessDelay !== undefined ? { readinessProbe: { httpGet: { path: '/', port: extra.ports?.[0]?.containerPort ?? 80 }, initialDelaySeconds: extra.readinessDelay } } : {}),
            },
          ],
        },
      },
    },
  };
}

export function service(name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

export function pod(name: string, image: string, extra: Record<string, unknown> = {}, labels?: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec: { containers: [{ name, image, ...extra }] } };
}
