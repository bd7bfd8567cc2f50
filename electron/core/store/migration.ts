import type { SqliteDatabase } from './sqlite-binding';

/**
 * One step of the schema. `version` is the `user_version` the database has
 * after the step; `up` runs inside the transaction that also sets it, so a
 * crash leaves the database at the version before or after, never between.
 * A migration, once released, never changes: later needs get a new one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(database: SqliteDatabase): void;
}
