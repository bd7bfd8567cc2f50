import { TOKEN_KEY } from './http-transport';

/**
 * Browser mode: fetches an exported report with this launch's token and
 * hands it to the browser as a download. (The route serves it as an
 * attachment with a sandboxing CSP, so it never opens inside the app.)
 */
export async function downloadExport(fileName: string): Promise<boolean> {
  const token = window.sessionStorage.getItem(TOKEN_KEY);
  if (token === null) return false;

  const response = await fetch(`/api/exports/${encodeURIComponent(fileName)}`, {
    headers: { Authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  if (!response.ok) return false;

  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);

  return true;
}
