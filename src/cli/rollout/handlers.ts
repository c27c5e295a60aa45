// What `kubectl rollout` does per kind (kubectl's polymorphichelpers: StatusViewer, HistoryViewer,
// Rollbacker, ObjectPauser/Resumer/Restarter). Each kind registers a handler; later kinds
// (StatefulSet, DaemonSet) add theirs without touching the verb.
import type { KObject } from '../../api/types';
import type { Session } from '../../cluster/session';

export interface StatusResult {
  /** The line to print. */
  message: string;
  done: boolean;
  /** An error ends the watch with `error: <message>` and exit 1. */
  error?: boolean;
}

export interface HistoryEntry {
  revision: number;
  changeCause: string;
  template: unknown;
}

export interface RolloutHandler {
  status(obj: KObject, revision: number): StatusResult;
  history(s: Session, obj: KObject): HistoryEntry[];
  /**
   * Rolls back; returns the verb's message ("rolled back" or "skipped rollback (…)"). With a client
   * dry run, the template printed is preceded by `prefix` (DaemonSets/StatefulSets: "will roll back to ").
   */
  undo(s: Session, obj: KObject, toRevision: number, dryRun: boolean): { message: string; template?: unknown; prefix?: string };
  pause?(obj: KObject): KObject;
  resume?(obj: KObject): KObject;
  restart(obj: KObject, nowRfc3339: string): KObject;
}

export const rolloutHandlers = new Map<string, RolloutHandler>();
