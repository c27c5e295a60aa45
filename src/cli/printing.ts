// Printing objects the way `kubectl get` does: tables (one per kind, kind prefixes, NAMESPACE,
// -L and --show-labels columns), name, yaml, json, jsonpath and custom-columns.
import { tabulate, GET_TABLE } from '../printers/tabwriter';
import { tablePrinterFor } from '../printers/columns';
import type { PrintContext } from '../printers/context';
import { formatLabels } from '../api/selectors';
import type { KindInfo } from '../api/registry';
import { gkOf } from '../api/registry';
import type { KObject } from '../api/types';
import { CliError, RawError } from '../api/errors';
import { toJson, toYaml } from './manifests';
import { parseJsonPath, executeJsonPath, executeJsonPathAsJson } from '../printers/jsonpath';
import { printCustomColumns } from '../printers/custom-columns';
import { sortByJsonPath } from '../printers/sort';
import { readFileSync } from 'node:fs';

export interface PrintOptions {
  output: string;
  noHeaders?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  showKind?: boolean;
  allNamespaces?: boolean;
  sortBy?: string;
  allowMissingTemplateKeys?: boolean;
  showManagedFields?: boolean;
}

export interface KindGroup {
  info: KindInfo;
  objects: KObject[];
}

const GET_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const OTHER_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** Validates an -o value up front (before touching anything), with kubectl's message. */
export function checkOutputFormat(output: string | undefined, forGet: boolean): void {
  if (!output) return;
  const kind = output.split('=')[0]!;
  const allowed = (forGet ? GET_FORMATS : OTHER_FORMATS).split(',');
  if (!allowed.includes(kind) || kind.startsWith('go-template') || kind.startsWith('template')) {
    if (allowed.includes(kind)) throw new CliError(`go templates are not supported by kubesim (use -o jsonpath or -o custom-columns)`);
    throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${forGet ? GET_FORMATS : OTHER_FORMATS}`);
  }
  if (kind === 'jsonpath' || kind === 'jsonpath-as-json') {
    const tpl = output.slice(kind.length + 1);
    if (!output.includes('=') || tpl === '') throw new CliError(`template format specified but no template given`);
    parseJsonPath(tpl);
  }
  if (kind === 'custom-columns' && !output.includes('=')) throw new CliError('custom-columns format specified but no custom columns given');
}

/** Strips what kubectl hides (managedFields) from an object about to be printed. */
export function forOutput(o: KObject, showManaged = false): KObject {
  if (showManaged || !o.metadata?.managedFields) return o;
  const { managedFields: _m, ...meta } = o.metadata;
  void _m;
  return { ...o, metadata: meta as KObject['metadata'] };
}

export function listWrapper(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

function kindPrefixOf(info: KindInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/**
 * Renders `get` output. `single` = one object requested by name (printed bare in yaml/json).
 * Returns stdout text.
 */
export function renderGet(groups: KindGroup[], opts: PrintOptions, pctx: PrintContext, single: boolean): string {
  const output = opts.output ?? '';
  let gs = groups;
  if (opts.sortBy) gs = gs.map((g) => ({ ...g, objects: sortByJsonPath(g.objects, opts.sortBy!) as KObject[] }));
  const all = gs.flatMap((g) => g.objects.map((o) => forOutput(o, opts.showManagedFields)));
  const kind = output.split('=')[0]!;
  const arg = output.includes('=') ? output.slice(output.indexOf('=') + 1) : '';
  switch (kind) {
    case '':
    case 'wide':
      return renderTables(gs, opts, pctx);
    case 'name':
      return gs.flatMap((g) => g.objects.map((o) => `${kindPrefixOf(g.info)}/${o.metadata.name}\n`)).join('');
    case 'yaml':
      return toYaml(single && all.length === 1 ? all[0] : listWrapper(all));
    case 'json':
      return toJson(single && all.length === 1 ? all[0] : listWrapper(all));
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json': {
      const text = kind === 'jsonpath-file' ? readTemplateFile(arg) : arg;
      const tpl = parseJsonPath(text);
      const data = single && all.length === 1 ? all[0] : listWrapper(all);
      return (kind === 'jsonpath-as-json' ? executeJsonPathAsJson : executeJsonPath)(tpl, data, { allowMissingKeys: opts.allowMissingTemplateKeys !== false });
    }
    case 'custom-columns':
      return printCustomColumns(arg, all, { noHeaders: !!opts.noHeaders });
    case 'custom-columns-file': {
      const text = readTemplateFile(arg);
      const [head, paths] = text.split('\n').filter((l) => l.trim() !== '');
      if (!head || !paths) throw new CliError(`custom-columns-file must contain a line of headers and a line of paths`);
      const hs = head.trim().split(/\s+/);
      const ps = paths.trim().split(/\s+/);
      return printCustomColumns(hs.map((h, i) => `${h}:${ps[i] ?? ''}`).join(','), all, { noHeaders: !!opts.noHeaders });
    }
  }
  throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${GET_FORMATS}`);
}

function readTemplateFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new RawError(`error: error reading --template ${path}, open ${path}: no such file or directory`);
  }
}

function renderTables(groups: KindGroup[], opts: PrintOptions, pctx: PrintContext): string {
  const nonEmpty = groups.filter((g) => g.objects.length > 0);
  const multiKind = groups.length > 1 || !!opts.showKind;
  const wide = opts.output === 'wide';
  const parts: string[] = [];
  for (const g of nonEmpty) {
    const printer = tablePrinterFor(gkOf(g.info.kind, g.info.group), pctx.store);
    const cols = printer.columns.map((c, i) => ({ c, i })).filter(({ c }) => wide || c.priority === 0);
    const rows: string[][] = [];
    const labelKeys = (opts.labelColumns ?? []).flatMap((l) => l.split(',')).filter((l) => l !== '');
    const ns = opts.allNamespaces && g.info.namespaced;
    if (!opts.noHeaders) {
      const header = [...(ns ? ['NAMESPACE'] : []), ...cols.map(({ c }) => c.name.toUpperCase()), ...labelKeys.map((k) => k.split('/').pop()!.toUpperCase()), ...(opts.showLabels ? ['LABELS'] : [])];
      rows.push(header);
    }
    const nameCol = printer.columns.findIndex((c) => (c as { format?: string }).format === 'name');
    for (const o of g.objects) {
      const cells = printer.cells(o, pctx);
      const out: string[] = [];
      if (ns) out.push(o.metadata.namespace ?? '');
      for (const { i } of cols) {
        let v = cells[i] ?? '';
        if (i === (nameCol < 0 ? 0 : nameCol) && multiKind) v = `${kindPrefixOf(g.info)}/${v}`;
        out.push(v);
      }
      for (const k of labelKeys) out.push(o.metadata.labels?.[k] ?? '');
      if (opts.showLabels) out.push(formatLabels(o.metadata.labels));
      rows.push(out);
    }
    parts.push(tabulate(rows, GET_TABLE));
  }
  // a blank line separates the tables of different kinds
  return parts.join(opts.noHeaders ? '' : '\n');
}
