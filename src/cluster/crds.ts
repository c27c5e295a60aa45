// Kinds registered at run time by CustomResourceDefinitions in the store (filled in by the CRD stage).
import type { Store } from '../store/store';

export function registerCustomKinds(store: Store): void {
  void store;
}
