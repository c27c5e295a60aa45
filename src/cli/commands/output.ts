// -o for verbs that print the objects they changed (create, apply, scale, label, patch…).
import { kindName } from '../common';
import { listWrapper } from '../printing';
import { toJson, toYaml, goJson } from '../manifests';
import { parseJsonPath, executeJsonPath, executeJsonPathAsJson } from '../../printers/jsonpath';
import type { KindInfo } from '../../api/registry';
import type { KObject } from '../../api/types';
import { CliError } from '../../api/errors';

/**
 * `clientSide`: the objects were built by the client (typed create with --dry-run=client), so JSON
 * keeps Go struct order instead of the server's sorted keys.
 */
export function renderObjectOutput(items: { info: KindInfo; obj: KObject }[], output: string, clientSide: boolean, opts: { printerPerObject?: boolean } = {}): string {
  const kind = output.split('=')[0]!;
  const arg = output.includes('=') ? output.slice(output.indexOf('=') + 1) : '';
  const data = items.length === 1 ? items[0]!.obj : listWrapper(items.map((i) => i.obj));
  switch (kind) {
    case 'name':
      return items.map((i) => `${kindName(i.info, i.obj.metadata.name)}\n`).join('');
    case 'yaml':
      // one printer for several objects separates them with `---` (label builds one printer per object)
      return items.map((i) => toYaml(i.obj)).join(opts.printerPerObject ? '' : '---\n');
    case 'json':
      return items.map((i) => (clientSide ? goJson(i.obj) : toJson(i.obj))).join('');
    case 'jsonpath':
    case 'jsonpath-as-json':
      return (kind === 'jsonpath-as-json' ? executeJsonPathAsJson : executeJsonPath)(parseJsonPath(arg), data, { allowMissingKeys: true, floatNumbers: clientSide });
  }
  throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
}
