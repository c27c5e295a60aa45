// Custom resources against their CRD's structural schema (apiextensions-apiserver): unknown fields
// are pruned — or, with fieldValidation=Strict (kubectl's default --validate=strict), rejected with
// the strict decoding error — schema defaults are applied, and values are validated for type,
// required properties, enum, minimum/maximum and pattern, with kube-openapi's messages.
import { fieldErr, StatusError, type FieldError } from './errors';
import { fieldWarnings, strictDecodingError } from './schema';
import type { KObject } from './types';
import type { KindInfo } from './registry';
import type { Store } from '../store/store';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = Record<string, any>;

export const CRD_GK = 'CustomResourceDefinition.apiextensions.k8s.io';

export function crdForKind(store: Store, info: KindInfo): KObject | undefined {
  return store.list(CRD_GK).find((c) => c.spec?.group === info.group && (c.status?.acceptedNames?.kind ?? c.spec?.names?.kind) === info.kind);
}

function versionOf(crd: KObject, version: string): Schema | undefined {
  return (crd.spec?.versions ?? []).find((v: { name: string }) => v.name === version);
}

export function schemaFor(crd: KObject, version: string): Schema | undefined {
  return versionOf(crd, version)?.schema?.openAPIV3Schema;
}

export function hasStatusSubresource(crd: KObject, version: string): boolean {
  return !!versionOf(crd, version)?.subresources?.status;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Structural pruning: removes fields the schema does not declare, returning their paths. */
export function prune(schema: Schema, value: unknown, path: string, unknown: string[], root: boolean): void {
  if (isPlainObject(value)) {
    const props: Schema | undefined = schema.properties;
    const ap = schema.additionalProperties;
    const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = schema['x-kubernetes-embedded-resource'] === true;
    for (const key of Object.keys(value)) {
      if ((root || embedded) && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
      const child = value[key];
      if (props && key in props) prune(props[key], child, join(path, key), unknown, false);
      else if (isPlainObject(ap)) prune(ap, child, join(path, key), unknown, false);
      else if (ap === true || preserve) continue;
      else {
        unknown.push(join(path, key));
        delete value[key];
      }
    }
    return;
  }
  if (Array.isArray(value) && isPlainObject(schema.items)) value.forEach((v, i) => prune(schema.items, v, `${path}[${i}]`, unknown, false));
}

/** Schema defaults for absent properties (defaulting runs after pruning, as on decode). */
export function applySchemaDefaults(schema: Schema, value: unknown): void {
  if (isPlainObject(value)) {
    const props: Schema = schema.properties ?? {};
    for (const [key, s] of Object.entries(props)) {
      if (!(key in value) && s && 'default' in s) value[key] = JSON.parse(JSON.stringify(s.default));
      if (key in value) applySchemaDefaults(s, value[key]);
    }
    if (isPlainObject(schema.additionalProperties)) for (const k of Object.keys(value)) if (!(k in props)) applySchemaDefaults(schema.additionalProperties, value[k]);
    return;
  }
  if (Array.isArray(value) && isPlainObject(schema.items)) for (const v of value) applySchemaDefaults(schema.items, v);
}

/** The JSON type name kube-openapi reports for a value. */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
  }
  return true;
}

/** Schema validation of a (pruned) value. */
export function validateAgainstSchema(schema: Schema, value: unknown, path: string, errs: FieldError[], root = false): void {
  if (value === null || value === undefined) {
    if (value === null && !schema.nullable && schema.type) errs.push(fieldErr.invalid(path, 'null', `${path} in body must be of type ${schema.type}: "null"`));
    return;
  }
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (intOrString) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) errs.push(fieldErr.invalid(path, typeName(value), `${path} in body must be of type integer,string: "${typeName(value)}"`));
  } else if (schema.type && !typeMatches(schema.type, value)) {
    errs.push(fieldErr.invalid(path, typeName(value), `${path} in body must be of type ${schema.type}: "${typeName(value)}"`));
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
    errs.push(fieldErr.notSupported(path, value, schema.enum.map((e: unknown) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum))
      errs.push(fieldErr.invalid(path, value, `${path} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`));
    if (typeof schema.minimum === 'number' && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum))
      errs.push(fieldErr.invalid(path, value, `${path} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`));
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(schema.pattern, 'u');
    } catch {
      re = undefined;
    }
    if (re && !re.test(value)) errs.push(fieldErr.invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  }
  if (isPlainObject(value)) {
    for (const r of (schema.required ?? []) as string[]) if (!(r in value)) errs.push(fieldErr.required(join(path, r), ''));
    const props: Schema = schema.properties ?? {};
    for (const [key, s] of Object.entries(props)) if (key in value && !(root && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) validateAgainstSchema(s, value[key], join(path, key), errs);
    if (isPlainObject(schema.additionalProperties)) for (const k of Object.keys(value)) if (!(k in props)) validateAgainstSchema(schema.additionalProperties, value[k], join(path, k), errs);
  } else if (Array.isArray(value) && isPlainObject(schema.items)) value.forEach((v, i) => validateAgainstSchema(schema.items, v, `${path}[${i}]`, errs));
}

/**
 * Decoding of a custom resource as the server does it: strict unknown-field errors (or pruning and
 * warnings), then defaults. Mutates `obj`. Throws the BadRequest of a strict decode.
 */
export function decodeCustomResource(store: Store, info: KindInfo, obj: KObject, mode: 'Strict' | 'Warn' | 'Ignore', warnings?: string[]): void {
  const crd = crdForKind(store, info);
  if (!crd) return;
  const schema = schemaFor(crd, info.version);
  if (!schema) return;
  const unknown: string[] = [];
  prune(schema, obj, '', unknown, true);
  if (unknown.length) {
    const check = { unknown, duplicate: [] as string[] };
    if (mode === 'Strict') throw new StatusError('BadRequest', strictDecodingError(info.kind, info.version, check)!);
    if (mode === 'Warn' && warnings) warnings.push(...fieldWarnings(check));
  }
  applySchemaDefaults(schema, obj);
}

/** The field errors of a custom resource against its schema. */
export function validateCustomResource(store: Store, info: KindInfo, obj: KObject): FieldError[] {
  const crd = crdForKind(store, info);
  const schema = crd ? schemaFor(crd, info.version) : undefined;
  if (!schema) return [];
  const errs: FieldError[] = [];
  validateAgainstSchema(schema, obj, '', errs, true);
  return errs;
}
