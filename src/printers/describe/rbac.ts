// Role, ClusterRole, RoleBinding and ClusterRoleBinding describers (RoleDescriber etc. of kubectl, with
// rbac.BreakdownRule / CompactRules / SortableRuleSlice). None of them shows events.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, tabbed } from './writer';
import { goSlice, goStr, printAnnotationsMultiline, printLabelsMultiline } from './common';

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** BreakdownRule: one verb, one resource, one resource name per rule. */
export function breakdown(r: any): Rule[] {
  const out: Rule[] = [];
  const verbs: string[] = r.verbs ?? [];
  for (const g of r.apiGroups ?? []) {
    for (const res of r.resources ?? []) {
      for (const v of verbs) {
        if ((r.resourceNames ?? []).length > 0) {
          for (const n of r.resourceNames) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n], nonResourceURLs: [] });
        } else {
          out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [], nonResourceURLs: [] });
        }
      }
    }
  }
  for (const url of r.nonResourceURLs ?? []) for (const v of verbs) out.push({ apiGroups: [], resources: [], verbs: [v], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/** CompactRules: merge simple single-group/single-resource rules that differ only in verbs. */
export function compact(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else {
      simple.set(key, { ...r, verbs: [...r.verbs] });
    }
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String(), the sort key of SortableRuleSlice. */
export function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `resource.group/subresource`. */
export function combineResourceGroup(resource: string[], group: string[]): string {
  if (resource.length === 0) return '';
  const parts = resource[0]!.split('/');
  let combine = parts[0]!;
  if (group.length > 0 && group[0] !== '') combine = `${combine}.${group[0]}`;
  if (parts.length >= 2) combine = `${combine}/${parts.slice(1).join('/')}`;
  return combine;
}

export function describeRole(role: KObject): string {
  const rules = compact((role.rules ?? []).flatMap(breakdown));
  const keyed = rules.map((r, i) => ({ r, i, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', role.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', role.metadata.annotations);
    w.write(LEVEL_0, 'PolicyRule:\n');
    w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
    for (const { r } of keyed) {
      w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`);
    }
  });
}

export function describeRoleBinding(b: KObject): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', b.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', b.metadata.annotations);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${goStr(b.roleRef?.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${goStr(b.roleRef?.name)}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of b.subjects ?? []) w.write(LEVEL_1, `${goStr(s.kind)}\t${goStr(s.name)}\t${goStr(s.namespace)}\n`);
  });
}
