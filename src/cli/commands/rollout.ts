// kubectl rollout status|history|undo|pause|resume|restart.
import { cluster, dryRunOf, dryRunSuffix, filtersOf, gk, kindName, namespaceOf, parseResourceArgs, resolveTargets, type Target, readInputs, reportErrors, aggregate } from '../common';
import { CliError, KubeError, RawError } from '../../api/errors';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import type { Session } from '../../cluster/session';
import { out, err } from '../io';
import { rolloutHandlers, type RolloutHandler } from '../rollout/handlers';
import '../rollout/deployment';
import '../rollout/statefulset';
import { waitUntil } from '../wait';
import { parseGoDuration } from '../../sim/duration';
import { tabulate } from '../../printers/tabwriter';
import { describePodTemplate } from '../../printers/describe/pod';
import type { Writer } from '../../printers/describe/writer';
import { renderObjectOutput } from './output';
import { rfc3339 } from '../../sim/clock';

/** The kinds kubectl's apps.GroupKindElement visitor knows (history and undo tell them apart). */
const VISITABLE = new Set(['DaemonSet.apps', 'Deployment.apps', 'Job.batch', 'Pod', 'ReplicaSet.apps', 'ReplicationController', 'StatefulSet.apps', 'CronJob.batch']);

/** schema.GroupKind's String(): `Deployment.apps`, or the bare kind for the core group. */
function gkString(t: Target): string {
  return t.info.group ? `${t.info.kind}.${t.info.group}` : t.info.kind;
}

/** StatusViewerFor / HistoryViewerFor / RollbackerFor errors for kinds without a handler. */
function handlerFor(t: Target, verb: 'status' | 'history' | 'undo'): RolloutHandler {
  const h = rolloutHandlers.get(gk(t.info));
  if (h) return h;
  const kind = gkString(t);
  if (verb === 'status') throw new CliError(`no status viewer has been implemented for ${kind}`);
  const what = verb === 'history' ? 'history viewer' : 'rollbacker';
  if (VISITABLE.has(gk(t.info))) throw new CliError(`no ${what} has been implemented for ${JSON.stringify(kind)}`);
  // a GroupKindElement has no String method: Go prints the struct
  throw new CliError(`error retrieving ${verb === 'history' ? 'history' : 'rollbacker'} for ${JSON.stringify(kind)}, no visitor method exists for {${t.info.group} ${t.info.kind}}`);
}

/** Resolves the rollout targets (at least one), reading the cluster without changing it. */
function targetsOf(s: Session, args: string[], flags: Record<string, unknown>, ctx: RunContext): Target[] {
  const filenames = (flags.filename as string[]) ?? [];
  if (args.length === 0 && filenames.length === 0) throw new CliError('required resource not specified');
  const refs = parseResourceArgs(args);
  const filters = filtersOf(flags);
  for (const r of refs) if (r.names.length === 0 && !filters.selector) throw new CliError('resource(s) were provided, but no name was specified');
  const manifests = filenames.length ? readInputs(filenames, flags) : [];
  const { targets, errors } = resolveTargets(s, refs, manifests, namespaceOf(ctx), { filters, all: false, allNamespaces: false });
  if (errors.length) throw errors[0]!;
  if (targets.length === 0) throw new CliError('no objects passed to rollout');
  return targets;
}

export async function runStatus(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const revision = flags.revision as number;
  if (revision < 0) throw new CliError('revision must be a positive integer: ' + revision);
  const timeoutMs = parseGoDuration(String(flags.timeout ?? '0s'));
  const watch = flags.watch !== false;
  const first = cluster(ctx, (s) => {
    const ts = targetsOf(s, args, flags, ctx);
    if (ts.length > 1) throw new CliError('rollout status is only supported on individual resources and resource collections are not supported yet');
    const t = ts[0]!;
    handlerFor(t, 'status');
    return t;
  }, { readOnly: true });
  const h = handlerFor(first, 'status');
  const g = gk(first.info);
  const ns = first.obj.metadata.namespace;
  const name = first.obj.metadata.name;
  let lastRv = '';
  let final: { message: string; error?: boolean } | undefined;
  let deleted = false;
  const check = (s: Session): boolean => {
    const o = s.store.get(g, ns, name);
    if (!o || o.metadata.uid !== first.obj.metadata.uid) {
      deleted = true;
      return true;
    }
    if (o.metadata.resourceVersion === lastRv) return false;
    lastRv = o.metadata.resourceVersion!;
    const r = h.status(o, revision);
    if (r.error) {
      final = r;
      return true;
    }
    out.line(r.message);
    if (r.done || !watch) {
      final = r;
      return true;
    }
    return false;
  };
  const result = await waitUntil(ctx, check, { timeoutMs, spinnerText: `Waiting for ${first.info.kind.toLowerCase()} "${name}" rollout` });
  if (deleted) throw new CliError('object has been deleted');
  if (final?.error) throw new CliError(final.message);
  if (result === 'timeout') throw new CliError('timed out waiting for the condition');
  if (result === 'idle')
    throw new RawError(
      `error: the rollout cannot progress without further changes: nothing is scheduled to happen in the simulated cluster (is the ${first.info.kind.toLowerCase()} paused?)`,
    );
  return 0;
}

