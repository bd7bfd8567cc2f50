import { describe, expect, it } from 'vitest';
import { cloudSyncFolder } from './cloud-sync';

describe('cloudSyncFolder', () => {
  it.each([
    ['/home/pat/Dropbox/pci/vault', 'Dropbox'],
    ['/home/pat/Dropbox (Example Ltd)/vault', 'Dropbox'],
    ['C:\\Users\\pat\\OneDrive - Example Ltd\\pci', 'OneDrive'],
    ['C:\\Users\\pat\\OneDrive\\Documents\\vault', 'OneDrive'],
    ['/Users/pat/Library/CloudStorage/GoogleDrive-pat@example.com/My Drive/vault', 'Google Drive'],
    ['/Users/pat/Library/CloudStorage/OneDrive-Personal/vault', 'OneDrive'],
    ['/Users/pat/Library/Mobile Documents/com~apple~CloudDocs/vault', 'iCloud Drive'],
    ['/home/pat/Nextcloud/vault', 'Nextcloud'],
    ['G:\\My Drive\\vault', 'Google Drive'],
  ])('%s is in %s', (path, provider) => {
    expect(cloudSyncFolder(path)).toBe(provider);
  });

  it.each([
    '/home/pat/.local/share/pci-saq/vault',
    'C:\\Users\\pat\\AppData\\Roaming\\pci-saq\\vault',
    '/home/pat/dropboxes-old/vault',
    '/Users/pat/Library/Application Support/pci-saq/vault',
  ])('%s is not a sync folder', (path) => {
    expect(cloudSyncFolder(path)).toBeNull();
  });
});
