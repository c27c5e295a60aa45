// Errors a user can cause. Each renders the text kubectl prints on stderr; the CLI exits 1.
// Shapes follow apimachinery's api/errors + util/validation/field and kubectl's CheckErr.

/** Base class: anything thrown with this type is a user-facing error, never a stack trace. */
export class KubeError extends Error {
  exitCode = 1;
  /** Text written to stderr (without the trailing newline). */
  render(): string {
    return this.message;
  }
}

/** A plain client-side error: `error: <message>` (kubectl adds the prefix unless present). */
export class CliError extends KubeError {
  constructor(message: string) {
    super(message);
  }
  override render(): string {
    return this.message.startsWith('error: ') ? this.message : `error: ${this.message}`;
  }
}

/** Printed verbatim (cobra usage errors, multi-line messages that carry their own prefix). */
export class RawError extends KubeError {
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'InternalError'
  | 'Gone'
  | 'Timeout';

const codes: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  InternalError: 500,
  Gone: 410,
  Timeout: 504,
};

/** An API (Status) error: `Error from server (<Reason>): <message>`. */
export class StatusError extends KubeError {
  readonly reason: StatusReason;
  readonly code: number;
  constructor(reason: StatusReason, message: string) {
    super(message);
    this.reason = reason;
    this.code = codes[reason];
  }
  /** Returns a copy whose message is wrapped the way kubectl's resource builder wraps file sources. */
  withContext(prefix: string): StatusError {
    return new StatusError(this.reason, `${prefix}${this.message}`);
  }
  override render(): string {
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

/** `<resource>[.<group>]` as used in NotFound/AlreadyExists messages, e.g. `deployments.apps`. */
export function groupResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function notFound(plural: string, group: string, name: string): StatusError {
  return new StatusError('NotFound', `${groupResource(plural, group)} "${name}" not found`);
}

export function alreadyExists(plural: string, group: string, name: string): StatusError {
  return new StatusError('AlreadyExists', `${groupResource(plural, group)} "${name}" already exists`);
}

export function conflict(plural: string, group: string, name: string): StatusError {
  return new StatusError(
    'Conflict',
    `Operation cannot be fulfilled on ${groupResource(plural, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

// ---- field errors (apimachinery util/validation/field) ----

export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'NotSupported'
  | 'Forbidden'
  | 'Duplicate'
  | 'TooLong'
  | 'TooMany'
  | 'NotFound'
  | 'Internal';

/** Go's %q-ish quoting for a string value. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Renders a value the way field.Error does in 1.32 (%#v-like for strings/numbers/bools). Callers with
 * Go structs or maps pass a pre-rendered string through `raw()`.
 */
export function goValue(v: unknown): string {
  if (v instanceof RawValue) return v.text;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

export class RawValue {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new RawValue(text);

/** Go's `map[string]string{"a":"b"}` rendering (keys sorted, as fmt does). */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k]!)}`).join(', ')}}`;
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly value?: unknown,
    readonly detail?: string,
    readonly supported?: string[],
  ) {}

  body(): string {
    switch (this.type) {
      case 'Required':
        return this.detail ? `Required value: ${this.detail}` : 'Required value';
      case 'Invalid': {
        let s = `Invalid value: ${goValue(this.value)}`;
        if (this.detail) s += `: ${this.detail}`;
        return s;
      }
      case 'NotSupported': {
        let s = `Unsupported value: ${goValue(this.value)}`;
        if (this.supported && this.supported.length) s += `: supported values: ${this.supported.map(goQuote).join(', ')}`;
        return s;
      }
      case 'Forbidden':
        return this.detail ? `Forbidden: ${this.detail}` : 'Forbidden';
      case 'Duplicate':
        return `Duplicate value: ${goValue(this.value)}`;
      case 'TooLong':
        return this.detail ? `Too long: ${this.detail}` : 'Too long';
      case 'TooMany':
        return this.detail ? `Too many: ${this.detail}` : 'Too many';
      case 'NotFound':
        return `Not found: ${goValue(this.value)}`;
      case 'Internal':
        return `Internal error: ${this.detail ?? ''}`;
    }
  }

  toString(): string {
    return `${this.field}: ${this.body()}`;
  }
}

export const fieldErr = {
  required: (field: string, detail?: string) => new FieldError('Required', field, undefined, detail),
  invalid: (field: string, value: unknown, detail?: string) => new FieldError('Invalid', field, value, detail),
  notSupported: (field: string, value: unknown, supported: string[]) =>
    new FieldError('NotSupported', field, value, undefined, supported),
  forbidden: (field: string, detail: string) => new FieldError('Forbidden', field, undefined, detail),
  duplicate: (field: string, value: unknown) => new FieldError('Duplicate', field, value),
  tooLong: (field: string, detail: string) => new FieldError('TooLong', field, undefined, detail),
  tooMany: (field: string, detail: string) => new FieldError('TooMany', field, undefined, detail),
  notFound: (field: string, value: unknown) => new FieldError('NotFound', field, value),
};

/**
 * 422 Invalid. kubectl renders it as `The <Kind> "<name>" is invalid: <cause>` or, with several causes,
 * a first line ending in a space and one `* <cause>` line each (duplicates removed).
 */
export class InvalidError extends KubeError {
  readonly reason = 'Invalid';
  constructor(
    readonly kind: string,
    readonly group: string,
    override readonly name: string,
    readonly causes: FieldError[],
  ) {
    super(`${kind} ${goQuote(name)} is invalid`);
  }
  override render(): string {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const c of this.causes) {
      const s = c.toString();
      if (!seen.has(s)) {
        seen.add(s);
        lines.push(s);
      }
    }
    // NewInvalid formats the name with %q
    if (lines.length === 1) return `The ${this.kind} ${goQuote(this.name)} is invalid: ${lines[0]}`;
    return `The ${this.kind} ${goQuote(this.name)} is invalid: \n${lines.map((l) => `* ${l}`).join('\n')}`;
  }
  /** The server-side Status message (`Deployment.apps "x" is invalid: [a, b]`), used inside events. */
  statusMessage(): string {
    const kindGroup = this.group ? `${this.kind}.${this.group}` : this.kind;
    const list = [...new Set(this.causes.map((c) => c.toString()))];
    return `${kindGroup} ${goQuote(this.name)} is invalid: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;
  }
}

/** Several independent errors, printed one per line (kubectl's aggregate rendering). */
export class AggregateError extends KubeError {
  constructor(readonly kubeErrors: KubeError[]) {
    super(kubeErrors.map((e) => e.render()).join('\n'));
  }
  override render(): string {
    return this.kubeErrors.map((e) => e.render()).join('\n');
  }
}

export function isKubeError(e: unknown): e is KubeError {
  return e instanceof KubeError;
}
