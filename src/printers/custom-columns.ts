// `kubectl get -o custom-columns=` and `-o custom-columns-file=` (kubectl pkg/cmd/get/customcolumn.go,
// release-1.32): relaxed JSONPath per column, missing keys allowed, every value of the column's results
// printed with Go's %v (maps as map[k:v], lists as [a b]) and joined with ",", "<none>" when there is none,
// rows aligned by the same tabwriter as `get` tables.

import { CliError } from '../api/errors';
import {
  compile,
  findResults,
  goSprint,
  JsonPathError,
  relaxedJsonPathExpression,
  type JsonPathTemplate,
} from './jsonpath';
import { GET_TABLE, tabwrite } from './tabwriter';

export interface CustomColumn {
  /** Header text, printed verbatim. */
  header: string;
  /** The relaxed expression turned into a full template, e.g. `{.metadata.name}` ("" for an empty spec). */
  fieldSpec: string;
}

/** An error after part of the table was written; kubectl's deferred tabwriter Flush still prints it. */
export class CustomColumnsError extends CliError {
  constructor(
    message: string,
    readonly partialOutput: string,
  ) {
    super(message);
  }
}

/**
 * Parses `NAME:.metadata.name,IMAGE:.spec.containers[*].image` (NewCustomColumnsPrinterFromSpec). The
 * spec is split on every "," (so a union like `[0,1]` cannot be used) and each part on the first ":".
 */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new CliError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new CliError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

const TEMPLATE_HINT =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/**
 * Parses a `-o custom-columns-file=` template (NewCustomColumnsPrinterFromTemplate): the first line holds
 * whitespace-separated headers, the second the matching whitespace-separated expressions; further lines
 * are ignored. Example:
 *
 *     NAME          IMAGE
 *     .metadata.name .spec.containers[0].image
 *
 * kubectl always prints headers for this format (--no-headers is not applied to it).
 */
export function customColumnsFromFile(text: string): CustomColumn[] {
  const lines = scanLines(text);
  if (lines.length < 1) throw new CliError(`invalid template, missing header line. ${TEMPLATE_HINT}`);
  const headers = splitOnWhitespace(lines[0]!);
  if (lines.length < 2) throw new CliError(`invalid template, missing spec line. ${TEMPLATE_HINT}`);
  const specs = splitOnWhitespace(lines[1]!);
  if (headers.length !== specs.length) {
    throw new CliError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, ix) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[ix]!) }));
}

/** bufio.ScanLines: "\n"-terminated lines, a trailing "\r" dropped, no empty final token. */
function scanLines(text: string): string[] {
  if (text.length === 0) return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** bufio.ScanWords: fields separated by Unicode white space. */
function splitOnWhitespace(line: string): string[] {
  return line.split(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter((w) => w.length > 0);
}

/**
 * Go's tabwriter treats a form feed in a value like a newline that also ends the current block of
 * aligned columns: each block is aligned on its own.
 */
function tabwriteFormFeeds(text: string): string {
  const parts = text.split('\f');
  return parts.map((p, i) => tabwrite(i < parts.length - 1 ? p + '\n' : p, GET_TABLE)).join('');
}

/** printers.EscapeTerminal */
function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/**
 * Renders objects as kubectl's CustomColumnsPrinter does for one list: the header row (unless noHeaders),
 * then one row per object. `spec` is the `-o custom-columns=` argument or already parsed columns (e.g. from
 * customColumnsFromFile). On an error after output began (a column that fails to parse, an index out of
 * bounds) it throws CustomColumnsError carrying the rows written so far, which kubectl still prints.
 */
export function printCustomColumns(
  spec: string | CustomColumn[],
  objects: unknown[],
  opts: { noHeaders: boolean },
): string {
  const columns = typeof spec === 'string' ? parseCustomColumnsSpec(spec) : spec;
  const lines: string[] = [];
  const flush = () => (lines.length === 0 ? '' : tabwriteFormFeeds(lines.join('\n') + '\n'));
  const fail = (e: unknown): never => {
    if (e instanceof JsonPathError) throw new CustomColumnsError(e.message, flush());
    throw e;
  };
  if (!opts.noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  let templates: JsonPathTemplate[] = [];
  try {
    templates = columns.map((c) => compile(c.fieldSpec));
  } catch (e) {
    fail(e);
  }
  const ctx = { allowMissingKeys: true, floatNumbers: false };
  for (const obj of objects) {
    const cells: string[] = [];
    for (const tpl of templates) {
      let values: unknown[][] = [];
      try {
        values = findResults(tpl, obj, ctx);
      } catch (e) {
        fail(e);
      }
      const strs: string[] = [];
      if (values.length === 0 || values[0]!.length === 0) strs.push('<none>');
      for (const group of values) for (const v of group) strs.push(escapeTerminal(goSprint(v)));
      cells.push(strs.join(','));
    }
    lines.push(cells.join('\t'));
  }
  return flush();
}
