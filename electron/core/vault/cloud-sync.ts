/**
 * Folders that a sync client uploads. A vault inside one is copied to a
 * server (encrypted, but with its key file beside it, so only the
 * passphrase protects it), and a sync client that copies the database while
 * it is being written can hand back a torn copy. The page warns about both.
 */
const SYNC_FOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^dropbox( \(.+\))?$/i, 'Dropbox'],
  [/^onedrive( - .+)?$/i, 'OneDrive'],
  [/^(google ?drive|my drive|googledrive)$/i, 'Google Drive'],
  [/^(icloud ?drive|mobile documents|iclouddrive)$/i, 'iCloud Drive'],
  [/^box( sync)?$/i, 'Box'],
  [/^pcloud ?drive$/i, 'pCloud'],
  [/^mega(sync)?$/i, 'MEGA'],
  [/^nextcloud$/i, 'Nextcloud'],
  [/^owncloud$/i, 'ownCloud'],
  [/^sync\.com$/i, 'Sync.com'],
  [/^synologydrive$/i, 'Synology Drive'],
  [/^tresorit$/i, 'Tresorit'],
  [/^yandex\.disk$/i, 'Yandex Disk'],
];

/** The name of the sync service whose folder holds `path` (absolute, any platform), or null. */
export function cloudSyncFolder(path: string): string | null {
  const segments = path.split(/[\\/]/);

  // macOS keeps every File Provider sync root under ~/Library/CloudStorage.
  const cloudStorage = segments.findIndex(
    (segment, index) => segment === 'CloudStorage' && segments[index - 1] === 'Library',
  );
  if (cloudStorage >= 0) {
    const provider = segments[cloudStorage + 1] ?? '';
    const known = SYNC_FOLDERS.find(([pattern]) => pattern.test(provider.split('-')[0] ?? ''));
    return known?.[1] ?? (provider.split('-')[0] || 'a cloud storage provider');
  }

  for (const segment of segments) {
    const known = SYNC_FOLDERS.find(([pattern]) => pattern.test(segment));
    if (known !== undefined) return known[1];
  }

  return null;
}
