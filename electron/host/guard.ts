import { timingSafeEqual } from 'node:crypto';

/**
 * Browser mode's gatekeeper, as a pure function so that every rule has a
 * table test. The server binds to 127.0.0.1 only; these checks stop the other
 * ways in: a web page in the same browser (Origin, Sec-Fetch-Site), DNS
 * rebinding (Host) and any local process that does not hold the per-launch
 * token (Authorization).
 */

export type RouteKind = 'static' | 'api' | 'upload';

export interface GuardRequest {
  readonly method: string;
  readonly kind: RouteKind;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface GuardPolicy {
  readonly port: number;
  readonly token: string;
  /** Largest body accepted on API routes (JSON). */
  readonly maxApiBodyBytes: number;
  /** Largest body accepted on the upload route (evidence files). */
  readonly maxUploadBytes: number;
}

export type GuardDecision =
  | { readonly allow: true }
  | { readonly allow: false; readonly status: number; readonly reason: string };

const ALLOWED_METHODS: Record<RouteKind, readonly string[]> = {
  static: ['GET', 'HEAD'],
  api: ['GET', 'POST'],
  upload: ['POST'],
};

export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${String(port)}`, `localhost:${String(port)}`];
}

export function allowedOrigins(port: number): readonly string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

function deny(status: number, reason: string): GuardDecision {
  return { allow: false, status, reason };
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);

  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(authorization ?? '');

  return match?.[1];
}

export function checkRequest(request: GuardRequest, policy: GuardPolicy): GuardDecision {
  const { headers } = request;

  // DNS rebinding: a foreign name that resolves to 127.0.0.1 still carries its own Host.
  const host = headers['host']?.toLowerCase();
  if (host === undefined || !allowedHosts(policy.port).includes(host)) {
    return deny(421, 'Host is not this app');
  }

  // An absent Origin is allowed: browsers send Origin on every cross-origin
  // request and on every POST, so its absence means a same-origin navigation
  // or a local non-browser client, which must still hold the token for the API.
  const origin = headers['origin'];
  if (origin !== undefined && !allowedOrigins(policy.port).includes(origin.toLowerCase())) {
    return deny(403, 'Origin is not this app');
  }

  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') return deny(403, 'Cross-site request');
  if (fetchSite === 'same-site' && request.kind !== 'static')
    return deny(403, 'Request from another site');

  if (!ALLOWED_METHODS[request.kind].includes(request.method))
    return deny(405, 'Method not allowed');

  if (request.kind !== 'static') {
    const token = bearerToken(headers['authorization']);
    if (token === undefined || !tokensEqual(token, policy.token))
      return deny(401, 'Missing or wrong token');
  }

  const limit = request.kind === 'upload' ? policy.maxUploadBytes : policy.maxApiBodyBytes;
  const declared = headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return deny(400, 'Bad Content-Length');
    if (length > limit) return deny(413, 'Body too large');
  }

  return { allow: true };
}
