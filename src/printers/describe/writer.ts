// kubectl's describe PrefixWriter over a Go tabwriter (minwidth 0, padding 2), as pkg/describe does it:
// every Write prefixes two spaces per level, terminal escape characters are neutralised
// (cli-runtime printers.WriteEscaped: ESC → "^[", CR → "\r"), and Flush() aligns what was written so
// far on its own (DescribeEvents flushes before the Events table). The whole text is aligned at the end.
import { tabwrite, DESCRIBE } from '../tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

function escapeTerminal(s: string): string {
  if (s.indexOf('\x1b') < 0 && s.indexOf('\r') < 0) return s;
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export interface Writer {
  /** Writes text after 2×level spaces of indentation. */
  write(level: number, text: string): void;
  /** Writes an entire line (Go fmt.Sprintln of one operand). */
  writeLine(text?: string): void;
  /** Aligns and emits everything written so far. */
  flush(): void;
}

export class PrefixWriter implements Writer {
  private buf = '';
  private done: string[] = [];

  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + escapeTerminal(text);
  }

  writeLine(text = ''): void {
    this.buf += escapeTerminal(text + '\n');
  }

  flush(): void {
    if (this.buf) this.done.push(tabwrite(this.buf, DESCRIBE));
    this.buf = '';
  }

  /** tabbedString: the aligned output. */
  finish(): string {
    this.flush();
    return this.done.join('');
  }
}

/** nestedPrefixWriter: raises every level by `indent`. */
export class NestedPrefixWriter implements Writer {
  constructor(
    private readonly inner: Writer,
    private readonly indent: number,
  ) {}

  write(level: number, text: string): void {
    this.inner.write(level + this.indent, text);
  }

  writeLine(text = ''): void {
    this.inner.write(this.indent, text + '\n');
  }

  flush(): void {
    this.inner.flush();
  }
}

/** Runs a describer body against a fresh writer and returns the aligned text. */
export function tabbed(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.finish();
}
