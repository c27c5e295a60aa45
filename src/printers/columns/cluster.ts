// Core and cluster-level kinds: Node, Namespace, ConfigMap, Secret, ServiceAccount, PV, PVC, Event,
// ResourceQuota, ComponentStatus, RBAC bindings, CSR, Lease, storage, scheduling, node, admission,
// flow control and APIService — column sets and cell formulas of kubernetes
// pkg/printers/internalversion (v1.32), the kube-aggregator APIService convertor, and the generic
// apiserver default convertor (NAME, CREATED AT) for built-ins without a printer.
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../sim/clock';
import type { PrintContext } from '../context';
import { humanDuration } from '../duration';
import type { TablePrinter } from './types';
import { bool, byteCompare, cols, findCondition, int, qty, selectorCell, since, timeMs, type Any } from './util';

// ---- Node ----

/** STATUS: Ready / NotReady from the Ready condition (`Unknown` without one), `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: KObject): string {
  const status: string[] = [];
  let readyCond: Any;
  // conditionMap keeps the last condition of each type
  for (const c of node.status?.conditions ?? []) if (c?.type === 'Ready') readyCond = c;
  if (readyCond) status.push(readyCond.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** ROLES: `node-role.kubernetes.io/<role>` label suffixes plus `kubernetes.io/role` values, sorted. */
export function nodeRoles(node: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role.length > 0) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  const list = [...roles].sort(byteCompare);
  return list.length === 0 ? '<none>' : list.join(',');
}

function nodeAddress(node: KObject, type: string): string {
  for (const a of node.status?.addresses ?? []) if (a?.type === type) return a.address ?? '';
  return '<none>';
}

