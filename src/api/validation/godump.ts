// Go renderings of values as field.Error prints them in 1.32 (%#v for structs, maps and slices), and an
// approximation of the go-cmp diff that pod/PVC update errors append. Pointer addresses cannot be
// reproduced; a fixed fake address is printed instead.
import { goQuote, goStringMap } from '../errors';
import { isObj, type Any } from './util';

export { goStringMap };

/** A stand-in for a Go heap address (real output shows a random 0xc000… address). */
export const FAKE_ADDR = '0xc000a1e2f0';

export function goStringSlice(v: unknown, type = '[]string'): string {
  if (!Array.isArray(v)) return `${type}(nil)`;
  return `${type}{${v.map((x) => goQuote(String(x))).join(', ')}}`;
}

export function goPtr(type: string, v: unknown): string {
  return v === undefined || v === null ? `(*${type})(nil)` : `(*${type})(${FAKE_ADDR})`;
}

/** intstr.IntOrString{Type:0, IntVal:1, StrVal:""} (IntOrString has no value-receiver String()). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

function goMapOrNil(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  return goStringMap(m as Record<string, string>);
}

/** v1.LabelSelector{MatchLabels:…, MatchExpressions:…} as the reference shows it. */
export function goLabelSelector(ls: Any): string {
  const ml = goMapOrNil(ls?.matchLabels);
  const exprs = ls?.matchExpressions;
  let me: string;
  if (!Array.isArray(exprs)) me = '[]v1.LabelSelectorRequirement(nil)';
  else
    me = `[]v1.LabelSelectorRequirement{${exprs
      .map(
        (e: Any) =>
          `v1.LabelSelectorRequirement{Key:${goQuote(String(e?.key ?? ''))}, Operator:${goQuote(String(e?.operator ?? ''))}, Values:${goStringSlice(e?.values)}}`,
      )
      .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

// ---- generic approximate %#v of JSON objects ----

const ACRONYMS: Record<string, string> = {
  uid: 'UID',
  tty: 'TTY',
  os: 'OS',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  hostPID: 'HostPID',
  hostIPC: 'HostIPC',
  hostIP: 'HostIP',
  podIP: 'PodIP',
  clusterIP: 'ClusterIP',
  clusterIPs: 'ClusterIPs',
  externalIPs: 'ExternalIPs',
  apiVersion: 'APIVersion',
  apiGroup: 'APIGroup',
  httpGet: 'HTTPGet',
  httpHeaders: 'HTTPHeaders',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  nfs: 'NFS',
  iscsi: 'ISCSI',
  csi: 'CSI',
  fc: 'FC',
  rbd: 'RBD',
  cephfs: 'CephFS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  seLinuxOptions: 'SELinuxOptions',
  ip: 'IP',
  metadata: 'ObjectMeta',
};

/** JSON field name → Go field name. */
export function goFieldName(k: string): string {
  return ACRONYMS[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
}

/** Fields that are Go maps (keys are data, not field names). */
const MAP_FIELDS: Record<string, string> = {
  labels: 'map[string]string',
  annotations: 'map[string]string',
  nodeSelector: 'map[string]string',
  matchLabels: 'map[string]string',
  selector: 'map[string]string',
  data: 'map[string]string',
  limits: 'core.ResourceList',
  requests: 'core.ResourceList',
  capacity: 'core.ResourceList',
  overhead: 'core.ResourceList',
};

/** An approximate Go composite literal for a JSON value (nested struct types are not named). */
export function goDump(v: unknown, type = '', field = ''): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return goStringSlice(v);
    return `${type}{${v.map((x) => goDump(x)).join(', ')}}`;
  }
  if (isObj(v)) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    const mapType = MAP_FIELDS[field] ?? (type.startsWith('map') ? type : '');
    if (mapType && entries.every(([, x]) => typeof x !== 'object' || x === null)) {
      const keys = entries.map(([k]) => k).sort();
      return `${mapType}{${keys.map((k) => `${goQuote(k)}:${goQuote(String((v as Record<string, unknown>)[k]))}`).join(', ')}}`;
    }
    return `${type}{${entries.map(([k, x]) => `${goFieldName(k)}:${goDump(x, '', k)}`).join(', ')}}`;
  }
  return String(v);
}

// ---- go-cmp style diff ----

/** Field orders of the internal (pkg/apis/core) types, used to count "identical fields". */
export const FIELD_ORDER: Record<string, string[]> = {
  'core.PodSpec': [
    'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
    'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken',
    'nodeName', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'affinity',
    'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'preemptionPolicy', 'dnsConfig',
    'readinessGates', 'runtimeClassName', 'overhead', 'enableServiceLinks', 'topologySpreadConstraints', 'os',
    'schedulingGates', 'resourceClaims', 'resources',
  ],
  'core.Container': [
    'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy',
    'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle',
    'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
  ],
  'core.PersistentVolumeClaimSpec': [
    'accessModes', 'selector', 'resources', 'volumeName', 'storageClassName', 'volumeMode', 'dataSource', 'dataSourceRef',
    'volumeAttributesClassName',
  ],
};

const CHILD_TYPES: Record<string, string> = {
  containers: '[]core.Container',
  initContainers: '[]core.Container',
};

function diffValue(v: unknown, type = '', field = ''): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'number' && type === 'ptr') return `&${v}`;
  return goDump(v, type, field);
}

function pad(names: string[]): number {
  return Math.max(0, ...names.map((n) => n.length + 1));
}

/** Renders a cmp.Diff-like report of two JSON objects of the given Go type. */
export function cmpDiff(oldV: Any, newV: Any, type: string, depth = 1): string {
  const lines: string[] = [];
  lines.push(`${depth === 1 ? '  ' : ''}${type}{`);
  lines.push(...diffFields(oldV ?? {}, newV ?? {}, type, depth));
  lines.push(`${'  '}${'\t'.repeat(depth - 1)}}`);
  return lines.join('\n');
}

function diffFields(oldV: Any, newV: Any, type: string, depth: number): string[] {
  const order = FIELD_ORDER[type] ?? [];
  const keys = [...order];
  for (const k of [...Object.keys(oldV ?? {}), ...Object.keys(newV ?? {})]) if (!keys.includes(k)) keys.push(k);
  const indent = '\t'.repeat(depth);
  const out: string[] = [];
  let same = 0;
  const flush = () => {
    if (same > 0) out.push(`  ${indent}... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  const changed = keys.filter((k) => JSON.stringify(oldV?.[k] ?? null) !== JSON.stringify(newV?.[k] ?? null));
  const w = pad(changed.map(goFieldName));
  for (const k of keys) {
    const a = oldV?.[k];
    const b = newV?.[k];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) {
      same++;
      continue;
    }
    flush();
    const name = `${goFieldName(k)}:`.padEnd(w);
    const childType = CHILD_TYPES[k];
    if (childType && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      out.push(`  ${indent}${goFieldName(k)}: ${childType}{`);
      a.forEach((x, i) => {
        const y = b[i];
        if (JSON.stringify(x) === JSON.stringify(y)) {
          out.push(`  ${indent}\t{...},`);
          return;
        }
        out.push(`  ${indent}\t{`);
        out.push(...diffFields(x, y, childType.slice(2), depth + 2));
        out.push(`  ${indent}\t},`);
      });
      out.push(`  ${indent}},`);
      continue;
    }
    // a missing string is Go's "" (not nil); other missing values are nil pointers/slices/maps
    const missing = (other: unknown) => (typeof other === 'string' ? '""' : typeof other === 'boolean' ? 'false' : 'nil');
    const render = (v: unknown, other: unknown) =>
      v !== undefined && v !== null ? diffValue(v, typeof v === 'number' ? 'ptr' : '', k) : missing(other);
    out.push(`- ${indent}${name} ${render(a, b)},`);
    out.push(`+ ${indent}${name} ${render(b, a)},`);
  }
  flush();
  return out;
}
