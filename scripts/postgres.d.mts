// Types of postgres.mjs (plain JavaScript so setup can run it before node_modules exists).

export const PG_WHEEL: string;
export const PG_ROOT: string;
export const PG_INSTALL: string;

export interface TestPostgres {
  url: string;
  port: number;
  /** Runs one SQL command through the install's psql; returns its unaligned output. */
  psql(sql: string): string;
  serverLog(): string;
  stop(): Promise<void>;
}

/** Downloads and unpacks the wheel when .postgres/ holds no server from it; true when it installed. */
export function installPostgres(run: (command: string, args: string[], what: string) => void, log: (message: string) => void): boolean;
/** Starts a throwaway server on 127.0.0.1 and a free port; `stop()` removes its data. */
export function startPostgres(options?: { emulateCpu?: string }): Promise<TestPostgres>;
/** Computes a pgvector distance on the installed server once; throws a plain reason when it cannot. */
export function checkPgvector(options?: { force?: boolean; emulateCpu?: string }): Promise<string>;
