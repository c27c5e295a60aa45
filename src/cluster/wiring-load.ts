// Loads ./wiring. From source (tests) this is an ordinary import; scripts/build.mjs replaces this
// module in the bundle with one that requires ./wiring on the first call, so the API server, the
// controllers, the scheduler and the kubelet are loaded only by sessions that use them.
import * as wiring from './wiring';

export type Wiring = typeof wiring;

export function loadWiring(): Wiring {
  return wiring;
}
