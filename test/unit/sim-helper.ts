// An in-process cluster with a manual clock for unit tests of controllers and the kubelet.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withSession, type Session } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';

export class SimCluster {
  readonly statePath: string;

  constructor() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-unit-'));
    this.statePath = path.join(dir, 'state.json');
    withSession({ statePath: this.statePath, create: { clock: 'manual' } }, () => {});
  }

  /** Runs `fn` in a session (saved afterwards), like one CLI command. */
  do<T>(fn: (s: Session) => T): T {
    return withSession({ statePath: this.statePath }, fn);
  }

  apply(obj: KObject): KObject {
    return this.do((s) => s.ctx.api.create(obj));
  }

  advance(ms: number): void {
    this.do((s) => s.advance(ms));
  }

  now(): number {
    return this.do((s) => s.clock.now());
  }

  get(gk: string, ns: string | undefined, name: string): KObject | undefined {
    return this.do((s) => s.store.get(gk, ns, name));
  }

  pods(ns = 'default'): KObject[] {
    return this.do((s) => s.store.list('Pod', ns));
  }

  events(filter: (e: KObject) => boolean = () => true): KObject[] {
    return this.do((s) => s.store.list('Event').filter(filter)).sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0));
  }

  cleanup(): void {
    fs.rmSync(path.dirname(this.statePath), { recursive: true, force: true });
  }
}

export function pod(name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...extra }, spec } as KObject;
}

export function deployment(name: string, replicas: number, container: Record<string, unknown>): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', ...container }] } } },
  } as KObject;
}

/** The pod's first container status. */
export function cs(p: KObject | undefined): Record<string, any> {
  return p?.status?.containerStatuses?.[0] ?? {};
}
