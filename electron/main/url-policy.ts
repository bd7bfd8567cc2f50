/**
 * Which URLs the desktop window may show or hand to the system browser. Pure
 * functions, so that the policy is tested (and fuzzed) without Electron.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for the app's own pages (`app://app/...`). */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }

  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * Sites the app links to for reading (the PCI SSC document library). Anything
 * else, and every scheme but https, stays closed: no file:, smb:, UNC paths,
 * javascript: or look-alike hosts.
 */
const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'www.pcisecuritystandards.org',
  'docs-prv.pcisecuritystandards.org',
]);

export function isAllowedExternalUrl(raw: string): boolean {
  if (raw.length > 2048 || hasControlOrSpace(raw)) return false;

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }

  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOSTS.has(url.hostname) &&
    url.href.startsWith(`https://${url.hostname}/`)
  );
}

function hasControlOrSpace(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || char === '\\') return true;
  }

  return false;
}
