/**
 * The one Content Security Policy of the page, in the desktop window and in
 * browser mode alike. Styles are allowed by a per-load nonce (Mantine puts it
 * on the style tags it injects), not by a blanket 'unsafe-inline'. Nothing
 * may be loaded from anywhere but the app itself.
 */
export function contentSecurityPolicy(styleNonce: string): string {
  return [...policyDirectives(styleNonce), "frame-ancestors 'none'"].join('; ');
}

/**
 * The same policy for a `<meta>` tag in index.html, which browsers enforce
 * too (a second line of defence wherever the page is served). It lacks
 * frame-ancestors, which only works as a header.
 */
export function metaContentSecurityPolicy(styleNonce: string): string {
  return policyDirectives(styleNonce).join('; ');
}

function policyDirectives(styleNonce: string): string[] {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "media-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}

/** Headers that go with every response of the app's own pages and API. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/** The placeholder in index.html that the server replaces with each load's nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';
