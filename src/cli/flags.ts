// Flag sets shared by several verbs (as kubectl's genericclioptions are).
import type { FlagSpec } from './spec';

export const outputFlag = (formats = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file'): FlagSpec => ({
  name: 'output',
  short: 'o',
  type: 'string',
  default: "''",
  desc: `Output format. One of: (${formats}).`,
});

export const filenameFlags = (what: string): FlagSpec[] => [
  { name: 'filename', short: 'f', type: 'strings', default: '[]', desc: `Filename, directory, or URL to files ${what}.` },
  { name: 'recursive', short: 'R', type: 'bool', default: false, desc: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  { name: 'kustomize', short: 'k', type: 'string', default: "''", desc: 'Process a kustomization directory. This flag can\'t be used together with -f or -R.', hidden: true },
];

export const selectorFlag: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  default: "''",
  desc: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
};

export const fieldSelectorFlag: FlagSpec = {
  name: 'field-selector',
  type: 'string',
  default: "''",
  desc: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
};

export const allNamespacesFlag: FlagSpec = {
  name: 'all-namespaces',
  short: 'A',
  type: 'bool',
  default: false,
  desc: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};

export const dryRunFlag: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: "'none'",
  desc: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export const validateFlag: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: "'strict'",
  desc: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

export const fieldManagerFlag = (def: string): FlagSpec => ({ name: 'field-manager', type: 'string', default: `'${def}'`, desc: 'Name of the manager used to track field ownership.' });

export const templateFlags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, desc: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'show-managed-fields', type: 'bool', default: false, desc: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', default: "''", desc: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].', hidden: true },
];

export const recordFlag: FlagSpec = { name: 'record', type: 'bool', default: false, desc: 'Record current kubectl command in the resource annotation.', hidden: true };

export const saveConfigFlag: FlagSpec = {
  name: 'save-config',
  type: 'bool',
  default: false,
  desc: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.",
};
