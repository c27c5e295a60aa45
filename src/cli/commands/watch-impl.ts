// get --watch. Re-reads the state file whenever another command (or, with a real clock, time
// itself) changes it, and prints one row per changed object with the column widths of the first
// table, as kubectl's watch printer does.
import * as fs from 'node:fs';
import type { RunContext } from '../spec';
import type { KindInfo } from '../../api/registry';
import { gkOf } from '../../api/registry';
import { matchFilters, statePath, type Filters } from '../common';
import { withSession } from '../../cluster/session';
import { tablePrinterFor } from '../../printers/columns';
import { eventsFor } from '../../sim/events';
import { parseGoDuration } from '../../sim/duration';
import { wallClockMs } from '../../sim/clock';
import type { KObject } from '../../api/types';
import { out } from '../io';

export async function runWatch(ctx: RunContext, flags: Record<string, unknown>, info: KindInfo, ns: string | undefined, filters: Filters): Promise<number> {
  const gk = gkOf(info.kind, info.group);
  const path = statePath(ctx);
  const wide = flags.output === 'wide';
  const events = !!flags['output-watch-events'];
  const timeoutArg = String((flags as Record<string, unknown>)['request-timeout'] ?? '0');
  const timeoutMs = /^\d+$/.test(timeoutArg) ? parseInt(timeoutArg, 10) * 1000 : parseGoDuration(timeoutArg);
  const started = wallClockMs();
  let known = new Map<string, KObject>();
  let widths: number[] | undefined;
  const snapshot = () =>
    withSession({ statePath: path }, (s) => {
      const list = s.store.list(gk, info.namespaced ? ns : undefined).filter((o) => matchFilters(o, filters));
      return { list, pctx: { nowMs: s.clock.now(), store: s.store, eventsFor: (o: KObject) => eventsFor(s.store, o) } };
    }, { readOnly: true });
  const first = snapshot();
  for (const o of first.list) known.set(o.metadata.uid!, o);
  const printer = tablePrinterFor(gk, first.pctx.store);
  const cols = printer.columns.map((c, i) => ({ c, i })).filter(({ c }) => wide || c.priority === 0);
  const row = (o: KObject, ev: string, pctx: typeof first.pctx) => {
    const cells = printer.cells(o, pctx);
    const r = [...(events ? [ev] : []), ...(ns === undefined && info.namespaced ? [o.metadata.namespace ?? ''] : []), ...cols.map(({ i }) => cells[i] ?? '')];
    return r;
  };
  // kubectl's watch printer remembers the column widths of its first flush: later rows are padded to
  // them (a longer cell pushes only its own row out of line)
  const emit = (rows: string[][]) => {
    if (!widths) widths = rows[0]!.map((_, i) => Math.max(6, ...rows.map((r) => (r[i] ?? '').length + 3)));
    for (const r of rows) out.line(r.map((c, i) => (i < r.length - 1 ? c.padEnd(Math.max(widths![i] ?? 0, c.length + 3)) : c)).join(''));
  };
  const header = [...(events ? ['EVENT'] : []), ...(ns === undefined && info.namespaced ? ['NAMESPACE'] : []), ...cols.map(({ c }) => c.name.toUpperCase())];
  // with --watch the current objects come first (as ADDED events with --output-watch-events), then changes
  if (!flags['watch-only']) {
    const rows = first.list.map((o) => row(o, 'ADDED', first.pctx));
    emit(flags['no-headers'] ? rows : [header, ...rows]);
  } else if (flags['watch-only']) {
    widths = header.map((h) => Math.max(6, h.length + 3));
    out.line(header.map((c, i) => (i < header.length - 1 ? c.padEnd(widths![i]!) : c)).join(''));
  }
  let lastMtime = 0;
  for (;;) {
    if (timeoutMs > 0 && wallClockMs() - started >= timeoutMs) return 0;
    await new Promise((r) => setTimeout(r, 300));
    let mtime = 0;
    try {
      mtime = fs.statSync(path).mtimeMs;
    } catch {
      continue;
    }
    const real = (() => {
      try {
        return JSON.parse(fs.readFileSync(path, 'utf8')).clock?.mode === 'real';
      } catch {
        return false;
      }
    })();
    if (mtime === lastMtime && !real) continue;
    lastMtime = mtime;
    const snap = snapshot();
    const next = new Map<string, KObject>();
    const rows: string[][] = [];
    for (const o of snap.list) {
      next.set(o.metadata.uid!, o);
      const prev = known.get(o.metadata.uid!);
      if (!prev) rows.push(row(o, 'ADDED', snap.pctx));
      else if (prev.metadata.resourceVersion !== o.metadata.resourceVersion) rows.push(row(o, 'MODIFIED', snap.pctx));
    }
    for (const [uid, o] of known) if (!next.has(uid)) rows.push(row(o, 'DELETED', snap.pctx));
    known = next;
    if (rows.length) emit(rows);
  }
}
