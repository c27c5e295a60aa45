// apiextensions.k8s.io/v1 CustomResourceDefinition validation (apiextensions validation.go): the
// name must be <plural>.<group>, the group a dotted DNS subdomain, the scope Cluster or Namespaced,
// the names given, and every version needs a structural schema with an object root.
import { fieldErr } from '../errors';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { type Any, type Errs, isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from './util';

function validateNames(names: Any, fld: string): Errs {
  const errs: Errs = [];
  const n = names ?? {};
  if (n.plural && isDNS1035Label(n.plural).length) errs.push(fieldErr.invalid(`${fld}.plural`, n.plural, isDNS1035Label(n.plural).join(',')));
  if (n.singular && isDNS1035Label(n.singular).length) errs.push(fieldErr.invalid(`${fld}.singular`, n.singular, isDNS1035Label(n.singular).join(',')));
  for (const k of ['kind', 'listKind'] as const) {
    const v = n[k];
    if (v && isDNS1035Label(String(v).toLowerCase()).length) errs.push(fieldErr.invalid(`${fld}.${k}`, v, `may have mixed case, but should otherwise match: ${isDNS1035Label(String(v).toLowerCase()).join(',')}`));
  }
  (n.shortNames ?? []).forEach((s: string, i: number) => {
    if (isDNS1035Label(s).length) errs.push(fieldErr.invalid(`${fld}.shortNames[${i}]`, s, isDNS1035Label(s).join(',')));
  });
  if (n.kind && n.kind === n.listKind) errs.push(fieldErr.invalid(`${fld}.listKind`, n.listKind, 'kind and listKind may not be the same'));
  (n.categories ?? []).forEach((c: string, i: number) => {
    if (isDNS1035Label(c).length) errs.push(fieldErr.invalid(`${fld}.categories[${i}]`, c, isDNS1035Label(c).join(',')));
  });
  return errs;
}

/** Structural schema basics: a type everywhere a property is declared, an object at the root. */
function validateSchema(schema: Any, fld: string, root: boolean): Errs {
  const errs: Errs = [];
  if (!schema || typeof schema !== 'object') return errs;
  const typeless = schema['x-kubernetes-int-or-string'] === true || schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (root) {
    if (!schema.type) errs.push(fieldErr.required(`${fld}.type`, 'must not be empty at the root'));
    else if (schema.type !== 'object') errs.push(fieldErr.notSupported(`${fld}.type`, schema.type, ['object']));
  } else if (!schema.type && !typeless) errs.push(fieldErr.required(`${fld}.type`, 'must not be empty for specified object fields'));
  for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Any>)) errs.push(...validateSchema(v, `${fld}.properties[${k}]`, false));
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) errs.push(...validateSchema(schema.items, `${fld}.items`, false));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errs.push(...validateSchema(schema.additionalProperties, `${fld}.additionalProperties`, false));
  return errs;
}

function validateSpec(spec0: Any): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  if (!spec.group) errs.push(fieldErr.required('spec.group', ''));
  else if (isDNS1123Subdomain(spec.group).length) errs.push(fieldErr.invalid('spec.group', spec.group, isDNS1123Subdomain(spec.group).join(',')));
  else if (String(spec.group).split('.').length < 2) errs.push(fieldErr.invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) errs.push(fieldErr.required('spec.scope', ''));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errs.push(fieldErr.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions: Any[] = spec.versions ?? [];
  versions.forEach((v, i) => {
    if (isDNS1035Label(v?.name ?? '').length) errs.push(fieldErr.invalid(`spec.versions[${i}].name`, v?.name ?? '', isDNS1035Label(v?.name ?? '').join(',')));
  });
  const names = spec.names ?? {};
  for (const k of ['plural', 'singular', 'kind', 'listKind'] as const) if (!names[k]) errs.push(fieldErr.required(`spec.names.${k}`, ''));
  errs.push(...validateNames(names, 'spec.names'));
  versions.forEach((v, i) => {
    const schema = v?.schema?.openAPIV3Schema;
    const fld = `spec.versions[${i}].schema.openAPIV3Schema`;
    if (!schema) errs.push(fieldErr.required(fld, 'schemas are required'));
    else errs.push(...validateSchema(schema, fld, true));
  });
  return errs;
}

export function validateCustomResourceDefinition(crd: Any, old: Any | null): Errs {
  const spec = crd.spec ?? {};
  const required = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  const nameFn = (name: string, prefix: boolean) => {
    const msgs = nameIsDNSSubdomain(name, prefix);
    if (name !== required) msgs.push('must be spec.names.plural+"."+spec.group');
    return msgs;
  };
  const errs = old ? validateObjectMetaUpdate(crd.metadata, old.metadata) : validateObjectMeta(crd.metadata, { namespaced: false, nameFn });
  errs.push(...validateSpec(spec));
  if (old) {
    const os = old.spec ?? {};
    if (spec.group !== os.group) errs.push(fieldErr.invalid('spec.group', spec.group ?? '', 'field is immutable'));
    if (spec.names?.plural !== os.names?.plural) errs.push(fieldErr.invalid('spec.names.plural', spec.names?.plural ?? '', 'field is immutable'));
    if (spec.scope !== os.scope) errs.push(fieldErr.invalid('spec.scope', spec.scope ?? '', 'field is immutable'));
    if (spec.names?.kind !== os.names?.kind) errs.push(fieldErr.invalid('spec.names.kind', spec.names?.kind ?? '', 'field is immutable'));
  }
  return errs;
}
