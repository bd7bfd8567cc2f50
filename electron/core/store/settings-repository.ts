import { DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES } from '../../../shared/api/ops/evidence';
import type { SqliteDatabase } from './sqlite-binding';

/** Names of the settings kept in the vault, with the type each holds. */
export interface VaultSettings {
  /** Minutes without activity before the vault locks itself; 0 turns auto-lock off. */
  readonly autoLockMinutes: number;
  /** The name written into audit entries; falls back to the merchant profile's contact. */
  readonly preparerName: string;
  /** The largest evidence file accepted, in MiB (1 GiB unless changed). */
  readonly evidenceMaxMebibytes: number;
}

export const DEFAULT_SETTINGS: VaultSettings = {
  autoLockMinutes: 15,
  preparerName: '',
  evidenceMaxMebibytes: DEFAULT_EVIDENCE_SIZE_LIMIT_MEBIBYTES,
};

/** Settings are JSON values by name, inside the encrypted database. */
export class SettingsRepository {
  constructor(private readonly database: SqliteDatabase) {}

  get<K extends keyof VaultSettings>(key: K): VaultSettings[K] {
    const row = this.database
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(key);
    if (row === undefined) return DEFAULT_SETTINGS[key];

    const value: unknown = JSON.parse(row.value);
    return typeof value === typeof DEFAULT_SETTINGS[key]
      ? (value as VaultSettings[K])
      : DEFAULT_SETTINGS[key];
  }

  set<K extends keyof VaultSettings>(key: K, value: VaultSettings[K], now: Date): void {
    this.database
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), now.toISOString());
  }
}

/** Who prepares the assessment: the setting when given, else the latest profile's contact. */
export function preparerName(database: SqliteDatabase): string {
  const configured = new SettingsRepository(database).get('preparerName');
  if (configured.trim() !== '') return configured.trim();

  const contact = database
    .prepare<[], { contact_name: string }>(
      'SELECT contact_name FROM merchant_profiles ORDER BY updated_at DESC LIMIT 1',
    )
    .get();

  return contact?.contact_name.trim() ?? '';
}
