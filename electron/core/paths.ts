import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's data folder when none is given: the platform's usual place for
 * per-user application data. The desktop app passes Electron's userData
 * folder instead; browser mode and the CLI use this or PCI_SAQ_DATA_DIR.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const override = env['PCI_SAQ_DATA_DIR'];
  if (override !== undefined && override !== '') return override;

  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'pci-saq');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'pci-saq');
    default:
      return join(env['XDG_DATA_HOME'] ?? join(home, '.local', 'share'), 'pci-saq');
  }
}

export interface VaultPaths {
  readonly dir: string;
  readonly database: string;
  readonly keyFile: string;
  readonly lockFile: string;
}

/** The vault lives in its own folder: the database, its key file and its lock. */
export function vaultPaths(vaultDir: string): VaultPaths {
  return {
    dir: vaultDir,
    database: join(vaultDir, 'vault.db'),
    keyFile: join(vaultDir, 'vault.key'),
    lockFile: join(vaultDir, 'vault.lock'),
  };
}

export function defaultVaultDir(dataDir: string): string {
  return join(dataDir, 'vault');
}