export const nodePrinter: TablePrinter = {
  columns: cols(
    'Name*',
    'Status',
    'Roles',
    'Age',
    'Version',
    ['Internal-IP', 1],
    ['External-IP', 1],
    ['OS-Image', 1],
    ['Kernel-Version', 1],
    ['Container-Runtime', 1],
  ),
  cells(o: KObject, ctx: PrintContext): string[] {
    const info: Any = o.status?.nodeInfo ?? {};
    return [
      o.metadata.name,
      nodeStatus(o),
      nodeRoles(o),
      since(o.metadata.creationTimestamp, ctx.nowMs),
      info.kubeletVersion ?? '',
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

// ---- simple core kinds ----

export const namespacePrinter: TablePrinter = {
  columns: cols('Name*', 'Status', 'Age'),
  cells: (o, ctx) => [o.metadata.name, o.status?.phase ?? '', since(o.metadata.creationTimestamp, ctx.nowMs)],
};

export const configMapPrinter: TablePrinter = {
  columns: cols('Name*', 'Data', 'Age'),
  cells: (o, ctx) => [
    o.metadata.name,
    String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length),
    since(o.metadata.creationTimestamp, ctx.nowMs),
  ],
};

export const secretPrinter: TablePrinter = {
  columns: cols('Name*', 'Type', 'Data', 'Age'),
  cells: (o, ctx) => [o.metadata.name, o.type ?? '', String(Object.keys(o.data ?? {}).length), since(o.metadata.creationTimestamp, ctx.nowMs)],
};

export const serviceAccountPrinter: TablePrinter = {
  columns: cols('Name*', 'Secrets', 'Age'),
  cells: (o, ctx) => [o.metadata.name, String((o.secrets ?? []).length), since(o.metadata.creationTimestamp, ctx.nowMs)],
};

export const componentStatusPrinter: TablePrinter = {
  columns: cols('Name*', 'Status', 'Message', 'Error'),
  cells(o: KObject): string[] {
    let status = 'Unknown';
    let message = '';
    let error = '';
    const c = findCondition(o.conditions, 'Healthy');
    if (c) {
      status = c.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = c.message ?? '';
      error = c.error ?? '';
    }
    return [o.metadata.name, status, message, error];
  },
};

/** REQUEST / LIMIT: `resource: used/hard` over status.hard (sorted); `limits.*` go to LIMIT. */
export const resourceQuotaPrinter: TablePrinter = {
  columns: cols('Name*', 'Request', 'Limit', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const hard: Record<string, unknown> = o.status?.hard ?? {};
    const used: Record<string, unknown> = o.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort(byteCompare)) {
      const pieces = r.split('.');
      const entry = `${r}: ${qty(used[r])}/${qty(hard[r])}`;
      if (pieces.length > 1 && pieces[0] === 'limits') lim.push(entry);
      else req.push(entry);
    }
    return [o.metadata.name, req.join(', '), lim.join(', '), since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

// ---- PersistentVolume / PersistentVolumeClaim ----

/** helper.GetAccessModesAsString: de-duplicated, always in the order RWO, ROX, RWX, RWOP. */
export function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

export const persistentVolumePrinter: TablePrinter = {
  columns: cols(
    'Name*',
    'Capacity',
    'Access Modes',
    'Reclaim Policy',
    'Status',
    'Claim',
    'StorageClass',
    'VolumeAttributesClass',
    'Reason',
    'Age',
    ['VolumeMode', 1],
  ),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const annotations = o.metadata.annotations ?? {};
    const cls = BETA_STORAGE_CLASS in annotations ? annotations[BETA_STORAGE_CLASS]! : (spec.storageClassName ?? '');
    return [
      o.metadata.name,
      qty(spec.capacity?.storage),
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      claim,
      cls,
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      o.status?.reason ?? '',
      since(o.metadata.creationTimestamp, ctx.nowMs),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: cols(
    'Name*',
    'Status',
    'Volume',
    'Capacity',
    'Access Modes',
    'StorageClass',
    'VolumeAttributesClass',
    'Age',
    ['VolumeMode', 1],
  ),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    const bound = !!spec.volumeName;
    const annotations = o.metadata.annotations ?? {};
    const cls =
      BETA_STORAGE_CLASS in annotations ? annotations[BETA_STORAGE_CLASS]! : typeof spec.storageClassName === 'string' ? spec.storageClassName : '';
    return [
      o.metadata.name,
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      spec.volumeName ?? '',
      bound ? qty(o.status?.capacity?.storage) : '',
      bound ? accessModes(o.status?.accessModes) : '',
      cls,
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      since(o.metadata.creationTimestamp, ctx.nowMs),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
};

// ---- Event ----

/** An events.k8s.io/v1 Event seen through core/v1 field names (both are one internal type). */
function coreEventView(o: KObject): Any {
  if (!o.apiVersion?.startsWith('events.k8s.io/')) return o;
  return {
    ...o,
    involvedObject: o.regarding ?? {},
    message: o.note,
    source: o.deprecatedSource ?? {},
    firstTimestamp: o.deprecatedFirstTimestamp,
    lastTimestamp: o.deprecatedLastTimestamp,
    count: o.deprecatedCount,
  };
}

/**
 * printEvent. LAST SEEN: lastTimestamp, else the FIRST SEEN value (firstTimestamp, else eventTime);
 * with a series, series.lastObservedTime. COUNT: count, series.count, or 1 for singletons.
 * OBJECT: `<kind lower-cased>/<name>`. SOURCE: `<component>, <host>` (reportingController /
 * reportingInstance as fallbacks). MESSAGE trimmed.
 */
export const eventPrinter: TablePrinter = {
  columns: cols(
    'Last Seen',
    'Type',
    'Reason',
    'Object',
    ['Subobject', 1],
    ['Source', 1],
    'Message',
    ['First Seen', 1],
    ['Count', 1],
    ['Name*', 1],
  ),
  cells(raw: KObject, ctx: PrintContext): string[] {
    const o = coreEventView(raw);
    const firstSeen = o.firstTimestamp ? since(o.firstTimestamp, ctx.nowMs) : since(o.eventTime, ctx.nowMs);
    let lastSeen = o.lastTimestamp ? since(o.lastTimestamp, ctx.nowMs) : firstSeen;
    let count: number = typeof o.count === 'number' ? o.count : 0;
    if (o.series) {
      lastSeen = since(o.series.lastObservedTime, ctx.nowMs);
      count = typeof o.series.count === 'number' ? o.series.count : 0;
    } else if (count === 0) {
      count = 1;
    }
    const inv: Any = o.involvedObject ?? {};
    const kind = String(inv.kind ?? '').toLowerCase();
    const target = inv.name ? `${kind}/${inv.name}` : kind;
    const component: string = o.source?.component || o.reportingController || '';
    const host: string = o.source?.host || o.reportingInstance || '';
    return [
      lastSeen,
      o.type ?? '',
      o.reason ?? '',
      target,
      inv.fieldPath ?? '',
      host ? `${component}, ${host}` : component,
      String(o.message ?? '').trim(),
      firstSeen,
      String(count),
      raw.metadata.name,
    ];
  },
};

// ---- RBAC ----

/** ROLE `Kind/name`; wide USERS, GROUPS, SERVICEACCOUNTS (`ns/name`) joined by `, `. */
export const roleBindingPrinter: TablePrinter = {
  columns: cols('Name*', 'Role', 'Age', ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]),
  cells(o: KObject, ctx: PrintContext): string[] {
    const users: string[] = [];
    const groups: string[] = [];
    const sas: string[] = [];
    for (const s of (o.subjects ?? []) as Any[]) {
      if (s?.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
      else if (s?.kind === 'User') users.push(s.name ?? '');
      else if (s?.kind === 'Group') groups.push(s.name ?? '');
    }
    return [
      o.metadata.name,
      `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`,
      since(o.metadata.creationTimestamp, ctx.nowMs),
      users.join(', '),
      groups.join(', '),
      sas.join(', '),
    ];
  },
};

// ---- certificates, coordination ----

function csrCondition(o: KObject): string {
  let approved = false;
  let denied = false;
  let failed = false;
  for (const c of (o.status?.conditions ?? []) as Any[]) {
    if (c?.type === 'Approved') approved = true;
    else if (c?.type === 'Denied') denied = true;
    else if (c?.type === 'Failed') failed = true;
  }
  let s = denied ? 'Denied' : approved ? 'Approved' : 'Pending';
  if (failed) s += ',Failed';
  if (o.status?.certificate) s += ',Issued';
  return s;
}

export const certificateSigningRequestPrinter: TablePrinter = {
  columns: cols('Name*', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    return [
      o.metadata.name,
      since(o.metadata.creationTimestamp, ctx.nowMs),
      spec.signerName || '<none>',
      spec.username ?? '',
      typeof spec.expirationSeconds === 'number' ? humanDuration(spec.expirationSeconds * 1000) : '<none>',
      csrCondition(o),
    ];
  },
};

export const leasePrinter: TablePrinter = {
  columns: cols('Name*', 'Holder', 'Age'),
  cells: (o, ctx) => [o.metadata.name, o.spec?.holderIdentity ?? '', since(o.metadata.creationTimestamp, ctx.nowMs)],
};

// ---- storage.k8s.io ----

function isDefaultClass(o: KObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** NAME gets ` (default)` for the default class; reclaim policy Delete and binding mode Immediate by default. */
export const storageClassPrinter: TablePrinter = {
  columns: cols('Name*', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    return [
      isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      bool(o.allowVolumeExpansion),
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

export const csiDriverPrinter: TablePrinter = {
  columns: cols('Name*', 'AttachRequired', 'PodInfoOnMount', 'StorageCapacity', 'TokenRequests', 'RequiresRepublish', 'Modes', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    const modes = ((spec.volumeLifecycleModes ?? []) as string[]).join(',');
    const tokenRequests = Array.isArray(spec.tokenRequests) ? (spec.tokenRequests as Any[]).map((t) => t?.audience ?? '').join(',') : '<unset>';
    return [
      o.metadata.name,
      bool(spec.attachRequired ?? true),
      bool(spec.podInfoOnMount ?? false),
      bool(spec.storageCapacity ?? false),
      tokenRequests,
      bool(spec.requiresRepublish ?? false),
      modes.length === 0 ? '<none>' : modes,
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

export const csiNodePrinter: TablePrinter = {
  columns: cols('Name*', 'Drivers', 'Age'),
  cells: (o, ctx) => [o.metadata.name, String((o.spec?.drivers ?? []).length), since(o.metadata.creationTimestamp, ctx.nowMs)],
};

export const csiStorageCapacityPrinter: TablePrinter = {
  columns: cols('Name*', 'StorageClassName', 'Capacity'),
  cells: (o) => [o.metadata.name, o.storageClassName ?? '', o.capacity !== undefined && o.capacity !== null ? String(o.capacity) : '<unset>'],
};

export const volumeAttachmentPrinter: TablePrinter = {
  columns: cols('Name*', 'Attacher', 'PV', 'Node', 'Attached', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    return [
      o.metadata.name,
      spec.attacher ?? '',
      spec.source?.persistentVolumeName ?? '',
      spec.nodeName ?? '',
      bool(o.status?.attached),
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

// ---- scheduling, node ----

/** PREEMPTIONPOLICY has priority 0 but is only filled for wide tables — which the server always builds. */
export const priorityClassPrinter: TablePrinter = {
  columns: cols('Name*', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy'),
  cells: (o, ctx) => [
    o.metadata.name,
    int(o.value),
    bool(o.globalDefault),
    since(o.metadata.creationTimestamp, ctx.nowMs),
    typeof o.preemptionPolicy === 'string' ? o.preemptionPolicy : '',
  ],
};

export const runtimeClassPrinter: TablePrinter = {
  columns: cols('Name*', 'Handler', 'Age'),
  cells: (o, ctx) => [o.metadata.name, o.handler ?? '', since(o.metadata.creationTimestamp, ctx.nowMs)],
};

// ---- admissionregistration ----

export const webhookConfigurationPrinter: TablePrinter = {
  columns: cols('Name*', 'Webhooks', 'Age'),
  cells: (o, ctx) => [o.metadata.name, String((o.webhooks ?? []).length), since(o.metadata.creationTimestamp, ctx.nowMs)],
};

export const validatingAdmissionPolicyPrinter: TablePrinter = {
  columns: cols('Name*', 'Validations', 'ParamKind', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const pk: Any = o.spec?.paramKind;
    return [
      o.metadata.name,
      String((o.spec?.validations ?? []).length),
      pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>',
      since(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

/** The generated Go String() of a metav1.LabelSelector (what the binding printer shows for a selector paramRef). */
function goLabelSelectorString(ls: Any): string {
  const labels = ls.matchLabels ?? {};
  const keys = Object.keys(labels).sort(byteCompare);
  const m = 'map[string]string{' + keys.map((k) => `${k}: ${labels[k]},`).join('') + '}';
  const exprs =
    '[]LabelSelectorRequirement{' +
    ((ls.matchExpressions ?? []) as Any[])
      .map((e) => `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},Values:[${(e.values ?? []).join(' ')}],},`)
      .join('') +
    '}';
  return `&LabelSelector{MatchLabels:${m},MatchExpressions:${exprs},}`;
}

export const validatingAdmissionPolicyBindingPrinter: TablePrinter = {
  columns: cols('Name*', 'PolicyName', 'ParamRef', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const pr: Any = o.spec?.paramRef;
    let param = '<unset>';
    if (pr) {
      if (pr.name) param = pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
      else if (pr.selector) param = goLabelSelectorString(pr.selector);
    }
    return [o.metadata.name, o.spec?.policyName ?? '', param, since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

// ---- flowcontrol ----

export const flowSchemaPrinter: TablePrinter = {
  columns: cols('Name*', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    const dangling = findCondition(o.status?.conditions, 'Dangling');
    return [
      o.metadata.name,
      spec.priorityLevelConfiguration?.name ?? '',
      int(spec.matchingPrecedence),
      spec.distinguisherMethod ? (spec.distinguisherMethod.type ?? '') : '<none>',
      since(o.metadata.creationTimestamp, ctx.nowMs),
      dangling ? (dangling.status ?? '') : '?',
    ];
  },
};

/** printFlowSchemaList sorts rows by matchingPrecedence, then name (FlowSchemaSequence). */
export function sortFlowSchemas(list: KObject[]): KObject[] {
  return [...list].sort((a, b) => {
    const pa = a.spec?.matchingPrecedence ?? 0;
    const pb = b.spec?.matchingPrecedence ?? 0;
    if (pa !== pb) return pa - pb;
    return byteCompare(a.metadata.name, b.metadata.name);
  });
}

export const priorityLevelConfigurationPrinter: TablePrinter = {
  columns: cols('Name*', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const spec: Any = o.spec ?? {};
    let ncs = '<none>';
    let queues = '<none>';
    let handSize = '<none>';
    let queueLengthLimit = '<none>';
    if (spec.limited) {
      ncs = int(spec.limited.nominalConcurrencyShares);
      const q: Any = spec.limited.limitResponse?.queuing;
      if (q) {
        queues = int(q.queues);
        handSize = int(q.handSize);
        queueLengthLimit = int(q.queueLengthLimit);
      }
    }
    return [o.metadata.name, spec.type ?? '', ncs, queues, handSize, queueLengthLimit, since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

// ---- apiregistration (kube-aggregator's own convertor) ----

/** SERVICE `ns/name` or `Local`; AVAILABLE `True`, `False (Reason)` or `Unknown`. */
export const apiServicePrinter: TablePrinter = {
  columns: cols('Name*', 'Service', 'Available', 'Age'),
  cells(o: KObject, ctx: PrintContext): string[] {
    const svc: Any = o.spec?.service;
    const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
    let status = 'Unknown';
    const c = findCondition(o.status?.conditions, 'Available');
    if (c) {
      if (c.status === 'True') status = String(c.status);
      else if (c.reason) status = `${c.status} (${c.reason})`;
      else status = String(c.status ?? '');
    }
    return [o.metadata.name, service, status, since(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

// ---- built-ins without a printer ----

/**
 * rest.NewDefaultTableConvertor (Role, ClusterRole, LimitRange, CustomResourceDefinition): NAME and
 * CREATED AT, the creation time in RFC 3339 UTC (`0001-01-01T00:00:00Z` for a zero time).
 */
export const createdAtPrinter: TablePrinter = {
  columns: cols('Name*', 'Created At'),
  cells(o: KObject): string[] {
    const t = timeMs(o.metadata.creationTimestamp);
    return [o.metadata.name, o.metadata.creationTimestamp ? rfc3339(t) : '0001-01-01T00:00:00Z'];
  },
};
