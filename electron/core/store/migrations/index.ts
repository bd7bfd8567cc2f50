/**
 * Every schema migration, one export per line. To add one, create the next
 * numbered file beside this one (exporting a `Migration` whose `version` is
 * the next number) and add one line here. `migrate.ts` orders them by
 * version and refuses gaps, so the order of these lines does not matter.
 */
export { initialSchema } from './0001-initial-schema';
export { evidenceSchema } from './0002-evidence';