/** A PrefixWriter that keeps kubectl's raw tabs (rollout history --revision prints unaligned). */
class RawWriter implements Writer {
  text = '';
  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }
  writeLine(text = ''): void {
    this.text += `${text}\n`;
  }
  flush(): void {}
}

export async function runHistory(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const revision = flags.revision as number;
  const output = (flags.output as string) ?? '';
  const text = cluster(ctx, (s) => {
    const ts = targetsOf(s, args, flags, ctx);
    let buf = '';
    for (const t of ts) {
      const h = handlerFor(t, 'history');
      const hist = h.history(s, t.obj);
      const head = kindName(t.info, t.obj.metadata.name);
      if (revision > 0) {
        const e = hist.find((x) => x.revision === revision);
        if (!e) throw new CliError('unable to find the specified revision');
        if (output) {
          buf += renderObjectOutput([{ info: t.info, obj: { apiVersion: 'v1', kind: 'PodTemplateSpec', metadata: { name: '' }, ...(e.template as object) } as KObject }], output, false);
          continue;
        }
        const w = new RawWriter();
        describePodTemplate(e.template, w);
        buf += `${head} with revision #${revision}\n${w.text}\n`;
        continue;
      }
      if (hist.length === 0) {
        buf += `${head} \nNo rollout history found.\n`;
        continue;
      }
      const rows = [['REVISION', 'CHANGE-CAUSE'], ...hist.map((e) => [String(e.revision), e.changeCause || '<none>'])];
      buf += `${head} \n${tabulate(rows, { minWidth: 0, padding: 2 })}\n`;
    }
    return buf;
  }, { readOnly: true });
  out.write(text);
  return 0;
}

export async function runUndo(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const dry = dryRunOf(flags);
  const toRevision = flags['to-revision'] as number;
  const lines: string[] = [];
  cluster(ctx, (s) => {
    const ts = targetsOf(s, args, flags, ctx);
    for (const t of ts) {
      const h = handlerFor(t, 'undo');
      const r = h.undo(s, t.obj, toRevision, dry !== 'none');
      if (dry === 'client' && r.message === 'rolled back' && r.template) {
        const w = new RawWriter();
        describePodTemplate(r.template, w);
        lines.push(`${kindName(t.info, t.obj.metadata.name)} ${r.prefix ?? ''}${w.text}${dryRunSuffix(dry)}`);
      } else lines.push(`${kindName(t.info, t.obj.metadata.name)} ${r.message}${dryRunSuffix(dry)}`);
      if (dry === 'none') s.settle();
    }
  });
  for (const l of lines) out.line(l);
  return 0;
}

function simpleVerb(verb: 'pause' | 'resume' | 'restart', done: string) {
  return async (args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> => {
    const lines: string[] = [];
    const errors: KubeError[] = [];
    cluster(ctx, (s) => {
      const ts = targetsOf(s, args, flags, ctx);
      for (const t of ts) {
        try {
          const h = rolloutHandlers.get(gk(t.info));
          const fn = !h ? undefined : verb === 'restart' ? (o: KObject) => h.restart(o, rfc3339(s.clock.now())) : h[verb];
          // ObjectPauser/Resumer/Restarter refuse other kinds; the verb names the object
          if (!fn) {
            const resource = t.info.group ? `${t.info.plural}.${t.info.group}` : t.info.plural;
            throw new CliError(`${resource} ${JSON.stringify(t.obj.metadata.name)} ${verb === 'pause' ? 'pausing' : verb === 'resume' ? 'resuming' : 'restarting'} is not supported`);
          }
          const next = fn(t.obj);
          s.ctx.api.update(next);
          s.settle();
          lines.push(`${kindName(t.info, t.obj.metadata.name)} ${done}`);
        } catch (e) {
          if (e instanceof KubeError) errors.push(e);
          else throw e;
        }
      }
      if (errors.length && lines.length === 0) throw aggregate(errors);
    });
    for (const l of lines) out.line(l);
    return reportErrors(errors);
  };
}

export const runPause = simpleVerb('pause', 'paused');
export const runResume = simpleVerb('resume', 'resumed');
export const runRestart = simpleVerb('restart', 'restarted');
