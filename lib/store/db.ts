/**
 * The little the SQL store needs from a connection, so the one SQL runs on PGlite and on a PostgreSQL server:
 * parameterized queries answering rows, multi-statement scripts, and transactions.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements, without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * `COPY <table> (<columns>) FROM ... (FORMAT binary)` of `data`, where the driver can feed it (PGlite's
   * /dev/blob); absent where it cannot, and the store writes the same rows with INSERT instead.
   */
  copyBinary?(table: string, columns: string, data: Uint8Array): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
