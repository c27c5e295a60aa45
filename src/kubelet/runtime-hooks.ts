// The kubelet's side effects beyond pod status, kept out of the state machine in index.ts: what a
// container writes to its log when it starts, and what is thrown away when a pod is gone (its
// container logs, resolved config, emptyDir volumes and container filesystems).
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { forgetPodConfig } from './config';
import { dropOlderInstances, dropPodLogs } from './logstore';
import { dropPodFiles } from './files';
import { writeStartupLogs } from './output';
// curl/wget in containers and the container filesystems the simulated HTTP servers read
import './net-tools';

export interface StartInfo {
  init: boolean;
  restartCount: number;
  startedAt: number;
}

/** A container was created and started: it prints what such a process prints at start. */
export function containerStarted(ctx: Ctx, pod: KObject, spec: Container, info: StartInfo): void {
  dropOlderInstances(ctx, pod.metadata.uid!, spec.name, info.restartCount);
  writeStartupLogs(ctx, pod, spec, info);
}

/** The pod object is gone: nothing of it survives on the node (PVC data does, elsewhere). */
export function podGone(ctx: Ctx, uid: string): void {
  forgetPodConfig(ctx, uid);
  dropPodLogs(ctx, uid);
  dropPodFiles(ctx, uid);
}
