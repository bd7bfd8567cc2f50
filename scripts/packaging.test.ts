import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder cannot run here (it downloads Electron), so its
 * configuration is checked the way electron-builder itself checks it before
 * a build: against its bundled JSON schema.
 */

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (
    config: unknown,
    debug: { isEnabled: boolean; add: () => void },
  ) => Promise<void>;
};
const debug = { isEnabled: false, add: () => undefined };

function builderConfig(): Record<string, unknown> {
  return yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(builderConfig(), debug)).resolves.toBeUndefined();
  });

  it('the validation does reject a wrong option (so the check above means something)', async () => {
    await expect(
      validateConfiguration({ ...builderConfig(), electronFuses: { runAsNod: false } }, debug),
    ).rejects.toThrow();
  });

  it('sets every hardening fuse', () => {
    expect(builderConfig()['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('builds for Linux, Windows and macOS', () => {
    const config = builderConfig() as Record<string, { target: string[] }>;
    expect(config['linux']?.target).toEqual(['AppImage', 'deb']);
    expect(config['win']?.target).toEqual(['nsis']);
    expect(config['mac']?.target).toEqual(['dmg']);
  });
});

describe('the built preload', () => {
  it('requires nothing but electron (a sandboxed preload cannot load modules)', () => {
    const bundle = readFileSync(join(root, 'out', 'preload', 'index.cjs'), 'utf8');
    const required = [...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });
});
