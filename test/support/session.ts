// An in-process cluster for unit tests: the same Session the CLI uses, on a temp state file, manual clock.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from '../../src/cluster/session';
import { StateLock } from '../../src/store/statefile';
import type { KObject } from '../../src/api/types';

export function freshSession(): Session & { cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-unit-'));
  const file = path.join(dir, 'state.json');
  const lock = new StateLock(`${file}.lock`);
  const s = Session.fresh(file, lock, { clock: 'manual' }) as Session & { cleanup(): void };
  s.cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  return s;
}

export function deployment(name: string, replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
      ...extra,
    },
  };
}
