// kubectl events: events of a namespace (or one object), oldest first.
import { cluster, gk, namespaceOf, parseResourceArgs } from '../common';
import { CliError } from '../../api/errors';
import { humanDuration } from '../../printers/duration';
import { tabulate } from '../../printers/tabwriter';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { out, err } from '../io';
import { renderObjectOutput } from './output';
import { registry } from '../../api/registry';
import { listWrapper } from '../printing';
import { toJson, toYaml } from '../manifests';

function lastSeen(e: KObject, now: number): string {
  const last = Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp);
  const first = Date.parse(e.firstTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp);
  const count = e.count ?? 1;
  if (count > 1) return `${humanDuration(now - last)} (x${count} over ${humanDuration(now - first)})`;
  return humanDuration(now - last);
}

export async function runEvents(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length) throw new CliError(`unknown command "${args[0]}"`);
  const output = (flags.output as string) ?? '';
  const allNs = !!flags['all-namespaces'];
  const ns = namespaceOf(ctx);
  const types = ((flags.types as string[]) ?? []).flatMap((t) => t.split(',')).filter(Boolean);
  for (const t of types) if (t !== 'Normal' && t !== 'Warning') throw new CliError(`valid --types are Normal or Warning`);
  const forArg = (flags.for as string) || '';
  let forKind: string | undefined;
  let forName: string | undefined;
  if (forArg) {
    const refs = parseResourceArgs([forArg.includes('/') ? forArg : `${forArg}`]);
    if (refs.length !== 1 || refs[0]!.names.length !== 1) throw new CliError('--for must be in resource/name form');
    forKind = refs[0]!.info.kind;
    forName = refs[0]!.names[0];
  }
  const { events, now } = cluster(
    ctx,
    (s) => {
      let evs = s.store.list('Event', allNs ? undefined : ns);
      if (forKind) evs = evs.filter((e) => e.involvedObject?.kind === forKind && e.involvedObject?.name === forName);
      if (types.length) evs = evs.filter((e) => types.includes(e.type));
      evs = [...evs].sort((a, b) => {
        const ta = a.lastTimestamp ?? '';
        const tb = b.lastTimestamp ?? '';
        return ta < tb ? -1 : ta > tb ? 1 : 0;
      });
      return { events: evs, now: s.clock.now() };
    },
    { readOnly: true },
  );
  if (output) {
    if (output === 'yaml' || output === 'json') out.write(output === 'yaml' ? toYaml(listWrapper(events)) : toJson(listWrapper(events)));
    else out.write(renderObjectOutput(events.map((e) => ({ info: registry.mustGroupKind('Event'), obj: e })), output, false));
    return 0;
  }
  if (events.length === 0) {
    err.line(allNs ? 'No events found.' : `No events found in ${ns} namespace.`);
    return 0;
  }
  const rows: string[][] = [];
  if (!flags['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  for (const e of events) {
    const io = e.involvedObject ?? {};
    rows.push([...(allNs ? [e.metadata.namespace ?? ''] : []), lastSeen(e, now), e.type ?? '', e.reason ?? '', `${io.kind}/${io.name}`, String(e.message ?? '').trim()]);
  }
  out.write(tabulate(rows));
  void gk;
  return 0;
}
