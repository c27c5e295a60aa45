// What printers and describers may read: the clock and a read-only view of the store.
import type { KObject } from '../api/types';
import type { Store } from '../store/store';

export interface PrintContext {
  /** Simulated now, in milliseconds since the Unix epoch. */
  nowMs: number;
  /** Read-only use only: printers never write. */
  store: Store;
  /**
   * Core v1 Events whose involvedObject is this object (matched by uid, or by kind/namespace/name for
   * events recorded before the object had a uid), oldest lastTimestamp first.
   */
  eventsFor(obj: KObject): KObject[];
}
