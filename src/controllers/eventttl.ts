// The API server's --event-ttl (1 h): events whose last occurrence is older disappear.
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { EVENT_TTL_MS } from '../sim/events';

const NAME = 'event-ttl';

export const eventTtlController: Controller<Ctx> = {
  name: NAME,
  watch(ev, _enqueue, ctx) {
    // one sweep timer for all events (not a whole-store pass per event)
    if (ev.gk === 'Event' && ev.type === 'ADDED') ctx.loop.at(ctx.clock.now() + EVENT_TTL_MS, NAME, 'sweep');
  },
  sync(_key, ctx) {
    const next = ctx.events.expire();
    if (next !== undefined) ctx.loop.at(Math.max(next, ctx.clock.now() + 60_000), NAME, 'sweep');
  },
};
