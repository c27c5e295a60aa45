// Shapes shared by the table printers (re-exported from ../columns).
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';

export interface ColumnDef {
  /** Column name as the server defines it (`Up-to-date`, `Port(s)`); the caller upper-cases it. */
  name: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
  /**
   * `name` marks the column kubectl prefixes with `kind[.group]/` (the first column whose format is
   * `name` and type string, looked up among *all* columns, wide ones included — so `get events`
   * gets the prefix only in its wide NAME column).
   */
  format?: 'name';
}

export interface TablePrinter {
  columns: ColumnDef[];
  /**
   * One cell per entry of `columns`, wide ones included (the API server always builds its tables
   * with `Wide: true`; kubectl drops priority-1 cells itself when not printing `-o wide`).
   */
  cells(obj: KObject, ctx: PrintContext): string[];
}
