// Node shapes from the command line and from a nodes file: capacity quantities, labels
// (`disktype=ssd,gpu=true`) and taints (`dedicated=gpu:NoSchedule`), checked with the API's own rules
// so a bad value fails before the cluster exists.
import * as fs from 'node:fs';
import { RawError } from '../api/errors';
import { tryParseQuantity } from '../api/quantity';
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../api/validation/util';
import { DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_PODS, type NodeConfig } from './config';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function fail(msg: string): never {
  throw new RawError(`error: ${msg}`);
}

export function checkNodeName(name: string): void {
  const errs = isDNS1123Subdomain(name);
  if (errs.length) fail(`invalid node name "${name}": ${errs.join('; ')}`);
}

/** A capacity quantity in canonical form. */
export function quantityArg(what: string, v: unknown): string {
  const q = tryParseQuantity(v);
  if (!q || q.sign() < 0) fail(`invalid ${what} "${String(v)}": must be a quantity such as 4, 2500m, 8Gi or 16000Mi`);
  return q.toString();
}

/** `k=v` pairs (comma separated, repeatable). */
export function parseLabels(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items.flatMap((s) => s.split(',')).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    const k = eq < 0 ? item : item.slice(0, eq);
    const v = eq < 0 ? '' : item.slice(eq + 1);
    const ke = isQualifiedName(k);
    if (ke.length) fail(`invalid label "${item}": ${ke.join('; ')}`);
    const ve = isValidLabelValue(v);
    if (ve.length) fail(`invalid label "${item}": ${ve.join('; ')}`);
    out[k] = v;
  }
  return out;
}

/** `key[=value]:Effect` taints (comma separated, repeatable). */
export function parseTaintArgs(items: string[]): NonNullable<NodeConfig['taints']> {
  const out: NonNullable<NodeConfig['taints']> = [];
  for (const item of items.flatMap((s) => s.split(',')).filter((s) => s !== '')) {
    const colon = item.lastIndexOf(':');
    if (colon < 0) fail(`invalid taint "${item}": expected key[=value]:Effect`);
    const effect = item.slice(colon + 1);
    if (!EFFECTS.includes(effect)) fail(`invalid taint "${item}": the effect must be NoSchedule, PreferNoSchedule or NoExecute`);
    const kv = item.slice(0, colon);
    const eq = kv.indexOf('=');
    const key = eq < 0 ? kv : kv.slice(0, eq);
    const value = eq < 0 ? undefined : kv.slice(eq + 1);
    const ke = isQualifiedName(key);
    if (ke.length) fail(`invalid taint "${item}": ${ke.join('; ')}`);
    if (value !== undefined) {
      const ve = isValidLabelValue(value);
      if (ve.length) fail(`invalid taint "${item}": ${ve.join('; ')}`);
    }
    if (out.some((t) => t.key === key && t.effect === effect)) fail(`duplicated taint "${item}": a node has one taint per key and effect`);
    out.push({ key, ...(value ? { value } : {}), effect });
  }
  return out;
}

interface RawNode {
  name?: unknown;
  role?: unknown;
  cpu?: unknown;
  memory?: unknown;
  pods?: unknown;
  labels?: unknown;
  taints?: unknown;
}

/**
 * A nodes file: YAML (or JSON) with `nodes:` (or a bare list) of
 * `{ name, role: control-plane|worker, cpu, memory, pods, labels: {k: v}, taints: [key=value:Effect | {key, value, effect}] }`.
 */
export function readNodesFile(file: string, yamlLoad: (text: string) => unknown, defaults: { cpu?: string; memory?: string; pods?: number } = {}): NodeConfig[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    fail(`the path "${file}" does not exist`);
  }
  let doc: unknown;
  try {
    doc = yamlLoad(text);
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { nodes?: unknown })?.nodes;
  if (!Array.isArray(list) || !list.length) fail(`${file}: expected a list of nodes under "nodes:"`);
  const nodes: NodeConfig[] = [];
  (list as RawNode[]).forEach((raw, i) => {
    const where = `${file}: nodes[${i}]`;
    if (!raw || typeof raw !== 'object') fail(`${where}: expected a mapping`);
    const name = String(raw.name ?? '');
    if (!name) fail(`${where}: name is required`);
    checkNodeName(name);
    if (nodes.some((n) => n.name === name)) fail(`${where}: duplicate node name "${name}"`);
    const role = String(raw.role ?? 'worker');
    if (role !== 'worker' && role !== 'control-plane') fail(`${where}: role must be "control-plane" or "worker"`);
    const pods = raw.pods === undefined ? (defaults.pods ?? DEFAULT_PODS) : Number(raw.pods);
    if (!Number.isInteger(pods) || pods < 1) fail(`${where}: pods must be a positive integer`);
    const labelsRaw = raw.labels ?? {};
    if (typeof labelsRaw !== 'object' || Array.isArray(labelsRaw)) fail(`${where}: labels must be a mapping`);
    const labels = parseLabels(Object.entries(labelsRaw as Record<string, unknown>).map(([k, v]) => `${k}=${v ?? ''}`));
    const taintsRaw = raw.taints ?? [];
    if (!Array.isArray(taintsRaw)) fail(`${where}: taints must be a list`);
    const taints = parseTaintArgs(
      (taintsRaw as unknown[]).map((t) => {
        if (typeof t === 'string') return t;
        const o = (t ?? {}) as { key?: unknown; value?: unknown; effect?: unknown };
        return `${o.key ?? ''}${o.value !== undefined && o.value !== '' ? `=${o.value}` : ''}:${o.effect ?? ''}`;
      }),
    );
    if (role === 'control-plane' && !taints.some((t) => t.key === 'node-role.kubernetes.io/control-plane') && raw.taints === undefined)
      taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    nodes.push({
      name,
      role,
      cpu: quantityArg(`${where}: cpu`, raw.cpu ?? defaults.cpu ?? DEFAULT_CPU),
      memory: quantityArg(`${where}: memory`, raw.memory ?? defaults.memory ?? DEFAULT_MEMORY),
      pods,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(taints.length ? { taints } : {}),
    });
  });
  if (!nodes.some((n) => n.role === 'control-plane')) fail(`${file}: at least one node must have role control-plane`);
  return nodes;
}
