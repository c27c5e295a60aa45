// A faithful port of the *algorithm* of Go's text/tabwriter (elastic tabstops), which kubectl uses for
// every table (`get`: minwidth 6, padding 3) and for `describe` (minwidth 0, padding 2).
//
// Input is text whose cells are terminated by '\t' and lines by '\n'. The text after the last tab of a
// line is not part of a column and is never padded. A column's width is computed over each maximal run
// of consecutive lines that have a tab-terminated cell in that column.

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

export const GET_TABLE: TabwriterOptions = { minWidth: 6, padding: 3 };
export const DESCRIBE: TabwriterOptions = { minWidth: 0, padding: 2 };

/** Display width: code points, with East Asian wide characters counted as one like Go's tabwriter. */
function width(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++; // surrogate pair = one rune
    n++;
  }
  return n;
}

export function tabwrite(text: string, opts: TabwriterOptions = GET_TABLE): string {
  const endsWithNewline = text.endsWith('\n');
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines: string[][] = rawLines.map((l) => l.split('\t'));
  const cellWidths: number[][] = lines.map((cells) => cells.map(width));
  const out: string[] = new Array(lines.length);
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        s += c;
        if (j < widths.length && j < cells.length - 1) {
          const pad = widths[j]! - cellWidths[i]![j]!;
          if (pad > 0) s += ' '.repeat(pad);
        }
      }
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      // A cell exists in this column: lines line0..t-1 are finished at the current depth.
      writeLines(line0, t);
      line0 = t;
      let w = opts.minWidth;
      for (; t < line1; t++) {
        if (column >= lines[t]!.length - 1) break;
        const cw = cellWidths[t]![column]! + opts.padding;
        if (cw > w) w = cw;
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      // like Go, the loop increment steps over line t, which has no cell in this column
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Convenience: rows of cells → aligned text (each row ends with a newline). */
export function tabulate(rows: string[][], opts: TabwriterOptions = GET_TABLE): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', opts);
}
