// An in-memory default cluster with a manual clock, for controller unit tests (no state file).
import { Session } from '../../../src/cluster/session';
import { StateLock } from '../../../src/store/statefile';
import type { KObject } from '../../../src/api/types';
import type { Ctx } from '../../../src/controllers/context';

export interface TestCluster {
  s: Session;
  ctx: Ctx;
  /** Creates objects through the API server and lets controllers settle. */
  apply(...objs: KObject[]): KObject[];
  /** Lets simulated time pass (ms), running everything due on the way. */
  advance(ms: number): void;
  get(gk: string, ns: string | undefined, name: string): KObject | undefined;
  list(gk: string, ns?: string): KObject[];
  /** `reason: message` of the events about an object, oldest first. */
  events(obj: KObject): string[];
}

export function testCluster(seed = 1): TestCluster {
  const s = Session.fresh('/nonexistent/kubesim-test.json', new StateLock('/nonexistent/kubesim-test.json.lock'), { clock: 'manual', seed });
  const ctx = s.ctx;
  return {
    s,
    ctx,
    apply(...objs) {
      const out = objs.map((o) => ctx.api.create(o));
      ctx.loop.runUntilQuiet();
      return out;
    },
    advance(ms) {
      s.advance(ms);
    },
    get: (gk, ns, name) => ctx.store.get(gk, ns, name),
    list: (gk, ns) => ctx.store.list(gk, ns),
    events(obj) {
      const uid = obj.metadata.uid;
      return ctx.store
        .list('Event')
        .filter((e) => e.involvedObject?.uid === uid)
        .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
        .map((e) => `${e.reason}: ${e.message}`);
    },
  };
}
